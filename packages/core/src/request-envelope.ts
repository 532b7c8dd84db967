import { HKDF_SALT_LABEL } from './constants.js';
import { randomBytes, toBase64Url } from './encoding.js';
import { PayloadError } from './errors.js';
import { hkdfExpand, hkdfExtract, sha256 } from './hkdf.js';
import { deriveKeys } from './keys.js';
import { decodePayload, encodePayload, type SecretPayload } from './payload-codec.js';
import { INBOX_TOKEN_INFO, REQUEST_KEY_BYTES } from './request-constants.js';
import { deriveInboxKeyPair, sealResponseKey } from './request-hpke.js';
import {
  type SealedSecret,
  type SealInputs,
  type SealOptions,
  sealSecret,
  sealSecretWith,
} from './secret-envelope.js';
import { decryptBytes, encryptBytes } from './stream-aead.js';

// Request a secret (docs/encryption.md "Requests"). The requester holds two keys: the request key Q, handed to
// the responder in the request link, and the inbox key S, kept in the inbox link. Q proves the right to answer
// once and decrypts the description; S derives the HPKE key pair the response key K is sealed to, and the
// inbox token. Neither key, nor K, ever reaches the server.

/** The requester's two keys: `Q` for `/q/{id}#…` and `S` for `/i/{id}#…`. */
export interface RequestKeys {
  requestKey: Uint8Array<ArrayBuffer>;
  inboxKey: Uint8Array<ArrayBuffer>;
}

/** What the requester's client sends to create a request (the create body's fields, b64u), and its keys. */
export interface SealedRequest extends RequestKeys {
  /** b64u(pkR), the body's `public_key`. */
  publicKey: string;
  /** b64u of payload stream 0 `{"v":1,"text":description}` under Q's content key: `description`. */
  description: string;
  /** b64u(SHA-256(respond token)): `respond_verifier`. */
  respondVerifier: string;
  /** b64u(SHA-256(inbox token)): `inbox_verifier`. */
  inboxVerifier: string;
}

/** Every random input of {@link sealRequest}, given explicitly (for vectors and tests). */
export interface RequestSealInputs {
  requestKey: Uint8Array;
  inboxKey: Uint8Array;
  /** 16-byte RFC 8188 header salt of the description stream. */
  descriptionSalt: Uint8Array;
  /** Default 65536. */
  recordSize?: number;
}

/**
 * Draws a fresh request key `Q` and inbox key `S` (32 random bytes each).
 *
 * @example
 * ```ts
 * const { requestKey, inboxKey } = generateRequestKeys();
 * ```
 */
export function generateRequestKeys(): RequestKeys {
  return { requestKey: randomBytes(REQUEST_KEY_BYTES), inboxKey: randomBytes(REQUEST_KEY_BYTES) };
}

function checkKey(key: Uint8Array, what: string): void {
  if (!(key instanceof Uint8Array) || key.length !== REQUEST_KEY_BYTES) {
    throw new PayloadError(`${what} must be ${REQUEST_KEY_BYTES} bytes`);
  }
}

/**
 * What `Q` gives, by protocol v1 derivation without passphrase (`deriveKeys(Q, null)`): the content key of the
 * description, the respond token (sent with the response) and its verifier (stored by the server).
 *
 * @example
 * ```ts
 * const { respondToken, contentKey } = await deriveRespondAccess(link.key);
 * ```
 */
export async function deriveRespondAccess(
  requestKey: Uint8Array,
): Promise<{ contentKey: Uint8Array<ArrayBuffer>; respondToken: string; respondVerifier: string }> {
  checkKey(requestKey, 'request key');
  const keys = await deriveKeys(requestKey, null);
  return {
    contentKey: keys.contentKey,
    respondToken: toBase64Url(keys.token),
    respondVerifier: toBase64Url(keys.verifier),
  };
}

/**
 * `I = HKDF-Expand(HKDF-Extract("burnlink/v1", S), "inbox", 32)` and `b64u(SHA-256(I))`: the token that opens
 * the inbox (and burns the request), and what the server keeps of it.
 *
 * @example
 * ```ts
 * const { inboxToken } = await deriveInboxAccess(link.key);
 * await post(`/api/v1/requests/${link.id}/inbox`, { inbox_token: inboxToken });
 * ```
 */
export async function deriveInboxAccess(
  inboxKey: Uint8Array,
): Promise<{ inboxToken: string; inboxVerifier: string }> {
  checkKey(inboxKey, 'inbox key');
  const token = await hkdfExpand(await hkdfExtract(HKDF_SALT_LABEL, inboxKey), INBOX_TOKEN_INFO, 32);
  return { inboxToken: toBase64Url(token), inboxVerifier: toBase64Url(await sha256(token)) };
}

/**
 * Seal a request with explicit inputs. Use {@link sealRequest} in applications; this exists for vectors.
 *
 * @example
 * ```ts
 * const sealed = await sealRequestWith('the staging DB password', { requestKey, inboxKey, descriptionSalt });
 * ```
 */
export async function sealRequestWith(
  description: string,
  inputs: RequestSealInputs,
): Promise<SealedRequest> {
  checkKey(inputs.requestKey, 'request key');
  checkKey(inputs.inboxKey, 'inbox key');
  const plaintext = encodePayload({ v: 1, text: description });
  const [respond, inbox, pair] = await Promise.all([
    deriveRespondAccess(inputs.requestKey),
    deriveInboxAccess(inputs.inboxKey),
    deriveInboxKeyPair(inputs.inboxKey),
  ]);
  const content = await encryptBytes(plaintext, respond.contentKey, {
    encoding: 'aes256gcm',
    salt: inputs.descriptionSalt,
    ...(inputs.recordSize === undefined ? {} : { recordSize: inputs.recordSize }),
  });
  return {
    requestKey: new Uint8Array(inputs.requestKey),
    inboxKey: new Uint8Array(inputs.inboxKey),
    publicKey: toBase64Url(pair.publicKey),
    description: toBase64Url(content),
    respondVerifier: respond.respondVerifier,
    inboxVerifier: inbox.inboxVerifier,
  };
}

/**
 * The requester's client side of a request: draw Q and S, derive the key pair and tokens, encrypt the
 * description. Send the result's `publicKey`, `description`, `respondVerifier` and `inboxVerifier`; keep the keys
 * for the links.
 *
 * @example
 * ```ts
 * const sealed = await sealRequest('the staging DB password, please');
 * const { id } = await post('/api/v1/requests', { public_key: sealed.publicKey, description: sealed.description,
 *   respond_verifier: sealed.respondVerifier, inbox_verifier: sealed.inboxVerifier });
 * const requestLink = formatRequestLink(origin, id, sealed.requestKey);
 * const inboxLink = formatInboxLink(origin, id, sealed.inboxKey);
 * ```
 */
export async function sealRequest(description: string): Promise<SealedRequest> {
  return sealRequestWith(description, { ...generateRequestKeys(), descriptionSalt: randomBytes(16) });
}

/**
 * Decrypts a request's description with the request key `Q`. Throws `DecryptError` or `PayloadError`.
 *
 * @example
 * ```ts
 * const text = await openRequestDescription(fromBase64Url(request.description), link.key);
 * ```
 */
export async function openRequestDescription(
  description: Uint8Array,
  requestKey: Uint8Array,
): Promise<string> {
  const { contentKey } = await deriveRespondAccess(requestKey);
  return decodePayload(await decryptBytes(description, contentKey, { encoding: 'aes256gcm' })).text;
}

/** A response sealed for the requester: the secret as `sealSecret` seals it, and `K` sealed to `pkR`. */
export interface SealedResponse extends SealedSecret {
  /** b64u(enc || SealBase(pkR, "burnlink/v1 request", UTF-8(id), K)), 80 bytes: the body's `sealed_key`. */
  sealedKey: string;
}

/**
 * Seal a response with explicit inputs (`linkKey` is K; `ephemeralKeyMaterial` fixes HPKE's ephemeral key).
 * Use {@link sealResponse} in applications; this exists for vectors.
 *
 * @example
 * ```ts
 * const sealed = await sealResponseWith(id, publicKey, payload, { linkKey, contentSalt, ephemeralKeyMaterial });
 * ```
 */
export async function sealResponseWith(
  id: string,
  publicKey: Uint8Array,
  payload: SecretPayload,
  inputs: SealInputs & { ephemeralKeyMaterial?: Uint8Array },
): Promise<SealedResponse> {
  const { ephemeralKeyMaterial, ...sealInputs } = inputs;
  const sealed = await sealSecretWith(payload, sealInputs);
  const key = await sealResponseKey(publicKey, id, sealed.linkKey, ephemeralKeyMaterial);
  return { ...sealed, sealedKey: toBase64Url(key) };
}

/**
 * The responder's client side: encrypt the response exactly as a client-encrypted secret with a fresh key K
 * (and optional passphrase), then seal K to the request's public key, bound to the request id.
 *
 * @example
 * ```ts
 * const sealed = await sealResponse(id, fromBase64Url(request.public_key), { v: 1, text: 'hunter2' });
 * await post(`/api/v1/requests/${id}/respond`, { token: respondToken, sealed_key: sealed.sealedKey,
 *   verifier: sealed.verifier, kdf: sealed.kdf, content: toBase64Url(sealed.content) });
 * ```
 */
export async function sealResponse(
  id: string,
  publicKey: Uint8Array,
  payload: SecretPayload,
  opts: SealOptions = {},
): Promise<SealedResponse> {
  const sealed = await sealSecret(payload, opts);
  const key = await sealResponseKey(publicKey, id, sealed.linkKey);
  return { ...sealed, sealedKey: toBase64Url(key) };
}
