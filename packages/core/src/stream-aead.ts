import { ByteQueue } from './byte-queue.js';
import { RECORD_SIZE } from './constants.js';
import {
  deriveRecordKeys,
  type EceEncoding,
  HEADER_FIXED_BYTES,
  keyLength,
  MAX_RECORD_SIZE,
  MIN_RECORD_SIZE,
  openRecord,
  type ParsedHeader,
  parseHeader,
  type RecordKeys,
  RecordWriter,
  SALT_BYTES,
  writeHeader,
} from './ece-records.js';
import { concatBytes } from './encoding.js';
import { DecryptError } from './errors.js';
import type { RecordCipher } from './record-cipher.js';

export { type EceEncoding, MAX_RECORDS, recordNonce } from './ece-records.js';

/**
 * RFC 8188 "Encrypted Content-Encoding for HTTP" framing, parameterised by key length.
 * `aes128gcm` is RFC 8188 itself; `aes256gcm` (burnlink's choice) differs only in the CEK length and its
 * HKDF info label. Layout: header = salt(16) | rs (uint32 BE) | idlen(1) | keyid(idlen), then records of
 * exactly `rs` bytes (the last may be shorter), each `AES-GCM(data || delimiter || zeros*)` with a 16-byte
 * tag; delimiter 0x01 on every record but the last, 0x02 on the last.
 */

export interface EceOptions {
  /** Default `aes256gcm`. */
  encoding?: EceEncoding;
  /** Record size `rs` in bytes, tag and delimiter included (18 … 2^32-1). Encrypt only; default 65536. */
  recordSize?: number;
  /** 16-byte header salt. Encrypt only; random by default (never reuse one with the same key). */
  salt?: Uint8Array;
  /** Key id (0–255 bytes) written in the header. Encrypt only; empty by default. */
  keyId?: Uint8Array;
  /**
   * Zero bytes of padding to add in total (hides the exact length). Encrypt only; default 0. Spread like
   * RFC 8188 §3.2 and `http_ece`: each record takes as much as fits beside at least one byte of data, first
   * records first; records holding only padding follow the data when needed.
   */
  padding?: number;
  /**
   * Start at record `firstRecord` instead of 0 (resuming an upload, see `resumePoint`): no header is
   * emitted when it is above 0, and the input must be the plaintext from `firstRecord * (rs - 17)` on.
   * Needs the original `salt` and no padding. Encrypt only (`createEncryptStream`); default 0.
   */
  firstRecord?: number;
  /** The AES-GCM of the records; default the one chosen by `setRecordCipher` (WebCrypto unless changed). */
  cipher?: RecordCipher;
}

export interface EceDecryptOptions {
  /** Default `aes256gcm`. */
  encoding?: EceEncoding;
  /** The AES-GCM of the records; default the one chosen by `setRecordCipher` (WebCrypto unless changed). */
  cipher?: RecordCipher;
}

interface ResolvedEncrypt {
  encoding: EceEncoding;
  recordSize: number;
  header: Uint8Array;
  salt: Uint8Array;
  padding: number;
  firstRecord: number;
  cipher: RecordCipher | undefined;
}

function resolveEncryptOptions(opts: EceOptions): ResolvedEncrypt {
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
  const padding = opts.padding ?? 0;
  if (!Number.isSafeInteger(padding) || padding < 0)
    throw new RangeError('padding must be a non-negative integer');
  if (padding > 0 && recordSize === MIN_RECORD_SIZE)
    throw new RangeError('padding needs a recordSize above 18');
  const firstRecord = opts.firstRecord ?? 0;
  if (!Number.isSafeInteger(firstRecord) || firstRecord < 0)
    throw new RangeError('firstRecord must be a non-negative integer');
  if (firstRecord > 0 && (opts.salt === undefined || padding > 0))
    throw new RangeError('firstRecord needs the original salt and no padding');
  const header = writeHeader(salt, recordSize, keyId);
  return { encoding, recordSize, header, salt, padding, firstRecord, cipher: opts.cipher };
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
  const { encoding, recordSize, header, salt, padding, cipher } = resolveEncryptOptions(opts);
  const writer = new RecordWriter(await deriveRecordKeys(key, salt, encoding, cipher), recordSize, padding);
  const parts: Uint8Array[] = [header];
  const emit = (record: Uint8Array) => parts.push(record);
  await writer.write(plaintext, emit);
  await writer.finish(emit);
  return concatBytes(...parts);
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
  const keys = await deriveRecordKeys(key, header.salt, encoding, opts.cipher);
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
  const { encoding, recordSize, header, salt, padding, firstRecord, cipher } = resolveEncryptOptions(opts);
  let writer: RecordWriter;
  return new TransformStream<Uint8Array, Uint8Array>({
    async start(controller) {
      const keys = await deriveRecordKeys(key, salt, encoding, cipher);
      writer = new RecordWriter(keys, recordSize, padding, firstRecord);
      if (firstRecord === 0) controller.enqueue(header.slice());
    },
    async transform(chunk, controller) {
      assertChunk(chunk);
      await writer.write(chunk, (record) => controller.enqueue(record));
    },
    async flush(controller) {
      await writer.finish((record) => controller.enqueue(record));
    },
  });
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
      keys = await deriveRecordKeys(key, header.salt, encoding, opts.cipher);
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
