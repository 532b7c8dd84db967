import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifiedKeyId } from '../auth/principal.js';
import type { RateLimit, RateLimits } from '../config.js';
import { ApiError } from '../errors.js';
import { type GuardEvents, guardCaller } from './guard-events.js';
import type { WindowedCounter } from './upload-budget.js';

/**
 * Whose budget a request counts against: the API key's that authenticated it (by the key's id, so that the
 * clients of one key share it and one address's many keys do not), else its address, IPv6 grouped by /64.
 * Only a verified key counts (a route resolves its caller before the limit: the create route does), so that
 * naming made-up keys in `Authorization` never buys fresh budgets; the anonymous routes (claims, lookups)
 * count by address.
 */
function clientKey(request: FastifyRequest): string {
  const keyId = verifiedKeyId(request);
  return keyId === null ? normalizeIP(request.ip, 64) : `key:${keyId}`;
}

type RequestHook = (request: FastifyRequest) => Promise<void>;
type ResponseHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Hooks the routes attach, as lists: empty when rate limiting is off, so that the routes run no hook at all
 * (a no-op async hook still costs a promise and a hook-runner turn on every request).
 */
export interface RateLimitHooks {
  /** onRequest hook of POST /api/v1/secrets: counts the request, 429 past the limit. */
  create: RequestHook[];
  /** onRequest hook of POST …/claim. */
  claim: RequestHook[];
  /** onRequest hook of every lookup route: 429 while the client's 404 budget is used up; counts nothing. */
  lookupGuard: RequestHook[];
  /** onResponse hook of every lookup route: a 404 counts against the client's lookups budget. */
  lookupCount: ResponseHook[];
  /**
   * Counts `units` more claims for the request's client, 429 past the limit: a key claim with a passphrase
   * costs by the key derivation it causes (`derivationCost`). Null when rate limiting is off.
   */
  chargeClaim: Charge | null;
  /** The same for the `create` bucket: a server-encrypted create with a passphrase. */
  chargeCreate: Charge | null;
}

type Charge = (request: FastifyRequest, units: number) => Promise<void>;

export interface RateLimitOptions {
  /**
   * An ioredis client to share counters between nodes (scale-out). Without it counters live in this process.
   * Typed loosely so that this module does not pull in ioredis.
   */
  redis?: unknown;
  /** Or a `@fastify/rate-limit` store class doing the same on another backend (PostgreSQL). */
  store?: unknown;
  /** A counter of any amount on the same backend, for the upload budget (`upload-budget.ts`). */
  counter?: WindowedCounter;
}

export const NO_RATE_LIMITS: RateLimitHooks = {
  create: [],
  claim: [],
  lookupGuard: [],
  lookupCount: [],
  chargeClaim: null,
  chargeCreate: null,
};

/**
 * Per-client-address limits on create, claim and unknown-id lookups, on top of `@fastify/rate-limit`'s stores
 * (in memory; shared between nodes with `options.redis` or `options.store`). The client address is
 * `request.ip`, which honours `BURNLINK_TRUST_PROXY`; IPv6 addresses are grouped by /64. Each request refused
 * 429 emits one `rate_limit.tripped` event (its bucket, the address, the caller already known) into `guard`.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  limits: RateLimits | null,
  options: RateLimitOptions = {},
  guard: GuardEvents | null = null,
): Promise<RateLimitHooks> {
  if (limits === null) return NO_RATE_LIMITS;
  await app.register(rateLimit, {
    global: false,
    cache: 20_000,
    nameSpace: 'burnlink-rate-',
    // A shared counter store that fails must not take the API down with it: limits fail open.
    skipOnError: true,
    ...(options.redis ? { redis: options.redis as never } : {}),
    ...(options.store ? { store: options.store as never } : {}),
  });
  const limiter = (bucket: string, limit: RateLimit) =>
    app.createRateLimit({
      max: limit.max,
      timeWindow: limit.windowMs,
      keyGenerator: (request) => `${bucket}:${clientKey(request)}`,
    });
  const create = limiter('create', limits.create);
  const claim = limiter('claim', limits.claim);
  const lookups = limiter('lookups', limits.lookups);

  /** The 429 of `bucket`, reported to `guard` once per refused request (its one throw). */
  const refuse = (request: FastifyRequest, bucket: string, retryAfterSeconds: number): ApiError => {
    guard?.events.emit({
      type: 'rate_limit.tripped',
      at: guard.now(),
      bucket,
      ip: request.ip,
      caller: guardCaller(request),
    });
    return rateLimited(retryAfterSeconds);
  };
  const counting = (bucket: string, check: typeof create) => async (request: FastifyRequest) => {
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded) throw refuse(request, bucket, result.ttlInSeconds);
  };
  const countClaim = counting('claim', claim);
  const countCreate = counting('create', create);
  return {
    create: [countCreate],
    claim: [countClaim],
    lookupGuard: [
      async (request) => {
        const result = await lookups(request, { increment: false });
        if (!result.isAllowed && result.remaining === 0 && result.ttl > 0)
          throw refuse(request, 'lookups', result.ttlInSeconds);
      },
    ],
    lookupCount: [
      async (request, reply) => {
        if (reply.statusCode === 404) await lookups(request);
      },
    ],
    // The store increments by one per call; a charge is at most KDF_MAX_ITERATIONS / 100000 calls and, with
    // the default BURNLINK_KDF_MAX_ITERATIONS, 5.
    chargeClaim: async (request, units) => {
      for (let i = 0; i < units; i += 1) await countClaim(request);
    },
    chargeCreate: async (request, units) => {
      for (let i = 0; i < units; i += 1) await countCreate(request);
    },
  };
}

function rateLimited(retryAfterSeconds: number): ApiError {
  const seconds = Math.max(1, retryAfterSeconds);
  return new ApiError(
    'rate_limited',
    `Too many requests; retry in ${seconds} s.`,
    {},
    {
      'retry-after': String(seconds),
    },
  );
}
