import { describe, expect, it } from 'vitest';
import { AccountsConflictError } from './accounts-store.js';
import {
  type AccountsContext,
  memberOf,
  newInvite,
  newKey,
  newOrg,
  newUser,
  orgWithOwner,
} from './contract-fixtures.js';

const count = <T>(values: T[], value: T) => values.filter((v) => v === value).length;

/**
 * Atomic methods called many times at once. Against PostgreSQL the calls run on different pooled connections,
 * so these are real races between sessions; against SQLite and memory they check that no method yields between
 * its check and its write.
 */
export function describeRaces(ctx: AccountsContext): void {
  describe('races', () => {
    it('20 concurrent acceptInvite calls: exactly one gets the invite', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const invite = newInvite(org.id);
      await ctx.store.createInvite(invite);
      const now = Date.now();
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () => ctx.store.acceptInvite(invite.tokenHash, now)),
      );
      expect(outcomes.filter((o) => o !== null)).toEqual([{ ...invite, acceptedAt: now }]);
    });

    it('20 concurrent revokeKey calls: exactly one revokes', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const key = newKey(org.id, owner.id);
      await ctx.store.createKey(key);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ctx.store.revokeKey(key.id, 1000 + i)),
      );
      expect(count(outcomes, true)).toBe(1);
      const winner = outcomes.indexOf(true);
      expect(await ctx.store.getKey(key.id)).toMatchObject({ revokedAt: 1000 + winner });
    });

    it('the last two owners demoting each other at once leave exactly one owner', async () => {
      for (let round = 0; round < 5; round++) {
        const { org, owner } = await orgWithOwner(ctx.store);
        const second = await memberOf(ctx.store, org.id, 'owner');
        const outcomes = await Promise.all([
          ctx.store.setRole(org.id, owner.id, 'admin'),
          ctx.store.setRole(org.id, second.id, 'member'),
        ]);
        expect(outcomes.sort()).toEqual(['last_owner', 'ok']);
        const owners = (await ctx.store.listMembers(org.id)).filter((m) => m.role === 'owner');
        expect(owners).toHaveLength(1);
      }
    });

    it('the last two owners removed at once (or one removed, one demoted) leave exactly one owner', async () => {
      for (let round = 0; round < 5; round++) {
        const { org, owner } = await orgWithOwner(ctx.store);
        const second = await memberOf(ctx.store, org.id, 'owner');
        const outcomes = await Promise.all([
          ctx.store.removeMember(org.id, owner.id),
          round % 2 === 0
            ? ctx.store.removeMember(org.id, second.id)
            : ctx.store.setRole(org.id, second.id, 'admin'),
        ]);
        expect(outcomes.sort()).toEqual(['last_owner', 'ok']);
        const owners = (await ctx.store.listMembers(org.id)).filter((m) => m.role === 'owner');
        expect(owners).toHaveLength(1);
      }
    });

    it('10 concurrent creates of one organisation name or one email: one wins, the rest conflict', async () => {
      const name = newOrg().name;
      const orgs = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          ctx.store.createOrg(newOrg({ name: i % 2 ? name.toUpperCase() : name })),
        ),
      );
      expect(
        count(
          orgs.map((o) => o.status),
          'fulfilled',
        ),
      ).toBe(1);
      for (const o of orgs) {
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(AccountsConflictError);
      }

      const email = newUser().email;
      const users = await Promise.allSettled(
        Array.from({ length: 10 }, () => ctx.store.createUser(newUser({ email }))),
      );
      expect(
        count(
          users.map((o) => o.status),
          'fulfilled',
        ),
      ).toBe(1);
      for (const o of users) {
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(AccountsConflictError);
      }
    });
  });
}
