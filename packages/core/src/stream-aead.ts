import { RECORD_SIZE } from './constants.js';
import { asBufferSource } from './encoding.js';
import { DecryptError } from './errors.js';
import { hkdfExpand, hkdfExtract } from './hkdf.js';

/**
 * RFC 8188 "Encrypted Content-Encoding for HTTP" framing, parameterised by key length.
 * `aes128gcm` is RFC 8188 itself; `aes256gcm` (burnlink's choice) differs only in the CEK length and its
 * HKDF info label. Layout: header = salt(16) | rs (uint32 BE) | idlen(1) | keyid(idlen), then records of
 * exactly `rs` bytes (the last may be shorter), each `AES-GCM(data || delimiter || zeros*)` with a 16-byte
 * tag; delimiter 0x01 on every record but the last, 0x02 on the last.
 */
export type EceEncoding = 'aes128gcm' | 'aes256gcm';

export interface EceOptions {
  /** Default `aes256gcm`. */
  encoding?: EceEncoding;
  /** Record size `rs` in bytes, tag and delimiter included (18 … 2^32-1). Encrypt only; default 65536. */
  recordSize?: number;
  /** 16-byte header salt. Encrypt only; random by default (never reuse one with the same key). */
  salt?: Uint8Array;
  /** Key id (0–255 bytes) written in the header. Encrypt only; empty by default. */
  keyId?: Uint8Array;
}

export interface EceDecryptOptions {
  /** Default `aes256gcm`. */
  encoding?: EceEncoding;
}

const SALT_BYTES = 16;
const TAG_BYTES = 16;
const NONCE_BYTES = 12;
const HEADER_FIXED_BYTES = 21;
/** Tag + delimiter + at least one byte of data (RFC 8188 §2: rs must be greater than 17). */
const MIN_RECORD_SIZE = TAG_BYTES + 2;
const MAX_RECORD_SIZE = 0xffff_ffff;
const DELIMITER = 0x01;
const LAST_DELIMITER = 0x02;
/**
 * Records per stream. The sequence number is XORed into the base nonce, so nonces are unique only while
 * it does not wrap; 2^48 keeps it an exact integer and matches what other implementations support.
 */
export const MAX_RECORDS = 2 ** 48;

interface RecordKeys {
  cek: CryptoKey;
  baseNonce: Uint8Array;
}

function keyLength(encoding: EceEncoding): number {
  if (encoding === 'aes256gcm') return 32;
  if (encoding === 'aes128gcm') return 16;
  throw new RangeError('encoding must be "aes128gcm" or "aes256gcm"');
}

async function deriveRecordKeys(
  key: Uint8Array,
  salt: Uint8Array,
  encoding: EceEncoding,
): Promise<RecordKeys> {
  if (!(key instanceof Uint8Array) || key.length === 0)
    throw new TypeError('key must be a non-empty Uint8Array');
  const length = keyLength(encoding);
  const prk = await hkdfExtract(salt, key);
  const [cekBytes, baseNonce] = await Promise.all([
    hkdfExpand(prk, `Content-Encoding: ${encoding}\0`, length),
    hkdfExpand(prk, 'Content-Encoding: nonce\0', NONCE_BYTES),
  ]);
  const cek = await crypto.subtle.importKey('raw', cekBytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { cek, baseNonce };
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

async function sealRecord(
  keys: RecordKeys,
  seq: number,
  data: Uint8Array,
  last: boolean,
): Promise<Uint8Array> {
  // Copied before the first await, so callers may reuse `data`'s buffer right after the call.
  const input = new Uint8Array(data.length + 1);
  input.set(data, 0);
  input[data.length] = last ? LAST_DELIMITER : DELIMITER;
  const iv = recordNonce(keys.baseNonce, seq);
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, keys.cek, input));
}

/** Decrypts and unpads one record; `final` says whether the framing allows it to be the last one. */
async function openRecord(
  keys: RecordKeys,
  seq: number,
  record: Uint8Array,
): Promise<{ data: Uint8Array; last: boolean }> {
  if (record.length < TAG_BYTES + 1) throw new DecryptError();
  let plain: Uint8Array;
  try {
    const iv = recordNonce(keys.baseNonce, seq);
    plain = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, keys.cek, asBufferSource(record)),
    );
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

interface ResolvedEncrypt {
  encoding: EceEncoding;
  recordSize: number;
  header: Uint8Array;
}

function resolveEncryptOptions(opts: EceOptions): ResolvedEncrypt & { salt: Uint8Array } {
  const encoding = opts.encoding ?? 'aes256gcm';
  keyLength(encoding);
  const recordSize = opts.recordSize ?? RECORD_SIZE;
  if (!Number.isInteger(recordSize) || recordSize < MIN_RECORD_SIZE || recordSize > MAX_RECORD_SIZE) {
    throw new RangeError(`recordSize must be an integer from ${MIN_RECORD_SIZE} to ${MAX_RECORD_SIZE}`);
  }
  const salt = opts.salt ?? crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES)
    throw new RangeError('salt must be 16 bytes');
  const keyId = opts.keyId ?? new Uint8Array(0);
  if (!(keyId instanceof Uint8Array) || keyId.length > 255)
    throw new RangeError('keyId must be at most 255 bytes');
  const header = new Uint8Array(HEADER_FIXED_BYTES + keyId.length);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(SALT_BYTES, recordSize);
  header[20] = keyId.length;
  header.set(keyId, HEADER_FIXED_BYTES);
  return { encoding, recordSize, header, salt };
}

interface ParsedHeader {
  salt: Uint8Array;
  recordSize: number;
  length: number;
}

/** Parses a header from the first bytes; null when more bytes are needed. Throws `DecryptError` if invalid. */
function parseHeader(bytes: Uint8Array): ParsedHeader | null {
  if (bytes.length < HEADER_FIXED_BYTES) return null;
  const length = HEADER_FIXED_BYTES + bytes[20]!;
  if (bytes.length < length) return null;
  const recordSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(SALT_BYTES);
  if (recordSize < MIN_RECORD_SIZE) throw new DecryptError();
  return { salt: bytes.slice(0, SALT_BYTES), recordSize, length };
}

/**
 * Encrypt a whole buffer. Output equals `createEncryptStream` with the same options, for any chunking.
 * Empty plaintext gives one record holding only the 0x02 delimiter.
 *
 * @example
 * ```ts
 * const ciphertext = await encryptBytes(utf8Encode('hello'), contentKey);
 * ```
 */
export async function encryptBytes(
  plaintext: Uint8Array,
  key: Uint8Array,
  opts: EceOptions = {},
): Promise<Uint8Array> {
  const { encoding, recordSize, header, salt } = resolveEncryptOptions(opts);
  const keys = await deriveRecordKeys(key, salt, encoding);
  const dataPerRecord = recordSize - TAG_BYTES - 1;
  const count = Math.max(1, Math.ceil(plaintext.length / dataPerRecord));
  const out = new Uint8Array(header.length + plaintext.length + count * (TAG_BYTES + 1));
  out.set(header, 0);
  let offset = header.length;
  for (let seq = 0; seq < count; seq++) {
    const chunk = plaintext.subarray(seq * dataPerRecord, (seq + 1) * dataPerRecord);
    const record = await sealRecord(keys, seq, chunk, seq === count - 1);
    out.set(record, offset);
    offset += record.length;
  }
  return out;
}

/**
 * Decrypt a whole buffer produced by `encryptBytes`, `createEncryptStream` or any RFC 8188 encoder
 * (any key id, padding after the delimiter). Every failure throws one opaque `DecryptError`.
 *
 * @example
 * ```ts
 * const plaintext = await decryptBytes(ciphertext, contentKey);
 * ```
 */
export async function decryptBytes(
  ciphertext: Uint8Array,
  key: Uint8Array,
  opts: EceDecryptOptions = {},
): Promise<Uint8Array> {
  const encoding = opts.encoding ?? 'aes256gcm';
  keyLength(encoding);
  if (!(ciphertext instanceof Uint8Array)) throw new DecryptError();
  const header = parseHeader(ciphertext);
  if (header === null || ciphertext.length === header.length) throw new DecryptError();
  const keys = await deriveRecordKeys(key, header.salt, encoding);
  const parts: Uint8Array[] = [];
  let total = 0;
  let seq = 0;
  for (let offset = header.length; offset < ciphertext.length; offset += header.recordSize, seq++) {
    const end = Math.min(offset + header.recordSize, ciphertext.length);
    const { data, last } = await openRecord(keys, seq, ciphertext.subarray(offset, end));
    // 0x02 must mark the final record, and the final record must carry 0x02 (else: truncated/extended).
    if (last !== (end === ciphertext.length)) throw new DecryptError();
    parts.push(data);
    total += data.length;
  }
  const out = new Uint8Array(total);
  let position = 0;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return out;
}

function assertChunk(chunk: unknown): asserts chunk is Uint8Array {
  if (!(chunk instanceof Uint8Array)) throw new TypeError('stream chunks must be Uint8Array');
}

/**
 * A streaming encryptor that holds at most one record of plaintext: constant memory at any size.
 *
 * @example
 * ```ts
 * await file.stream().pipeThrough(createEncryptStream(contentKey)).pipeTo(upload);
 * ```
 */
export function createEncryptStream(
  key: Uint8Array,
  opts: EceOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  const { encoding, recordSize, header, salt } = resolveEncryptOptions(opts);
  const dataPerRecord = recordSize - TAG_BYTES - 1;
  // A full record is only sealed once the next byte arrives: until then it might be the last one (0x02).
  const pending = new Uint8Array(Math.min(dataPerRecord, 1 << 20));
  let buffer = pending;
  let fill = 0;
  let seq = 0;
  let keys: RecordKeys;
  return new TransformStream<Uint8Array, Uint8Array>({
    async start(controller) {
      keys = await deriveRecordKeys(key, salt, encoding);
      controller.enqueue(header.slice());
    },
    async transform(chunk, controller) {
      assertChunk(chunk);
      let offset = 0;
      while (offset < chunk.length) {
        if (fill === dataPerRecord) {
          controller.enqueue(await sealRecord(keys, seq++, buffer.subarray(0, fill), false));
          fill = 0;
        }
        if (fill === buffer.length) {
          // Grow towards dataPerRecord only when records are larger than 1 MiB.
          const grown = new Uint8Array(Math.min(dataPerRecord, buffer.length * 2));
          grown.set(buffer);
          buffer = grown;
        }
        const n = Math.min(buffer.length - fill, chunk.length - offset);
        buffer.set(chunk.subarray(offset, offset + n), fill);
        fill += n;
        offset += n;
      }
    },
    async flush(controller) {
      controller.enqueue(await sealRecord(keys, seq++, buffer.subarray(0, fill), true));
    },
  });
}

/** Byte queue that only grows with data actually received (a hostile `rs` cannot force a huge allocation). */
class ByteQueue {
  private chunks: Uint8Array[] = [];
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  peek(n: number): Uint8Array {
    const out = this.take(n);
    this.chunks.unshift(out);
    this.length += out.length;
    return out;
  }

  take(n: number): Uint8Array {
    const size = Math.min(n, this.length);
    const first = this.chunks[0];
    if (first !== undefined && first.length >= size) {
      this.chunks[0] = first.subarray(size);
      if (this.chunks[0].length === 0) this.chunks.shift();
      this.length -= size;
      return first.subarray(0, size);
    }
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const head = this.chunks[0]!;
      const n2 = Math.min(head.length, size - filled);
      out.set(head.subarray(0, n2), filled);
      filled += n2;
      if (n2 === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(n2);
    }
    this.length -= size;
    return out;
  }
}

/**
 * A streaming decryptor. Each emitted chunk is an authenticated record, but a stream that ends early
 * (no 0x02 record), runs on past the last record, or is tampered with errors with `DecryptError` — a
 * consumer must treat the output as valid only once the stream has closed without error.
 *
 * @example
 * ```ts
 * const plain = await new Response(body.pipeThrough(createDecryptStream(contentKey))).arrayBuffer();
 * ```
 */
export function createDecryptStream(
  key: Uint8Array,
  opts: EceDecryptOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  const encoding = opts.encoding ?? 'aes256gcm';
  keyLength(encoding);
  const queue = new ByteQueue();
  let header: ParsedHeader | null = null;
  let keys: RecordKeys | null = null;
  let seq = 0;
  let done = false;

  async function drain(controller: TransformStreamDefaultController<Uint8Array>): Promise<void> {
    if (header === null) {
      header = parseHeader(queue.peek(HEADER_FIXED_BYTES + 255));
      if (header === null) return;
      queue.take(header.length);
      keys = await deriveRecordKeys(key, header.salt, encoding);
    }
    // Records of exactly rs bytes are opened as soon as they are complete; a full record may be the last.
    while (!done && queue.length >= header.recordSize) {
      const { data, last } = await openRecord(keys!, seq++, queue.take(header.recordSize));
      if (data.length > 0) controller.enqueue(data);
      done = last;
    }
    if (done && queue.length > 0) throw new DecryptError();
  }

  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      assertChunk(chunk);
      queue.push(chunk);
      await drain(controller);
    },
    async flush(controller) {
      await drain(controller);
      if (header === null || keys === null) throw new DecryptError();
      if (!done) {
        // The remainder is a short final record; it must exist and carry 0x02.
        if (queue.length === 0) throw new DecryptError();
        const { data, last } = await openRecord(keys, seq++, queue.take(queue.length));
        if (!last) throw new DecryptError();
        if (data.length > 0) controller.enqueue(data);
      }
    },
  });
}
