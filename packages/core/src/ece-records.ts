import { asBufferSource } from './encoding.js';
import { DecryptError } from './errors.js';
import { hkdfExpand, hkdfExtract } from './hkdf.js';
import { type RecordAead, type RecordCipher, recordCipher } from './record-cipher.js';

/**
 * The record layer of RFC 8188 shared by `stream-aead.ts`: key and nonce derivation, sealing and opening one
 * record, the header, and the writer that cuts plaintext into records. Internal to core.
 */

/** `aes128gcm` is RFC 8188 itself; `aes256gcm` (burnlink's choice) differs only in the CEK length and label. */
export type EceEncoding = 'aes128gcm' | 'aes256gcm';

export const SALT_BYTES = 16;
export const TAG_BYTES = 16;
const NONCE_BYTES = 12;
export const HEADER_FIXED_BYTES = 21;
/** Tag + delimiter + at least one byte of data (RFC 8188 §2: rs must be greater than 17). */
export const MIN_RECORD_SIZE = TAG_BYTES + 2;
export const MAX_RECORD_SIZE = 0xffff_ffff;
const DELIMITER = 0x01;
const LAST_DELIMITER = 0x02;
/**
 * Records per stream. The sequence number is XORed into the base nonce, so nonces are unique only while
 * it does not wrap; 2^48 keeps it an exact integer and matches what other implementations support.
 */
export const MAX_RECORDS = 2 ** 48;

export interface RecordKeys {
  /** AES-GCM under the content-encryption key, from the chosen `RecordCipher`. */
  aead: RecordAead;
  baseNonce: Uint8Array;
}

export function keyLength(encoding: EceEncoding): number {
  if (encoding === 'aes256gcm') return 32;
  if (encoding === 'aes128gcm') return 16;
  throw new RangeError('encoding must be "aes128gcm" or "aes256gcm"');
}

export async function deriveRecordKeys(
  key: Uint8Array,
  salt: Uint8Array,
  encoding: EceEncoding,
  cipher: RecordCipher = recordCipher(),
): Promise<RecordKeys> {
  if (!(key instanceof Uint8Array) || key.length === 0)
    throw new TypeError('key must be a non-empty Uint8Array');
  const length = keyLength(encoding);
  const prk = await hkdfExtract(salt, key);
  const [cekBytes, baseNonce] = await Promise.all([
    hkdfExpand(prk, `Content-Encoding: ${encoding}\0`, length),
    hkdfExpand(prk, 'Content-Encoding: nonce\0', NONCE_BYTES),
  ]);
  return { aead: await cipher(cekBytes), baseNonce };
}

/**
 * The nonce of record `seq`: base nonce XOR seq, seq as a big-endian integer in the low 96 bits.
 * Throws `RangeError` past `MAX_RECORDS`, so a nonce can never repeat under one CEK.
 *
 * @example
 * ```ts
 * recordNonce(baseNonce, 0); // equals baseNonce
 * ```
 */
export function recordNonce(baseNonce: Uint8Array, seq: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(seq) || seq < 0 || seq >= MAX_RECORDS) {
    throw new RangeError('record sequence number out of range');
  }
  const nonce = new Uint8Array(baseNonce);
  const high = Math.floor(seq / 2 ** 32);
  const low = seq >>> 0;
  const view = new DataView(nonce.buffer);
  view.setUint32(4, view.getUint32(4) ^ high);
  view.setUint32(8, view.getUint32(8) ^ low);
  return nonce;
}

export async function sealRecord(
  keys: RecordKeys,
  seq: number,
  data: Uint8Array,
  pad: number,
  last: boolean,
): Promise<Uint8Array> {
  // Copied before the first await, so callers may reuse `data`'s buffer right after the call.
  const input = new Uint8Array(data.length + 1 + pad);
  input.set(data, 0);
  input[data.length] = last ? LAST_DELIMITER : DELIMITER;
  return keys.aead.seal(recordNonce(keys.baseNonce, seq), input);
}

/** Decrypts and unpads one record; `last` tells whether it carried the 0x02 delimiter. */
export async function openRecord(
  keys: RecordKeys,
  seq: number,
  record: Uint8Array,
): Promise<{ data: Uint8Array; last: boolean }> {
  if (record.length < TAG_BYTES + 1) throw new DecryptError();
  let plain: Uint8Array;
  try {
    plain = await keys.aead.open(recordNonce(keys.baseNonce, seq), asBufferSource(record));
  } catch {
    throw new DecryptError();
  }
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (end < 0) throw new DecryptError();
  const delimiter = plain[end];
  if (delimiter !== DELIMITER && delimiter !== LAST_DELIMITER) throw new DecryptError();
  return { data: plain.subarray(0, end), last: delimiter === LAST_DELIMITER };
}

export interface ParsedHeader {
  salt: Uint8Array;
  recordSize: number;
  length: number;
}

/** Parses a header from the first bytes; null when more bytes are needed. Throws `DecryptError` if invalid. */
export function parseHeader(bytes: Uint8Array): ParsedHeader | null {
  if (bytes.length < HEADER_FIXED_BYTES) return null;
  const length = HEADER_FIXED_BYTES + bytes[20]!;
  if (bytes.length < length) return null;
  const recordSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(SALT_BYTES);
  if (recordSize < MIN_RECORD_SIZE) throw new DecryptError();
  return { salt: bytes.slice(0, SALT_BYTES), recordSize, length };
}

/** `salt || rs (uint32 BE) || idlen || keyid`. */
export function writeHeader(salt: Uint8Array, recordSize: number, keyId: Uint8Array): Uint8Array {
  const header = new Uint8Array(HEADER_FIXED_BYTES + keyId.length);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(SALT_BYTES, recordSize);
  header[20] = keyId.length;
  header.set(keyId, HEADER_FIXED_BYTES);
  return header;
}

/**
 * Cuts plaintext into records; shared by `encryptBytes` and `createEncryptStream` so both give the same
 * bytes for any chunking. Holds at most one record of plaintext. A full record is sealed only once a further
 * byte arrives, because until then it might be the last one (0x02). Every record but the last is exactly
 * `rs` bytes (RFC 8188 §2), padding included.
 */
export class RecordWriter {
  private readonly maxData: number;
  private buffer: Uint8Array;
  private fill = 0;
  private seq = 0;
  private pad = 0;
  private padLeft: number;

  constructor(
    private readonly keys: RecordKeys,
    recordSize: number,
    padding: number,
    firstRecord = 0,
  ) {
    this.maxData = recordSize - TAG_BYTES - 1;
    this.seq = firstRecord;
    this.padLeft = padding;
    // Grows towards the record size only as data arrives (a huge rs costs nothing for small inputs).
    this.buffer = new Uint8Array(Math.min(this.maxData, 1 << 16));
    this.startRecord();
  }

  /** Padding goes first-records-first, leaving room for at least one data byte (as RFC 8188 §3.2, http_ece). */
  private startRecord(): void {
    this.pad = Math.min(this.maxData - 1, this.padLeft);
    this.padLeft -= this.pad;
    this.fill = 0;
  }

  private seal(last: boolean): Promise<Uint8Array> {
    return sealRecord(this.keys, this.seq++, this.buffer.subarray(0, this.fill), this.pad, last);
  }

  async write(chunk: Uint8Array, emit: (record: Uint8Array) => void): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      const capacity = this.maxData - this.pad;
      if (this.fill === capacity) {
        emit(await this.seal(false));
        this.startRecord();
        continue;
      }
      if (this.fill === this.buffer.length) {
        const grown = new Uint8Array(Math.min(this.maxData, this.buffer.length * 2));
        grown.set(this.buffer);
        this.buffer = grown;
      }
      const n = Math.min(capacity - this.fill, this.buffer.length - this.fill, chunk.length - offset);
      this.buffer.set(chunk.subarray(offset, offset + n), this.fill);
      this.fill += n;
      offset += n;
    }
  }

  async finish(emit: (record: Uint8Array) => void): Promise<void> {
    for (;;) {
      // Out of data: remaining padding fills this record up to rs; the record that uses the last of it ends.
      const extra = Math.min(this.padLeft, this.maxData - this.fill - this.pad);
      this.pad += extra;
      this.padLeft -= extra;
      const last = this.padLeft === 0;
      emit(await this.seal(last));
      if (last) return;
      this.pad = 0;
      this.fill = 0;
    }
  }
}
