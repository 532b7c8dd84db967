import type { AccountsStore } from '../../src/accounts/accounts-store.js';
import type { DomainRecord } from '../../src/domains/domain-store.js';
import { newRandomId } from '../../src/tokens.js';

/** The instance's own name in the host tests (`BURNLINK_ALLOWED_HOSTS`). */
export const MAIN = 'burnlink.example';
/** Acme's verified custom domain. */
export const ACME = 'secrets.acme.example';

/**
 * Adds `name` to `orgId` and verifies it, through the accounts store as the domain service would after a DNS
 * check found the record. Answers the active record.
 */
export async function activeDomain(
  accounts: AccountsStore,
  orgId: string,
  name: string,
  at: number,
): Promise<DomainRecord> {
  const record: DomainRecord = {
    id: newRandomId(),
    orgId,
    name,
    token: newRandomId() + newRandomId(),
    state: 'pending',
    createdAt: at,
    verifiedAt: null,
    checkedAt: null,
    lastResult: null,
    missingSince: null,
    suspendedAt: null,
  };
  await accounts.domains.addDomain(record);
  const checked = await accounts.domains.recordCheck(record.id, {
    at,
    result: 'verified',
    suspendMissingBefore: at - 1,
  });
  if (checked?.record.state !== 'active') throw new Error(`${name} did not become active`);
  return checked.record;
}

/** Suspends an active domain at once (its record missing, no grace left). */
export async function suspend(accounts: AccountsStore, record: DomainRecord, at: number): Promise<void> {
  const checked = await accounts.domains.recordCheck(record.id, {
    at,
    result: 'no_record',
    suspendMissingBefore: at,
  });
  if (checked?.record.state !== 'suspended') throw new Error(`${record.name} was not suspended`);
}
