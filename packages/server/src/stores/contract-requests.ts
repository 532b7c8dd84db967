import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  b64u,
  type ContractContext,
  countBy,
  DAY,
  type Fixture,
  type FixtureOptions,
  fileRefs,
  HOUR,
  MINUTE,
  makeFixture,
  pastClock,
  sha256,
  uploadAll,
} from './contract-fixtures.js';
import type { NewRequest, RequestRecord, SecretAndRequestStore } from './request-store.js';
import { StoreUnavailableError } from './secret-store.js';

// Part of the store contract suite (`contract-suite.ts`): the `RequestStore` methods (`request-store.ts`).

/** A request as the service would store it, the right and a wrong respond verifier, and responses to it. */
export interface RequestFixture {
  request: NewRequest;
  verifier: Uint8Array;
  wrongVerifier: Uint8Array;
  /** A response secret (id = the request id) as the service would build it, ready for `respond`. */
  response(options?: FixtureOptions): Fixture & { sealedKey: Uint8Array };
}

export interface RequestOptions {
  now?: number;
  ttlMs?: number;
  responseTtlMs?: number;
  retentionMs?: number;
}

/** A request fixture (also for the backends' fault tests). */
export function makeRequest(options: RequestOptions = {}): RequestFixture {
  const now = options.now ?? Date.now();
  const token = randomBytes(32);
  const request: NewRequest = {
    id: b64u(randomBytes(16)),
    receiptHash: b64u(sha256(randomBytes(16))),
    publicKey: new Uint8Array(randomBytes(32)),
    description: new Uint8Array(randomBytes(101)),
    respondVerifier: sha256(token),
    inboxVerifier: sha256(randomBytes(32)),
    createdAt: now,
    expiresAt: now + (options.ttlMs ?? DAY),
    responseTtlMs: options.responseTtlMs ?? DAY,
    receiptRetentionMs: options.retentionMs ?? 7 * DAY,
    owner: null,
  };
  return {
    request,
    verifier: sha256(token),
    wrongVerifier: sha256(randomBytes(32)),
    response(fixtureOptions = {}) {
      const fixture = makeFixture({ now, ttlMs: request.responseTtlMs, ...fixtureOptions });
      fixture.secret.id = request.id;
      return { ...fixture, sealedKey: new Uint8Array(randomBytes(80)) };
    },
  };
}

/** What `request` shows of a fresh request, before anything happened to it. */
function waiting(request: NewRequest): RequestRecord {
  const { receiptRetentionMs: _, ...record } = request;
  return { ...record, state: 'waiting', answeredAt: null, endedAt: null, sealedKey: null };
}

/** Requests: create and read, the one response, burn, expiry, sweep, and the one-response rule under load. */
export function describeRequests(ctx: ContractContext): void {
  const created = async (options: RequestOptions = {}) => {
    const fixture = makeRequest(options);
    await ctx.store.createRequest(fixture.request);
    return fixture;
  };
  const respond = (
    store: SecretAndRequestStore,
    fixture: RequestFixture,
    response: Fixture & { sealedKey: Uint8Array },
    now: number,
  ) => store.respond(fixture.request.id, fixture.verifier, response.sealedKey, response.secret, now);

  describe('requests: create and read', () => {
    it('reads a new request by id and by receipt, waiting, with every field as given', async () => {
      const now = Date.now();
      const { request } = await created({ now, responseTtlMs: HOUR });
      expect(await ctx.store.request(request.id, now + 1)).toEqual(waiting(request));
      expect(await ctx.store.requestByReceipt(request.receiptHash, now + 1)).toEqual(waiting(request));
    });

    it('keeps an owner as given', async () => {
      const fixture = makeRequest();
      fixture.request.owner = 'org_0123';
      await ctx.store.createRequest(fixture.request);
      expect(await ctx.store.request(fixture.request.id, Date.now())).toMatchObject({ owner: 'org_0123' });
    });

    it('unknown ids and receipts are null', async () => {
      const now = Date.now();
      expect(await ctx.store.request(b64u(randomBytes(16)), now)).toBeNull();
      expect(await ctx.store.requestByReceipt(b64u(randomBytes(32)), now)).toBeNull();
    });

    it('rejects a taken id or receipt hash with a plain Error and keeps the first request', async () => {
      const now = Date.now();
      const first = await created({ now });
      const sameId = makeRequest({ now });
      sameId.request.id = first.request.id;
      const sameReceipt = makeRequest({ now });
      sameReceipt.request.receiptHash = first.request.receiptHash;
      for (const clash of [sameId, sameReceipt]) {
        const error = await ctx.store.createRequest(clash.request).then(
          () => null,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(StoreUnavailableError);
      }
      expect(await ctx.store.request(first.request.id, now)).toEqual(waiting(first.request));
      expect(await ctx.store.request(sameReceipt.request.id, now)).toBeNull();
    });
  });

  describe('requests: respond', () => {
    it('ok creates the response secret: claimable once with its verifier; the request is answered', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      const response = fixture.response({ now: now + 5 });
      expect(await respond(ctx.store, fixture, response, now + 5)).toEqual({ status: 'ok' });
      expect(await ctx.store.request(fixture.request.id, now + 6)).toEqual({
        ...waiting(fixture.request),
        state: 'answered',
        answeredAt: now + 5,
        sealedKey: response.sealedKey,
      });
      expect(await ctx.store.peek(fixture.request.id, now + 6)).toMatchObject({ viewsLeft: 1, files: [] });
      expect(await ctx.store.claim(fixture.request.id, response.wrongToken, now + 7)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.claim(fixture.request.id, response.right, now + 7)).toMatchObject({
        status: 'ok',
        content: response.secret.content,
        viewsLeft: 0,
      });
      expect(await ctx.store.claim(fixture.request.id, response.right, now + 8)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.receipt(response.secret.receiptHash, now + 8)).toMatchObject({
        state: 'viewed',
        viewedAt: [now + 7],
      });
      // The request keeps its own record: the service reads `read` from the response's receipt.
      expect(await ctx.store.request(fixture.request.id, now + 8)).toMatchObject({ state: 'answered' });
    });

    it('a passphrase response counts wrong tries like any secret', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      const response = fixture.response({ now, passphrase: true, maxAttempts: 2 });
      expect(await respond(ctx.store, fixture, response, now)).toEqual({ status: 'ok' });
      expect(await ctx.store.claim(fixture.request.id, response.wrongToken, now)).toEqual({
        status: 'wrong_token',
        attemptsLeft: 1,
      });
      expect(await ctx.store.claim(fixture.request.id, response.right, now)).toMatchObject({ status: 'ok' });
    });

    it('with files the response stays staged until its uploads finish, as create does', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      const files = fileRefs(10, 0);
      const response = fixture.response({ now, files });
      expect(await respond(ctx.store, fixture, response, now)).toEqual({ status: 'ok' });
      expect(await ctx.store.request(fixture.request.id, now)).toMatchObject({ state: 'answered' });
      expect(await ctx.store.peek(fixture.request.id, now)).toBeNull();
      expect(await ctx.store.claim(fixture.request.id, response.right, now)).toEqual({ status: 'not_found' });
      expect(await ctx.store.upload(files[0].id, now)).toMatchObject({
        secretId: fixture.request.id,
        offset: 0,
      });
      const outcomes = await uploadAll(ctx.store, files, now);
      expect(outcomes.at(-1)).toMatchObject({ status: 'ok', sealed: true });
      expect(await ctx.store.peek(fixture.request.id, now)).toMatchObject({ files });
    });

    it('a wrong verifier is not_found and changes nothing', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      const response = fixture.response({ now });
      const outcome = await ctx.store.respond(
        fixture.request.id,
        fixture.wrongVerifier,
        response.sealedKey,
        response.secret,
        now,
      );
      expect(outcome).toEqual({ status: 'not_found' });
      expect(await ctx.store.request(fixture.request.id, now)).toEqual(waiting(fixture.request));
      expect(await ctx.store.peek(fixture.request.id, now)).toBeNull();
      expect(await ctx.store.receipt(response.secret.receiptHash, now)).toBeNull();
      expect(await respond(ctx.store, fixture, response, now)).toEqual({ status: 'ok' });
    });

    it('a second response is answered (right verifier) or not_found (wrong one), and stores nothing', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      const first = fixture.response({ now });
      expect(await respond(ctx.store, fixture, first, now)).toEqual({ status: 'ok' });
      const second = fixture.response({ now });
      expect(await respond(ctx.store, fixture, second, now + 1)).toEqual({ status: 'answered' });
      const wrong = await ctx.store.respond(
        fixture.request.id,
        fixture.wrongVerifier,
        second.sealedKey,
        second.secret,
        now + 1,
      );
      expect(wrong).toEqual({ status: 'not_found' });
      expect(await ctx.store.receipt(second.secret.receiptHash, now + 1)).toBeNull();
      expect(await ctx.store.request(fixture.request.id, now + 1)).toMatchObject({
        answeredAt: now,
        sealedKey: first.sealedKey,
      });
      expect(await ctx.store.claim(fixture.request.id, first.right, now + 2)).toMatchObject({
        content: first.secret.content,
      });
      // Still answered once the response is consumed, and after the request's own expiry.
      expect(await respond(ctx.store, fixture, second, now + 2 * DAY)).toEqual({ status: 'answered' });
    });

    it('unknown and expired requests are not_found; at expiresAt the request is expired', async () => {
      const now = Date.now();
      const unknown = makeRequest({ now });
      expect(await respond(ctx.store, unknown, unknown.response(), now)).toEqual({ status: 'not_found' });
      const fixture = await created({ now, ttlMs: HOUR });
      const response = fixture.response({ now: now + HOUR });
      expect(await respond(ctx.store, fixture, response, now + HOUR)).toEqual({ status: 'not_found' });
      expect(await ctx.store.receipt(response.secret.receiptHash, now + HOUR)).toBeNull();
      const expired = { ...waiting(fixture.request), state: 'expired', endedAt: now + HOUR };
      expect(await ctx.store.request(fixture.request.id, now + HOUR)).toEqual(expired);
      expect(await ctx.store.requestByReceipt(fixture.request.receiptHash, now + HOUR)).toEqual(expired);
      // Read at an earlier time (a node whose clock lags), the unswept request is still waiting.
      expect(await ctx.store.request(fixture.request.id, now + HOUR - 1)).toMatchObject({ state: 'waiting' });
    });

    it('a response that cannot be stored rejects with a plain Error and leaves the request waiting', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      const taken = await ctx.created({ now });
      const clash = fixture.response({ now });
      clash.secret.receiptHash = taken.secret.receiptHash;
      const otherId = fixture.response({ now });
      otherId.secret.id = b64u(randomBytes(16));
      for (const bad of [clash, otherId]) {
        const error = await respond(ctx.store, fixture, bad, now).then(
          () => null,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(StoreUnavailableError);
      }
      expect(await ctx.store.request(fixture.request.id, now)).toEqual(waiting(fixture.request));
      expect(await ctx.store.peek(otherId.secret.id, now)).toBeNull();
      expect(await ctx.store.receipt(taken.secret.receiptHash, now)).toMatchObject({ state: 'pending' });
      expect(await respond(ctx.store, fixture, fixture.response({ now }), now)).toEqual({ status: 'ok' });
    });
  });

  describe('requests: burn', () => {
    it('burns a waiting request, idempotently; then it cannot be answered', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      expect(await ctx.store.burnRequest(fixture.request.id, now + 3)).toBe('burned');
      const burned = { ...waiting(fixture.request), state: 'burned', endedAt: now + 3 };
      expect(await ctx.store.request(fixture.request.id, now + 4)).toEqual(burned);
      expect(await ctx.store.burnRequest(fixture.request.id, now + 5)).toBe('not_found');
      const response = fixture.response({ now });
      expect(await respond(ctx.store, fixture, response, now + 5)).toEqual({ status: 'not_found' });
      expect(await ctx.store.peek(fixture.request.id, now + 5)).toBeNull();
      expect(await ctx.store.request(fixture.request.id, now + 6)).toEqual(burned);
    });

    it('an answered request is answered (nothing changes); unknown and expired ones are not_found', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      const response = fixture.response({ now });
      await respond(ctx.store, fixture, response, now);
      expect(await ctx.store.burnRequest(fixture.request.id, now + 1)).toBe('answered');
      expect(await ctx.store.request(fixture.request.id, now + 1)).toMatchObject({
        state: 'answered',
        endedAt: null,
      });
      expect(await ctx.store.peek(fixture.request.id, now + 1)).not.toBeNull();
      expect(await ctx.store.burnRequest(b64u(randomBytes(16)), now)).toBe('not_found');
      const short = await created({ now, ttlMs: MINUTE });
      expect(await ctx.store.burnRequest(short.request.id, now + MINUTE)).toBe('not_found');
      expect(await ctx.store.request(short.request.id, now + MINUTE)).toMatchObject({
        state: 'expired',
        endedAt: now + MINUTE,
      });
    });
  });

  describe('requests: sweep and retention', () => {
    it('marks waiting requests past expiry expired (once) and purges records after their retention', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const lapsing = await created({ now: t, ttlMs: HOUR, retentionMs: DAY });
      const burned = await created({ now: t, ttlMs: 2 * HOUR, retentionMs: DAY });
      await ctx.store.burnRequest(burned.request.id, t + MINUTE);
      const alive = await created({ now: t, ttlMs: 3 * DAY, retentionMs: DAY });

      const first = await ctx.store.sweep(t + HOUR);
      expect(first).toMatchObject({ expiredRequestIds: [lapsing.request.id], purgedRequests: 0 });
      expect(await ctx.store.sweep(t + HOUR)).toMatchObject({ expiredRequestIds: [], purgedRequests: 0 });
      const expired = { ...waiting(lapsing.request), state: 'expired', endedAt: t + HOUR };
      // Swept, the request stays expired even for a caller whose clock lags behind the sweeper's.
      expect(await ctx.store.request(lapsing.request.id, t + HOUR - 1)).toEqual(expired);
      expect(await respond(ctx.store, lapsing, lapsing.response({ now: t }), t)).toEqual({
        status: 'not_found',
      });

      // Retention runs from the latest of expiry and end: the burned one at t + 2 h + 1 day.
      expect(await ctx.store.request(lapsing.request.id, t + HOUR + DAY - 1)).toEqual(expired);
      expect(await ctx.store.request(lapsing.request.id, t + HOUR + DAY)).toBeNull();
      expect(await ctx.store.sweep(t + HOUR + DAY)).toMatchObject({
        expiredRequestIds: [],
        purgedRequests: 1,
      });
      expect(await ctx.store.requestByReceipt(lapsing.request.receiptHash, t)).toBeNull();
      expect(await ctx.store.request(burned.request.id, t + 2 * HOUR + DAY - 1)).toMatchObject({
        state: 'burned',
      });
      expect(await ctx.store.sweep(t + 2 * HOUR + DAY)).toMatchObject({
        expiredRequestIds: [],
        purgedRequests: 1,
      });
      expect(await ctx.store.request(burned.request.id, t)).toBeNull();
      expect(await ctx.store.request(alive.request.id, t + 2 * HOUR + DAY)).toMatchObject({
        state: 'waiting',
      });
      // A purged request's id can never be answered.
      expect(await respond(ctx.store, lapsing, lapsing.response({ now: t }), t)).toEqual({
        status: 'not_found',
      });
    });

    it('an answered request is kept until its response could have ended, plus retention', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const fixture = await created({ now: t, ttlMs: HOUR, responseTtlMs: 2 * DAY, retentionMs: DAY });
      const response = fixture.response({ now: t + MINUTE });
      expect(await respond(ctx.store, fixture, response, t + MINUTE)).toEqual({ status: 'ok' });
      // Past the request's own expiry an answered request is not expired.
      expect(await ctx.store.sweep(t + HOUR)).toMatchObject({ expiredRequestIds: [], purgedRequests: 0 });
      const purgeAt = t + MINUTE + 2 * DAY + DAY;
      expect(await ctx.store.request(fixture.request.id, purgeAt - 1)).toMatchObject({ state: 'answered' });
      expect(await ctx.store.sweep(purgeAt - 1)).toMatchObject({ purgedRequests: 0 });
      expect(await ctx.store.sweep(purgeAt)).toMatchObject({ expiredRequestIds: [], purgedRequests: 1 });
      expect(await ctx.store.request(fixture.request.id, t)).toBeNull();
    });

    it('concurrent sweeps report each expired request once and purge each record once', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const fixtures = await Promise.all(
        Array.from({ length: 12 }, () => created({ now: t, ttlMs: HOUR, retentionMs: DAY })),
      );
      const ids = fixtures.map((fixture) => fixture.request.id).sort();
      const expiring = await Promise.all(Array.from({ length: 4 }, () => ctx.store.sweep(t + HOUR)));
      expect(expiring.flatMap((result) => result.expiredRequestIds).sort()).toEqual(ids);
      const purging = await Promise.all(Array.from({ length: 4 }, () => ctx.store.sweep(t + HOUR + DAY)));
      expect(purging.reduce((sum, result) => sum + result.purgedRequests, 0)).toBe(ids.length);
    });
  });

  describe('requests: one response under concurrency', () => {
    it('40 concurrent responses with different secrets: exactly one ok, and only its secret exists', async () => {
      const now = Date.now();
      const fixture = await created({ now });
      const responses = Array.from({ length: 40 }, () => fixture.response({ now }));
      const outcomes = await Promise.all(
        responses.map((response) => respond(ctx.store, fixture, response, now)),
      );
      expect(countBy(outcomes)).toEqual({ ok: 1, answered: 39 });
      const winner = responses[outcomes.findIndex((outcome) => outcome.status === 'ok')]!;
      await expectOnlyWinner(ctx.store, fixture, responses, winner, now);
    });

    if (ctx.peers) {
      it('across two nodes: 40 concurrent responses split between them, exactly one ok', async () => {
        const peer = await ctx.peer();
        try {
          for (let round = 0; round < 3; round++) {
            const now = Date.now();
            const fixture = await created({ now });
            const responses = Array.from({ length: 40 }, () => fixture.response({ now }));
            const outcomes = await Promise.all(
              responses.map((response, i) => respond(i % 2 ? peer : ctx.store, fixture, response, now)),
            );
            expect(countBy(outcomes)).toEqual({ ok: 1, answered: 39 });
            const winner = responses[outcomes.findIndex((outcome) => outcome.status === 'ok')]!;
            await expectOnlyWinner(round % 2 ? peer : ctx.store, fixture, responses, winner, now);
          }
          // A burn on one node and responses on the other.
          const now = Date.now();
          const fixture = await created({ now });
          const [burn, ...outcomes] = await Promise.all([
            peer.burnRequest(fixture.request.id, now),
            ...Array.from({ length: 10 }, () => respond(ctx.store, fixture, fixture.response({ now }), now)),
          ]);
          expect(countBy(outcomes).ok ?? 0).toBe(burn === 'burned' ? 0 : 1);
        } finally {
          await peer.close();
        }
      });
    }

    it('a burn racing responses: either burned and no response, or answered and burn says so', async () => {
      for (let round = 0; round < 20; round++) {
        const now = Date.now();
        const fixture = await created({ now });
        const responses = Array.from({ length: 5 }, () => fixture.response({ now }));
        const burnFirst = round % 2 === 0;
        const calls = [
          () => ctx.store.burnRequest(fixture.request.id, now),
          ...responses.map((response) => () => respond(ctx.store, fixture, response, now)),
        ];
        const results = await Promise.all((burnFirst ? calls : [...calls].reverse()).map((call) => call()));
        const [burn, ...outcomes] = (burnFirst ? results : [...results].reverse()) as [
          string,
          ...{ status: string }[],
        ];
        const record = await ctx.store.request(fixture.request.id, now);
        if (burn === 'burned') {
          expect(countBy(outcomes).ok ?? 0).toBe(0);
          expect(record).toMatchObject({ state: 'burned' });
          expect(await ctx.store.peek(fixture.request.id, now)).toBeNull();
        } else {
          expect(burn).toBe('answered');
          expect(countBy(outcomes).ok).toBe(1);
          expect(record).toMatchObject({ state: 'answered' });
        }
      }
    });
  });

  describe('requests: a closed store', () => {
    it('every request method fails as unavailable, never as gone', async () => {
      const opened = await ctx.open();
      try {
        await opened.store.close();
        const now = Date.now();
        const fixture = makeRequest({ now });
        const response = fixture.response();
        const calls: (() => Promise<unknown>)[] = [
          () => opened.store.createRequest(fixture.request),
          () => opened.store.request(fixture.request.id, now),
          () => opened.store.requestByReceipt(fixture.request.receiptHash, now),
          () => respond(opened.store, fixture, response, now),
          () => opened.store.burnRequest(fixture.request.id, now),
        ];
        for (const call of calls) await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await opened.cleanup?.();
      }
    });
  });
}

/** The winner's response is the one secret stored: claimable with its proof; no loser left a receipt. */
async function expectOnlyWinner(
  store: SecretAndRequestStore,
  fixture: RequestFixture,
  responses: (Fixture & { sealedKey: Uint8Array })[],
  winner: Fixture & { sealedKey: Uint8Array },
  now: number,
): Promise<void> {
  expect(await store.request(fixture.request.id, now)).toMatchObject({
    state: 'answered',
    sealedKey: winner.sealedKey,
  });
  for (const response of responses) {
    if (response === winner) continue;
    expect(await store.receipt(response.secret.receiptHash, now)).toBeNull();
  }
  expect(await store.claim(fixture.request.id, winner.right, now)).toMatchObject({
    status: 'ok',
    content: winner.secret.content,
  });
}
