import type { BrandingBody, DomainCheckResult, DomainState } from '@burnlink/wire';

/**
 * Custom domains and branding (issue 18, docs/domains.md), in the accounts database (reached as
 * `accounts.domains`). Every backend passes `contract-domains.ts` unchanged.
 *
 * Names are unique among `active` and `suspended` domains across the whole instance (whoever verified a
 * name first holds it); `pending` domains of different organisations may share a name, and one
 * organisation holds a name at most once in any state.
 */
export interface DomainRecord {
  /** 16 random bytes, base64url. */
  id: string;
  orgId: string;
  /** Lower case ASCII (punycode), no trailing dot. */
  name: string;
  /** 32 random bytes, base64url: the TXT record's value is `burnlink-verify=<token>`. Not a secret. */
  token: string;
  state: DomainState;
  createdAt: number;
  /** First verified; null until then. */
  verifiedAt: number | null;
  /** The last DNS check, or null before the first. */
  checkedAt: number | null;
  lastResult: DomainCheckResult | null;
  /** An active domain whose record went missing: the first check that missed it. Cleared when found. */
  missingSince: number | null;
  suspendedAt: number | null;
}

/** The outcome of a DNS check, applied atomically by `recordCheck`. */
export interface DomainCheckOutcome {
  at: number;
  result: DomainCheckResult;
  /** Suspend an active domain whose `missingSince` is at or before this instant (now − grace). */
  suspendMissingBefore: number;
}

/** What `recordCheck` changed, for the events the caller emits. */
export type DomainTransition = 'verified' | 'reactivated' | 'missing' | 'suspended' | 'taken' | null;

export interface StoredBranding {
  orgId: string;
  branding: BrandingBody;
  updatedAt: number;
}

export interface StoredLogo {
  type: 'image/svg+xml' | 'image/png';
  bytes: Uint8Array;
  updatedAt: number;
}

export interface DomainStore {
  /**
   * Adds a `pending` domain. Throws `AccountsConflictError('name')` when this organisation already has the
   * name, or when another organisation holds it `active` or `suspended`.
   */
  addDomain(record: DomainRecord): Promise<void>;
  /** The organisation's domains, oldest first (`createdAt`, then `id`). */
  listDomains(orgId: string): Promise<DomainRecord[]>;
  getDomain(id: string): Promise<DomainRecord | null>;
  /** The `active` domain with this name, or null (pending, suspended and unknown names alike). */
  findActiveDomain(name: string): Promise<DomainRecord | null>;
  /** Removes the organisation's domain; false when it has no such domain. */
  removeDomain(orgId: string, id: string): Promise<boolean>;
  /**
   * Applies one DNS check in one atomic step and answers the record after it (null when the domain was
   * removed meanwhile) and what changed:
   * - `verified`: a `pending` domain → `active` (sets `verifiedAt` the first time; clears `missingSince`).
   *   When another organisation holds the name `active`/`suspended`, it stays `pending` with result `taken`
   *   and the transition is `taken`.
   * - `verified` on a `suspended` domain → `active` again (`reactivated`), `suspendedAt` cleared.
   * - `verified` on an `active` one clears `missingSince` (transition null).
   * - `no_record` / `wrong_record` on an `active` domain: sets `missingSince` if unset (`missing`); once
   *   `missingSince <= suspendMissingBefore` it becomes `suspended` (`suspended`, `suspendedAt = at`).
   * - `dns_error` decides nothing: only `checkedAt` / `lastResult` move.
   * Always sets `checkedAt = at` and `lastResult` (`taken` when taken).
   */
  recordCheck(
    id: string,
    outcome: DomainCheckOutcome,
  ): Promise<{ record: DomainRecord; transition: DomainTransition } | null>;
  /**
   * Claims up to `limit` domains (any state) whose `checkedAt` is null or before `before`, for a periodic
   * re-check: each claimed row's `checkedAt` moves to `now` in the same atomic step, so two nodes never
   * claim the same domain for the same round. Oldest `checkedAt` first.
   */
  claimDue(before: number, now: number, limit: number): Promise<DomainRecord[]>;

  getBranding(orgId: string): Promise<StoredBranding | null>;
  setBranding(orgId: string, branding: BrandingBody, at: number): Promise<StoredBranding>;
  getLogo(orgId: string): Promise<StoredLogo | null>;
  /** Replaces the logo (null removes it). */
  setLogo(orgId: string, logo: StoredLogo | null): Promise<void>;
}
