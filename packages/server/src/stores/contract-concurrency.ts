import { describe, expect, it } from 'vitest';
import { type ContractContext, countBy } from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`).

/** Exactly-once and attempt limits under concurrency. */
export function describeConcurrency(ctx: ContractContext): void {
  describe('concurrency', () => {
    it('200 concurrent claims of a one-view secret: exactly one ok', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now });
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, () => ctx.store.claim(secret.id, right, now)),
      );
      expect(countBy(outcomes)).toEqual({ ok: 1, not_found: 199 });
      expect(outcomes.find((o) => o.status === 'ok')).toMatchObject({
        content: secret.content,
        viewsLeft: 0,
      });
      expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({
        state: 'viewed',
        viewedAt: [now],
      });
    });

    it('200 concurrent claims of a three-view secret: exactly three ok', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, maxViews: 3 });
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, i) => ctx.store.claim(secret.id, right, now + i)),
      );
      expect(countBy(outcomes)).toEqual({ ok: 3, not_found: 197 });
      const left = outcomes.flatMap((o) => (o.status === 'ok' ? [o.viewsLeft] : []));
      expect(left.sort()).toEqual([0, 1, 2]);
      const receipt = await ctx.store.receipt(secret.receiptHash, now + 200);
      expect(receipt).toMatchObject({ state: 'viewed', viewsLeft: 0 });
      expect(receipt?.viewedAt).toHaveLength(3);
    });

    it('concurrent wrong passphrases never exceed maxAttempts and lock exactly once', async () => {
      const now = Date.now();
      const { secret, right, wrongToken } = await ctx.created({ now, passphrase: true, maxAttempts: 5 });
      const tries = Array.from({ length: 100 }, (_, i) =>
        ctx.store.claim(secret.id, i === 99 ? right : wrongToken, now),
      );
      const outcomes = await Promise.all(tries);
      const counts = countBy(outcomes);
      expect(counts.locked).toBe(1);
      expect(counts.wrong_token).toBe(4);
      // The one right try either came in before the lock (ok) or after it (not_found).
      expect((counts.ok ?? 0) + (counts.not_found ?? 0)).toBe(95);
      expect(counts.ok ?? 0).toBeLessThanOrEqual(1);
      const left = outcomes.flatMap((o) => (o.status === 'wrong_token' ? [o.attemptsLeft] : []));
      expect(left.sort()).toEqual([1, 2, 3, 4]);
      expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({ failedAttempts: 5 });
    });

    it('concurrent claims and a burn: the secret is served at most once', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now });
      const [burned, ...outcomes] = await Promise.all([
        ctx.store.burn(secret.receiptHash, now),
        ...Array.from({ length: 50 }, () => ctx.store.claim(secret.id, right, now)),
      ]);
      expect(burned).toMatchObject({ known: true, secretId: secret.id, blobIds: [] });
      expect(burned.ended).toBe(!countBy(outcomes).ok);
      expect(countBy(outcomes).ok ?? 0).toBeLessThanOrEqual(1);
      const receipt = await ctx.store.receipt(secret.receiptHash, now);
      expect(receipt?.state).toBe(countBy(outcomes).ok ? 'viewed' : 'burned');
    });
  });
}
