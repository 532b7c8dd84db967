import { CONTEXT_FIELD_MAX_CHARS, CONTEXT_FIELDS, PROTOCOL_VERSION } from './constants.js';
import { utf8Decode, utf8Encode } from './encoding.js';
import { EncodingError, PayloadError } from './errors.js';

/** Optional context shown with a secret (what it is for, where it applies). */
export interface SecretContext {
  label?: string;
  username?: string;
  url?: string;
  environment?: string;
  note?: string;
}

/** Metadata of an attached file; its bytes travel as their own encrypted stream. */
export interface FileMeta {
  name: string;
  type: string;
  size: number;
}

/** Stream 0 of a secret: UTF-8 JSON `{"v":1,"text":…,"context"?:…,"files"?:[…]}`. */
export interface SecretPayload {
  v: 1;
  text: string;
  context?: SecretContext;
  files?: FileMeta[];
}

const PAYLOAD_KEYS = new Set(['v', 'text', 'context', 'files']);
const FILE_KEYS = new Set(['name', 'type', 'size']);
const CONTEXT_KEYS = new Set<string>(CONTEXT_FIELDS);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKey(record: Record<string, unknown>, allowed: Set<string>): string | undefined {
  return Object.keys(record).find((key) => !allowed.has(key));
}

function quoteName(name: string): string {
  return JSON.stringify(name.slice(0, 40));
}

function validateContext(value: unknown): SecretContext {
  if (!isPlainObject(value)) throw new PayloadError('payload.context must be an object');
  const extra = unknownKey(value, CONTEXT_KEYS);
  if (extra !== undefined) {
    throw new PayloadError(
      `payload.context has an unknown field ${quoteName(extra)}; allowed: ${CONTEXT_FIELDS.join(', ')}`,
    );
  }
  const context: SecretContext = {};
  for (const field of CONTEXT_FIELDS) {
    const text = value[field];
    if (text === undefined) continue;
    if (typeof text !== 'string') throw new PayloadError(`payload.context.${field} must be a string`);
    // Counted in code points, so an emoji is one character.
    let chars = 0;
    for (const _ of text) chars++;
    if (chars > CONTEXT_FIELD_MAX_CHARS) {
      throw new PayloadError(
        `payload.context.${field} must be at most ${CONTEXT_FIELD_MAX_CHARS} characters`,
      );
    }
    context[field] = text;
  }
  return context;
}

function validateFile(value: unknown, index: number): FileMeta {
  const where = `payload.files[${index}]`;
  if (!isPlainObject(value)) throw new PayloadError(`${where} must be an object {name, type, size}`);
  const extra = unknownKey(value, FILE_KEYS);
  if (extra !== undefined) throw new PayloadError(`${where} has an unknown field ${quoteName(extra)}`);
  const { name, type, size } = value;
  if (typeof name !== 'string') throw new PayloadError(`${where}.name must be a string`);
  if (typeof type !== 'string') throw new PayloadError(`${where}.type must be a string`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new PayloadError(`${where}.size must be a non-negative integer`);
  }
  return { name, type, size };
}

/**
 * Check an untrusted payload and return a clean copy holding only protocol v1 fields.
 * Throws `PayloadError` naming the bad field.
 *
 * @example
 * ```ts
 * const payload = validatePayload(JSON.parse(text));
 * ```
 */
export function validatePayload(value: unknown): SecretPayload {
  if (!isPlainObject(value)) throw new PayloadError('payload must be a JSON object');
  if (value.v !== PROTOCOL_VERSION) throw new PayloadError(`payload.v must be ${PROTOCOL_VERSION}`);
  const extra = unknownKey(value, PAYLOAD_KEYS);
  if (extra !== undefined) throw new PayloadError(`payload has an unknown field ${quoteName(extra)}`);
  if (typeof value.text !== 'string') throw new PayloadError('payload.text must be a string');
  const payload: SecretPayload = { v: PROTOCOL_VERSION, text: value.text };
  if (value.context !== undefined) payload.context = validateContext(value.context);
  if (value.files !== undefined) {
    if (!Array.isArray(value.files)) throw new PayloadError('payload.files must be an array');
    payload.files = value.files.map(validateFile);
  }
  return payload;
}

/**
 * Validate and serialise a payload as UTF-8 JSON (stream 0, before encryption).
 *
 * @example
 * ```ts
 * const bytes = encodePayload({ v: 1, text: 's3cret', context: { username: 'deploy' } });
 * ```
 */
export function encodePayload(payload: SecretPayload): Uint8Array<ArrayBuffer> {
  return utf8Encode(JSON.stringify(validatePayload(payload)));
}

/**
 * Parse and validate decrypted stream 0. Throws `PayloadError` on invalid UTF-8, JSON or fields.
 *
 * @example
 * ```ts
 * const { text, context } = decodePayload(plaintext);
 * ```
 */
export function decodePayload(bytes: Uint8Array): SecretPayload {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch (error) {
    if (error instanceof EncodingError) throw new PayloadError('payload is not valid UTF-8');
    throw new PayloadError('payload is not valid JSON');
  }
  return validatePayload(value);
}
