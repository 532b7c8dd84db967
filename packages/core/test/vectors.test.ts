import { pbkdf2Sync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeVectors, renderVectors, type VectorCase, type VectorFile } from '../scripts/make-vectors.js';
import {
  decodePayload,
  decryptBytes,
  deriveAccess,
  encodePayload,
  encryptBytes,
  fromBase64Url,
  openSecret,
  parseSecretLink,
  sealSecretWith,
  toBase64Url,
  utf8Encode,
  validateKdfParams,
} from '../src/index.js';
import { b, expand, extract, oracleDecrypt, oracleEncrypt, sha, u } from './protocol-oracle.js';

const VECTORS_PATH = new URL('../vectors/v1.json', import.meta.url);

if (process.env.BURNLINK_WRITE_VECTORS === '1') {
  const text = renderVectors(await makeVectors());
  writeFileSync(VECTORS_PATH, text);
  console.log(`wrote ${VECTORS_PATH.pathname}`);
}

const file = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as VectorFile;

function oracle(c: VectorCase) {
  const { inputs } = c;
  const K = b(inputs.link_key);
  const P =
    inputs.kdf === null
      ? null
      : pbkdf2Sync(
          Buffer.from(inputs.passphrase!.normalize('NFC'), 'utf8'),
          b(inputs.kdf.salt),
          inputs.kdf.iterations,
          32,
          'sha256',
        );
  const label = Buffer.from('burnlink/v1', 'utf8');
  const M = extract(label, P === null ? K : Buffer.concat([K, P]));
  const M0 = extract(label, K);
  const Kc = expand(M, 'content', 32);
  const T = expand(M, 'access', 32);
  const L = expand(M0, 'link', 32);
  const stream = oracleEncrypt(
    Buffer.from(inputs.payload, 'utf8'),
    Kc,
    b(inputs.header_salt),
    inputs.record_size,
  );
  return { P, M, M0, Kc, T, V: sha(T), L, linkVerifier: sha(L), ...stream };
}

describe('protocol v1 known-answer vectors (vectors/v1.json)', () => {
  it('the committed file holds exactly what scripts/make-vectors.ts generates', async () => {
    // Compared as data: Biome formats the committed file.
    expect(file).toEqual(await makeVectors());
  });

  it('covers the cases the protocol promises', () => {
    const names = file.cases.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'no-passphrase',
        'passphrase-600000',
        'passphrase-nfc-composed',
        'passphrase-nfc-decomposed',
        'empty-text',
        'multi-record',
        'context-and-files',
      ]),
    );
    expect(file.cases.some((c) => c.inputs.kdf?.iterations === 600_000)).toBe(true);
    const multi = file.cases.find((c) => c.name === 'multi-record')!;
    expect(b(multi.outputs.content).length).toBeGreaterThan(3 * multi.inputs.record_size);
  });

  it('composed and decomposed passphrases differ as strings but derive identical keys and content', () => {
    const composed = file.cases.find((c) => c.name === 'passphrase-nfc-composed')!;
    const decomposed = file.cases.find((c) => c.name === 'passphrase-nfc-decomposed')!;
    expect(composed.inputs.passphrase).not.toBe(decomposed.inputs.passphrase);
    expect(composed.inputs.passphrase).toBe(decomposed.inputs.passphrase!.normalize('NFC'));
    expect(decomposed.outputs.P).toBe(composed.outputs.P);
    expect(decomposed.outputs.content).toBe(composed.outputs.content);
  });

  for (const c of file.cases) {
    describe(c.name, () => {
      it('the independent node:crypto oracle recomputes every output from the inputs', () => {
        const o = oracle(c);
        const out = c.outputs;
        expect(out.P).toBe(o.P === null ? null : u(o.P));
        expect(out.M).toBe(u(o.M));
        expect(out.M0).toBe(u(o.M0));
        expect(out.Kc).toBe(u(o.Kc));
        expect(out.T).toBe(u(o.T));
        expect(out.V).toBe(u(o.V));
        expect(out.L).toBe(u(o.L));
        expect(out.link_verifier).toBe(u(o.linkVerifier));
        expect(out.cek).toBe(u(o.cek));
        expect(out.base_nonce).toBe(u(o.nonce));
        expect(out.content).toBe(u(o.content));
        const files = c.inputs.files ?? [];
        expect(files.length).toBe(JSON.parse(c.inputs.payload).files?.length ?? 0);
        expect(out.files ?? []).toEqual(
          files.map((f) => u(oracleEncrypt(b(f.data), o.Kc, b(f.header_salt), c.inputs.record_size).content)),
        );
        expect(oracleDecrypt(b(out.content), o.Kc).toString('utf8')).toBe(c.inputs.payload);
        expect(out.link).toBe(`${c.inputs.origin}/s/${c.inputs.id}#${c.inputs.link_key}`);
        expect(out.create_body).toEqual(
          c.inputs.kdf === null
            ? { verifier: out.V, kdf: null, content: out.content }
            : { verifier: out.V, link_verifier: out.link_verifier, kdf: c.inputs.kdf, content: out.content },
        );
        expect(out.claim_body).toEqual(
          c.inputs.kdf === null ? { token: out.T } : { token: out.T, link_token: out.L },
        );
      });

      it('our implementation reproduces the vector (sender and recipient side)', async () => {
        const { inputs, outputs } = c;
        // The payload JSON is our canonical encoding of the parsed payload.
        const payload = decodePayload(utf8Encode(inputs.payload));
        expect(new TextDecoder().decode(encodePayload(payload))).toBe(inputs.payload);
        const sealed = await sealSecretWith(payload, {
          linkKey: fromBase64Url(inputs.link_key),
          ...(inputs.kdf === null
            ? {}
            : { passphrase: inputs.passphrase!, kdf: validateKdfParams(inputs.kdf) }),
          contentSalt: fromBase64Url(inputs.header_salt),
          recordSize: inputs.record_size,
        });
        expect(toBase64Url(sealed.content)).toBe(outputs.content);
        expect(sealed.verifier).toBe(outputs.V);
        expect(sealed.linkVerifier).toBe(inputs.kdf === null ? null : outputs.link_verifier);
        expect(toBase64Url(sealed.contentKey)).toBe(outputs.Kc);

        const link = parseSecretLink(outputs.link);
        expect(link.id).toBe(inputs.id);
        const access = await deriveAccess(link.key, inputs.kdf, inputs.passphrase ?? undefined);
        expect(access.token).toBe(outputs.T);
        expect(access.linkToken).toBe(inputs.kdf === null ? null : outputs.L);
        expect(await openSecret(fromBase64Url(outputs.content), access.contentKey)).toEqual(payload);
        for (const [index, file] of (inputs.files ?? []).entries()) {
          const stream = await encryptBytes(fromBase64Url(file.data), access.contentKey, {
            salt: fromBase64Url(file.header_salt),
            recordSize: inputs.record_size,
          });
          expect(toBase64Url(stream)).toBe(outputs.files![index]);
          const plain = await decryptBytes(fromBase64Url(outputs.files![index]!), access.contentKey);
          expect(toBase64Url(plain)).toBe(file.data);
          expect(plain.length).toBe(payload.files![index]!.size);
        }
      });
    });
  }
});
