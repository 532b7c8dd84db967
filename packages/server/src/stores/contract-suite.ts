import { createHash, randomBytes } from 'node:crypto';
import type { KdfParams } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimOutcome, NewSecret, PresentedProof, SecretStore } from './secret-store.js';
import { StoreUnavailableError } from './secret-store.js';

/** What a backend's test file hands to the suite: a fresh store, and how to tidy up after it. */
export type OpenStore = () => Promise<{ store: SecretStore; cleanup?: () => Promise<void> }>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

/** A secret as the HTTP layer would store it, plus the proofs a right and a wrong client would present. */
interface Fixture {
  secret: NewSecret;
  right: PresentedProof;
  wrongToken: PresentedProof;
  /** Right access token, wrong link token: someone who has the id (and maybe the passphrase) but not the link. */
  wrongLink: PresentedProof;
  noLink: PresentedProof;
}

interface FixtureOptions {
  passphrase?: boolean;
  now?: number;
  ttlMs?: number;
  maxViews?: number;
  maxAttempts?: number;
  retentionMs?: number;
  contentBytes?: number;
  files?: { id: string; size: number }[];
}

function makeFixture(options: FixtureOptions = {}): Fixture {
  const now = options.now ?? Date.now();
  const token = randomBytes(32);
  const linkToken = randomBytes(32);
  const kdf: KdfParams | null = options.passphrase
    ? { name: 'PBKDF2-SHA-256', salt: b64u(randomBytes(16)), iterations: 600_000 }
    : null;
  const linkVerifier = options.passphrase ? sha256(linkToken) : null;
  const secret: NewSecret = {
    id: b64u(randomBytes(16)),
    verifier: sha256(token),
    linkVerifier,
    kdf,
    content: new Uint8Array(randomBytes(options.contentBytes ?? 517)),
    files: options.files ?? [],
    createdAt: now,
    expiresAt: now + (options.ttlMs ?? DAY),
    maxViews: options.maxViews ?? 1,
    maxAttempts: options.maxAttempts ?? 5,
    receiptHash: b64u(sha256(randomBytes(16))),
    receiptRetentionMs: options.retentionMs ?? 7 * DAY,
  };
  const wrong = sha256(randomBytes(32));
  return {
    secret,
    right: { verifier: sha256(token), linkVerifier: linkVerifier && sha256(linkToken) },
    wrongToken: { verifier: wrong, linkVerifier: linkVerifier && sha256(linkToken) },
    wrongLink: { verifier: sha256(token), linkVerifier: linkVerifier && sha256(randomBytes(32)) },
    noLink: { verifier: sha256(token), linkVerifier: null },
  };
}

function countBy(outcomes: ClaimOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
  return counts;
}

/**
 * The store contract (`secret-store.ts`) as tests. Every backend's test file calls this with a function that
 * opens a fresh store; the suite never looks inside a backend. Every test uses random ids and receipts, and
 * the sweep tests use their own far-past clock, so the suite can run against a shared database or Redis.
 *
 * @example
 * describeStoreContract('memory', async () => ({ store: new MemoryStore() }));
 */
export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`SecretStore contract: ${name}`, () => {
    let store: SecretStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup } = await open());
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const created = async (options: FixtureOptions = {}) => {
      const fixture = makeFixture(options);
      await store.create(fixture.secret);
      return fixture;
    };

    describe('create and peek', () => {
      it('peek shows the public information and never consumes', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now, maxViews: 2, contentBytes: 1234 });
        const expected = {
          expiresAt: now + DAY,
          maxViews: 2,
          viewsLeft: 2,
          kdf: null,
          size: 1234,
          files: [],
        };
        expect(await store.peek(secret.id, now)).toEqual(expected);
        expect(await store.peek(secret.id, now + 1)).toEqual(expected);
        const claimed = await store.claim(secret.id, right, now + 2);
        expect(claimed).toMatchObject({ status: 'ok', viewsLeft: 1 });
        expect(await store.peek(secret.id, now + 3)).toEqual({ ...expected, viewsLeft: 1 });
      });

      it('peek of an unknown id is null', async () => {
        expect(await store.peek(b64u(randomBytes(16)), Date.now())).toBeNull();
      });

      it('round-trips kdf parameters, files and content bytes exactly', async () => {
        const now = Date.now();
        const files = [
          { id: b64u(randomBytes(16)), size: 10_485_760 },
          { id: b64u(randomBytes(16)), size: 0 },
        ];
        const { secret, right } = await created({ now, passphrase: true, files, contentBytes: 70_000 });
        const info = await store.peek(secret.id, now);
        expect(info).toEqual({
          expiresAt: secret.expiresAt,
          maxViews: 1,
          viewsLeft: 1,
          kdf: secret.kdf,
          size: 70_000,
          files,
        });
        const outcome = await store.claim(secret.id, right, now + 1);
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
        await store.create(fixture.secret);
        fixture.secret.content.fill(0);
        const outcome = await store.claim(fixture.secret.id, fixture.right, now);
        expect(outcome).toMatchObject({ status: 'ok', content: original });
      });

      it('refuses a second secret with the same id and leaves the first untouched', async () => {
        const now = Date.now();
        const first = await created({ now });
        const impostor = makeFixture({ now });
        impostor.secret.id = first.secret.id;
        await expect(store.create(impostor.secret)).rejects.toThrow();
        expect(await store.claim(first.secret.id, impostor.right, now)).toEqual({ status: 'not_found' });
        expect(await store.claim(first.secret.id, first.right, now)).toMatchObject({
          status: 'ok',
          content: first.secret.content,
        });
      });

      it('creates a pending receipt', async () => {
        const now = Date.now();
        const { secret } = await created({ now, maxViews: 3, maxAttempts: 7, passphrase: true });
        expect(await store.receipt(secret.receiptHash, now)).toEqual({
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
        });
      });

      it('receipt of an unknown hash is null', async () => {
        expect(await store.receipt(b64u(randomBytes(32)), Date.now())).toBeNull();
      });
    });

    describe('claim', () => {
      it('serves a one-view secret once, then it is gone and the receipt says viewed', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now });
        const outcome = await store.claim(secret.id, right, now + 5);
        expect(outcome).toEqual({
          status: 'ok',
          content: secret.content,
          kdf: null,
          files: [],
          viewsLeft: 0,
          expiresAt: secret.expiresAt,
        });
        expect(await store.peek(secret.id, now + 6)).toBeNull();
        expect(await store.claim(secret.id, right, now + 6)).toEqual({ status: 'not_found' });
        expect(await store.receipt(secret.receiptHash, now + 7)).toMatchObject({
          state: 'viewed',
          viewsLeft: 0,
          viewedAt: [now + 5],
          failedAttempts: 0,
          endedAt: null,
        });
      });

      it('serves a multi-view secret exactly maxViews times and records every view', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now, maxViews: 3 });
        expect(await store.claim(secret.id, right, now + 1)).toMatchObject({ status: 'ok', viewsLeft: 2 });
        expect(await store.receipt(secret.receiptHash, now + 1)).toMatchObject({
          state: 'pending',
          viewsLeft: 2,
          viewedAt: [now + 1],
          endedAt: null,
        });
        expect(await store.peek(secret.id, now + 1)).toMatchObject({ viewsLeft: 2, maxViews: 3 });
        expect(await store.claim(secret.id, right, now + 2)).toMatchObject({ status: 'ok', viewsLeft: 1 });
        expect(await store.claim(secret.id, right, now + 3)).toMatchObject({
          status: 'ok',
          viewsLeft: 0,
          content: secret.content,
        });
        expect(await store.claim(secret.id, right, now + 4)).toEqual({ status: 'not_found' });
        expect(await store.peek(secret.id, now + 4)).toBeNull();
        expect(await store.receipt(secret.receiptHash, now + 4)).toMatchObject({
          state: 'viewed',
          viewsLeft: 0,
          viewedAt: [now + 1, now + 2, now + 3],
        });
      });

      it('answers not_found to a wrong token without a passphrase and changes nothing', async () => {
        const now = Date.now();
        const { secret, right, wrongToken } = await created({ now });
        for (let i = 0; i < 10; i++) {
          expect(await store.claim(secret.id, wrongToken, now + i)).toEqual({ status: 'not_found' });
        }
        expect(await store.claim(secret.id, { verifier: randomBytes(16), linkVerifier: null }, now)).toEqual({
          status: 'not_found',
        });
        expect(await store.peek(secret.id, now + 10)).toMatchObject({ viewsLeft: 1 });
        expect(await store.receipt(secret.receiptHash, now + 10)).toMatchObject({
          state: 'pending',
          failedAttempts: 0,
          viewedAt: [],
        });
        expect(await store.claim(secret.id, right, now + 11)).toMatchObject({ status: 'ok' });
      });

      it('answers not_found for an unknown id', async () => {
        const { right } = makeFixture();
        expect(await store.claim(b64u(randomBytes(16)), right, Date.now())).toEqual({ status: 'not_found' });
      });
    });

    describe('passphrase secrets', () => {
      it('without the right link token: not_found, no attempt counted, whatever the access token', async () => {
        const now = Date.now();
        const { secret, right, wrongLink, noLink, wrongToken } = await created({ now, passphrase: true });
        for (let i = 0; i < 8; i++) {
          expect(await store.claim(secret.id, wrongLink, now)).toEqual({ status: 'not_found' });
          expect(await store.claim(secret.id, noLink, now)).toEqual({ status: 'not_found' });
          const noLinkWrongToken = { verifier: wrongToken.verifier, linkVerifier: null };
          expect(await store.claim(secret.id, noLinkWrongToken, now)).toEqual({ status: 'not_found' });
        }
        expect(await store.receipt(secret.receiptHash, now)).toMatchObject({
          state: 'pending',
          failedAttempts: 0,
        });
        expect(await store.peek(secret.id, now)).toMatchObject({ viewsLeft: 1 });
        expect(await store.claim(secret.id, right, now + 1)).toMatchObject({
          status: 'ok',
          content: secret.content,
          kdf: secret.kdf,
        });
      });

      it('counts wrong passphrases with the right link, locks at maxAttempts, and then it is gone', async () => {
        const now = Date.now();
        const { secret, right, wrongToken } = await created({ now, passphrase: true, maxAttempts: 5 });
        for (let left = 4; left >= 1; left--) {
          expect(await store.claim(secret.id, wrongToken, now + 10 - left)).toEqual({
            status: 'wrong_token',
            attemptsLeft: left,
          });
          expect(await store.receipt(secret.receiptHash, now)).toMatchObject({
            state: 'pending',
            failedAttempts: 5 - left,
          });
        }
        expect(await store.claim(secret.id, wrongToken, now + 20)).toEqual({ status: 'locked' });
        expect(await store.peek(secret.id, now + 21)).toBeNull();
        expect(await store.claim(secret.id, right, now + 21)).toEqual({ status: 'not_found' });
        expect(await store.claim(secret.id, wrongToken, now + 21)).toEqual({ status: 'not_found' });
        expect(await store.receipt(secret.receiptHash, now + 22)).toEqual({
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
        });
      });

      it('locks on the first wrong try when maxAttempts is 1', async () => {
        const now = Date.now();
        const { secret, right, wrongToken } = await created({ now, passphrase: true, maxAttempts: 1 });
        expect(await store.claim(secret.id, wrongToken, now)).toEqual({ status: 'locked' });
        expect(await store.claim(secret.id, right, now)).toEqual({ status: 'not_found' });
      });

      it('still serves the right passphrase after some wrong ones', async () => {
        const now = Date.now();
        const { secret, right, wrongToken } = await created({ now, passphrase: true, maxViews: 2 });
        expect(await store.claim(secret.id, wrongToken, now + 1)).toEqual({
          status: 'wrong_token',
          attemptsLeft: 4,
        });
        expect(await store.claim(secret.id, wrongToken, now + 2)).toEqual({
          status: 'wrong_token',
          attemptsLeft: 3,
        });
        expect(await store.claim(secret.id, right, now + 3)).toMatchObject({ status: 'ok', viewsLeft: 1 });
        // Attempts are counted over the secret's life, not reset by a success.
        expect(await store.claim(secret.id, wrongToken, now + 4)).toEqual({
          status: 'wrong_token',
          attemptsLeft: 2,
        });
        expect(await store.claim(secret.id, right, now + 5)).toMatchObject({ status: 'ok', viewsLeft: 0 });
        expect(await store.receipt(secret.receiptHash, now + 6)).toMatchObject({
          state: 'viewed',
          failedAttempts: 3,
          viewedAt: [now + 3, now + 5],
        });
      });
    });

    describe('expiry', () => {
      it('an expired secret is gone for peek and claim before any sweep, and its receipt says expired', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now, ttlMs: 60_000, maxViews: 2 });
        const { expiresAt } = secret;
        expect(await store.peek(secret.id, expiresAt - 1)).toMatchObject({ viewsLeft: 2 });
        expect(await store.claim(secret.id, right, expiresAt - 1)).toMatchObject({
          status: 'ok',
          viewsLeft: 1,
        });
        expect(await store.peek(secret.id, expiresAt)).toBeNull();
        expect(await store.claim(secret.id, right, expiresAt)).toEqual({ status: 'not_found' });
        expect(await store.claim(secret.id, right, expiresAt + HOUR)).toEqual({ status: 'not_found' });
        expect(await store.receipt(secret.receiptHash, expiresAt)).toMatchObject({
          state: 'expired',
          viewsLeft: 0,
          viewedAt: [expiresAt - 1],
          endedAt: expiresAt,
        });
      });

      it('an expired passphrase secret counts no attempts', async () => {
        const now = Date.now();
        const { secret, wrongToken } = await created({ now, ttlMs: 60_000, passphrase: true });
        expect(await store.claim(secret.id, wrongToken, secret.expiresAt)).toEqual({ status: 'not_found' });
        expect(await store.receipt(secret.receiptHash, secret.expiresAt)).toMatchObject({
          state: 'expired',
          failedAttempts: 0,
        });
      });
    });

    describe('burn', () => {
      it('burns a pending secret, idempotently', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now });
        expect(await store.burn(secret.receiptHash, now + 10)).toBe(true);
        expect(await store.peek(secret.id, now + 11)).toBeNull();
        expect(await store.claim(secret.id, right, now + 11)).toEqual({ status: 'not_found' });
        const burned = { state: 'burned', viewsLeft: 0, viewedAt: [], endedAt: now + 10 };
        expect(await store.receipt(secret.receiptHash, now + 12)).toMatchObject(burned);
        expect(await store.burn(secret.receiptHash, now + 20)).toBe(true);
        expect(await store.receipt(secret.receiptHash, now + 21)).toMatchObject(burned);
      });

      it('burns what is left of a partly viewed secret and keeps its view times', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now, maxViews: 3 });
        expect(await store.claim(secret.id, right, now + 1)).toMatchObject({ status: 'ok' });
        expect(await store.burn(secret.receiptHash, now + 2)).toBe(true);
        expect(await store.claim(secret.id, right, now + 3)).toEqual({ status: 'not_found' });
        expect(await store.receipt(secret.receiptHash, now + 3)).toMatchObject({
          state: 'burned',
          viewedAt: [now + 1],
          endedAt: now + 2,
        });
      });

      it('after the last view, burn answers true and the receipt stays viewed', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now });
        await store.claim(secret.id, right, now + 1);
        expect(await store.burn(secret.receiptHash, now + 2)).toBe(true);
        expect(await store.receipt(secret.receiptHash, now + 3)).toMatchObject({
          state: 'viewed',
          viewedAt: [now + 1],
          endedAt: null,
        });
      });

      it('after expiry or lock, burn answers true and the receipt keeps its state', async () => {
        const now = Date.now();
        const expiring = await created({ now, ttlMs: 60_000 });
        expect(await store.burn(expiring.secret.receiptHash, expiring.secret.expiresAt + 5)).toBe(true);
        expect(await store.receipt(expiring.secret.receiptHash, expiring.secret.expiresAt + 6)).toMatchObject(
          {
            state: 'expired',
            endedAt: expiring.secret.expiresAt,
          },
        );
        const locked = await created({ now, passphrase: true, maxAttempts: 1 });
        expect(await store.claim(locked.secret.id, locked.wrongToken, now + 1)).toEqual({ status: 'locked' });
        expect(await store.burn(locked.secret.receiptHash, now + 2)).toBe(true);
        expect(await store.receipt(locked.secret.receiptHash, now + 3)).toMatchObject({
          state: 'locked',
          endedAt: now + 1,
        });
      });

      it('answers false for an unknown receipt', async () => {
        expect(await store.burn(b64u(randomBytes(32)), Date.now())).toBe(false);
      });

      it('receipts of different secrets are independent', async () => {
        const now = Date.now();
        const a = await created({ now });
        const b = await created({ now, maxViews: 2 });
        expect(await store.claim(a.secret.id, a.right, now + 1)).toMatchObject({ status: 'ok' });
        expect(await store.burn(b.secret.receiptHash, now + 2)).toBe(true);
        const c = await created({ now });
        expect(await store.receipt(a.secret.receiptHash, now + 3)).toMatchObject({ state: 'viewed' });
        expect(await store.receipt(b.secret.receiptHash, now + 3)).toMatchObject({
          state: 'burned',
          viewedAt: [],
        });
        expect(await store.receipt(c.secret.receiptHash, now + 3)).toMatchObject({ state: 'pending' });
        expect(await store.claim(c.secret.id, c.right, now + 4)).toMatchObject({ status: 'ok' });
      });
    });

    describe('retention and sweep', () => {
      // A clock far in the past that no other test uses, so sweep counts are exact even on a shared backend
      // holding other tests' secrets (those expire around the real clock, long after this one).
      // Each test starts 10 days after the previous one, so its first sweep clears what earlier tests left.
      let pastTime = Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 365) * DAY;
      const pastClock = () => {
        pastTime += 10 * DAY;
        return pastTime;
      };

      it('keeps a receipt for its retention after the secret ended, counted from the end', async () => {
        const now = Date.now();
        const retentionMs = HOUR;
        const viewed = await created({ now, retentionMs });
        await store.claim(viewed.secret.id, viewed.right, now + 1000);
        expect(await store.receipt(viewed.secret.receiptHash, now + 1000 + retentionMs - 1)).toMatchObject({
          state: 'viewed',
        });
        expect(await store.receipt(viewed.secret.receiptHash, now + 1000 + retentionMs)).toBeNull();

        const burned = await created({ now, retentionMs });
        await store.burn(burned.secret.receiptHash, now + 2000);
        expect(await store.receipt(burned.secret.receiptHash, now + 2000 + retentionMs - 1)).not.toBeNull();
        expect(await store.receipt(burned.secret.receiptHash, now + 2000 + retentionMs)).toBeNull();
        expect(await store.burn(burned.secret.receiptHash, now + 2000 + retentionMs)).toBe(false);

        const expired = await created({ now, retentionMs, ttlMs: 60_000 });
        const end = expired.secret.expiresAt;
        expect(await store.receipt(expired.secret.receiptHash, end + retentionMs - 1)).toMatchObject({
          state: 'expired',
        });
        expect(await store.receipt(expired.secret.receiptHash, end + retentionMs)).toBeNull();

        // A pending receipt is kept while its secret lives, however short the retention.
        const pending = await created({ now, retentionMs: 1000 });
        expect(await store.receipt(pending.secret.receiptHash, now + 10 * HOUR)).toMatchObject({
          state: 'pending',
        });
      });

      it('sweep removes expired secrets, marks their receipts expired and keeps live ones', async () => {
        const t = pastClock();
        await store.sweep(t);
        const a = await created({ now: t, ttlMs: 1000 });
        const b = await created({ now: t, ttlMs: 2000, maxViews: 2 });
        const live = await created({ now: t, ttlMs: HOUR });
        await store.claim(b.secret.id, b.right, t + 10);
        expect(await store.sweep(t + 2000)).toEqual({ expiredSecrets: 2, purgedReceipts: 0 });
        expect(await store.sweep(t + 2000)).toEqual({ expiredSecrets: 0, purgedReceipts: 0 });
        expect(await store.receipt(a.secret.receiptHash, t + 2000)).toMatchObject({
          state: 'expired',
          endedAt: t + 1000,
          viewsLeft: 0,
        });
        expect(await store.receipt(b.secret.receiptHash, t + 2000)).toMatchObject({
          state: 'expired',
          endedAt: t + 2000,
          viewedAt: [t + 10],
        });
        // Swept means gone even for a caller whose clock lags behind the sweeper's.
        expect(await store.peek(a.secret.id, t)).toBeNull();
        expect(await store.claim(b.secret.id, b.right, t + 20)).toEqual({ status: 'not_found' });
        expect(await store.peek(live.secret.id, t + 2000)).toMatchObject({ viewsLeft: 1 });
        expect(await store.claim(live.secret.id, live.right, t + 2001)).toMatchObject({ status: 'ok' });
      });

      it('sweep purges receipts whose retention passed, counted from when each secret ended', async () => {
        const t = pastClock();
        await store.sweep(t);
        const retentionMs = 10_000;
        const viewed = await created({ now: t, retentionMs });
        const burned = await created({ now: t, retentionMs });
        const locked = await created({ now: t, retentionMs, passphrase: true, maxAttempts: 1 });
        const expired = await created({ now: t, retentionMs, ttlMs: 3000 });
        const pending = await created({ now: t, retentionMs, ttlMs: DAY });
        await store.claim(viewed.secret.id, viewed.right, t + 1000);
        await store.burn(burned.secret.receiptHash, t + 2000);
        await store.claim(locked.secret.id, locked.wrongToken, t + 4000);

        expect(await store.sweep(t + 10_999)).toEqual({ expiredSecrets: 1, purgedReceipts: 0 });
        expect(await store.sweep(t + 11_000)).toEqual({ expiredSecrets: 0, purgedReceipts: 1 });
        expect(await store.sweep(t + 13_000)).toEqual({ expiredSecrets: 0, purgedReceipts: 2 });
        expect(await store.receipt(viewed.secret.receiptHash, t)).toBeNull();
        expect(await store.receipt(burned.secret.receiptHash, t)).toBeNull();
        expect(await store.receipt(expired.secret.receiptHash, t)).toBeNull();
        expect(await store.receipt(locked.secret.receiptHash, t + 13_999)).toMatchObject({ state: 'locked' });
        expect(await store.sweep(t + 14_000)).toEqual({ expiredSecrets: 0, purgedReceipts: 1 });
        expect(await store.receipt(locked.secret.receiptHash, t)).toBeNull();
        expect(await store.burn(locked.secret.receiptHash, t)).toBe(false);

        expect(await store.receipt(pending.secret.receiptHash, t + HOUR)).toMatchObject({ state: 'pending' });
        expect(await store.claim(pending.secret.id, pending.right, t + HOUR)).toMatchObject({ status: 'ok' });
      });

      it('sweep also purges receipts of secrets it expires once their retention passed', async () => {
        const t = pastClock();
        await store.sweep(t);
        const old = await created({ now: t, ttlMs: 1000, retentionMs: 1000 });
        expect(await store.sweep(t + 5000)).toEqual({ expiredSecrets: 1, purgedReceipts: 1 });
        expect(await store.receipt(old.secret.receiptHash, t + 1500)).toBeNull();
      });

      it('concurrent sweeps remove each secret once', async () => {
        const t = pastClock();
        await store.sweep(t);
        await Promise.all(Array.from({ length: 20 }, () => created({ now: t, ttlMs: 1000 })));
        const results = await Promise.all(Array.from({ length: 5 }, () => store.sweep(t + 1000)));
        expect(results.reduce((sum, r) => sum + r.expiredSecrets, 0)).toBe(20);
      });
    });

    describe('concurrency', () => {
      it('200 concurrent claims of a one-view secret: exactly one ok', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now });
        const outcomes = await Promise.all(
          Array.from({ length: 200 }, () => store.claim(secret.id, right, now)),
        );
        expect(countBy(outcomes)).toEqual({ ok: 1, not_found: 199 });
        expect(outcomes.find((o) => o.status === 'ok')).toMatchObject({
          content: secret.content,
          viewsLeft: 0,
        });
        expect(await store.receipt(secret.receiptHash, now)).toMatchObject({
          state: 'viewed',
          viewedAt: [now],
        });
      });

      it('200 concurrent claims of a three-view secret: exactly three ok', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now, maxViews: 3 });
        const outcomes = await Promise.all(
          Array.from({ length: 200 }, (_, i) => store.claim(secret.id, right, now + i)),
        );
        expect(countBy(outcomes)).toEqual({ ok: 3, not_found: 197 });
        const left = outcomes.flatMap((o) => (o.status === 'ok' ? [o.viewsLeft] : []));
        expect(left.sort()).toEqual([0, 1, 2]);
        const receipt = await store.receipt(secret.receiptHash, now + 200);
        expect(receipt).toMatchObject({ state: 'viewed', viewsLeft: 0 });
        expect(receipt?.viewedAt).toHaveLength(3);
      });

      it('concurrent wrong passphrases never exceed maxAttempts and lock exactly once', async () => {
        const now = Date.now();
        const { secret, right, wrongToken } = await created({ now, passphrase: true, maxAttempts: 5 });
        const tries = Array.from({ length: 100 }, (_, i) =>
          store.claim(secret.id, i === 99 ? right : wrongToken, now),
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
        expect(await store.receipt(secret.receiptHash, now)).toMatchObject({ failedAttempts: 5 });
      });

      it('concurrent claims and a burn: the secret is served at most once', async () => {
        const now = Date.now();
        const { secret, right } = await created({ now });
        const [burned, ...outcomes] = await Promise.all([
          store.burn(secret.receiptHash, now),
          ...Array.from({ length: 50 }, () => store.claim(secret.id, right, now)),
        ]);
        expect(burned).toBe(true);
        expect(countBy(outcomes).ok ?? 0).toBeLessThanOrEqual(1);
        const receipt = await store.receipt(secret.receiptHash, now);
        expect(receipt?.state).toBe(countBy(outcomes).ok ? 'viewed' : 'burned');
      });
    });

    describe('lifecycle', () => {
      it('ping resolves on an open store', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('close() flushes what was written; afterwards calls fail as unavailable, never as gone', async () => {
        const opened = await open();
        try {
          const now = Date.now();
          const { secret } = makeFixture({ now });
          const pending = opened.store.create(secret);
          await opened.store.close();
          await expect(pending).resolves.toBeUndefined();
          await expect(opened.store.peek(secret.id, now)).rejects.toBeInstanceOf(StoreUnavailableError);
          await expect(opened.store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
        } finally {
          await opened.cleanup?.();
        }
      });
    });
  });
}
