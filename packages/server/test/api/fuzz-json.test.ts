import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  b64u,
  bounded,
  count,
  expectCatalogueError,
  params,
  reportCounts,
  runs,
  TEST_TIMEOUT,
  tally,
} from './fuzz-support.js';
import { claimAndOpen, sendSecret, testApp } from './support.js';

// Issue #10, item 6 (a first slice): seeded property tests over the JSON bodies of create and claim, through
// `inject`. Each case: no 5xx, every 4xx in the catalogue's shape, and the server still serves afterwards.
// Seeded, so a failure reproduces: fast-check prints the seed and the shrunk counterexample.
// The seed and the number of cases come from fuzz-support.ts (`npm run fuzz` runs many more).

/** Numbers where parsers and range checks break: bounds, floats, 2^53 and beyond, negative zero. */
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.double({ min: 2 ** 53, noNaN: true }),
  fc.constantFrom(0, -0, 1, 59, 60, 100, 101, 2592000, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 1e16, 1e308, -1),
);

/** Any JSON value, weighted toward the shapes the fields expect (strings, b64u, numbers). */
const anyValue = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 80 }), weight: 2 },
  { arbitrary: b64u(0, 48), weight: 3 },
  { arbitrary: number, weight: 3 },
  { arbitrary: fc.constant(null), weight: 1 },
);

const DROP = Symbol('drop');

/**
 * A field of a valid body, mutated now and then: mostly `valid`, sometimes any value, sometimes absent. Most
 * bodies then break one or two fields of an otherwise valid request, so the checks behind the first are reached.
 */
const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: valid, weight: 12 },
    { arbitrary: anyValue, weight: 2 },
    { arbitrary: fc.constant(DROP), weight: 1 },
  );

/** Drops the fields drawn as DROP. */
const body = <T extends Record<string, unknown>>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(fields).map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== DROP)));

const kdf = fc.record({
  name: field(fc.constant('PBKDF2-SHA-256')),
  salt: field(b64u(16, 16)),
  iterations: field(fc.oneof(fc.constant(100_000), fc.integer({ min: 100_000, max: 200_000 }), number)),
});

/** Mostly not a string: a string passphrase on a valid body costs a full server-side PBKDF2. */
const rarePassphrase = fc.oneof(
  { arbitrary: fc.oneof(number, fc.constant(null), fc.jsonValue({ maxDepth: 1 })), weight: 9 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);

const files = fc.array(field(body({ size: field(fc.oneof(fc.integer({ min: 0, max: 1 << 20 }), number)) })), {
  maxLength: 3,
});

const clientEncrypted = fc.oneof(
  body({
    ttl: field(fc.integer({ min: 60, max: 2592000 })),
    max_views: field(fc.integer({ min: 1, max: 100 })),
    verifier: field(b64u(32, 32)),
    kdf: field(fc.constant(null)),
    content: field(b64u(1, 200)),
    files: field(files),
  }),
  body({
    ttl: field(fc.integer({ min: 60, max: 2592000 })),
    verifier: field(b64u(32, 32)),
    link_verifier: field(b64u(32, 32)),
    kdf: field(kdf),
    content: field(b64u(1, 200)),
    files: field(files),
  }),
);

const serverEncrypted = body({
  text: field(fc.string({ minLength: 1, maxLength: 200 })),
  ttl: field(fc.integer({ min: 60, max: 2592000 })),
  max_views: field(fc.integer({ min: 1, max: 100 })),
  passphrase: fc.oneof(fc.constant(DROP), rarePassphrase),
  context: field(fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 3 })),
});

const createBody = fc.oneof(
  { arbitrary: clientEncrypted, weight: 6 },
  { arbitrary: serverEncrypted, weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

const claimBody = fc.oneof(
  body({ token: field(b64u(32, 32)), link_token: fc.oneof(fc.constant(DROP), field(b64u(32, 32))) }),
  body({
    key: field(fc.oneof(b64u(32, 32), fc.string({ minLength: 43, maxLength: 43 }))),
    passphrase: fc.oneof(fc.constant(DROP), rarePassphrase),
  }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A body as sent: JSON of the value, or raw text that may not be JSON at all. */
const payload = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: body.map((value) => JSON.stringify(value) ?? 'null'), weight: 9 },
    { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
  );

describe('fuzz: create and claim JSON bodies (seeded)', () => {
  let app: FastifyInstance;
  const ids: string[] = [];

  beforeAll(async () => {
    ({ app } = await testApp());
    const plain = await sendSecret(app);
    const guarded = await sendSecret(app, { passphrase: 'horse', max_views: 100 });
    ids.push(plain.id, guarded.id);
  });
  afterAll(async () => {
    reportCounts();
    await app.close();
  });

  /** The server still does the whole normal path: create, claim, open. */
  async function stillServes() {
    const sent = await sendSecret(app, { text: 'still here' });
    const { payload: opened } = await claimAndOpen(app, sent.id, sent.linkKey, null);
    expect(opened?.text).toBe('still here');
  }

  test(
    `POST /api/v1/secrets: ${runs('create body')} bodies, no 5xx, every 4xx in the catalogue's shape`,
    async () => {
      await fc.assert(
        fc.asyncProperty(payload(createBody), async (body) => {
          count('create body');
          const res = await bounded(
            app.inject({
              method: 'POST',
              url: '/api/v1/secrets',
              headers: { 'content-type': 'application/json' },
              payload: body,
            }),
          );
          tally('create body', res.statusCode);
          expectCatalogueError(res.statusCode, res.body);
        }),
        params('create body'),
      );
      await stillServes();
    },
    TEST_TIMEOUT,
  );

  test(
    `POST /api/v1/secrets/:id/claim: ${runs('claim body')} bodies, no 5xx, every 4xx in the catalogue's shape`,
    async () => {
      const id = fc.oneof(
        fc.constantFrom(...ids),
        b64u(16, 16),
        fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
      );
      await fc.assert(
        fc.asyncProperty(id, payload(claimBody), async (target, body) => {
          count('claim body');
          const res = await bounded(
            app.inject({
              method: 'POST',
              url: `/api/v1/secrets/${target}/claim`,
              headers: { 'content-type': 'application/json' },
              payload: body,
            }),
          );
          tally('claim body', res.statusCode);
          expectCatalogueError(res.statusCode, res.body);
        }),
        params('claim body'),
      );
      await stillServes();
    },
    TEST_TIMEOUT,
  );
});
