import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { b64u, type ContractContext, HOUR, makeFixture } from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`).

/** The one-time rule, passphrase attempts and expiry. */
export function describeClaims(ctx: ContractContext): void {
  describe('claim', () => {
    it('serves a one-view secret once, then it is gone and the receipt says viewed', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now });
      const outcome = await ctx.store.claim(secret.id, right, now + 5);
      expect(outcome).toEqual({
        status: 'ok',
        content: secret.content,
        kdf: null,
        files: [],
        viewsLeft: 0,
        expiresAt: secret.expiresAt,
      });
      expect(await ctx.store.peek(secret.id, now + 6)).toBeNull();
      expect(await ctx.store.claim(secret.id, right, now + 6)).toEqual({ status: 'not_found' });
      expect(await ctx.store.receipt(secret.receiptHash, now + 7)).toMatchObject({
        state: 'viewed',
        viewsLeft: 0,
        viewedAt: [now + 5],
        failedAttempts: 0,
        endedAt: null,
      });
    });

    it('serves a multi-view secret exactly maxViews times and records every view', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, maxViews: 3 });
      expect(await ctx.store.claim(secret.id, right, now + 1)).toMatchObject({ status: 'ok', viewsLeft: 2 });
      expect(await ctx.store.receipt(secret.receiptHash, now + 1)).toMatchObject({
        state: 'pending',
        viewsLeft: 2,
        viewedAt: [now + 1],
        endedAt: null,
      });
      expect(await ctx.store.peek(secret.id, now + 1)).toMatchObject({ viewsLeft: 2, maxViews: 3 });
      expect(await ctx.store.claim(secret.id, right, now + 2)).toMatchObject({ status: 'ok', viewsLeft: 1 });
      expect(await ctx.store.claim(secret.id, right, now + 3)).toMatchObject({
        status: 'ok',
        viewsLeft: 0,
        content: secret.content,
      });
      expect(await ctx.store.claim(secret.id, right, now + 4)).toEqual({ status: 'not_found' });
      expect(await ctx.store.peek(secret.id, now + 4)).toBeNull();
      expect(await ctx.store.receipt(secret.receiptHash, now + 4)).toMatchObject({
        state: 'viewed',
        viewsLeft: 0,
        viewedAt: [now + 1, now + 2, now + 3],
      });
    });

    it('answers not_found to a wrong token without a passphrase and changes nothing', async () => {
      const now = Date.now();
      const { secret, right, wrongToken } = await ctx.created({ now });
      for (let i = 0; i < 10; i++) {
        expect(await ctx.store.claim(secret.id, wrongToken, now + i)).toEqual({ status: 'not_found' });
      }
      expect(
        await ctx.store.claim(secret.id, { verifier: randomBytes(16), linkVerifier: null }, now),
      ).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.peek(secret.id, now + 10)).toMatchObject({ viewsLeft: 1 });
      expect(await ctx.store.receipt(secret.receiptHash, now + 10)).toMatchObject({
        state: 'pending',
        failedAttempts: 0,
        viewedAt: [],
      });
      expect(await ctx.store.claim(secret.id, right, now + 11)).toMatchObject({ status: 'ok' });
    });

    it('answers not_found for an unknown id', async () => {
      const { right } = makeFixture();
      expect(await ctx.store.claim(b64u(randomBytes(16)), right, Date.now())).toEqual({
        status: 'not_found',
      });
    });
  });

  describe('passphrase secrets', () => {
    it('without the right link token: not_found, no attempt counted, whatever the access token', async () => {
      const now = Date.now();
      const { secret, right, wrongLink, noLink, wrongToken } = await ctx.created({ now, passphrase: true });
      for (let i = 0; i < 8; i++) {
        expect(await ctx.store.claim(secret.id, wrongLink, now)).toEqual({ status: 'not_found' });
        expect(await ctx.store.claim(secret.id, noLink, now)).toEqual({ status: 'not_found' });
        const noLinkWrongToken = { verifier: wrongToken.verifier, linkVerifier: null };
        expect(await ctx.store.claim(secret.id, noLinkWrongToken, now)).toEqual({ status: 'not_found' });
      }
      expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({
        state: 'pending',
        failedAttempts: 0,
      });
      expect(await ctx.store.peek(secret.id, now)).toMatchObject({ viewsLeft: 1 });
      expect(await ctx.store.claim(secret.id, right, now + 1)).toMatchObject({
        status: 'ok',
        content: secret.content,
        kdf: secret.kdf,
      });
    });

    it('counts wrong passphrases with the right link, locks at maxAttempts, and then it is gone', async () => {
      const now = Date.now();
      const { secret, right, wrongToken } = await ctx.created({ now, passphrase: true, maxAttempts: 5 });
      for (let left = 4; left >= 1; left--) {
        expect(await ctx.store.claim(secret.id, wrongToken, now + 10 - left)).toEqual({
          status: 'wrong_token',
          attemptsLeft: left,
        });
        expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({
          state: 'pending',
          failedAttempts: 5 - left,
        });
      }
      expect(await ctx.store.claim(secret.id, wrongToken, now + 20)).toEqual({
        status: 'locked',
        blobIds: [],
      });
      expect(await ctx.store.peek(secret.id, now + 21)).toBeNull();
      expect(await ctx.store.claim(secret.id, right, now + 21)).toEqual({ status: 'not_found' });
      expect(await ctx.store.claim(secret.id, wrongToken, now + 21)).toEqual({ status: 'not_found' });
      expect(await ctx.store.receipt(secret.receiptHash, now + 22)).toEqual({
        state: 'locked',
        createdAt: now,
        expiresAt: secret.expiresAt,
        maxViews: 1,
        viewsLeft: 0,
        viewedAt: [],
        failedAttempts: 5,
        maxAttempts: 5,
        hasPassphrase: true,
        endedAt: now + 20,
        downloads: [],
      });
    });

    it('locks on the first wrong try when maxAttempts is 1', async () => {
      const now = Date.now();
      const { secret, right, wrongToken } = await ctx.created({ now, passphrase: true, maxAttempts: 1 });
      expect(await ctx.store.claim(secret.id, wrongToken, now)).toEqual({ status: 'locked', blobIds: [] });
      expect(await ctx.store.claim(secret.id, right, now)).toEqual({ status: 'not_found' });
    });

    it('still serves the right passphrase after some wrong ones', async () => {
      const now = Date.now();
      const { secret, right, wrongToken } = await ctx.created({ now, passphrase: true, maxViews: 2 });
      expect(await ctx.store.claim(secret.id, wrongToken, now + 1)).toEqual({
        status: 'wrong_token',
        attemptsLeft: 4,
      });
      expect(await ctx.store.claim(secret.id, wrongToken, now + 2)).toEqual({
        status: 'wrong_token',
        attemptsLeft: 3,
      });
      expect(await ctx.store.claim(secret.id, right, now + 3)).toMatchObject({ status: 'ok', viewsLeft: 1 });
      // Attempts are counted over the secret's life, not reset by a success.
      expect(await ctx.store.claim(secret.id, wrongToken, now + 4)).toEqual({
        status: 'wrong_token',
        attemptsLeft: 2,
      });
      expect(await ctx.store.claim(secret.id, right, now + 5)).toMatchObject({ status: 'ok', viewsLeft: 0 });
      expect(await ctx.store.receipt(secret.receiptHash, now + 6)).toMatchObject({
        state: 'viewed',
        failedAttempts: 3,
        viewedAt: [now + 3, now + 5],
      });
    });
  });

  describe('expiry', () => {
    it('an expired secret is gone for peek and claim before any sweep, and its receipt says expired', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, ttlMs: 60_000, maxViews: 2 });
      const { expiresAt } = secret;
      expect(await ctx.store.peek(secret.id, expiresAt - 1)).toMatchObject({ viewsLeft: 2 });
      expect(await ctx.store.claim(secret.id, right, expiresAt - 1)).toMatchObject({
        status: 'ok',
        viewsLeft: 1,
      });
      expect(await ctx.store.peek(secret.id, expiresAt)).toBeNull();
      expect(await ctx.store.claim(secret.id, right, expiresAt)).toEqual({ status: 'not_found' });
      expect(await ctx.store.claim(secret.id, right, expiresAt + HOUR)).toEqual({ status: 'not_found' });
      expect(await ctx.store.receipt(secret.receiptHash, expiresAt)).toMatchObject({
        state: 'expired',
        viewsLeft: 0,
        viewedAt: [expiresAt - 1],
        endedAt: expiresAt,
      });
    });

    it('an expired passphrase secret counts no attempts', async () => {
      const now = Date.now();
      const { secret, wrongToken } = await ctx.created({ now, ttlMs: 60_000, passphrase: true });
      expect(await ctx.store.claim(secret.id, wrongToken, secret.expiresAt)).toEqual({ status: 'not_found' });
      expect(await ctx.store.receipt(secret.receiptHash, secret.expiresAt)).toMatchObject({
        state: 'expired',
        failedAttempts: 0,
      });
    });
  });
}
