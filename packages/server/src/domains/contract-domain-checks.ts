import { describe, expect, it } from 'vitest';
import {
  activeDomain,
  check,
  DAY,
  type DomainContext,
  GRACE,
  MINUTE,
  newDomain,
  orgId,
  suspendedDomain,
  T0,
} from './contract-domain-fixtures.js';
import type { DomainCheckOutcome, DomainRecord, DomainStore } from './domain-store.js';

/** Applies a check and answers the result, which must match what a fresh read gives (it is stored). */
async function recorded(domains: DomainStore, id: string, outcome: DomainCheckOutcome) {
  const result = await domains.recordCheck(id, outcome);
  expect(result).not.toBeNull();
  expect(await domains.getDomain(id)).toEqual(result!.record);
  return result!;
}

/** `recordCheck`: every transition of the doc comment, each stored. */
export function describeRecordCheck(ctx: DomainContext): void {
  describe('recordCheck', () => {
    it('verifies a pending domain: active, verifiedAt and checkedAt set', async () => {
      const domain = newDomain(await orgId(ctx.store));
      await ctx.domains.addDomain(domain);
      const at = T0 + DAY;
      expect(await recorded(ctx.domains, domain.id, check('verified', at))).toEqual({
        transition: 'verified',
        record: { ...domain, state: 'active', verifiedAt: at, checkedAt: at, lastResult: 'verified' },
      });
    });

    it('leaves a pending domain pending on no_record, wrong_record and dns_error', async () => {
      const domain = newDomain(await orgId(ctx.store));
      await ctx.domains.addDomain(domain);
      const results = ['no_record', 'wrong_record', 'dns_error'] as const;
      for (const [i, result] of results.entries()) {
        const at = T0 + i * MINUTE;
        // Far past any grace: a pending domain has nothing to lose.
        const outcome = { at, result, suspendMissingBefore: at };
        expect(await recorded(ctx.domains, domain.id, outcome)).toEqual({
          transition: null,
          record: { ...domain, checkedAt: at, lastResult: result },
        });
      }
    });

    it('answers taken while another organisation holds the name active or suspended; the first to verify wins', async () => {
      const [a, b, c] = [await orgId(ctx.store), await orgId(ctx.store), await orgId(ctx.store)];
      const first = newDomain(a);
      const second = newDomain(b, { name: first.name });
      await ctx.domains.addDomain(first);
      await ctx.domains.addDomain(second);
      await recorded(ctx.domains, first.id, check('verified', T0));
      const at = T0 + MINUTE;
      expect(await recorded(ctx.domains, second.id, check('verified', at))).toEqual({
        transition: 'taken',
        record: { ...second, checkedAt: at, lastResult: 'taken' },
      });
      expect(await ctx.domains.findActiveDomain(first.name)).toMatchObject({ id: first.id });

      // A suspended holder keeps the name too.
      const holder = newDomain(a);
      const late = newDomain(c, { name: holder.name });
      await ctx.domains.addDomain(holder);
      await ctx.domains.addDomain(late);
      await recorded(ctx.domains, holder.id, check('verified', T0));
      const suspended = await recorded(ctx.domains, holder.id, {
        at,
        result: 'no_record',
        suspendMissingBefore: at,
      });
      expect(suspended.transition).toBe('suspended');
      expect(await recorded(ctx.domains, late.id, check('verified', at + 1))).toEqual({
        transition: 'taken',
        record: { ...late, checkedAt: at + 1, lastResult: 'taken' },
      });
    });

    it('marks an active domain missing, keeps missingSince through the grace period, then suspends it', async () => {
      const domain = await activeDomain(ctx.domains, await orgId(ctx.store));
      const missed = await recorded(ctx.domains, domain.id, check('no_record', T0 + DAY));
      expect(missed).toEqual({
        transition: 'missing',
        record: { ...domain, checkedAt: T0 + DAY, lastResult: 'no_record', missingSince: T0 + DAY },
      });
      // Still missing, within the grace period: nothing new.
      const within = T0 + DAY + GRACE - 1;
      expect(await recorded(ctx.domains, domain.id, check('wrong_record', within))).toEqual({
        transition: null,
        record: { ...missed.record, checkedAt: within, lastResult: 'wrong_record' },
      });
      // missingSince at exactly now − grace: suspended.
      const after = T0 + DAY + GRACE;
      expect(await recorded(ctx.domains, domain.id, check('no_record', after))).toEqual({
        transition: 'suspended',
        record: {
          ...missed.record,
          state: 'suspended',
          checkedAt: after,
          lastResult: 'no_record',
          suspendedAt: after,
        },
      });
      expect(await ctx.domains.findActiveDomain(domain.name)).toBeNull();
    });

    it('suspends at once when the grace period is already over at the first miss', async () => {
      const domain = await activeDomain(ctx.domains, await orgId(ctx.store));
      const at = T0 + MINUTE;
      expect(
        await recorded(ctx.domains, domain.id, { at, result: 'wrong_record', suspendMissingBefore: at }),
      ).toEqual({
        transition: 'suspended',
        record: {
          ...domain,
          state: 'suspended',
          checkedAt: at,
          lastResult: 'wrong_record',
          missingSince: at,
          suspendedAt: at,
        },
      });
    });

    it('clears missingSince when an active domain’s record is found again', async () => {
      const domain = await activeDomain(ctx.domains, await orgId(ctx.store));
      await recorded(ctx.domains, domain.id, check('no_record', T0 + MINUTE));
      const at = T0 + DAY;
      expect(await recorded(ctx.domains, domain.id, check('verified', at))).toEqual({
        transition: null,
        record: { ...domain, checkedAt: at, lastResult: 'verified', missingSince: null },
      });
    });

    it('reactivates a suspended domain: active, suspendedAt and missingSince cleared, verifiedAt kept', async () => {
      const domain = await suspendedDomain(ctx.domains, await orgId(ctx.store));
      // A suspended domain stays suspended while its record is missing.
      const still = await recorded(ctx.domains, domain.id, check('no_record', T0 + DAY));
      expect(still).toEqual({
        transition: null,
        record: { ...domain, checkedAt: T0 + DAY, lastResult: 'no_record' },
      });
      const at = T0 + 2 * DAY;
      expect(await recorded(ctx.domains, domain.id, check('verified', at))).toEqual({
        transition: 'reactivated',
        record: {
          ...domain,
          state: 'active',
          verifiedAt: T0,
          checkedAt: at,
          lastResult: 'verified',
          missingSince: null,
          suspendedAt: null,
        },
      });
      expect(await ctx.domains.findActiveDomain(domain.name)).toMatchObject({ id: domain.id });
    });

    it('decides nothing on dns_error, in any state, even past the grace period', async () => {
      const org = await orgId(ctx.store);
      const pending = newDomain(org);
      await ctx.domains.addDomain(pending);
      const missing = await activeDomain(ctx.domains, org);
      await recorded(ctx.domains, missing.id, check('no_record', T0 + MINUTE));
      const suspended = await suspendedDomain(ctx.domains, org);
      const at = T0 + 30 * DAY;
      for (const id of [pending.id, missing.id, suspended.id]) {
        const before = await ctx.domains.getDomain(id);
        expect(
          await recorded(ctx.domains, id, { at, result: 'dns_error', suspendMissingBefore: at }),
        ).toEqual({
          transition: null,
          record: { ...before, checkedAt: at, lastResult: 'dns_error' },
        });
      }
    });

    it('answers null for a removed or unknown domain', async () => {
      const org = await orgId(ctx.store);
      const domain = newDomain(org);
      await ctx.domains.addDomain(domain);
      await ctx.domains.removeDomain(org, domain.id);
      expect(await ctx.domains.recordCheck(domain.id, check('verified', T0))).toBeNull();
      expect(await ctx.domains.getDomain(domain.id)).toBeNull();
      expect(await ctx.domains.recordCheck(newDomain(org).id, check('no_record', T0))).toBeNull();
    });

    it('concurrent verifies of one name by two organisations: exactly one wins', async () => {
      for (let round = 0; round < 5; round++) {
        const [a, b] = [await orgId(ctx.store), await orgId(ctx.store)];
        const first = newDomain(a);
        const second = newDomain(b, { name: first.name });
        await ctx.domains.addDomain(first);
        await ctx.domains.addDomain(second);
        const outcomes = await Promise.all(
          [first, second].map((d) => ctx.domains.recordCheck(d.id, check('verified', T0))),
        );
        expect(outcomes.map((o) => o?.transition).sort()).toEqual(['taken', 'verified']);
        const winner = outcomes.find((o) => o?.transition === 'verified')!.record;
        expect(await ctx.domains.findActiveDomain(first.name)).toEqual(winner);
      }
    });
  });
}

/** `claimDue` on a store of its own: a claim reaches every domain of the store. */
export function describeClaimDue(ctx: DomainContext): void {
  async function withStore(body: (domains: DomainStore, org: string) => Promise<void>): Promise<void> {
    const { store, cleanup } = await ctx.open();
    try {
      await body(store.domains, await orgId(store));
    } finally {
      await store.close();
      await cleanup?.();
    }
  }

  /** A domain whose last check was at `checkedAt` (null: never checked), added at `createdAt`. */
  async function checkedAt(
    domains: DomainStore,
    org: string,
    checked: number | null,
    overrides: Partial<DomainRecord> = {},
  ): Promise<DomainRecord> {
    const domain = newDomain(org, overrides);
    await domains.addDomain(domain);
    if (checked === null) return domain;
    return (await domains.recordCheck(domain.id, check('no_record', checked)))!.record;
  }

  describe('claimDue', () => {
    it('claims domains never checked or checked before the cut-off, oldest check first, and moves their checkedAt', async () => {
      await withStore(async (domains, org) => {
        const before = T0 + DAY;
        const now = T0 + 2 * DAY;
        const tie = T0 + 100;
        const neverLate = await checkedAt(domains, org, null, {
          createdAt: tie,
          id: `b${newDomain(org).id.slice(1)}`,
        });
        const neverEarly = await checkedAt(domains, org, null, {
          createdAt: tie,
          id: `B${newDomain(org).id.slice(1)}`,
        });
        const old = await checkedAt(domains, org, T0);
        const older = await checkedAt(domains, org, T0 - DAY);
        const edge = await checkedAt(domains, org, before - 1);
        await checkedAt(domains, org, before);
        await checkedAt(domains, org, before + 1);
        const active = await activeDomain(domains, org, {}, T0 - 2 * DAY);
        const suspended = await suspendedDomain(domains, org, {}, T0 - 3 * DAY);

        const claimed = await domains.claimDue(before, now, 100);
        const due = [neverEarly, neverLate, suspended, active, older, old, edge];
        expect(claimed.map((d) => d.id)).toEqual(due.map((d) => d.id));
        expect(claimed).toEqual(due.map((d) => ({ ...d, checkedAt: now })));
        for (const domain of due) expect((await domains.getDomain(domain.id))?.checkedAt).toBe(now);
        // The same round again finds nothing: each domain is claimed once per round.
        expect(await domains.claimDue(before, now, 100)).toEqual([]);
      });
    });

    it('claims at most limit, in order; the rest on the next call', async () => {
      await withStore(async (domains, org) => {
        const made: DomainRecord[] = [];
        for (let i = 0; i < 5; i++) made.push(await checkedAt(domains, org, T0 + i * MINUTE));
        const before = T0 + DAY;
        expect(await domains.claimDue(before, before, 0)).toEqual([]);
        const first = await domains.claimDue(before, before, 2);
        expect(first.map((d) => d.id)).toEqual(made.slice(0, 2).map((d) => d.id));
        const rest = await domains.claimDue(before, before + 1, 10);
        expect(rest.map((d) => d.id)).toEqual(made.slice(2).map((d) => d.id));
        expect(rest.every((d) => d.checkedAt === before + 1)).toBe(true);
        expect(await domains.claimDue(before, before + 2, 10)).toEqual([]);
        // The next round (a later cut-off) finds them all again.
        expect(await domains.claimDue(before + 3, before + 3, 10)).toHaveLength(5);
      });
    });

    it('concurrent claims never return the same domain, and together claim every due one', async () => {
      await withStore(async (domains, org) => {
        const made: DomainRecord[] = [];
        for (let i = 0; i < 40; i++) made.push(await checkedAt(domains, org, i % 2 ? null : T0 + i));
        const before = T0 + DAY;
        const claims = await Promise.all(
          Array.from({ length: 8 }, () => domains.claimDue(before, before, 7)),
        );
        const ids = claims.flat().map((d) => d.id);
        expect(new Set(ids).size).toBe(ids.length);
        const rest = await domains.claimDue(before, before, 100);
        expect([...ids, ...rest.map((d) => d.id)].sort()).toEqual(made.map((d) => d.id).sort());
      });
    });
  });
}
