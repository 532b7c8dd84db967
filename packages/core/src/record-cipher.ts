/**
 * The AES-GCM of one RFC 8188 record, behind an interface so that a runtime with a faster AES-GCM than
 * WebCrypto can supply it (the CLI uses `node:crypto`, packages/cli/src/files/node-record-cipher.ts). The
 * framing, nonces and padding stay in `ece-records.ts`: a cipher only seals and opens bytes, so every cipher
 * yields the same stream, byte for byte (the vectors and the CLI's comparison test check it).
 *
 * @example
 * ```ts
 * setRecordCipher(nodeRecordCipher); // once, at start-up; `null` goes back to WebCrypto
 * ```
 */

/** AES-GCM under one content-encryption key. Results may be returned directly or as a promise. */
export interface RecordAead {
  /** `ciphertext || tag(16)` of `plaintext` under the 12-byte `iv`. */
  seal(iv: Uint8Array, plaintext: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** The plaintext of `ciphertext || tag(16)`; throws (any error) when it does not authenticate. */
  open(iv: Uint8Array, record: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** Builds the {@link RecordAead} of a 16- or 32-byte content-encryption key. */
export type RecordCipher = (cek: Uint8Array) => RecordAead | Promise<RecordAead>;

/** WebCrypto's AES-GCM: available in every runtime core supports. */
export const webCryptoRecordCipher: RecordCipher = async (cek) => {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(cek), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return {
    seal: async (iv, plaintext) =>
      new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: new Uint8Array(iv) },
          key,
          plaintext as Uint8Array<ArrayBuffer>,
        ),
      ),
    open: async (iv, record) =>
      new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: new Uint8Array(iv) },
          key,
          record as Uint8Array<ArrayBuffer>,
        ),
      ),
  };
};

let current: RecordCipher = webCryptoRecordCipher;

/**
 * Chooses the cipher of every stream opened from now on (`encryptBytes`, `createEncryptStream`, …);
 * `null` restores WebCrypto. Call it once at start-up, before any stream is opened.
 */
export function setRecordCipher(cipher: RecordCipher | null): void {
  current = cipher ?? webCryptoRecordCipher;
}

/** The cipher chosen by {@link setRecordCipher}. */
export function recordCipher(): RecordCipher {
  return current;
}
