import { appendFileSync } from 'node:fs';
import { toBase64Url } from '@burnlink/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/errors.js';

/**
 * The fuzz suite's settings (issue #10, item 6). In `npm test` each property runs its fixed slice with the fixed
 * seed. `npm run fuzz` sets FUZZ=1: FUZZ_RUNS (default 100,000) cases are shared among the properties by weight,
 * under FUZZ_SEED (a random one when unset, printed by scripts/fuzz.js so that a failure can be replayed).
 */
export const FUZZ = process.env.FUZZ === '1';
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x10f;
const TOTAL = Number(process.env.FUZZ_RUNS ?? 100_000);

/** Per property: the cases in `npm test`, and its share of FUZZ_RUNS in `npm run fuzz`. */
const PROPERTIES = {
  'create body': { slice: 250, share: 0.12 },
  'claim body': { slice: 250, share: 0.12 },
  'tus routes': { slice: 500, share: 0.25 },
  download: { slice: 350, share: 0.18 },
  'receipt GET': { slice: 250, share: 0.1 },
  'receipt burn': { slice: 250, share: 0.1 },
  'raw HTTP': { slice: 200, share: 0.13 },
} as const;
export type Property = keyof typeof PROPERTIES;

/** How many cases `property` runs in this mode. */
export const runs = (property: Property) =>
  FUZZ ? Math.max(1, Math.round(TOTAL * PROPERTIES[property].share)) : PROPERTIES[property].slice;

/** The vitest timeout of a property's test: a minute for the slice, no practical limit for `npm run fuzz`. */
export const TEST_TIMEOUT = FUZZ ? 6 * 60 * 60_000 : 60_000;

/** fast-check's parameters for `property`. */
export const params = (property: Property) => ({ seed: SEED, numRuns: runs(property) });

const counts = new Map<string, number>();
const statuses = new Map<string, Record<string, number>>();

/** Counts one case of `property` (reported at the end of `npm run fuzz`). */
export function count(property: Property) {
  counts.set(property, (counts.get(property) ?? 0) + 1);
}

/** Counts the status a case of `property` answered (null: the connection closed without an answer). */
export function tally(property: Property, status: number | null) {
  const seen = statuses.get(property) ?? {};
  const key = String(status ?? 'closed');
  seen[key] = (seen[key] ?? 0) + 1;
  statuses.set(property, seen);
}

/** Appends this file's counts to FUZZ_REPORT (one JSON line), for scripts/fuzz.js to add up. */
export function reportCounts() {
  const file = process.env.FUZZ_REPORT;
  const line = { counts: Object.fromEntries(counts), statuses: Object.fromEntries(statuses) };
  if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
}

export const b64u = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((bytes) => toBase64Url(bytes));

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const latin1 = fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c));

/** A value Node accepts in a header: visible ASCII and Latin-1, tabs and spaces, no CR or LF. */
export const headerValue = (maxLength = 40) =>
  fc.oneof(
    { arbitrary: fc.string({ unit: printable, maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: latin1, maxLength }), weight: 1 },
  );

/** A path segment as a client might send it: encoded text, raw bytes as escapes, overlong, or empty-ish. */
export const pathSegment = fc.oneof(
  b64u(16, 16),
  b64u(32, 32),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((bytes) => Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.constantFrom('%', '%f', '%zz', 'A'.repeat(101), 'A'.repeat(2000), '.', '..', '%2e%2e', '%2f', '~'),
);

/** Fails unless `promise` settles within `ms`: a hang is a failure of its own, not a vitest timeout. */
export function bounded<T>(promise: Promise<T>, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** No 5xx; a 4xx (but to HEAD) is `{"error":{"code","message"}}` with a catalogue code of that status. */
export function expectCatalogueError(status: number, text: string, what = '', head = false) {
  expect(status, `${what} ${text}`).toBeLessThan(500);
  if (status < 400 || head) return;
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${what}: ${status} answered a body that is not JSON: ${text.slice(0, 200)}`);
  }
  expect(Object.keys(body), `${what} ${text}`).toEqual(['error']);
  expect(typeof body.error?.message, `${what} ${text}`).toBe('string');
  const code = body.error?.code as keyof typeof ERROR_CATALOGUE;
  expect(Object.keys(ERROR_CATALOGUE), `${what} ${text}`).toContain(code);
  expect(ERROR_CATALOGUE[code].status, `${what} ${text}`).toBe(status);
}
