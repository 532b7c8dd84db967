import { randomBytes } from 'node:crypto';
import type { AccountsStore } from '../accounts/accounts-store.js';
import type { OpenAccounts } from '../accounts/contract-fixtures.js';
import { newOrg } from '../accounts/contract-fixtures.js';
import type { DomainCheckOutcome, DomainRecord, DomainStore } from './domain-store.js';

export interface DomainContext {
  /** The accounts store under test: organisations are made there first (the SQL backends' foreign keys). */
  readonly store: AccountsStore;
  readonly domains: DomainStore;
  readonly open: OpenAccounts;
}

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
/** A fixed instant, so expected times are exact. */
export const T0 = Date.UTC(2026, 0, 1);
export const GRACE = 7 * DAY;

/**
 * A pending domain with a random name, so tests can share one database. `at` spreads creation times, so
 * "oldest first" never meets a tie unless a test asks for one.
 */
let at = T0;
export function newDomain(orgId: string, overrides: Partial<DomainRecord> = {}): DomainRecord {
  at += 1000;
  return {
    id: randomBytes(16).toString('base64url'),
    orgId,
    name: `d${randomBytes(6).toString('hex')}.example.test`,
    token: randomBytes(32).toString('base64url'),
    state: 'pending',
    createdAt: at,
    verifiedAt: null,
    checkedAt: null,
    lastResult: null,
    missingSince: null,
    suspendedAt: null,
    ...overrides,
  };
}

/** A new organisation in the store; its id. */
export async function orgId(store: AccountsStore): Promise<string> {
  const org = newOrg();
  await store.createOrg(org);
  return org.id;
}

/** A check at `at` with the default grace. */
export function check(result: DomainCheckOutcome['result'], at: number): DomainCheckOutcome {
  return { at, result, suspendMissingBefore: at - GRACE };
}

/** Adds a domain and verifies it at `at`; the record after. */
export async function activeDomain(
  domains: DomainStore,
  owner: string,
  overrides: Partial<DomainRecord> = {},
  at = T0,
): Promise<DomainRecord> {
  const domain = newDomain(owner, overrides);
  await domains.addDomain(domain);
  const checked = await domains.recordCheck(domain.id, check('verified', at));
  if (checked?.transition !== 'verified') throw new Error('the fixture domain did not verify');
  return checked.record;
}

/** Adds a domain, verifies it at `at`, then lets its record go missing past the grace period: suspended. */
export async function suspendedDomain(
  domains: DomainStore,
  owner: string,
  overrides: Partial<DomainRecord> = {},
  at = T0,
): Promise<DomainRecord> {
  const domain = await activeDomain(domains, owner, overrides, at);
  const missed = await domains.recordCheck(domain.id, {
    at: at + MINUTE,
    result: 'no_record',
    suspendMissingBefore: at + MINUTE,
  });
  if (missed?.transition !== 'suspended') throw new Error('the fixture domain was not suspended');
  return missed.record;
}
