import { RECORD_SIZE } from './constants.js';
import { asBufferSource, concatBytes } from './encoding.js';
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
  /**
   * Zero bytes of padding to add in total (hides the exact length). Encrypt only; default 0. Spread like
   * RFC 8188 §3.2 and `http_ece`: each record takes as much as fits beside at least one byte of data, first
   * records first; records holding only padding follow the data when needed.
   */
  padding?: number;
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
  pad: number,
  last: boolean,
): Promise<Uint8Array> {
  // Copied before the first await, so callers may reuse `data`'s buffer right after the call.
  const input = new Uint8Array(data.length + 1 + pad);
  input.set(data, 0);
  input[data.length] = last ? LAST_DELIMITER : DELIMITER;
  const iv = recordNonce(keys.baseNonce, seq);
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, keys.cek, input));
}

/** Decrypts and unpads one record; `last` tells whether it carried the 0x02 delimiter. */
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
  salt: Uint8Array;
  padding: number;
}

/**
 * Cuts plaintext into records; shared by `encryptBytes` and `createEncryptStream` so both give the same
 * bytes for any chunking. Holds at most one record of plaintext. A full record is sealed only once a further
 * byte arrives, because until then it might be the last one (0x02). Every record but the last is exactly
 * `rs` bytes (RFC 8188 §2), padding included.
 */
class RecordWriter {
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
  ) {
    this.maxData = recordSize - TAG_BYTES - 1;
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
  const header = new Uint8Array(HEADER_FIXED_BYTES + keyId.length);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(SALT_BYTES, recordSize);
  header[20] = keyId.length;
  header.set(keyId, HEADER_FIXED_BYTES);
  return { encoding, recordSize, header, salt, padding };
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
  const { encoding, recordSize, header, salt, padding } = resolveEncryptOptions(opts);
  const writer = new RecordWriter(await deriveRecordKeys(key, salt, encoding), recordSize, padding);
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
  const { encoding, recordSize, header, salt, padding } = resolveEncryptOptions(opts);
  let writer: RecordWriter;
  return new TransformStream<Uint8Array, Uint8Array>({
    async start(controller) {
      writer = new RecordWriter(await deriveRecordKeys(key, salt, encoding), recordSize, padding);
      controller.enqueue(header.slice());
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

/** Byte queue that only grows with data actually received (a hostile `rs` cannot force a huge allocation). */
class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0;
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The first `n` bytes (fewer if the queue is shorter), without removing them. */
  peek(n: number): Uint8Array {
    return this.read(Math.min(n, this.length), false);
  }

  /** Removes and returns the first `n` bytes (fewer if the queue is shorter). */
  take(n: number): Uint8Array {
    return this.read(Math.min(n, this.length), true);
  }

  private read(size: number, consume: boolean): Uint8Array {
    const first = this.chunks[this.head];
    if (first === undefined || size === 0) return new Uint8Array(0);
    if (first.length >= size) {
      if (consume) this.consume(size);
      return first.subarray(0, size);
    }
    const out = new Uint8Array(size);
    for (let filled = 0, i = this.head; filled < size; i++) {
      const chunk = this.chunks[i]!;
      const n = Math.min(chunk.length, size - filled);
      out.set(chunk.subarray(0, n), filled);
      filled += n;
    }
    if (consume) this.consume(size);
    return out;
  }

  private consume(size: number): void {
    this.length -= size;
    while (size > 0) {
      const chunk = this.chunks[this.head]!;
      if (chunk.length <= size) {
        size -= chunk.length;
        this.chunks[this.head++] = EMPTY;
      } else {
        this.chunks[this.head] = chunk.subarray(size);
        size = 0;
      }
    }
  }
}

const EMPTY = new Uint8Array(0);

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
