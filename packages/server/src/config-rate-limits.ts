import { formatDuration, parseDuration } from '@burnlink/core';
import { InvalidValue } from './config-parsers.js';
import { formatByteSize, parseByteSize } from './units.js';

/** At most `max` requests per client address in `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * The three buckets: `create` (POST /api/v1/secrets), `claim` (POST …/claim) and `lookups` (answers of 404 to
 * peek, claim, receipt and burn, so that guessing ids is slow while legitimate use is not counted).
 */
export interface RateLimits {
  create: RateLimit;
  claim: RateLimit;
  lookups: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({
  create: { max: 60, windowMs: 60_000 },
  claim: { max: 120, windowMs: 60_000 },
  lookups: { max: 30, windowMs: 60_000 },
});

const BUCKETS = Object.keys(DEFAULT_RATE_LIMITS) as (keyof RateLimits)[];
export const RATE_LIMITS_HELP =
  'use off, or comma-separated overrides BUCKET=COUNT/WINDOW where BUCKET is create, claim or lookups ' +
  'and WINDOW a duration (s, min, h, 10s, 5m…), e.g. create=30/min,lookups=10/10s';

/**
 * Parses `BURNLINK_RATE_LIMITS`: `off`, or overrides of the defaults such as `create=30/min,claim=100/1m`.
 * Returns null for `off`. Throws `InvalidValue` with the accepted syntax otherwise.
 */
export function parseRateLimits(text: string): RateLimits | null {
  const value = text.trim().toLowerCase();
  if (['off', 'false', 'no', '0'].includes(value)) return null;
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  if (['on', 'true', 'yes', '1', 'default'].includes(value)) return limits;
  for (const entry of value.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\d+)\s*\/\s*(\d*)\s*([a-z]+)\s*$/.exec(entry);
    const bucket = m?.[1] as keyof RateLimits | undefined;
    if (!m || bucket === undefined || !BUCKETS.includes(bucket)) {
      throw new InvalidValue(`"${entry.trim()}" is not valid; ${RATE_LIMITS_HELP}`);
    }
    let windowMs: number;
    try {
      windowMs = parseDuration(`${m[3] || '1'}${m[4]}`);
    } catch {
      throw new InvalidValue(`"${entry.trim()}" has an unknown window; ${RATE_LIMITS_HELP}`);
    }
    const max = Number(m[2]);
    if (max < 1 || windowMs < 1000) {
      throw new InvalidValue(`"${entry.trim()}" must allow at least 1 request per 1s`);
    }
    limits[bucket] = { max, windowMs };
  }
  return limits;
}

/** `create=60/1m,claim=120/1m,lookups=30/1m`, which `parseRateLimits` reads back: for the docs. */
export function formatRateLimits(limits: RateLimits): string {
  return BUCKETS.map((bucket) => {
    const { max, windowMs } = limits[bucket];
    return `${bucket}=${max}/${formatDuration(windowMs)}`;
  }).join(',');
}

/** At most `bytes` of upload (tus PATCH) bodies per client address in `windowMs`. */
export interface UploadBudget {
  bytes: number;
  windowMs: number;
}

export const DEFAULT_UPLOAD_BUDGET: UploadBudget = Object.freeze({
  bytes: 10 * 2 ** 30,
  windowMs: 3_600_000,
});

const UPLOAD_BUDGET_HELP = 'use off, or SIZE/WINDOW such as 10GiB/1h, 500MiB/10m (a window of 1s or more)';

/** Parses `BURNLINK_UPLOAD_BUDGET`: `off` (null) or `SIZE/WINDOW`. Throws `InvalidValue` otherwise. */
export function parseUploadBudget(text: string): UploadBudget | null {
  const value = text.trim();
  if (['off', 'false', 'no', '0'].includes(value.toLowerCase())) return null;
  const m = /^([^/]+)\/\s*(\d*)\s*([a-z]+)$/i.exec(value);
  if (!m) throw new InvalidValue(`"${value}" is not valid; ${UPLOAD_BUDGET_HELP}`);
  let bytes: number;
  let windowMs: number;
  try {
    bytes = parseByteSize(m[1]!.trim());
    windowMs = parseDuration(`${m[2] || '1'}${m[3]}`);
  } catch {
    throw new InvalidValue(`"${value}" is not valid; ${UPLOAD_BUDGET_HELP}`);
  }
  if (bytes < 1024 || bytes > 2 ** 40 || windowMs < 1000) {
    throw new InvalidValue(`"${value}" must allow from 1KiB to 1TiB per window of 1s or more`);
  }
  return { bytes, windowMs };
}

/** `10GiB/1h`, which `parseUploadBudget` reads back: for the docs. */
export function formatUploadBudget(budget: UploadBudget): string {
  return `${formatByteSize(budget.bytes)}/${formatDuration(budget.windowMs)}`;
}
