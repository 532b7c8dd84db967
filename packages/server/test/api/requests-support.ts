import { createHash, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import {
  deriveAccess,
  deriveKeys,
  encryptBytes,
  type FileMeta,
  fromBase64Url,
  KDF_MIN_ITERATIONS,
  type KdfParams,
  openSecret,
  sealSecret,
  sealSecretWith,
  toBase64Url,
} from '@burnlink/core';
import type { FastifyInstance } from 'fastify';
import { patch } from './file-support.js';

/**
 * What the clients of docs/encryption.md "Requests" do, against `app.inject`, with core's real protocol v1
 * steps: the requester draws Q and S, encrypts the description under Q, derives the respond token from Q and
 * the inbox token from S; the responder encrypts a secret under a fresh K. The HPKE seal of K is the client's
 * business (the server never opens it): `sealed_key` here is 80 random bytes, and the public key a real X25519
 * key of the test's own making.
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** I = HKDF-Expand(HKDF-Extract("burnlink/v1", S), "inbox", 32), as b64u. */
export const inboxTokenOf = (inboxKey: Uint8Array) =>
  Buffer.from(hkdfSync('sha256', inboxKey, 'burnlink/v1', 'inbox', 32)).toString('base64url');

export interface MadeRequest {
  id: string;
  receipt: string;
  expiresAt: string;
  /** The request key Q (the request link's fragment) and the inbox key S (the inbox link's). */
  requestKey: Uint8Array;
  inboxKey: Uint8Array;
  respondToken: string;
  inboxToken: string;
  description: string;
}

/** The create body of a request and the secrets behind it (nothing sent yet). */
export async function requestBody(description = 'the prod DB password, please') {
  const requestKey = new Uint8Array(randomBytes(32));
  const inboxKey = new Uint8Array(randomBytes(32));
  const sealed = await sealSecretWith(
    { v: 1, text: description },
    { linkKey: requestKey, contentSalt: new Uint8Array(randomBytes(16)) },
  );
  const respondToken = (await deriveAccess(requestKey, null)).token;
  const inboxToken = inboxTokenOf(inboxKey);
  const publicKey = generateKeyPairSync('x25519')
    .publicKey.export({ format: 'der', type: 'spki' })
    .subarray(-32);
  return {
    body: {
      public_key: toBase64Url(publicKey),
      description: toBase64Url(sealed.content),
      respond_verifier: sealed.verifier,
      inbox_verifier: toBase64Url(sha256(fromBase64Url(inboxToken))),
    },
    requestKey,
    inboxKey,
    respondToken,
    inboxToken,
    description,
  };
}

/** Creates a request (as `headers`, anonymous by default); throws unless 201. */
export async function makeRequest(
  app: FastifyInstance,
  options: {
    ttl?: number;
    response_ttl?: number;
    headers?: Record<string, string>;
    description?: string;
  } = {},
): Promise<MadeRequest> {
  const made = await requestBody(options.description);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: options.headers ?? {},
    payload: {
      ...made.body,
      ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
      ...(options.response_ttl === undefined ? {} : { response_ttl: options.response_ttl }),
    },
  });
  if (res.statusCode !== 201) throw new Error(`create request answered ${res.statusCode}: ${res.body}`);
  const { id, receipt, expires_at } = res.json() as { id: string; receipt: string; expires_at: string };
  const { requestKey, inboxKey, respondToken, inboxToken, description } = made;
  return { id, receipt, expiresAt: expires_at, requestKey, inboxKey, respondToken, inboxToken, description };
}

/** The responder opens the request link: the public part, and the description decrypted with Q. */
export async function openRequest(app: FastifyInstance, request: MadeRequest) {
  const res = await app.inject({ url: `/api/v1/requests/${request.id}` });
  if (res.statusCode !== 200) return { res, description: null };
  const { contentKey } = await deriveKeys(request.requestKey, null);
  const payload = await openSecret(fromBase64Url(res.json().description), contentKey);
  return { res, description: payload.text };
}

export interface Response {
  linkKey: Uint8Array;
  kdf: KdfParams | null;
  sealedKey: string;
  body: Record<string, unknown>;
  ciphertexts: Uint8Array[];
  plaintexts: Uint8Array[];
}

/** The responder's client-encrypted secret (text and/or files, optional passphrase) and the sealed key. */
export async function responseBody(
  token: string,
  input: { text?: string; passphrase?: string; files?: (number | Uint8Array)[] } = {},
): Promise<Response> {
  // A size draws random bytes; given bytes are sent as they are.
  const plaintexts = (input.files ?? []).map((f) =>
    typeof f === 'number' ? new Uint8Array(randomBytes(f)) : f,
  );
  const files: FileMeta[] = plaintexts.map((p, i) => ({
    name: `file-${i}.bin`,
    type: 'application/octet-stream',
    size: p.length,
  }));
  const sealed = await sealSecret(
    { v: 1, text: input.text ?? '', ...(files.length > 0 ? { files } : {}) },
    input.passphrase ? { passphrase: input.passphrase, iterations: KDF_MIN_ITERATIONS } : {},
  );
  const ciphertexts = await Promise.all(plaintexts.map((p) => encryptBytes(p, sealed.contentKey)));
  const sealedKey = randomBytes(80).toString('base64url');
  return {
    linkKey: sealed.linkKey,
    kdf: sealed.kdf,
    sealedKey,
    ciphertexts,
    plaintexts,
    body: {
      token,
      sealed_key: sealedKey,
      verifier: sealed.verifier,
      ...(sealed.linkVerifier ? { link_verifier: sealed.linkVerifier } : {}),
      kdf: sealed.kdf,
      content: toBase64Url(sealed.content),
      ...(ciphertexts.length > 0 ? { files: ciphertexts.map((c) => ({ size: c.length })) } : {}),
    },
  };
}

export function postRespond(app: FastifyInstance, id: string, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `/api/v1/requests/${id}/respond`, payload: body });
}

/** Responds (and uploads the files); throws unless every step succeeds. */
export async function respond(
  app: FastifyInstance,
  request: MadeRequest,
  input: { text?: string; passphrase?: string; files?: number[] } = { text: 'hunter2' },
) {
  const response = await responseBody(request.respondToken, input);
  const res = await postRespond(app, request.id, response.body);
  if (res.statusCode !== 201) throw new Error(`respond answered ${res.statusCode}: ${res.body}`);
  const uploads = (res.json().uploads ?? []) as { url: string; size: number }[];
  for (const [i, upload] of uploads.entries()) {
    const put = await patch(app, upload.url, 0, response.ciphertexts[i] as Uint8Array);
    if (put.statusCode !== 204) throw new Error(`PATCH answered ${put.statusCode}: ${put.body}`);
  }
  return { ...response, reply: res.json() as { expires_at: string; uploads?: unknown[] } };
}

export function inbox(app: FastifyInstance, request: MadeRequest, token = request.inboxToken) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/requests/${request.id}/inbox`,
    payload: { inbox_token: token },
  });
}
