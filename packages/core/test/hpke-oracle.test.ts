import { randomBytes } from 'node:crypto';
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import { DecryptError, toBase64Url } from '../src/index.js';
import { deriveInboxKeyPair, openResponseKey, REQUEST_HPKE_INFO, sealResponseKey } from '../src/requests.js';
import { oracleDeriveKeyPair, oracleOpen, oracleSeal } from './rfc9180-oracle.js';

// Our HPKE (src/request-hpke.ts on @hpke/core) against the independent node:crypto oracle, and both against the
// published RFC 9180 vector, so that neither can be wrong in the same way as the other.

const hex = (s: string) => Buffer.from(s, 'hex');
const buf = (bytes: Uint8Array | ArrayBuffer) => Buffer.from(new Uint8Array(bytes));

// RFC 9180 Appendix A.1 (A.1.1, base setup): DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM.
const A1 = {
  info: '4f6465206f6e2061204772656369616e2055726e',
  ikmE: '7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234',
  pkEm: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  skEm: '52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736',
  ikmR: '6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037',
  pkRm: '3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d',
  skRm: '4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8',
  enc: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  sharedSecret: 'fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc',
  keyScheduleContext:
    '00725611c9d98c07c03f60095cd32d400d8347d45ed67097bbad50fc56da742d07cb6cffde367bb0565ba28bb02c90744a20f5ef37f30523526106f637abb05449',
  secret: '12fff91991e93b48de37e7daddb52981084bd8aa64289c3788471d9a9712f397',
  key: '4531685d41d65f03dc48f6b8302c05b0',
  baseNonce: '56d890e5accaaf011cff4b7d',
  // Sequence number 0.
  pt: '4265617574792069732074727574682c20747275746820626561757479',
  aad: '436f756e742d30',
  ct: 'f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a',
};

describe('RFC 9180 Appendix A.1 (X25519, HKDF-SHA256, AES-128-GCM, base mode)', () => {
  it('the node:crypto oracle reproduces every published value', () => {
    expect(oracleDeriveKeyPair(hex(A1.ikmE))).toEqual({ sk: hex(A1.skEm), pk: hex(A1.pkEm) });
    expect(oracleDeriveKeyPair(hex(A1.ikmR))).toEqual({ sk: hex(A1.skRm), pk: hex(A1.pkRm) });
    const sealed = oracleSeal(
      hex(A1.pkRm),
      hex(A1.info),
      hex(A1.aad),
      hex(A1.pt),
      hex(A1.ikmE),
      'aes-128-gcm',
    );
    expect(sealed.enc.toString('hex')).toBe(A1.enc);
    expect(sealed.sharedSecret.toString('hex')).toBe(A1.sharedSecret);
    expect(sealed.keyScheduleContext.toString('hex')).toBe(A1.keyScheduleContext);
    expect(sealed.secret.toString('hex')).toBe(A1.secret);
    expect(sealed.key.toString('hex')).toBe(A1.key);
    expect(sealed.baseNonce.toString('hex')).toBe(A1.baseNonce);
    expect(sealed.ct.toString('hex')).toBe(A1.ct);
    expect(
      oracleOpen(hex(A1.skRm), hex(A1.enc), hex(A1.info), hex(A1.aad), hex(A1.ct), 'aes-128-gcm'),
    ).toEqual(hex(A1.pt));
  });

  it('@hpke/core (on this runtime’s WebCrypto X25519) reproduces the published key pair and ciphertext', async () => {
    const suite = new CipherSuite({
      kem: new DhkemX25519HkdfSha256(),
      kdf: new HkdfSha256(),
      aead: new Aes128Gcm(),
    });
    const pair = await suite.kem.deriveKeyPair(new Uint8Array(hex(A1.ikmR)).buffer);
    expect(buf(await suite.kem.serializePublicKey(pair.publicKey)).toString('hex')).toBe(A1.pkRm);
    expect(buf(await suite.kem.serializePrivateKey(pair.privateKey)).toString('hex')).toBe(A1.skRm);
    const { enc, ct } = await suite.seal(
      { recipientPublicKey: pair.publicKey, info: hex(A1.info), ekm: new Uint8Array(hex(A1.ikmE)) },
      hex(A1.pt),
      hex(A1.aad),
    );
    expect(buf(enc).toString('hex')).toBe(A1.enc);
    expect(buf(ct).toString('hex')).toBe(A1.ct);
    const opened = await suite.open(
      { recipientKey: pair.privateKey, enc: new Uint8Array(hex(A1.enc)), info: hex(A1.info) },
      hex(A1.ct),
      hex(A1.aad),
    );
    expect(buf(opened).toString('hex')).toBe(A1.pt);
  });
});

describe('burnlink’s suite (X25519, HKDF-SHA256, AES-256-GCM) against the oracle, both ways', () => {
  const info = Buffer.from(REQUEST_HPKE_INFO, 'utf8');
  const id = toBase64Url(randomBytes(16));
  const aad = Buffer.from(id, 'utf8');

  it('deriveInboxKeyPair is RFC 9180 DeriveKeyPair(S)', async () => {
    for (let i = 0; i < 8; i++) {
      const s = randomBytes(32);
      const ours = await deriveInboxKeyPair(s);
      expect(buf(ours.publicKey)).toEqual(oracleDeriveKeyPair(s).pk);
    }
  });

  it('what sealResponseKey seals, the oracle opens; with fixed ephemeral material it matches byte for byte', async () => {
    const s = randomBytes(32);
    const k = randomBytes(32);
    const ikmE = randomBytes(32);
    const { pk, sk } = oracleDeriveKeyPair(s);
    const sealed = buf(await sealResponseKey(pk, id, k));
    expect(sealed.length).toBe(80);
    expect(oracleOpen(sk, sealed.subarray(0, 32), info, aad, sealed.subarray(32))).toEqual(k);
    const fixed = buf(await sealResponseKey(pk, id, k, ikmE));
    const oracle = oracleSeal(pk, info, aad, k, ikmE);
    expect(fixed).toEqual(Buffer.concat([oracle.enc, oracle.ct]));
  });

  it('what the oracle seals, openResponseKey opens; another id, key or any flipped bit is one DecryptError', async () => {
    const s = randomBytes(32);
    const k = randomBytes(32);
    const { pk } = oracleDeriveKeyPair(s);
    const oracle = oracleSeal(pk, info, aad, k, randomBytes(32));
    const sealed = Buffer.concat([oracle.enc, oracle.ct]);
    expect(buf(await openResponseKey(s, id, sealed))).toEqual(k);
    await expect(openResponseKey(s, toBase64Url(randomBytes(16)), sealed)).rejects.toThrow(DecryptError);
    await expect(openResponseKey(randomBytes(32), id, sealed)).rejects.toThrow(DecryptError);
    await expect(openResponseKey(s, id, sealed.subarray(0, 79))).rejects.toThrow(DecryptError);
    for (const at of [0, 31, 32, 63, 79]) {
      const flipped = Buffer.from(sealed);
      flipped[at]! ^= 1;
      await expect(openResponseKey(s, id, flipped)).rejects.toThrow(DecryptError);
    }
  });
});
