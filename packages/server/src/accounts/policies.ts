import type { OrgPolicy } from '@burnlink/wire';
import type { AccountsStore } from './accounts-store.js';

/**
 * How long a node keeps an organisation's policy before reading it again. A change made on another node
 * reaches this one within this time; a change made here takes effect here at once.
 */
export const POLICY_CACHE_MS = 5_000;
/** Past this many organisations cached, expired entries are dropped, then the oldest. */
const MAX_ENTRIES = 10_000;

interface Entry {
  policy: Promise<OrgPolicy | null>;
  until: number;
}

/**
 * Each organisation's policy, kept in process memory for `ttlMs` (default `POLICY_CACHE_MS`), so that an
 * authenticated create costs at most one policy read per organisation per few seconds. Reads of one
 * organisation that miss together share one store read; a read that fails is not kept. `set` writes through
 * and replaces the entry, so the node that changed a policy never serves the old one.
 *
 * @example
 * const policies = new PolicyCache(store, () => performance.now());
 * const policy = await policies.get(orgId); // null: the organisation never set one
 */
export class PolicyCache {
  readonly #store: AccountsStore;
  readonly #clock: () => number;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, Entry>();

  constructor(store: AccountsStore, clock: () => number, ttlMs = POLICY_CACHE_MS) {
    this.#store = store;
    this.#clock = clock;
    this.#ttlMs = Math.max(0, ttlMs);
  }

  /** The organisation's policy, or null when it never set one. */
  get(orgId: string): Promise<OrgPolicy | null> {
    const now = this.#clock();
    const entry = this.#entries.get(orgId);
    if (entry !== undefined && now < entry.until) return entry.policy.then(copy);
    const policy = this.#store.getPolicy(orgId).then((stored) => stored?.policy ?? null);
    if (this.#ttlMs > 0) {
      const fresh: Entry = { policy, until: now + this.#ttlMs };
      this.#keep(orgId, fresh);
      policy.catch(() => {
        if (this.#entries.get(orgId) === fresh) this.#entries.delete(orgId);
      });
    }
    return policy.then(copy);
  }

  /** Stores the policy, then serves it from this node's cache at once. */
  async set(orgId: string, policy: OrgPolicy, at: number): Promise<void> {
    this.#entries.delete(orgId);
    await this.#store.setPolicy(orgId, policy, at);
    if (this.#ttlMs > 0) {
      this.#keep(orgId, { policy: Promise.resolve(copy(policy)), until: this.#clock() + this.#ttlMs });
    }
  }

  #keep(orgId: string, entry: Entry): void {
    this.#entries.delete(orgId);
    if (this.#entries.size >= MAX_ENTRIES) {
      const now = this.#clock();
      for (const [id, e] of this.#entries) if (e.until <= now) this.#entries.delete(id);
      // Still full: the oldest entry (Map order is insertion order) goes.
      if (this.#entries.size >= MAX_ENTRIES) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
    }
    this.#entries.set(orgId, entry);
  }
}

const copy = (policy: OrgPolicy | null): OrgPolicy | null =>
  policy === null ? null : structuredClone(policy);
