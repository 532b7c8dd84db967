import { describe, expect, it } from 'vitest';
import { AccountsConflictError } from './accounts-store.js';
import type { OwnedSecret } from './accounts-types.js';
import {
  type AccountsContext,
  DAY,
  HOUR,
  MINUTE,
  newInvite,
  newOrg,
  newOwnedSecret,
  newSession,
  orgWithOwner,
  randomId,
} from './contract-fixtures.js';

const ids = (secrets: OwnedSecret[]) => secrets.map((s) => s.secretId);

/** What the store knows of owned secrets, and the sweep. */
export function describeOwnedSecrets(ctx: AccountsContext): void {
  describe('owned secrets', () => {
    it('records a secret and answers copies of it; unknown ids answer null', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const secret = newOwnedSecret(org.id, { creatorId: owner.id });
      await ctx.store.recordSecret(secret);
      expect(await ctx.store.getOwnedSecret(secret.secretId)).toEqual(secret);
      const copy = await ctx.store.getOwnedSecret(secret.secretId);
      copy!.creatorId = null;
      expect(await ctx.store.getOwnedSecret(secret.secretId)).toEqual(secret);
      expect(await ctx.store.getOwnedSecret(randomId(16))).toBeNull();
    });

    it('keeps whether the creator asked to be notified', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const told = newOwnedSecret(org.id, { creatorId: owner.id, notify: true });
      const silent = newOwnedSecret(org.id, { creatorId: owner.id });
      await Promise.all([ctx.store.recordSecret(told), ctx.store.recordSecret(silent)]);
      expect(await ctx.store.getOwnedSecret(told.secretId)).toMatchObject({ notify: true });
      expect(await ctx.store.getOwnedSecret(silent.secretId)).toMatchObject({ notify: false });
      const listed = await ctx.store.listOwnedSecrets({ orgId: org.id, limit: 10 });
      expect(listed.map((s) => [s.secretId, s.notify]).sort()).toEqual(
        [
          [told.secretId, true],
          [silent.secretId, false],
        ].sort(),
      );
    });

    it('ownersOf answers the owned secrets among many ids at once, unknown ids absent', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const other = newOrg();
      await ctx.store.createOrg(other);
      const mine = newOwnedSecret(org.id, { creatorId: owner.id, notify: true });
      const theirs = newOwnedSecret(other.id, { teamId: randomId() });
      await ctx.store.recordSecret(mine);
      await ctx.store.recordSecret(theirs);
      const unknown = randomId(16);
      const owners = await ctx.store.ownersOf([mine.secretId, unknown, theirs.secretId, mine.secretId]);
      expect(owners).toBeInstanceOf(Map);
      expect([...owners.keys()].sort()).toEqual([mine.secretId, theirs.secretId].sort());
      expect(owners.get(mine.secretId)).toEqual(mine);
      expect(owners.get(theirs.secretId)).toEqual(theirs);
      expect(owners.has(unknown)).toBe(false);
      expect((await ctx.store.ownersOf([])).size).toBe(0);
    });

    it('refuses a secret id recorded already, keeping the first', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const secret = newOwnedSecret(org.id, { creatorId: owner.id });
      await ctx.store.recordSecret(secret);
      const again = ctx.store.recordSecret(newOwnedSecret(org.id, { secretId: secret.secretId }));
      await expect(again).rejects.toBeInstanceOf(AccountsConflictError);
      expect(await ctx.store.getOwnedSecret(secret.secretId)).toEqual(secret);
    });

    it('records many at once: each call resolves once stored, a duplicate among them fails alone', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const now = Date.now();
      const secrets = Array.from({ length: 50 }, (_, i) =>
        newOwnedSecret(org.id, { creatorId: owner.id, createdAt: now + i }),
      );
      const existing = newOwnedSecret(org.id, { createdAt: now - 1 });
      await ctx.store.recordSecret(existing);
      const outcomes = await Promise.allSettled([
        ...secrets.map((secret) => ctx.store.recordSecret(secret)),
        ctx.store.recordSecret(newOwnedSecret(org.id, { secretId: existing.secretId, createdAt: now + 99 })),
      ]);
      expect(outcomes.slice(0, 50).every((o) => o.status === 'fulfilled')).toBe(true);
      expect(outcomes[50]).toMatchObject({ status: 'rejected' });
      expect((outcomes[50] as PromiseRejectedResult).reason).toBeInstanceOf(AccountsConflictError);
      const listed = await ctx.store.listOwnedSecrets({ orgId: org.id, limit: 100 });
      expect(ids(listed)).toEqual([...ids(secrets).reverse(), existing.secretId]);
      expect(listed[0]).toEqual(secrets[49]);

      // The same new id twice in one turn: one is stored, the other conflicts.
      const twin = newOwnedSecret(org.id, { createdAt: now - 5 });
      const twins = await Promise.allSettled([
        ctx.store.recordSecret(twin),
        ctx.store.recordSecret({ ...twin, creatorId: owner.id }),
      ]);
      expect(twins.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = twins.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(AccountsConflictError);
      const kept = await ctx.store.getOwnedSecret(twin.secretId);
      expect(kept).toEqual(twins[0]!.status === 'fulfilled' ? twin : { ...twin, creatorId: owner.id });
    });

    it('lists an organisation’s secrets newest first, ties broken by secret id (descending, byte order)', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const other = newOrg();
      await ctx.store.createOrg(other);
      const now = Date.now();
      const suffix = randomId(6);
      // Mixed case and punctuation: a collation that is not byte order would sort these differently.
      const tied = ['a', 'B', 'b', '_', '-', 'Z', '0'].map((p) =>
        newOwnedSecret(org.id, { secretId: `${p}${suffix}`, createdAt: now }),
      );
      const older = newOwnedSecret(org.id, { createdAt: now - 1 });
      const newer = newOwnedSecret(org.id, { createdAt: now + 1 });
      for (const secret of [...tied, older, newer]) await ctx.store.recordSecret(secret);
      await ctx.store.recordSecret(newOwnedSecret(other.id, { createdAt: now }));

      const expectedTied = ids(tied).sort((a, b) => (a < b ? 1 : -1));
      expect(ids(await ctx.store.listOwnedSecrets({ orgId: org.id, limit: 100 }))).toEqual([
        newer.secretId,
        ...expectedTied,
        older.secretId,
      ]);
      expect(await ctx.store.listOwnedSecrets({ orgId: randomId(), limit: 10 })).toEqual([]);
    });

    it('pages with `before` (the last row’s createdAt and secretId), through ties, to the end', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const now = Date.now();
      const secrets = Array.from({ length: 11 }, (_, i) =>
        newOwnedSecret(org.id, { createdAt: now - Math.floor(i / 3) }),
      );
      for (const secret of secrets) await ctx.store.recordSecret(secret);
      const all = ids(await ctx.store.listOwnedSecrets({ orgId: org.id, limit: 100 }));
      const paged: string[] = [];
      let before: { createdAt: number; secretId: string } | null = null;
      for (let page = 0; page < 10; page++) {
        const rows = await ctx.store.listOwnedSecrets({ orgId: org.id, before, limit: 4 });
        expect(rows.length).toBeLessThanOrEqual(4);
        if (rows.length === 0) break;
        paged.push(...ids(rows));
        const last = rows.at(-1)!;
        before = { createdAt: last.createdAt, secretId: last.secretId };
      }
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(11);
    });

    it('filters by creator (own), by key when the creator is null, by teams, and by creator OR teams', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const [me, someone, keyId, teamA, teamB] = [owner.id, randomId(), randomId(), randomId(), randomId()];
      let at = Date.now();
      const make = (overrides: Partial<OwnedSecret>) =>
        newOwnedSecret(org.id, { createdAt: at--, ...overrides });
      const mine = make({ creatorId: me });
      const mineByKey = make({ creatorId: me, keyId });
      const mineInA = make({ creatorId: me, teamId: teamA });
      const theirsInA = make({ creatorId: someone, teamId: teamA });
      const theirsInB = make({ creatorId: someone, teamId: teamB });
      const adminKey = make({ creatorId: null, keyId });
      const theirs = make({ creatorId: someone });
      const all = [mine, mineByKey, mineInA, theirsInA, theirsInB, adminKey, theirs];
      for (const secret of all) await ctx.store.recordSecret(secret);
      const list = async (query: Record<string, unknown>) =>
        ids(await ctx.store.listOwnedSecrets({ orgId: org.id, limit: 100, ...query }));

      expect(await list({})).toEqual(ids(all));
      expect(await list({ creatorId: null, keyId: null })).toEqual(ids(all));
      expect(await list({ creatorId: me })).toEqual(ids([mine, mineByKey, mineInA]));
      expect(await list({ creatorId: null, keyId })).toEqual(ids([mineByKey, adminKey]));
      expect(await list({ creatorId: me, keyId: randomId() })).toEqual(ids([mine, mineByKey, mineInA]));
      expect(await list({ teamIds: [teamA] })).toEqual(ids([mineInA, theirsInA]));
      expect(await list({ teamIds: [teamA, teamB] })).toEqual(ids([mineInA, theirsInA, theirsInB]));
      expect(await list({ creatorId: me, teamIds: [teamB] })).toEqual(
        ids([mine, mineByKey, mineInA, theirsInB]),
      );
      expect(await list({ creatorId: me, teamIds: [] })).toEqual(ids([mine, mineByKey, mineInA]));
      // A member in no team asking for team secrets sees none, not all.
      expect(await list({ teamIds: [] })).toEqual([]);
      expect(await list({ creatorId: randomId() })).toEqual([]);
      expect(await list({ creatorId: me, limit: 2 })).toEqual(ids([mine, mineByKey]));
      const cursor = { createdAt: mineByKey.createdAt, secretId: mineByKey.secretId };
      expect(await list({ creatorId: me, teamIds: [teamA], before: cursor })).toEqual(
        ids([mineInA, theirsInA]),
      );
    });
  });

  describe('sweep', () => {
    it('removes ended sessions, invites and owned secrets exactly at their bounds, and counts them', async () => {
      const opened = await ctx.open();
      const store = opened.store;
      try {
        const now = Date.now();
        const idleBefore = now - 12 * HOUR;
        const retentionMs = 30 * DAY;
        const horizon = now - retentionMs;
        const { org, owner } = await orgWithOwner(store);

        const session = (overrides: Parameters<typeof newSession>[2]) =>
          newSession(owner.id, org.id, overrides);
        const sessionsGone = [
          session({ expiresAt: now, lastSeenAt: now - MINUTE }),
          session({ expiresAt: now + HOUR, lastSeenAt: idleBefore - 1 }),
        ];
        const sessionsKept = [
          session({ expiresAt: now + 1, lastSeenAt: idleBefore, createdAt: now - 2 }),
          session({ createdAt: now - 1 }),
        ];
        for (const s of [...sessionsGone, ...sessionsKept]) await store.createSession(s);

        const invite = (overrides: Parameters<typeof newInvite>[1]) =>
          newInvite(org.id, { createdAt: horizon - DAY, ...overrides });
        const expiredLongAgo = invite({ expiresAt: horizon - 1 });
        const expiredAtHorizon = invite({ expiresAt: horizon });
        const acceptedLongAgo = invite({ expiresAt: now + DAY });
        const acceptedAtHorizon = invite({ expiresAt: now + DAY });
        const pending = invite({ expiresAt: now + DAY });
        for (const i of [expiredLongAgo, expiredAtHorizon, acceptedLongAgo, acceptedAtHorizon, pending]) {
          await store.createInvite(i);
        }
        expect(await store.acceptInvite(acceptedLongAgo.tokenHash, horizon - 1)).not.toBeNull();
        expect(await store.acceptInvite(acceptedAtHorizon.tokenHash, horizon)).not.toBeNull();

        const secretGone = newOwnedSecret(org.id, { createdAt: horizon - DAY, expiresAt: horizon - 1 });
        const secretAtHorizon = newOwnedSecret(org.id, { createdAt: horizon - DAY, expiresAt: horizon });
        const secretLive = newOwnedSecret(org.id);
        for (const s of [secretGone, secretAtHorizon, secretLive]) await store.recordSecret(s);

        expect(await store.sweep(now, idleBefore, retentionMs)).toEqual({
          sessions: 2,
          invites: 2,
          secrets: 1,
        });
        for (const s of sessionsGone) expect(await store.getSession(s.idHash)).toBeNull();
        expect((await store.listUserSessions(owner.id)).map((s) => s.idHash)).toEqual(
          [sessionsKept[1]!, sessionsKept[0]!].map((s) => s.idHash),
        );
        expect(await store.getInviteByToken(expiredLongAgo.tokenHash)).toBeNull();
        expect(await store.getInviteByToken(acceptedLongAgo.tokenHash)).toBeNull();
        for (const kept of [expiredAtHorizon, acceptedAtHorizon, pending]) {
          expect(await store.getInviteByToken(kept.tokenHash)).not.toBeNull();
        }
        expect(await store.getOwnedSecret(secretGone.secretId)).toBeNull();
        expect(await store.getOwnedSecret(secretAtHorizon.secretId)).toEqual(secretAtHorizon);
        expect(await store.getOwnedSecret(secretLive.secretId)).toEqual(secretLive);
        // Nothing else is touched.
        expect(await store.getOrg(org.id)).toEqual(org);
        expect(await store.getMember(org.id, owner.id)).not.toBeNull();

        expect(await store.sweep(now, idleBefore, retentionMs)).toEqual({
          sessions: 0,
          invites: 0,
          secrets: 0,
        });
      } finally {
        await store.close();
        await opened.cleanup?.();
      }
    });
  });
}
