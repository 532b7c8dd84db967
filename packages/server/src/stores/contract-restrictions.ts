import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  b64u,
  type ContractContext,
  countBy,
  fileRefs,
  HOUR,
  MINUTE,
  newGrant,
  uploadAll,
} from './contract-fixtures.js';
import type { Gate, NewCode } from './secret-store.js';

// Part of the store contract suite (`contract-suite.ts`).

const RESTRICTIONS = JSON.stringify({ v: 1, recipients: ['ada@example.com'], networks: ['10.0.0.0/8'] });
const open: Gate = { codeHash: null };
const hashOf = () => b64u(randomBytes(32));
const code = (now: number, hash = hashOf(), tries = 5): NewCode => ({
  hash,
  expiresAt: now + 10 * MINUTE,
  tries,
});

/** Restrictions stored with a secret, the claim's gate, and verification codes. */
export function describeRestrictions(ctx: ContractContext): void {
  describe('restrictions', () => {
    it('peek returns the stored restrictions, and null for a secret without', async () => {
      const now = Date.now();
      const restricted = await ctx.created({ now, restrictions: RESTRICTIONS });
      const plain = await ctx.created({ now });
      expect(await ctx.store.peek(restricted.secret.id, now)).toMatchObject({ restrictions: RESTRICTIONS });
      expect(await ctx.store.peek(plain.secret.id, now)).toMatchObject({ restrictions: null });
    });

    it('a claim without a gate answers restricted and changes nothing, whatever the token', async () => {
      const now = Date.now();
      const { secret, right, wrongToken } = await ctx.created({
        now,
        passphrase: true,
        restrictions: RESTRICTIONS,
      });
      expect(await ctx.store.claim(secret.id, right, now)).toEqual({
        status: 'restricted',
        restrictions: RESTRICTIONS,
      });
      expect(await ctx.store.claim(secret.id, wrongToken, now)).toEqual({
        status: 'restricted',
        restrictions: RESTRICTIONS,
      });
      expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({
        state: 'pending',
        viewsLeft: 1,
        failedAttempts: 0,
        viewedAt: [],
      });
      expect(await ctx.store.claim(secret.id, { ...right, gate: open }, now + 1)).toMatchObject({
        status: 'ok',
        content: secret.content,
        viewsLeft: 0,
      });
    });

    it('with a gate, a wrong token still counts a passphrase attempt', async () => {
      const now = Date.now();
      const { secret, wrongToken } = await ctx.created({ now, passphrase: true, restrictions: RESTRICTIONS });
      expect(await ctx.store.claim(secret.id, { ...wrongToken, gate: open }, now)).toEqual({
        status: 'wrong_token',
        attemptsLeft: 4,
      });
    });

    it('a secret without restrictions ignores the gate', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now });
      expect(await ctx.store.claim(secret.id, { ...right, gate: { codeHash: hashOf() } }, now)).toMatchObject(
        {
          status: 'ok',
        },
      );
    });

    it('the restrictions are gone with the content: after the last view, a burn, and expiry', async () => {
      const now = Date.now();
      const viewed = await ctx.created({ now, restrictions: RESTRICTIONS });
      await ctx.store.claim(viewed.secret.id, { ...viewed.right, gate: open }, now);
      expect(await ctx.store.peek(viewed.secret.id, now)).toBeNull();
      expect(await ctx.store.claim(viewed.secret.id, viewed.right, now)).toEqual({ status: 'not_found' });
      const burned = await ctx.created({ now, restrictions: RESTRICTIONS });
      await ctx.store.burn(burned.secret.receiptHash, now);
      expect(await ctx.store.claim(burned.secret.id, burned.right, now)).toEqual({ status: 'not_found' });
      const expiring = await ctx.created({ now, ttlMs: MINUTE, restrictions: RESTRICTIONS });
      expect(await ctx.store.claim(expiring.secret.id, expiring.right, now + MINUTE)).toEqual({
        status: 'not_found',
      });
      expect(await ctx.store.issueCode(expiring.secret.id, code(now), now + MINUTE, 5, expiring.right)).toBe(
        'not_found',
      );
    });

    it('a staged secret with restrictions cannot be claimed or sent a code until sealed', async () => {
      const now = Date.now();
      const files = fileRefs(3);
      const { secret, right } = await ctx.created({ now, files, restrictions: RESTRICTIONS });
      expect(await ctx.store.claim(secret.id, right, now)).toEqual({ status: 'not_found' });
      expect(await ctx.store.issueCode(secret.id, code(now), now, 5, right)).toBe('not_found');
      await uploadAll(ctx.store, files, now);
      const grant = newGrant(now + HOUR);
      expect(await ctx.store.claim(secret.id, right, now, grant)).toMatchObject({ status: 'restricted' });
      expect(await ctx.store.claim(secret.id, { ...right, gate: open }, now, grant)).toMatchObject({
        status: 'ok',
        files,
      });
    });
  });

  describe('verification codes', () => {
    it('issueCode needs a live secret with restrictions', async () => {
      const now = Date.now();
      const plain = await ctx.created({ now });
      expect(await ctx.store.issueCode(plain.secret.id, code(now), now, 5, plain.right)).toBe('not_found');
      expect(await ctx.store.issueCode(b64u(randomBytes(16)), code(now), now, 5, plain.right)).toBe(
        'not_found',
      );
    });

    it('the right code opens one view and is then used up', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, maxViews: 2, restrictions: RESTRICTIONS });
      const issued = code(now);
      expect(await ctx.store.issueCode(secret.id, issued, now, 5, right)).toBe('ok');
      const gate = { codeHash: issued.hash };
      expect(await ctx.store.claim(secret.id, { ...right, gate }, now + 1)).toMatchObject({
        status: 'ok',
        viewsLeft: 1,
      });
      expect(await ctx.store.claim(secret.id, { ...right, gate }, now + 2)).toEqual({
        status: 'code_invalid',
        triesLeft: 0,
      });
      expect(await ctx.store.peek(secret.id, now + 2)).toMatchObject({ viewsLeft: 1 });
    });

    it('a wrong code costs one of its tries only; at zero even the right code is refused', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, passphrase: true, restrictions: RESTRICTIONS });
      const issued = code(now, hashOf(), 3);
      await ctx.store.issueCode(secret.id, issued, now, 5, right);
      const wrong = { ...right, gate: { codeHash: hashOf() } };
      expect(await ctx.store.claim(secret.id, wrong, now)).toEqual({ status: 'code_invalid', triesLeft: 2 });
      expect(await ctx.store.claim(secret.id, wrong, now)).toEqual({ status: 'code_invalid', triesLeft: 1 });
      expect(await ctx.store.claim(secret.id, wrong, now)).toEqual({ status: 'code_invalid', triesLeft: 0 });
      expect(await ctx.store.claim(secret.id, { ...right, gate: { codeHash: issued.hash } }, now)).toEqual({
        status: 'code_invalid',
        triesLeft: 0,
      });
      expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({
        state: 'pending',
        failedAttempts: 0,
        viewsLeft: 1,
      });
    });

    it('an expired code is refused; a new code replaces the old one', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, restrictions: RESTRICTIONS });
      const first = code(now);
      await ctx.store.issueCode(secret.id, first, now, 5, right);
      expect(
        await ctx.store.claim(secret.id, { ...right, gate: { codeHash: first.hash } }, first.expiresAt),
      ).toEqual({ status: 'code_invalid', triesLeft: 0 });
      const second = code(now + MINUTE);
      expect(await ctx.store.issueCode(secret.id, second, now + MINUTE, 5, right)).toBe('ok');
      const later = now + 2 * MINUTE;
      expect(await ctx.store.claim(secret.id, { ...right, gate: { codeHash: first.hash } }, later)).toEqual({
        status: 'code_invalid',
        triesLeft: 4,
      });
      expect(
        await ctx.store.claim(secret.id, { ...right, gate: { codeHash: second.hash } }, later),
      ).toMatchObject({
        status: 'ok',
      });
    });

    it('a right code with a wrong passphrase counts the attempt and keeps the code', async () => {
      const now = Date.now();
      const { secret, right, wrongToken } = await ctx.created({
        now,
        passphrase: true,
        restrictions: RESTRICTIONS,
      });
      const issued = code(now);
      await ctx.store.issueCode(secret.id, issued, now, 5, right);
      const gate = { codeHash: issued.hash };
      expect(await ctx.store.claim(secret.id, { ...wrongToken, gate }, now)).toEqual({
        status: 'wrong_token',
        attemptsLeft: 4,
      });
      expect(await ctx.store.claim(secret.id, { ...right, gate }, now)).toMatchObject({ status: 'ok' });
    });

    it('only a holder of the link spends a code or gets one issued (the id alone never does)', async () => {
      const now = Date.now();
      const plain = await ctx.created({ now, restrictions: RESTRICTIONS });
      const issued = code(now);
      expect(await ctx.store.issueCode(plain.secret.id, issued, now, 5, plain.wrongToken)).toBe('not_found');
      expect(await ctx.store.issueCode(plain.secret.id, issued, now, 5, plain.right)).toBe('ok');
      const wrongBoth = { ...plain.wrongToken, gate: { codeHash: hashOf() } };
      for (let i = 0; i < 3; i++) {
        expect(await ctx.store.claim(plain.secret.id, wrongBoth, now)).toEqual({ status: 'not_found' });
      }
      expect(
        await ctx.store.claim(plain.secret.id, { ...plain.right, gate: { codeHash: hashOf() } }, now),
      ).toEqual({
        status: 'code_invalid',
        triesLeft: 4,
      });

      const locked = await ctx.created({ now, passphrase: true, restrictions: RESTRICTIONS });
      expect(await ctx.store.issueCode(locked.secret.id, issued, now, 5, locked.wrongLink)).toBe('not_found');
      expect(await ctx.store.issueCode(locked.secret.id, issued, now, 5, locked.wrongToken)).toBe('ok');
      const noLink = { ...locked.wrongLink, gate: { codeHash: hashOf() } };
      expect(await ctx.store.claim(locked.secret.id, noLink, now)).toEqual({ status: 'not_found' });
      expect(
        await ctx.store.claim(locked.secret.id, { ...locked.right, gate: { codeHash: issued.hash } }, now),
      ).toMatchObject({
        status: 'ok',
      });
    });

    it('issues at most maxIssued codes per secret', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, restrictions: RESTRICTIONS });
      for (let i = 0; i < 3; i++)
        expect(await ctx.store.issueCode(secret.id, code(now), now, 3, right)).toBe('ok');
      expect(await ctx.store.issueCode(secret.id, code(now), now, 3, right)).toBe('limit');
    });

    it('under concurrency a code opens exactly one view, and wrong codes never take more than its tries', async () => {
      const now = Date.now();
      const { secret, right } = await ctx.created({ now, maxViews: 50, restrictions: RESTRICTIONS });
      const issued = code(now);
      await ctx.store.issueCode(secret.id, issued, now, 5, right);
      const gate = { codeHash: issued.hash };
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, () => ctx.store.claim(secret.id, { ...right, gate }, now + 1)),
      );
      expect(countBy(outcomes)).toEqual({ ok: 1, code_invalid: 39 });
      const again = code(now, hashOf(), 5);
      await ctx.store.issueCode(secret.id, again, now, 5, right);
      const wrongs = await Promise.all(
        Array.from({ length: 20 }, () =>
          ctx.store.claim(secret.id, { ...right, gate: { codeHash: hashOf() } }, now + 2),
        ),
      );
      expect(countBy(wrongs)).toEqual({ code_invalid: 20 });
      const left = wrongs.map((o) => (o.status === 'code_invalid' ? o.triesLeft : -1));
      expect(left.filter((n) => n > 0).sort()).toEqual([1, 2, 3, 4]);
      expect(left.filter((n) => n === 0)).toHaveLength(16);
      expect(await ctx.store.claim(secret.id, { ...right, gate }, now + 3)).toEqual({
        status: 'code_invalid',
        triesLeft: 0,
      });
    });
  });
}
