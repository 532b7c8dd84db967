import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_CONTENT_BYTES,
  DurationError,
  formatDuration,
  MAX_VIEWS_LIMIT,
  parseDuration,
  parseDurationSeconds,
  TTL_CHOICES_SECONDS,
  TTL_DEFAULT_SECONDS,
  TTL_MAX_SECONDS,
  TTL_MIN_SECONDS,
} from '@burnlink/core';
import { DEFAULT_RATE_LIMITS, parseRateLimits, type RateLimits } from './config-rate-limits.js';
import { parseByteSize, SIZE_HELP, UnitError } from './units.js';

export type { RateLimit, RateLimits } from './config-rate-limits.js';

/** The whole server configuration, validated. Built once at start by `loadConfig`; never read from env later. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Origin used to build links (`https://secrets.example.com`), or null to derive it from each request. */
  publicUrl: string | null;
  dataDir: string;
  /** `memory:`, `sqlite:` (the default file in dataDir), `sqlite:PATH`, or a scale-out URL; see `openStore`. */
  storeUrl: string;
  ttl: { minSeconds: number; maxSeconds: number; defaultSeconds: number; choicesSeconds: number[] };
  /** Upper bound of `max_views` a sender may ask for. */
  maxViews: number;
  maxAttempts: number;
  /** Limit on the text of a secret (UTF-8 bytes); what the UI shows. */
  maxContentBytes: number;
  /** Limit on the encrypted content a client uploads: text limit plus room for context and framing. */
  maxCiphertextBytes: number;
  /** Request body limit, derived from `maxCiphertextBytes` with base64url and JSON overhead. */
  bodyLimitBytes: number;
  receiptRetentionMs: number;
  sweepIntervalMs: number;
  serverEncryption: boolean;
  keyClaim: boolean;
  /** Null when rate limiting is off. */
  rateLimits: RateLimits | null;
  trustProxy: boolean | number | string[];
  logLevel: LogLevel;
  webDir: string;
  shutdownTimeoutMs: number;
  files: FileLimits;
}

/** Files attached to secrets (issue: encrypted files). Sizes are plaintext bytes; the encryption overhead is allowed on top. */
export interface FileLimits {
  /** `memory:`, `fs:` (the default, `<dataDir>/blobs`), `fs:PATH`, or `postgres://…`; see `openBlobStore`. */
  blobStoreUrl: string;
  /** Files per secret; 0 turns files off. */
  maxFiles: number;
  maxFileBytes: number;
  maxSecretBytes: number;
  /** How long a claim's download grant stays valid. */
  grantTtlMs: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A configuration variable has a value that is not allowed; the message names it and says what is. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/** Room in the ciphertext for context fields, JSON quoting and RFC 8188 framing beyond the text itself. */
export const CIPHERTEXT_ALLOWANCE_BYTES = 64 * 1024;
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

type Env = Record<string, string | undefined>;

/**
 * Reads and validates every `BURNLINK_*` variable; throws `ConfigError` naming the first bad one.
 *
 * @example const config = loadConfig({ BURNLINK_STORE: 'memory:', BURNLINK_PORT: '0' });
 */
export function loadConfig(env: Env): ServerConfig {
  const read = (name: string): string | undefined => {
    const value = env[`BURNLINK_${name}`]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const fail = (name: string, problem: string): never => {
    throw new ConfigError(`BURNLINK_${name}`, problem);
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= min && value <= max)) fail(name, `"${raw}" is not a whole number from ${min} to ${max}`);
    return value;
  };
  const duration = (name: string, fallbackMs: number, minMs: number, maxMs: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallbackMs;
    const ms = unit(name, () => parseDuration(raw));
    if (ms < minMs || ms > maxMs) {
      fail(name, `"${raw}" must be from ${formatDuration(minMs)} to ${formatDuration(maxMs)}`);
    }
    return ms;
  };
  const seconds = (name: string, fallback: number): number => {
    const raw = read(name);
    return raw === undefined ? fallback : unit(name, () => parseDurationSeconds(raw));
  };
  const unit = <T>(name: string, parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      if (error instanceof UnitError || error instanceof DurationError) fail(name, error.message);
      throw error;
    }
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['on', 'true', 'yes', '1'].includes(raw)) return true;
    if (['off', 'false', 'no', '0'].includes(raw)) return false;
    return fail(name, `"${raw}" is not on or off (also accepted: true/false, yes/no, 1/0)`);
  };

  const port = integer('PORT', 8080, 0, 65535);
  const host = read('HOST') ?? '127.0.0.1';
  const publicUrl = parsePublicUrl(read('PUBLIC_URL'), fail);
  const dataDir = path.resolve(read('DATA_DIR') ?? './data');
  const storeUrl = parseStore(read('STORE') ?? 'sqlite:', fail);

  const ttlDays = (s: number) => `${s} (${formatDuration(s * 1000)})`;
  const minSeconds = seconds('TTL_MIN', TTL_MIN_SECONDS);
  const maxSeconds = seconds('TTL_MAX', TTL_MAX_SECONDS);
  if (minSeconds < 1) fail('TTL_MIN', 'must be at least 1s');
  if (maxSeconds < minSeconds) fail('TTL_MAX', `must be at least BURNLINK_TTL_MIN (${ttlDays(minSeconds)})`);
  const inRange = (s: number) => s >= minSeconds && s <= maxSeconds;
  const range = `from ${ttlDays(minSeconds)} to ${ttlDays(maxSeconds)} seconds`;
  const defaultRaw = read('TTL_DEFAULT');
  const defaultSeconds = seconds(
    'TTL_DEFAULT',
    Math.min(Math.max(TTL_DEFAULT_SECONDS, minSeconds), maxSeconds),
  );
  if (!inRange(defaultSeconds)) fail('TTL_DEFAULT', `"${defaultRaw}" must be ${range}`);
  const choicesRaw = read('TTL_CHOICES');
  let choicesSeconds: number[];
  if (choicesRaw === undefined) {
    choicesSeconds = TTL_CHOICES_SECONDS.filter(inRange);
  } else {
    choicesSeconds = choicesRaw
      .split(',')
      .map((part) => unit('TTL_CHOICES', () => parseDurationSeconds(part)));
    const outside = choicesSeconds.find((s) => !inRange(s));
    if (outside !== undefined)
      fail('TTL_CHOICES', `${ttlDays(outside)} is outside the allowed range ${range}`);
  }
  if (!choicesSeconds.includes(defaultSeconds)) choicesSeconds.push(defaultSeconds);
  choicesSeconds = [...new Set(choicesSeconds)].sort((a, b) => a - b);

  const maxContentBytes = unit('MAX_CONTENT_BYTES', () =>
    parseByteSize(read('MAX_CONTENT_BYTES') ?? String(DEFAULT_MAX_CONTENT_BYTES)),
  );
  if (maxContentBytes < 1024 || maxContentBytes > 64 * 1024 ** 2) {
    fail('MAX_CONTENT_BYTES', `must be from 1KiB to 64MiB (${SIZE_HELP})`);
  }
  const maxCiphertextBytes = maxContentBytes + CIPHERTEXT_ALLOWANCE_BYTES;

  const size = (name: string, fallback: number): number => {
    const bytes = unit(name, () => parseByteSize(read(name) ?? String(fallback)));
    if (bytes < 1 || bytes > 2 ** 50) fail(name, `must be from 1 byte to 1PiB (${SIZE_HELP})`);
    return bytes;
  };
  const maxSecretBytes = size('MAX_SECRET_SIZE', 1024 ** 3);
  const maxFileBytes = size('MAX_FILE_SIZE', maxSecretBytes);
  if (maxFileBytes > maxSecretBytes) {
    fail('MAX_FILE_SIZE', `must not be above BURNLINK_MAX_SECRET_SIZE (${maxSecretBytes} bytes)`);
  }

  const rateLimitsRaw = read('RATE_LIMITS');
  let rateLimits: RateLimits | null = DEFAULT_RATE_LIMITS;
  if (rateLimitsRaw !== undefined) {
    try {
      rateLimits = parseRateLimits(rateLimitsRaw);
    } catch (error) {
      if (error instanceof Error) fail('RATE_LIMITS', error.message);
      throw error;
    }
  }
  const logLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    fail('LOG_LEVEL', `"${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);

  return {
    port,
    host,
    publicUrl,
    dataDir,
    storeUrl,
    ttl: { minSeconds, maxSeconds, defaultSeconds, choicesSeconds },
    maxViews: integer('MAX_VIEWS', MAX_VIEWS_LIMIT, 1, 10_000),
    maxAttempts: integer('MAX_ATTEMPTS', DEFAULT_MAX_ATTEMPTS, 1, 100),
    maxContentBytes,
    maxCiphertextBytes,
    bodyLimitBytes: Math.ceil((maxCiphertextBytes * 4) / 3) + 16 * 1024,
    receiptRetentionMs: duration('RECEIPT_RETENTION', 7 * 86_400_000, 0, 366 * 86_400_000),
    sweepIntervalMs: duration('SWEEP_INTERVAL', 60_000, 1_000, 86_400_000),
    serverEncryption: flag('SERVER_ENCRYPTION', true),
    keyClaim: flag('KEY_CLAIM', true),
    rateLimits,
    trustProxy: parseTrustProxy(read('TRUST_PROXY'), fail),
    logLevel,
    webDir: path.resolve(read('WEB_DIR') ?? DEFAULT_WEB_DIR),
    shutdownTimeoutMs: duration('SHUTDOWN_TIMEOUT', 10_000, 0, 3_600_000),
    files: {
      blobStoreUrl: parseBlobStore(read('BLOB_STORE') ?? (storeUrl === 'memory:' ? 'memory:' : 'fs:'), fail),
      maxFiles: integer('MAX_FILES', 10, 0, 1000),
      maxFileBytes,
      maxSecretBytes,
      grantTtlMs: duration('DOWNLOAD_GRANT_TTL', 3_600_000, 60_000, 7 * 86_400_000),
    },
  };
}

type Fail = (name: string, problem: string) => never;

function parsePublicUrl(raw: string | undefined, fail: Fail): string | null {
  if (raw === undefined) return null;
  const problem = `"${raw}" is not an http(s) origin such as https://secrets.example.com (no path, query or #)`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('PUBLIC_URL', problem);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    fail('PUBLIC_URL', problem);
  }
  return url.origin;
}

function parseStore(raw: string, fail: Fail): string {
  if (raw === 'memory:' || raw === 'memory') return 'memory:';
  if (raw === 'sqlite') return 'sqlite:';
  // Paths are resolved by openStore (relative to BURNLINK_DATA_DIR); here only the form is checked.
  if (/^(sqlite:|(rediss?(\+cluster)?|postgres(ql)?):\/\/)/.test(raw)) return raw;
  return fail(
    'STORE',
    `"${raw.replace(/\/\/[^@/]*@/, '//***@')}" is not one of sqlite: (the default, a file in BURNLINK_DATA_DIR), ` +
      'sqlite:PATH, memory:, redis://…, redis+cluster://…, postgres://…',
  );
}

function parseBlobStore(raw: string, fail: Fail): string {
  if (raw === 'memory' || raw === 'memory:') return 'memory:';
  if (raw === 'fs') return 'fs:';
  if (/^(fs:|postgres(ql)?:\/\/)/.test(raw)) return raw;
  return fail(
    'BLOB_STORE',
    `"${raw.replace(/\/\/[^@/]*@/, '//***@')}" is not one of fs: (the default, BURNLINK_DATA_DIR/blobs), ` +
      'fs:PATH, memory:, postgres://…',
  );
}

function parseTrustProxy(raw: string | undefined, fail: Fail): boolean | number | string[] {
  const value = raw?.toLowerCase();
  if (value === undefined || ['off', 'false', 'no', '0'].includes(value)) return false;
  if (['on', 'true', 'yes'].includes(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || rest.length > 0) {
      fail(
        'TRUST_PROXY',
        `"${entry}" is not valid; use off, true (trust every proxy), a hop count such as 1, ` +
          'or a comma-separated list of proxy addresses/CIDRs such as 10.0.0.0/8,127.0.0.1 ' +
          '(loopback, linklocal and uniquelocal name the usual ranges)',
      );
    }
  }
  return entries;
}
