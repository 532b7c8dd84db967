import type { OfficeHours, OrgPolicy } from '@burnlink/wire';
import { describe, expect, it } from 'vitest';
import { OPEN_POLICY } from '../wire.js';
import { type AccountsContext, newOrg, randomId } from './contract-fixtures.js';

/** A policy that sets every rule, so a backend that drops or mangles a field is seen. */
export const STRICT_POLICY: OrgPolicy = {
  members_only: true,
  max_ttl: 3600,
  max_views: 2,
  passphrase_required: true,
  passphrase_min_length: 12,
  verification_required: true,
  recipient_domains: ['acme.example', 'ünïcode.example'],
  networks: { cidrs: ['10.0.0.0/8', '2001:db8::/32'], enforce: 'required' },
  countries: { allow: ['NL', 'SE'], enforce: 'default' },
  office_hours: {
    hours: {
      // `as`: the wire's `Static` of the weekday union is `never` (TypeBox and a mapped union).
      days: ['mon', 'tue', 'wed', 'thu', 'fri'] as OfficeHours['days'],
      start: '08:00',
      end: '18:00',
      time_zone: 'Europe/Amsterdam',
    },
    enforce: 'required',
  },
  server_encryption: false,
  key_claim: false,
  requests: 'members',
};

/** Organisation policies: one per organisation, replaced whole, read merged over `OPEN_POLICY`. */
export function describePolicies(ctx: AccountsContext): void {
  describe('policies', () => {
    it('answers null for an organisation that never set one, and for an unknown organisation', async () => {
      const org = newOrg();
      await ctx.store.createOrg(org);
      expect(await ctx.store.getPolicy(org.id)).toBeNull();
      expect(await ctx.store.getPolicy(randomId())).toBeNull();
    });

    it('stores every field and answers copies; setting again replaces the policy and its time', async () => {
      const org = newOrg();
      await ctx.store.createOrg(org);
      await ctx.store.setPolicy(org.id, STRICT_POLICY, 1_000);
      expect(await ctx.store.getPolicy(org.id)).toEqual({ policy: STRICT_POLICY, updatedAt: 1_000 });

      const copy = await ctx.store.getPolicy(org.id);
      copy!.policy.recipient_domains.push('evil.test');
      copy!.policy.max_ttl = 1;
      expect(await ctx.store.getPolicy(org.id)).toEqual({ policy: STRICT_POLICY, updatedAt: 1_000 });

      const looser: OrgPolicy = { ...OPEN_POLICY, max_views: 5 };
      await ctx.store.setPolicy(org.id, looser, 2_000);
      expect(await ctx.store.getPolicy(org.id)).toEqual({ policy: looser, updatedAt: 2_000 });
    });

    it('keeps each organisation its own policy', async () => {
      const [a, b] = [newOrg(), newOrg()];
      for (const org of [a, b]) await ctx.store.createOrg(org);
      await ctx.store.setPolicy(a.id, STRICT_POLICY, 1_000);
      expect(await ctx.store.getPolicy(b.id)).toBeNull();
      await ctx.store.setPolicy(b.id, OPEN_POLICY, 3_000);
      expect(await ctx.store.getPolicy(a.id)).toEqual({ policy: STRICT_POLICY, updatedAt: 1_000 });
      expect(await ctx.store.getPolicy(b.id)).toEqual({ policy: OPEN_POLICY, updatedAt: 3_000 });
    });

    it('reads a policy saved before a field existed with that field as OPEN_POLICY has it', async () => {
      const org = newOrg();
      await ctx.store.createOrg(org);
      // What an older release wrote: only the fields it knew.
      const older = { max_ttl: 600, passphrase_required: true } as unknown as OrgPolicy;
      await ctx.store.setPolicy(org.id, older, 1_000);
      expect(await ctx.store.getPolicy(org.id)).toEqual({
        policy: { ...OPEN_POLICY, max_ttl: 600, passphrase_required: true },
        updatedAt: 1_000,
      });
    });

    it('20 concurrent sets of one organisation leave one of them whole', async () => {
      const org = newOrg();
      await ctx.store.createOrg(org);
      const policies = Array.from({ length: 20 }, (_, i) => ({ ...OPEN_POLICY, max_views: i + 1 }));
      await Promise.all(policies.map((policy, i) => ctx.store.setPolicy(org.id, policy, 1_000 + i)));
      const stored = await ctx.store.getPolicy(org.id);
      const i = (stored?.policy.max_views ?? 0) - 1;
      expect(stored).toEqual({ policy: policies[i], updatedAt: 1_000 + i });
    });
  });
}
