import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { b64u, type ContractContext, DAY, makeFixture } from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`).

/** create, peek and receipts of new secrets. */
export function describeCreateAndPeek(ctx: ContractContext): void {
  describe('create and peek', () => {
    it('peek shows the public information and never consumes', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, maxViews: 2, contentBytes: 1234 });
      const expected = {
        expiresAt: now + DAY,
        maxViews: 2,
        viewsLeft: 2,
        kdf: null,
        size: 1234,
        files: [],
        restrictions: null,
      };
      expect(await ctx.store.peek(secret.id, now)).toEqual(expected);
      expect(await ctx.store.peek(secret.id, now + 1)).toEqual(expected);
      const claimed = await ctx.store.claim(secret.id, right, now + 2);
      expect(claimed).toMatchObject({ status: 'ok', viewsLeft: 1 });
      expect(await ctx.store.peek(secret.id, now + 3)).toEqual({ ...expected, viewsLeft: 1 });
    });

    it('peek of an unknown id is null', async () => {
      expect(await ctx.store.peek(b64u(randomBytes(16)), Date.now())).toBeNull();
    });

    it('round-trips kdf parameters, files and content bytes exactly', async () => {
      const now = Date.now();
      const files = [
        { id: b64u(randomBytes(16)), size: 10_485_760 },
        { id: b64u(randomBytes(16)), size: 0 },
      ];
      const { secret, right } = await ctx.sealed({ now, passphrase: true, files, contentBytes: 70_000 });
      const info = await ctx.store.peek(secret.id, now);
      expect(info).toEqual({
        expiresAt: secret.expiresAt,
        maxViews: 1,
        viewsLeft: 1,
        kdf: secret.kdf,
        size: 70_000,
        files,
        restrictions: null,
      });
      const outcome = await ctx.store.claim(secret.id, right, now + 1);
      expect(outcome).toEqual({
        status: 'ok',
        content: secret.content,
        kdf: secret.kdf,
        files,
        viewsLeft: 0,
        expiresAt: secret.expiresAt,
      });
      if (outcome.status === 'ok') expect(outcome.content).toBeInstanceOf(Uint8Array);
    });

    it('keeps its own copy of the content', async () => {
      const now = Date.now();
      const fixture = makeFixture({ now });
      const original = Uint8Array.from(fixture.secret.content);
      await ctx.store.create(fixture.secret);
      fixture.secret.content.fill(0);
      const outcome = await ctx.store.claim(fixture.secret.id, fixture.right, now);
      expect(outcome).toMatchObject({ status: 'ok', content: original });
    });

    it('refuses a second secret with the same id and leaves the first untouched', async () => {
      const now = Date.now();
      const first = await ctx.created({ now });
      const impostor = makeFixture({ now });
      impostor.secret.id = first.secret.id;
      await expect(ctx.store.create(impostor.secret)).rejects.toThrow();
      expect(await ctx.store.claim(first.secret.id, impostor.right, now)).toEqual({ status: 'not_found' });
      expect(await ctx.store.claim(first.secret.id, first.right, now)).toMatchObject({
        status: 'ok',
        content: first.secret.content,
      });
    });

    it('creates a pending receipt', async () => {
      const now = Date.now();
      const { secret } = await ctx.created({ now, maxViews: 3, maxAttempts: 7, passphrase: true });
      expect(await ctx.store.receipt(secret.receiptHash, now)).toEqual({
        state: 'pending',
        createdAt: now,
        expiresAt: now + DAY,
        maxViews: 3,
        viewsLeft: 3,
        viewedAt: [],
        failedAttempts: 0,
        maxAttempts: 7,
        hasPassphrase: true,
        endedAt: null,
        downloads: [],
      });
    });

    it('receipt of an unknown hash is null', async () => {
      expect(await ctx.store.receipt(b64u(randomBytes(32)), Date.now())).toBeNull();
    });
  });
}
