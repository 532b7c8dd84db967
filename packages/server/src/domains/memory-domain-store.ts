import type { BrandingBody } from '@burnlink/wire';
import { AccountsConflictError } from '../accounts/accounts-store.js';
import type {
  DomainCheckOutcome,
  DomainRecord,
  DomainStore,
  DomainTransition,
  StoredBranding,
  StoredLogo,
} from './domain-store.js';

const held = (d: DomainRecord) => d.state === 'active' || d.state === 'suspended';
const byAge = (a: DomainRecord, b: DomainRecord) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The reference semantics of `DomainStore` (tests and `memory:`); every method is one synchronous step. */
export class MemoryDomainStore implements DomainStore {
  readonly #domains = new Map<string, DomainRecord>();
  readonly #branding = new Map<string, StoredBranding>();
  readonly #logos = new Map<string, StoredLogo>();

  async addDomain(record: DomainRecord): Promise<void> {
    if (this.#domains.has(record.id)) throw new AccountsConflictError('id');
    for (const d of this.#domains.values()) {
      if (d.name !== record.name) continue;
      if (d.orgId === record.orgId || held(d)) throw new AccountsConflictError('name');
    }
    this.#domains.set(record.id, { ...record });
  }

  async listDomains(orgId: string): Promise<DomainRecord[]> {
    return [...this.#domains.values()]
      .filter((d) => d.orgId === orgId)
      .sort(byAge)
      .map((d) => ({ ...d }));
  }

  async getDomain(id: string): Promise<DomainRecord | null> {
    const d = this.#domains.get(id);
    return d === undefined ? null : { ...d };
  }

  async findActiveDomain(name: string): Promise<DomainRecord | null> {
    for (const d of this.#domains.values()) if (d.name === name && d.state === 'active') return { ...d };
    return null;
  }

  async removeDomain(orgId: string, id: string): Promise<boolean> {
    const d = this.#domains.get(id);
    if (d === undefined || d.orgId !== orgId) return false;
    this.#domains.delete(id);
    return true;
  }

  async recordCheck(
    id: string,
    outcome: DomainCheckOutcome,
  ): Promise<{ record: DomainRecord; transition: DomainTransition } | null> {
    const d = this.#domains.get(id);
    if (d === undefined) return null;
    const { at, result } = outcome;
    let transition: DomainTransition = null;
    d.checkedAt = at;
    d.lastResult = result;
    if (result === 'verified') {
      if (d.state === 'pending') {
        const holder = [...this.#domains.values()].find((o) => o.id !== d.id && o.name === d.name && held(o));
        if (holder !== undefined) {
          d.lastResult = 'taken';
          transition = 'taken';
        } else {
          d.state = 'active';
          d.verifiedAt ??= at;
          d.missingSince = null;
          transition = 'verified';
        }
      } else if (d.state === 'suspended') {
        d.state = 'active';
        d.suspendedAt = null;
        d.missingSince = null;
        transition = 'reactivated';
      } else {
        d.missingSince = null;
      }
    } else if ((result === 'no_record' || result === 'wrong_record') && d.state === 'active') {
      if (d.missingSince === null) {
        d.missingSince = at;
        transition = 'missing';
      }
      if (d.missingSince <= outcome.suspendMissingBefore) {
        d.state = 'suspended';
        d.suspendedAt = at;
        transition = 'suspended';
      }
    }
    return { record: { ...d }, transition };
  }

  async claimDue(before: number, now: number, limit: number): Promise<DomainRecord[]> {
    const due = [...this.#domains.values()]
      .filter((d) => d.checkedAt === null || d.checkedAt < before)
      .sort((a, b) => (a.checkedAt ?? -1) - (b.checkedAt ?? -1) || byAge(a, b))
      .slice(0, limit);
    for (const d of due) d.checkedAt = now;
    return due.map((d) => ({ ...d }));
  }

  async getBranding(orgId: string): Promise<StoredBranding | null> {
    const b = this.#branding.get(orgId);
    return b === undefined ? null : structuredClone(b);
  }

  async setBranding(orgId: string, branding: BrandingBody, at: number): Promise<StoredBranding> {
    const stored = { orgId, branding: structuredClone(branding), updatedAt: at };
    this.#branding.set(orgId, stored);
    return structuredClone(stored);
  }

  async getLogo(orgId: string): Promise<StoredLogo | null> {
    const logo = this.#logos.get(orgId);
    return logo === undefined ? null : { ...logo, bytes: new Uint8Array(logo.bytes) };
  }

  async setLogo(orgId: string, logo: StoredLogo | null): Promise<void> {
    if (logo === null) this.#logos.delete(orgId);
    else this.#logos.set(orgId, { ...logo, bytes: new Uint8Array(logo.bytes) });
  }
}
