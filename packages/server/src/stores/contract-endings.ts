import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  b64u,
  burnt,
  type ContractContext,
  DAY,
  HOUR,
  pastClock,
  sorted,
  swept,
  UNKNOWN_BURN,
} from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`).

/** Burn, receipt retention and sweep. */
export function describeEndings(ctx: ContractContext): void {
  describe('burn', () => {
    it('burns a pending secret, idempotently', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now });
      expect(await ctx.store.burn(secret.receiptHash, now + 10)).toEqual(burnt(secret.id, true));
      expect(await ctx.store.peek(secret.id, now + 11)).toBeNull();
      expect(await ctx.store.claim(secret.id, right, now + 11)).toEqual({ status: 'not_found' });
      const burned = { state: 'burned', viewsLeft: 0, viewedAt: [], endedAt: now + 10 };
      expect(await ctx.store.receipt(secret.receiptHash, now + 12)).toMatchObject(burned);
      expect(await ctx.store.burn(secret.receiptHash, now + 20)).toEqual(burnt(secret.id, false));
      expect(await ctx.store.receipt(secret.receiptHash, now + 21)).toMatchObject(burned);
    });

    it('burns what is left of a partly viewed secret and keeps its view times', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, maxViews: 3 });
      expect(await ctx.store.claim(secret.id, right, now + 1)).toMatchObject({ status: 'ok' });
      expect(await ctx.store.burn(secret.receiptHash, now + 2)).toEqual(burnt(secret.id, true));
      expect(await ctx.store.claim(secret.id, right, now + 3)).toEqual({ status: 'not_found' });
      expect(await ctx.store.receipt(secret.receiptHash, now + 3)).toMatchObject({
        state: 'burned',
        viewedAt: [now + 1],
        endedAt: now + 2,
      });
    });

    it('after the last view, burn knows the receipt, ends nothing and the receipt stays viewed', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now });
      await ctx.store.claim(secret.id, right, now + 1);
      expect(await ctx.store.burn(secret.receiptHash, now + 2)).toEqual(burnt(secret.id, false));
      expect(await ctx.store.receipt(secret.receiptHash, now + 3)).toMatchObject({
        state: 'viewed',
        viewedAt: [now + 1],
        endedAt: null,
      });
    });

    it('after expiry or lock, burn knows the receipt, ends nothing and the receipt keeps its state', async () => {
      const now = Date.now();
      const expiring = await ctx.created({ now, ttlMs: 60_000 });
      expect(await ctx.store.burn(expiring.secret.receiptHash, expiring.secret.expiresAt + 5)).toEqual(
        burnt(expiring.secret.id, false),
      );
      expect(
        await ctx.store.receipt(expiring.secret.receiptHash, expiring.secret.expiresAt + 6),
      ).toMatchObject({
        state: 'expired',
        endedAt: expiring.secret.expiresAt,
      });
      const locked = await ctx.created({ now, passphrase: true, maxAttempts: 1 });
      expect(await ctx.store.claim(locked.secret.id, locked.wrongToken, now + 1)).toEqual({
        status: 'locked',
        blobIds: [],
      });
      expect(await ctx.store.burn(locked.secret.receiptHash, now + 2)).toEqual(
        burnt(locked.secret.id, false),
      );
      expect(await ctx.store.receipt(locked.secret.receiptHash, now + 3)).toMatchObject({
        state: 'locked',
        endedAt: now + 1,
      });
    });

    it('answers unknown for an unknown receipt', async () => {
      expect(await ctx.store.burn(b64u(randomBytes(32)), Date.now())).toEqual(UNKNOWN_BURN);
    });

    it('receipts of different secrets are independent', async () => {
      const now = Date.now();
      const a = await ctx.created({ now });
      const b = await ctx.created({ now, maxViews: 2 });
      expect(await ctx.store.claim(a.secret.id, a.right, now + 1)).toMatchObject({ status: 'ok' });
      expect(await ctx.store.burn(b.secret.receiptHash, now + 2)).toEqual(burnt(b.secret.id, true));
      const c = await ctx.created({ now });
      expect(await ctx.store.receipt(a.secret.receiptHash, now + 3)).toMatchObject({ state: 'viewed' });
      expect(await ctx.store.receipt(b.secret.receiptHash, now + 3)).toMatchObject({
        state: 'burned',
        viewedAt: [],
      });
      expect(await ctx.store.receipt(c.secret.receiptHash, now + 3)).toMatchObject({ state: 'pending' });
      expect(await ctx.store.claim(c.secret.id, c.right, now + 4)).toMatchObject({ status: 'ok' });
    });
  });

  describe('retention and sweep', () => {
    it('keeps a receipt for its retention after the secret ended, counted from the end', async () => {
      const now = Date.now();
      const retentionMs = HOUR;
      const viewed = await ctx.created({ now, retentionMs });
      await ctx.store.claim(viewed.secret.id, viewed.right, now + 1000);
      expect(await ctx.store.receipt(viewed.secret.receiptHash, now + 1000 + retentionMs - 1)).toMatchObject({
        state: 'viewed',
      });
      expect(await ctx.store.receipt(viewed.secret.receiptHash, now + 1000 + retentionMs)).toBeNull();

      const burned = await ctx.created({ now, retentionMs });
      await ctx.store.burn(burned.secret.receiptHash, now + 2000);
      expect(await ctx.store.receipt(burned.secret.receiptHash, now + 2000 + retentionMs - 1)).not.toBeNull();
      expect(await ctx.store.receipt(burned.secret.receiptHash, now + 2000 + retentionMs)).toBeNull();
      expect(await ctx.store.burn(burned.secret.receiptHash, now + 2000 + retentionMs)).toEqual(UNKNOWN_BURN);

      const expired = await ctx.created({ now, retentionMs, ttlMs: 60_000 });
      const end = expired.secret.expiresAt;
      expect(await ctx.store.receipt(expired.secret.receiptHash, end + retentionMs - 1)).toMatchObject({
        state: 'expired',
      });
      expect(await ctx.store.receipt(expired.secret.receiptHash, end + retentionMs)).toBeNull();

      // A pending receipt is kept while its secret lives, however short the retention.
      const pending = await ctx.created({ now, retentionMs: 1000 });
      expect(await ctx.store.receipt(pending.secret.receiptHash, now + 10 * HOUR)).toMatchObject({
        state: 'pending',
      });
    });

    it('sweep removes expired secrets, marks their receipts expired and keeps live ones', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const a = await ctx.created({ now: t, ttlMs: 1000 });
      const b = await ctx.created({ now: t, ttlMs: 2000, maxViews: 2 });
      const live = await ctx.created({ now: t, ttlMs: HOUR });
      await ctx.store.claim(b.secret.id, b.right, t + 10);
      expect(sorted(await ctx.store.sweep(t + 2000))).toEqual(swept([a.secret.id, b.secret.id], 0));
      expect(await ctx.store.sweep(t + 2000)).toEqual(swept([], 0));
      expect(await ctx.store.receipt(a.secret.receiptHash, t + 2000)).toMatchObject({
        state: 'expired',
        endedAt: t + 1000,
        viewsLeft: 0,
      });
      expect(await ctx.store.receipt(b.secret.receiptHash, t + 2000)).toMatchObject({
        state: 'expired',
        endedAt: t + 2000,
        viewedAt: [t + 10],
      });
      // Swept means gone even for a caller whose clock lags behind the sweeper's.
      expect(await ctx.store.peek(a.secret.id, t)).toBeNull();
      expect(await ctx.store.claim(b.secret.id, b.right, t + 20)).toEqual({ status: 'not_found' });
      expect(await ctx.store.peek(live.secret.id, t + 2000)).toMatchObject({ viewsLeft: 1 });
      expect(await ctx.store.claim(live.secret.id, live.right, t + 2001)).toMatchObject({ status: 'ok' });
    });

    it('sweep purges receipts whose retention passed, counted from when each secret ended', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const retentionMs = 10_000;
      const viewed = await ctx.created({ now: t, retentionMs });
      const burned = await ctx.created({ now: t, retentionMs });
      const locked = await ctx.created({ now: t, retentionMs, passphrase: true, maxAttempts: 1 });
      const expired = await ctx.created({ now: t, retentionMs, ttlMs: 3000 });
      const pending = await ctx.created({ now: t, retentionMs, ttlMs: DAY });
      await ctx.store.claim(viewed.secret.id, viewed.right, t + 1000);
      await ctx.store.burn(burned.secret.receiptHash, t + 2000);
      await ctx.store.claim(locked.secret.id, locked.wrongToken, t + 4000);

      expect(await ctx.store.sweep(t + 10_999)).toEqual(swept([expired.secret.id], 0));
      expect(await ctx.store.sweep(t + 11_000)).toEqual(swept([], 1));
      expect(await ctx.store.sweep(t + 13_000)).toEqual(swept([], 2));
      expect(await ctx.store.receipt(viewed.secret.receiptHash, t)).toBeNull();
      expect(await ctx.store.receipt(burned.secret.receiptHash, t)).toBeNull();
      expect(await ctx.store.receipt(expired.secret.receiptHash, t)).toBeNull();
      expect(await ctx.store.receipt(locked.secret.receiptHash, t + 13_999)).toMatchObject({
        state: 'locked',
      });
      expect(await ctx.store.sweep(t + 14_000)).toEqual(swept([], 1));
      expect(await ctx.store.receipt(locked.secret.receiptHash, t)).toBeNull();
      expect(await ctx.store.burn(locked.secret.receiptHash, t)).toEqual(UNKNOWN_BURN);

      expect(await ctx.store.receipt(pending.secret.receiptHash, t + HOUR)).toMatchObject({
        state: 'pending',
      });
      expect(await ctx.store.claim(pending.secret.id, pending.right, t + HOUR)).toMatchObject({
        status: 'ok',
      });
    });

    it('sweep also purges receipts of secrets it expires once their retention passed', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const old = await ctx.created({ now: t, ttlMs: 1000, retentionMs: 1000 });
      expect(await ctx.store.sweep(t + 5000)).toEqual(swept([old.secret.id], 1));
      expect(await ctx.store.receipt(old.secret.receiptHash, t + 1500)).toBeNull();
    });

    it('concurrent sweeps remove each secret once', async () => {
      const t = pastClock();
      await ctx.store.sweep(t);
      const made = await Promise.all(Array.from({ length: 20 }, () => ctx.created({ now: t, ttlMs: 1000 })));
      const results = await Promise.all(Array.from({ length: 5 }, () => ctx.store.sweep(t + 1000)));
      const reported = results.flatMap((result) => result.expiredIds);
      expect(reported.sort()).toEqual(made.map((fixture) => fixture.secret.id).sort());
    });
  });
}
