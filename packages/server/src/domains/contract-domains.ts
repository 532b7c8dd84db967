import type { BrandingBody } from '@burnlink/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsConflictError, type AccountsStore } from '../accounts/accounts-store.js';
import type { OpenAccounts } from '../accounts/contract-fixtures.js';
import { describeClaimDue, describeRecordCheck } from './contract-domain-checks.js';
import {
  activeDomain,
  type DomainContext,
  newDomain,
  orgId,
  suspendedDomain,
  T0,
} from './contract-domain-fixtures.js';
import type { StoredLogo } from './domain-store.js';

/**
 * The `DomainStore` contract (`domain-store.ts`) as tests: every backend's test file calls this with a function
 * that opens a fresh accounts store (its `domains` is under test; organisations are made there first). Tests
 * use random organisations and names, so they share one store; `claimDue` tests open stores of their own,
 * since a claim reaches every domain of the store.
 *
 * @example
 * describeDomainContract('memory', async () => ({ store: new MemoryAccountsStore() }));
 */
export function describeDomainContract(name: string, open: OpenAccounts): void {
  describe(`DomainStore contract: ${name}`, () => {
    let store: AccountsStore | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup } = await open());
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const ctx: DomainContext = {
      get store() {
        if (!store) throw new Error('the store under test is not open');
        return store;
      },
      get domains() {
        return this.store.domains;
      },
      open,
    };

    describeDomains(ctx);
    describeRecordCheck(ctx);
    describeClaimDue(ctx);
    describeBranding(ctx);
  });
}

async function expectConflict(adding: Promise<void>, what: string): Promise<void> {
  const error = await adding.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AccountsConflictError);
  expect((error as AccountsConflictError).what).toBe(what);
}

/** Adding, listing, finding and removing domains; who may hold a name. */
function describeDomains(ctx: DomainContext): void {
  describe('domains', () => {
    it('stores every field and answers copies; an unknown id is null', async () => {
      const org = await orgId(ctx.store);
      const domain = newDomain(org);
      await ctx.domains.addDomain(domain);
      expect(await ctx.domains.getDomain(domain.id)).toEqual(domain);
      const copy = await ctx.domains.getDomain(domain.id);
      copy!.state = 'active';
      expect(await ctx.domains.getDomain(domain.id)).toEqual(domain);
      expect(await ctx.domains.getDomain(newDomain(org).id)).toBeNull();
    });

    it('refuses a name the organisation already has (any state) as name, a known id as id', async () => {
      const org = await orgId(ctx.store);
      const pending = newDomain(org);
      await ctx.domains.addDomain(pending);
      await expectConflict(ctx.domains.addDomain(newDomain(org, { name: pending.name })), 'name');
      const active = await activeDomain(ctx.domains, org);
      await expectConflict(ctx.domains.addDomain(newDomain(org, { name: active.name })), 'name');
      await expectConflict(ctx.domains.addDomain(newDomain(org, { id: pending.id })), 'id');
      expect((await ctx.domains.listDomains(org)).map((d) => d.id)).toEqual([pending.id, active.id]);
    });

    it('lets organisations share a pending name, refuses a name another holds active or suspended', async () => {
      const [a, b, c] = [await orgId(ctx.store), await orgId(ctx.store), await orgId(ctx.store)];
      const shared = newDomain(a);
      await ctx.domains.addDomain(shared);
      const other = newDomain(b, { name: shared.name });
      await ctx.domains.addDomain(other);
      expect(await ctx.domains.getDomain(other.id)).toEqual(other);

      const active = await activeDomain(ctx.domains, a);
      await expectConflict(ctx.domains.addDomain(newDomain(b, { name: active.name })), 'name');
      const suspended = await suspendedDomain(ctx.domains, a);
      await expectConflict(ctx.domains.addDomain(newDomain(c, { name: suspended.name })), 'name');
      expect(await ctx.domains.listDomains(b)).toEqual([other]);
      expect(await ctx.domains.listDomains(c)).toEqual([]);

      // Once the holder lets go, the name is free again.
      expect(await ctx.domains.removeDomain(a, active.id)).toBe(true);
      const taker = newDomain(b, { name: active.name });
      await ctx.domains.addDomain(taker);
      expect(
        (await ctx.domains.recordCheck(taker.id, { at: T0, result: 'verified', suspendMissingBefore: 0 }))
          ?.transition,
      ).toBe('verified');
    });

    it('lists an organisation’s domains oldest first, ties by id in byte order, none of another’s', async () => {
      const [org, other] = [await orgId(ctx.store), await orgId(ctx.store)];
      const tie = T0 + 5 * 1000;
      const ids = ['b', 'B', '_', 'a', '-'].map((c) => `${c}${newDomain(org).id.slice(1)}`);
      const domains = [
        newDomain(org, { createdAt: T0 + 9_000 }),
        ...ids.map((id) => newDomain(org, { id, createdAt: tie })),
        newDomain(org, { createdAt: T0 + 1_000 }),
      ];
      for (const domain of domains) await ctx.domains.addDomain(domain);
      await ctx.domains.addDomain(newDomain(other, { createdAt: T0 }));
      const byteOrder = [...ids].sort((x, y) => (x < y ? -1 : 1));
      expect((await ctx.domains.listDomains(org)).map((d) => d.id)).toEqual([
        domains.at(-1)!.id,
        ...byteOrder,
        domains[0]!.id,
      ]);
      expect(await ctx.domains.listDomains(await orgId(ctx.store))).toEqual([]);
    });

    it('finds a name only while it is active, whoever else has it pending', async () => {
      const [a, b] = [await orgId(ctx.store), await orgId(ctx.store)];
      const pending = newDomain(a);
      await ctx.domains.addDomain(pending);
      expect(await ctx.domains.findActiveDomain(pending.name)).toBeNull();
      const waiting = newDomain(b, { name: pending.name });
      await ctx.domains.addDomain(waiting);
      const won = await ctx.domains.recordCheck(pending.id, {
        at: T0,
        result: 'verified',
        suspendMissingBefore: 0,
      });
      expect(await ctx.domains.findActiveDomain(pending.name)).toEqual(won!.record);
      const suspended = await suspendedDomain(ctx.domains, a);
      expect(await ctx.domains.findActiveDomain(suspended.name)).toBeNull();
      expect(await ctx.domains.findActiveDomain('unknown.example.test')).toBeNull();
    });

    it('removes only the organisation’s own domain', async () => {
      const [org, other] = [await orgId(ctx.store), await orgId(ctx.store)];
      const domain = await activeDomain(ctx.domains, org);
      expect(await ctx.domains.removeDomain(other, domain.id)).toBe(false);
      expect(await ctx.domains.getDomain(domain.id)).toEqual(domain);
      expect(await ctx.domains.removeDomain(org, domain.id)).toBe(true);
      expect(await ctx.domains.getDomain(domain.id)).toBeNull();
      expect(await ctx.domains.findActiveDomain(domain.name)).toBeNull();
      expect(await ctx.domains.listDomains(org)).toEqual([]);
      expect(await ctx.domains.removeDomain(org, domain.id)).toBe(false);
    });
  });
}

const BRANDING: BrandingBody = {
  name: 'Acme “Secrets” ✓',
  accent: '#12abEF',
  support: 'https://help.acme.example/x?y=1',
  language: 'pt-BR',
};

/** Every byte value, 64 KiB in all (the largest logo). */
const PNG_BYTES = Uint8Array.from({ length: 65536 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);

/** Branding and logo: one of each per organisation, replaced whole. */
function describeBranding(ctx: DomainContext): void {
  describe('branding', () => {
    it('answers null before branding is set; setting answers what is stored; setting again replaces it', async () => {
      const org = await orgId(ctx.store);
      expect(await ctx.domains.getBranding(org)).toBeNull();
      const stored = await ctx.domains.setBranding(org, BRANDING, T0);
      expect(stored).toEqual({ orgId: org, branding: BRANDING, updatedAt: T0 });
      expect(await ctx.domains.getBranding(org)).toEqual(stored);

      const copy = await ctx.domains.getBranding(org);
      copy!.branding.name = 'changed';
      expect(await ctx.domains.getBranding(org)).toEqual(stored);

      const plain: BrandingBody = { name: 'Acme', accent: null, support: null, language: null };
      await ctx.domains.setBranding(org, plain, T0 + 1);
      expect(await ctx.domains.getBranding(org)).toEqual({ orgId: org, branding: plain, updatedAt: T0 + 1 });
    });

    it('stores the logo’s exact bytes and type; replacing and removing it leave the branding alone', async () => {
      const org = await orgId(ctx.store);
      expect(await ctx.domains.getLogo(org)).toBeNull();
      const png: StoredLogo = { type: 'image/png', bytes: PNG_BYTES, updatedAt: T0 };
      await ctx.domains.setLogo(org, png);
      const got = await ctx.domains.getLogo(org);
      expect(got).toMatchObject({ type: 'image/png', updatedAt: T0 });
      expect(got!.bytes).toBeInstanceOf(Uint8Array);
      expect(got!.bytes.length).toBe(PNG_BYTES.length);
      expect(Buffer.compare(Buffer.from(got!.bytes), Buffer.from(PNG_BYTES))).toBe(0);
      // A logo alone is no branding, and setting branding keeps the logo.
      expect(await ctx.domains.getBranding(org)).toBeNull();
      await ctx.domains.setBranding(org, BRANDING, T0 + 1);
      expect((await ctx.domains.getLogo(org))?.updatedAt).toBe(T0);

      const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><title>é</title></svg>');
      await ctx.domains.setLogo(org, { type: 'image/svg+xml', bytes: svg, updatedAt: T0 + 2 });
      const replaced = await ctx.domains.getLogo(org);
      expect(replaced).toMatchObject({ type: 'image/svg+xml', updatedAt: T0 + 2 });
      expect(new TextDecoder().decode(replaced!.bytes)).toBe(new TextDecoder().decode(svg));

      await ctx.domains.setLogo(org, null);
      expect(await ctx.domains.getLogo(org)).toBeNull();
      expect(await ctx.domains.getBranding(org)).toEqual({
        orgId: org,
        branding: BRANDING,
        updatedAt: T0 + 1,
      });
      await ctx.domains.setLogo(org, null);
      expect(await ctx.domains.getLogo(org)).toBeNull();
    });

    it('keeps each organisation its own branding and logo', async () => {
      const [a, b] = [await orgId(ctx.store), await orgId(ctx.store)];
      await ctx.domains.setBranding(a, BRANDING, T0);
      await ctx.domains.setLogo(a, { type: 'image/png', bytes: PNG_BYTES.subarray(0, 100), updatedAt: T0 });
      expect(await ctx.domains.getBranding(b)).toBeNull();
      expect(await ctx.domains.getLogo(b)).toBeNull();
      const other: BrandingBody = {
        name: 'Other',
        accent: '#000000',
        support: 'help@other.example',
        language: 'ar',
      };
      await ctx.domains.setBranding(b, other, T0 + 5);
      await ctx.domains.setLogo(b, null);
      expect(await ctx.domains.getBranding(a)).toEqual({ orgId: a, branding: BRANDING, updatedAt: T0 });
      expect((await ctx.domains.getLogo(a))?.bytes.length).toBe(100);
      expect(await ctx.domains.getBranding(b)).toEqual({ orgId: b, branding: other, updatedAt: T0 + 5 });
    });
  });
}
