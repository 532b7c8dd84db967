import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { LINK_KEY_BYTES } from './constants.js';
import { concatBytes, utf8Encode } from './encoding.js';
import { DecryptError, PayloadError } from './errors.js';
import { isValidId } from './link-codec.js';
import { REQUEST_HPKE_INFO, REQUEST_KEY_BYTES, SEALED_RESPONSE_KEY_BYTES } from './request-constants.js';

// HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, through @hpke/core on the
// runtime's WebCrypto (X25519: Node ≥ 20, Chromium ≥ 133, Firefox ≥ 130, Safari ≥ 17). This is the one module of
// core with a runtime dependency; it is reached only through the `@burnlink/core/requests` entry, so bundles
// that never handle requests leave it out.

let suite: CipherSuite | undefined;
function hpke(): CipherSuite {
  suite ??= new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });
  return suite;
}

/** The requester's HPKE key pair, derived from the inbox key `S`. */
export interface InboxKeyPair {
  /** `pkR`, 32 bytes: the request's `public_key` (b64u). */
  publicKey: Uint8Array<ArrayBuffer>;
  /** `skR`, non-extractable in spirit: it only ever opens the sealed response key. */
  privateKey: CryptoKey;
}

/**
 * A copy of exactly these bytes as an ArrayBuffer: a view's `.buffer` may hold more (a subarray, or a Node
 * Buffer from the shared pool, whose `slice` is a view too).
 */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

function checkKey(key: Uint8Array, bytes: number, what: string): void {
  if (!(key instanceof Uint8Array) || key.length !== bytes) {
    throw new PayloadError(`${what} must be ${bytes} bytes`);
  }
}

/**
 * `(skR, pkR) = DeriveKeyPair(S)` (RFC 9180 §7.1.3): the same inbox key always gives the same key pair, so
 * the inbox link alone is enough to open the response.
 *
 * @example
 * ```ts
 * const { publicKey } = await deriveInboxKeyPair(inboxKey);
 * body.public_key = toBase64Url(publicKey);
 * ```
 */
export async function deriveInboxKeyPair(inboxKey: Uint8Array): Promise<InboxKeyPair> {
  checkKey(inboxKey, REQUEST_KEY_BYTES, 'inbox key');
  const pair = await hpke().kem.deriveKeyPair(exactBuffer(inboxKey));
  const publicKey = new Uint8Array(await hpke().kem.serializePublicKey(pair.publicKey));
  return { publicKey, privateKey: pair.privateKey };
}

/**
 * `enc || SealBase(pkR, info = "burnlink/v1 request", aad = UTF-8(id), pt = K)`: 80 bytes. `ephemeralKeyMaterial`
 * (32 bytes, RFC 9180's `ikmE`) fixes the ephemeral key for known-answer vectors only; leave it out otherwise.
 *
 * @example
 * ```ts
 * const sealed = await sealResponseKey(fromBase64Url(request.public_key), id, responseKey);
 * ```
 */
export async function sealResponseKey(
  publicKey: Uint8Array,
  id: string,
  responseKey: Uint8Array,
  ephemeralKeyMaterial?: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  checkKey(publicKey, 32, 'public key');
  checkKey(responseKey, LINK_KEY_BYTES, 'response key');
  if (!isValidId(id)) throw new PayloadError('request id must be 22 base64url characters (16 bytes)');
  if (ephemeralKeyMaterial !== undefined) checkKey(ephemeralKeyMaterial, 32, 'ephemeral key material');
  const recipientPublicKey = await hpke().kem.deserializePublicKey(exactBuffer(publicKey));
  const { enc, ct } = await hpke().seal(
    {
      recipientPublicKey,
      info: utf8Encode(REQUEST_HPKE_INFO),
      ...(ephemeralKeyMaterial === undefined ? {} : { ekm: exactBuffer(ephemeralKeyMaterial) }),
    },
    exactBuffer(responseKey),
    utf8Encode(id),
  );
  return concatBytes(new Uint8Array(enc), new Uint8Array(ct));
}

/**
 * Opens a sealed response key with the inbox key: `K = OpenBase(skR, enc, info, aad = UTF-8(id), ct)`.
 * Any failure (wrong inbox key, another request's id, damage, wrong length) is one `DecryptError`.
 *
 * @example
 * ```ts
 * const responseKey = await openResponseKey(inboxKey, id, fromBase64Url(inbox.sealed_key));
 * ```
 */
export async function openResponseKey(
  inboxKey: Uint8Array,
  id: string,
  sealedKey: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!(sealedKey instanceof Uint8Array) || sealedKey.length !== SEALED_RESPONSE_KEY_BYTES) {
    throw new DecryptError();
  }
  const { privateKey } = await deriveInboxKeyPair(inboxKey);
  let plain: ArrayBuffer;
  try {
    plain = await hpke().open(
      {
        recipientKey: privateKey,
        enc: exactBuffer(sealedKey.subarray(0, 32)),
        info: utf8Encode(REQUEST_HPKE_INFO),
      },
      exactBuffer(sealedKey.subarray(32)),
      utf8Encode(id),
    );
  } catch {
    throw new DecryptError();
  }
  if (plain.byteLength !== LINK_KEY_BYTES) throw new DecryptError();
  return new Uint8Array(plain);
}
