import { pbkdf2Sync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  makeRequestVectors,
  type RequestVectorCase,
  type RequestVectorFile,
} from '../scripts/make-request-vectors.js';
import {
  decryptBytes,
  deriveAccess,
  encryptBytes,
  fromBase64Url,
  openSecret,
  toBase64Url,
  validateKdfParams,
  validatePayload,
} from '../src/index.js';
import {
  deriveInboxAccess,
  deriveRespondAccess,
  openRequestDescription,
  openResponseKey,
  parseInboxLink,
  parseRequestLink,
  REQUEST_HPKE_INFO,
  sealRequestWith,
  sealResponseWith,
} from '../src/requests.js';
import { b, expand, extract, oracleDecrypt, oracleEncrypt, sha, u } from './protocol-oracle.js';
import { oracleDeriveKeyPair, oracleOpen, oracleSeal } from './rfc9180-oracle.js';

const VECTORS_PATH = new URL('../vectors/requests-v1.json', import.meta.url);

if (process.env.BURNLINK_WRITE_VECTORS === '1') {
  writeFileSync(VECTORS_PATH, `${JSON.stringify(await makeRequestVectors(), null, 2)}\n`);
  console.log(`wrote ${VECTORS_PATH.pathname}`);
}

const file = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as RequestVectorFile;
const label = Buffer.from('burnlink/v1', 'utf8');

/** Recomputes a case with node:crypto only: protocol v1 (protocol-oracle.ts) and RFC 9180 (rfc9180-oracle.ts). */
function oracle(c: RequestVectorCase) {
  const { inputs } = c;
  const { response } = inputs;
  const Q = b(inputs.request_key);
  const S = b(inputs.inbox_key);
  const MQ = extract(label, Q);
  const respondToken = expand(MQ, 'access', 32);
  const description = oracleEncrypt(
    Buffer.from(JSON.stringify({ v: 1, text: inputs.description }), 'utf8'),
    expand(MQ, 'content', 32),
    b(inputs.description_salt),
    inputs.record_size,
  ).content;
  const inboxToken = expand(extract(label, S), 'inbox', 32);
  const pair = oracleDeriveKeyPair(S);

  const K = b(response.link_key);
  const P =
    response.kdf === null
      ? null
      : pbkdf2Sync(
          Buffer.from(response.passphrase!.normalize('NFC'), 'utf8'),
          b(response.kdf.salt),
          response.kdf.iterations,
          32,
          'sha256',
        );
  const M = extract(label, P === null ? K : Buffer.concat([K, P]));
  const Kc = expand(M, 'content', 32);
  const T = expand(M, 'access', 32);
  const L = expand(extract(label, K), 'link', 32);
  const content = oracleEncrypt(
    Buffer.from(response.payload, 'utf8'),
    Kc,
    b(response.header_salt),
    inputs.record_size,
  );
  const sealed = oracleSeal(
    pair.pk,
    Buffer.from(REQUEST_HPKE_INFO, 'utf8'),
    Buffer.from(inputs.id, 'utf8'),
    K,
    b(response.ephemeral_key_material),
  );
  const files = (response.files ?? []).map(
    (f) => oracleEncrypt(b(f.data), Kc, b(f.header_salt), inputs.record_size).content,
  );
  return { respondToken, description, inboxToken, pair, Kc, T, L, content, sealed, files };
}

describe('request known-answer vectors (vectors/requests-v1.json)', () => {
  it('the committed file holds exactly what scripts/make-request-vectors.ts generates', async () => {
    expect(file).toEqual(await makeRequestVectors());
  });

  it('covers a text response and a response with passphrase and files', () => {
    expect(file.cases.map((c) => c.name)).toEqual(['request-text', 'request-passphrase-files']);
    expect(
      file.cases.some((c) => c.inputs.response.kdf !== null && (c.inputs.response.files ?? []).length > 0),
    ).toBe(true);
  });

  for (const c of file.cases) {
    describe(c.name, () => {
      it('the independent node:crypto oracle recomputes every output from the inputs', () => {
        const o = oracle(c);
        const { inputs, outputs } = c;
        expect(outputs.private_key).toBe(u(o.pair.sk));
        expect(outputs.public_key).toBe(u(o.pair.pk));
        expect(outputs.description).toBe(u(o.description));
        expect(outputs.respond_token).toBe(u(o.respondToken));
        expect(outputs.respond_verifier).toBe(u(sha(o.respondToken)));
        expect(outputs.inbox_token).toBe(u(o.inboxToken));
        expect(outputs.inbox_verifier).toBe(u(sha(o.inboxToken)));
        expect(outputs.enc).toBe(u(o.sealed.enc));
        expect(outputs.sealed_key).toBe(u(Buffer.concat([o.sealed.enc, o.sealed.ct])));
        expect(b(outputs.sealed_key).length).toBe(80);
        expect(
          oracleOpen(
            o.pair.sk,
            o.sealed.enc,
            Buffer.from(REQUEST_HPKE_INFO, 'utf8'),
            Buffer.from(inputs.id, 'utf8'),
            o.sealed.ct,
          ),
        ).toEqual(b(inputs.response.link_key));
        expect(outputs.T).toBe(u(o.T));
        expect(outputs.V).toBe(u(sha(o.T)));
        expect(outputs.content).toBe(u(o.content.content));
        expect(oracleDecrypt(b(outputs.content), o.Kc).toString('utf8')).toBe(inputs.response.payload);
        expect(outputs.files ?? []).toEqual(o.files.map(u));
        expect(outputs.request_link).toBe(`${inputs.origin}/q/${inputs.id}#${inputs.request_key}`);
        expect(outputs.inbox_link).toBe(`${inputs.origin}/i/${inputs.id}#${inputs.inbox_key}`);
        expect(outputs.receipt_link).toBe(`${inputs.origin}/rq/${inputs.receipt}`);
        expect(outputs.create_body).toEqual({
          public_key: outputs.public_key,
          description: outputs.description,
          respond_verifier: outputs.respond_verifier,
          inbox_verifier: outputs.inbox_verifier,
        });
        const kdf = inputs.response.kdf;
        expect(outputs.respond_body).toEqual({
          token: outputs.respond_token,
          sealed_key: outputs.sealed_key,
          verifier: outputs.V,
          ...(kdf === null ? {} : { link_verifier: u(sha(o.L)) }),
          kdf,
          content: outputs.content,
          ...(o.files.length === 0 ? {} : { files: o.files.map((f) => ({ size: f.length })) }),
        });
        expect(outputs.inbox_body).toEqual({ inbox_token: outputs.inbox_token });
        expect(outputs.claim_body).toEqual(
          kdf === null ? { token: outputs.T } : { token: outputs.T, link_token: u(o.L) },
        );
      });

      it('our implementation reproduces the vector (requester, responder and inbox side)', async () => {
        const { inputs, outputs } = c;
        const { response } = inputs;
        const request = await sealRequestWith(inputs.description, {
          requestKey: fromBase64Url(inputs.request_key),
          inboxKey: fromBase64Url(inputs.inbox_key),
          descriptionSalt: fromBase64Url(inputs.description_salt),
          recordSize: inputs.record_size,
        });
        expect({
          public_key: request.publicKey,
          description: request.description,
          respond_verifier: request.respondVerifier,
          inbox_verifier: request.inboxVerifier,
        }).toEqual(outputs.create_body);

        // The responder: from the request link alone.
        const requestLink = parseRequestLink(outputs.request_link);
        expect(requestLink.id).toBe(inputs.id);
        expect(await openRequestDescription(fromBase64Url(outputs.description), requestLink.key)).toBe(
          inputs.description,
        );
        expect((await deriveRespondAccess(requestLink.key)).respondToken).toBe(outputs.respond_token);
        const payload = validatePayload(JSON.parse(response.payload));
        const sealed = await sealResponseWith(inputs.id, fromBase64Url(outputs.public_key), payload, {
          linkKey: fromBase64Url(response.link_key),
          ...(response.kdf === null
            ? {}
            : { passphrase: response.passphrase!, kdf: validateKdfParams(response.kdf) }),
          contentSalt: fromBase64Url(response.header_salt),
          recordSize: inputs.record_size,
          ephemeralKeyMaterial: fromBase64Url(response.ephemeral_key_material),
        });
        expect(sealed.sealedKey).toBe(outputs.sealed_key);
        expect(sealed.verifier).toBe(outputs.V);
        expect(toBase64Url(sealed.content)).toBe(outputs.content);

        // The requester: from the inbox link alone.
        const inboxLink = parseInboxLink(outputs.inbox_link);
        expect((await deriveInboxAccess(inboxLink.key)).inboxToken).toBe(outputs.inbox_token);
        const k = await openResponseKey(inboxLink.key, inboxLink.id, fromBase64Url(outputs.sealed_key));
        expect(toBase64Url(k)).toBe(response.link_key);
        const access = await deriveAccess(k, response.kdf, response.passphrase ?? undefined);
        expect(access.token).toBe(outputs.claim_body.token);
        expect(access.linkToken ?? undefined).toBe(outputs.claim_body.link_token);
        expect(await openSecret(fromBase64Url(outputs.content), access.contentKey)).toEqual(payload);
        for (const [index, f] of (response.files ?? []).entries()) {
          const stream = await encryptBytes(fromBase64Url(f.data), access.contentKey, {
            salt: fromBase64Url(f.header_salt),
            recordSize: inputs.record_size,
          });
          expect(toBase64Url(stream)).toBe(outputs.files![index]);
          expect(toBase64Url(await decryptBytes(stream, access.contentKey))).toBe(f.data);
        }
      });
    });
  }
});
