import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
} from 'node:crypto';

// An independent RFC 9180 (HPKE) base mode for DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-GCM, written from
// the RFC with node:crypto only (no code shared with src/ or @hpke/core). Tests use it as the oracle that
// @hpke/core and our request protocol must agree with, both ways. Single-shot Seal/Open: sequence number 0.

const KEM_ID = 0x0020;
const KDF_ID = 0x0001;
/** AES-128-GCM (RFC 9180 Appendix A.1) or AES-256-GCM (burnlink). */
export type OracleAead = 'aes-128-gcm' | 'aes-256-gcm';
const AEAD: Record<OracleAead, { id: number; nk: number }> = {
  'aes-128-gcm': { id: 0x0001, nk: 16 },
  'aes-256-gcm': { id: 0x0002, nk: 32 },
};

const i2osp = (value: number, length: number) => {
  const out = Buffer.alloc(length);
  out.writeUIntBE(value, 0, length);
  return out;
};
const text = (s: string) => Buffer.from(s, 'utf8');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

function expand(prk: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; blocks.length * 32 < length; i++) {
    previous = hmac(prk, Buffer.concat([previous, info, Buffer.from([i])]));
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

// §4: LabeledExtract / LabeledExpand with "HPKE-v1" and the suite id of the KEM or of the whole suite.
const labeledExtract = (suiteId: Buffer, salt: Buffer, label: string, ikm: Buffer) =>
  hmac(salt, Buffer.concat([text('HPKE-v1'), suiteId, text(label), ikm]));
const labeledExpand = (suiteId: Buffer, prk: Buffer, label: string, info: Buffer, length: number) =>
  expand(prk, Buffer.concat([i2osp(length, 2), text('HPKE-v1'), suiteId, text(label), info]), length);

const KEM_SUITE = Buffer.concat([text('KEM'), i2osp(KEM_ID, 2)]);
const EMPTY = Buffer.alloc(0);

// X25519 keys from raw bytes through their DER wrappers (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const privateKey = (sk: Buffer) =>
  createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, sk]), format: 'der', type: 'pkcs8' });
const publicKey = (pk: Buffer) =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pk]), format: 'der', type: 'spki' });
const publicOf = (sk: Buffer) =>
  createPublicKey(privateKey(sk)).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
const dh = (sk: Buffer, pk: Buffer) =>
  diffieHellman({ privateKey: privateKey(sk), publicKey: publicKey(pk) });

/** §7.1.3 DeriveKeyPair for X25519: `sk = LabeledExpand(LabeledExtract("", "dkp_prk", ikm), "sk", "", 32)`. */
export function oracleDeriveKeyPair(ikm: Buffer): { sk: Buffer; pk: Buffer } {
  const prk = labeledExtract(KEM_SUITE, EMPTY, 'dkp_prk', ikm);
  const sk = labeledExpand(KEM_SUITE, prk, 'sk', EMPTY, 32);
  return { sk, pk: publicOf(sk) };
}

/** §4.1 ExtractAndExpand of the DH result with kem_context = enc || pkRm. */
function sharedSecret(dhResult: Buffer, enc: Buffer, pkR: Buffer): Buffer {
  const prk = labeledExtract(KEM_SUITE, EMPTY, 'eae_prk', dhResult);
  return labeledExpand(KEM_SUITE, prk, 'shared_secret', Buffer.concat([enc, pkR]), 32);
}

/** §5.1 KeySchedule in mode_base (no PSK). */
export function oracleKeySchedule(shared: Buffer, info: Buffer, aead: OracleAead) {
  const suiteId = Buffer.concat([text('HPKE'), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD[aead].id, 2)]);
  const pskIdHash = labeledExtract(suiteId, EMPTY, 'psk_id_hash', EMPTY);
  const infoHash = labeledExtract(suiteId, EMPTY, 'info_hash', info);
  const context = Buffer.concat([Buffer.from([0x00]), pskIdHash, infoHash]);
  const secret = labeledExtract(suiteId, shared, 'secret', EMPTY);
  return {
    keyScheduleContext: context,
    secret,
    key: labeledExpand(suiteId, secret, 'key', context, AEAD[aead].nk),
    baseNonce: labeledExpand(suiteId, secret, 'base_nonce', context, 12),
  };
}

/** Single-shot SealBase with the ephemeral key pair derived from `ikmE` (as the RFC's vectors do). */
export function oracleSeal(
  pkR: Buffer,
  info: Buffer,
  aad: Buffer,
  pt: Buffer,
  ikmE: Buffer,
  aead: OracleAead = 'aes-256-gcm',
) {
  const ephemeral = oracleDeriveKeyPair(ikmE);
  const enc = ephemeral.pk;
  const shared = sharedSecret(dh(ephemeral.sk, pkR), enc, pkR);
  const schedule = oracleKeySchedule(shared, info, aead);
  const cipher = createCipheriv(aead, schedule.key, schedule.baseNonce);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(pt), cipher.final(), cipher.getAuthTag()]);
  return { enc, sharedSecret: shared, ...schedule, ct };
}

/** Single-shot OpenBase; throws when the tag does not verify. */
export function oracleOpen(
  skR: Buffer,
  enc: Buffer,
  info: Buffer,
  aad: Buffer,
  ct: Buffer,
  aead: OracleAead = 'aes-256-gcm',
): Buffer {
  const pkR = publicOf(skR);
  const schedule = oracleKeySchedule(sharedSecret(dh(skR, enc), enc, pkR), info, aead);
  const decipher = createDecipheriv(aead, schedule.key, schedule.baseNonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(ct.subarray(ct.length - 16));
  return Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
}
