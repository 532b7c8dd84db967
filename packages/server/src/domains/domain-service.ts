import { randomBytes } from 'node:crypto';
import type { DomainInfo } from '@burnlink/wire';
import { AccountsConflictError } from '../accounts/accounts-store.js';
import { toIso } from '../app-context.js';
import { callerOf, type Principal, requireScope } from '../auth/principal.js';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../errors.js';
import { type Caller, type LifecycleEvents, withCaller } from '../service/events.js';
import { newRandomId } from '../tokens.js';
import { type DnsChecker, txtRecordName, txtRecordValue } from './dns-check.js';
import type { DomainRecord, DomainStore, DomainTransition } from './domain-store.js';
import { hostMatches, normaliseDomainName } from './host-names.js';

/** At most this many domains per organisation, in any state. */
export const MAX_DOMAINS = 20;
/** Domains claimed for a re-check per round (one round per timer tick). */
export const RECHECK_BATCH = 50;
/** How often the re-check timer looks for due domains, at most. */
export const RECHECK_TICK_MS = 60_000;

const ALLOWED_CACHE_MS = 5_000;
const ALLOWED_CACHE_MAX = 10_000;

export interface DomainServiceDeps {
  store: DomainStore;
  events: LifecycleEvents;
  now: () => number;
  config: Pick<ServerConfig, 'publicUrl' | 'domains'>;
  dns: DnsChecker;
  /** Logs a failure of the background re-check (the error's type only). */
  warn: (what: string, error: unknown) => void;
  /** How long `isAllowed` keeps an answer (default 5 s); a change on this node forgets it at once. */
  allowedCacheMs?: number;
}

/**
 * The custom domains of organisations (docs/domains.md): add, list, verify by DNS, remove; the periodic
 * re-check that suspends a domain whose record stays missing for the grace period; and the answer to Caddy's
 * `ask`. Methods taking a principal need `domains:manage` and reach the caller's organisation only; the
 * `admin*` ones are for `burnlink admin` (their events carry no caller: the system's). Every change is an
 * event (`domain.*`) and a call of the `onChange` listeners (the host resolver forgets the name).
 */
export class DomainService {
  readonly #d: DomainServiceDeps;
  readonly #listeners = new Set<(name: string) => void>();
  readonly #allowed = new Map<string, { allowed: boolean; until: number }>();

  constructor(deps: DomainServiceDeps) {
    this.#d = deps;
  }

  /** Calls `listener(name)` after a domain of that name was added, removed or changed state on this node. */
  onChange(listener: (name: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async add(principal: Principal, name: string): Promise<DomainRecord> {
    requireScope(principal, 'domains:manage');
    return this.#add(principal.orgId, name, callerOf(principal));
  }

  async list(principal: Principal): Promise<DomainRecord[]> {
    requireScope(principal, 'domains:manage');
    return this.#d.store.listDomains(principal.orgId);
  }

  /** Checks the domain's record now and applies what DNS says; answers the domain after it. */
  async verify(principal: Principal, id: string): Promise<DomainRecord> {
    requireScope(principal, 'domains:manage');
    return this.#check(await this.#get(principal.orgId, id), callerOf(principal));
  }

  async remove(principal: Principal, id: string): Promise<void> {
    requireScope(principal, 'domains:manage');
    const record = await this.#get(principal.orgId, id);
    if (!(await this.#d.store.removeDomain(principal.orgId, id))) throw new ApiError('domain_not_found');
    this.#d.events.emit({
      type: 'domain.removed',
      at: this.#d.now(),
      orgId: record.orgId,
      domainId: record.id,
      name: record.name,
      caller: callerOf(principal),
    });
    this.#changed(record.name);
  }

  /** `burnlink admin domain add`: as `add`, for any organisation, by the system. */
  adminAdd(orgId: string, name: string): Promise<DomainRecord> {
    return this.#add(orgId, name, undefined);
  }

  /** `burnlink admin domain verify`: as `verify`, for any domain, by the system. */
  async adminVerify(id: string): Promise<DomainRecord> {
    const record = await this.#d.store.getDomain(id);
    if (record === null) throw new ApiError('domain_not_found');
    return this.#check(record, undefined);
  }

  adminList(orgId: string): Promise<DomainRecord[]> {
    return this.#d.store.listDomains(orgId);
  }

  /**
   * One re-check round: claims up to RECHECK_BATCH domains last checked `recheckMs` ago or earlier (atomically,
   * so nodes share the work) and checks each. Answers how many it checked.
   */
  async recheckDue(): Promise<number> {
    const now = this.#d.now();
    // `claimDue` takes those checked strictly before its bound: a check exactly recheckMs ago is due.
    const before = now - this.#d.config.domains.recheckMs + 1;
    const due = await this.#d.store.claimDue(before, now, RECHECK_BATCH);
    for (const record of due) {
      // One domain's failure (its removal meanwhile, a store error) does not hold up the others.
      await this.#check(record, undefined).catch((error: unknown) => {
        if (!(error instanceof ApiError)) this.#d.warn('a domain re-check failed', error);
      });
    }
    return due.length;
  }

  /**
   * Re-checks due domains every min(recheckMs, 60 s) until the returned function is called; the timer does not
   * keep the process alive, and rounds never overlap.
   */
  startRechecks(): () => void {
    let running = false;
    const timer = setInterval(
      () => {
        if (running) return;
        running = true;
        this.recheckDue()
          .catch((error: unknown) => this.#d.warn('a domain re-check round failed', error))
          .finally(() => {
            running = false;
          });
      },
      Math.min(this.#d.config.domains.recheckMs, RECHECK_TICK_MS),
    );
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Caddy's `ask`: whether `name` is an active domain, and may have a certificate. Anything that is not a
   * domain name is false. Answers are kept briefly (negative ones too: Caddy asks for every unknown name a
   * client sends); a change on this node forgets them at once.
   */
  async isAllowed(text: string): Promise<boolean> {
    const name = normaliseDomainName(text);
    if (name === null) return false;
    const now = this.#d.now();
    const cached = this.#allowed.get(name);
    if (cached !== undefined && cached.until > now) return cached.allowed;
    const allowed = (await this.#d.store.findActiveDomain(name)) !== null;
    if (this.#allowed.size >= ALLOWED_CACHE_MAX) this.#allowed.clear();
    this.#allowed.set(name, { allowed, until: now + (this.#d.allowedCacheMs ?? ALLOWED_CACHE_MS) });
    return allowed;
  }

  /** The wire form of a domain, with the TXT record to publish. */
  toInfo(record: DomainRecord): DomainInfo {
    return {
      id: record.id,
      name: record.name,
      state: record.state,
      txt_record: { name: txtRecordName(record.name), value: txtRecordValue(record.token) },
      created_at: toIso(record.createdAt),
      verified_at: record.verifiedAt === null ? null : toIso(record.verifiedAt),
      last_check:
        record.checkedAt === null || record.lastResult === null
          ? null
          : { at: toIso(record.checkedAt), result: record.lastResult },
      missing_since: record.missingSince === null ? null : toIso(record.missingSince),
      suspended_at: record.suspendedAt === null ? null : toIso(record.suspendedAt),
    };
  }

  async #add(orgId: string, text: string, caller: Caller | undefined): Promise<DomainRecord> {
    const name = this.#checkName(text);
    const { store, now, events } = this.#d;
    const existing = await store.listDomains(orgId);
    if (existing.some((d) => d.name === name)) {
      throw new ApiError('domain_taken', `This organisation already has ${name}.`);
    }
    if (existing.length >= MAX_DOMAINS) {
      throw new ApiError(
        'too_many_domains',
        `This organisation has ${existing.length} domains, the most it may have; remove one first.`,
      );
    }
    const record: DomainRecord = {
      id: newRandomId(),
      orgId,
      name,
      token: randomBytes(32).toString('base64url'),
      state: 'pending',
      createdAt: now(),
      verifiedAt: null,
      checkedAt: null,
      lastResult: null,
      missingSince: null,
      suspendedAt: null,
    };
    try {
      await store.addDomain(record);
    } catch (error) {
      if (error instanceof AccountsConflictError && error.what === 'name') {
        throw new ApiError('domain_taken', `${name} is already verified by another organisation.`);
      }
      throw error;
    }
    events.emit({
      type: 'domain.added',
      at: record.createdAt,
      orgId,
      domainId: record.id,
      name,
      ...withCaller(caller),
    });
    this.#changed(name);
    return record;
  }

  /** The stored form of a name to add, or `invalid_domain` saying what is wrong with it. */
  #checkName(text: string): string {
    const name = normaliseDomainName(text);
    if (name === null) throw new ApiError('invalid_domain');
    if (name.endsWith('.localhost')) {
      throw new ApiError('invalid_domain', `${name} is a localhost name: DNS cannot verify it.`);
    }
    const { publicUrl, domains } = this.#d.config;
    const own =
      (publicUrl !== null && new URL(publicUrl).hostname.toLowerCase() === name) ||
      (domains.allowedHosts ?? []).some((pattern) =>
        hostMatches(pattern, { host: name, port: pattern.port }),
      );
    if (own) {
      throw new ApiError(
        'invalid_domain',
        `${name} is this instance's own host (BURNLINK_PUBLIC_URL or BURNLINK_ALLOWED_HOSTS), not a custom domain.`,
      );
    }
    return name;
  }

  async #get(orgId: string, id: string): Promise<DomainRecord> {
    const record = await this.#d.store.getDomain(id);
    if (record === null || record.orgId !== orgId) throw new ApiError('domain_not_found');
    return record;
  }

  /** One DNS check of `record`, applied by the store in one step; its transition becomes an event. */
  async #check(record: DomainRecord, caller: Caller | undefined): Promise<DomainRecord> {
    const { store, dns, now, config } = this.#d;
    const result = await dns.check(record.name, record.token);
    const at = now();
    const applied = await store.recordCheck(record.id, {
      at,
      result,
      suspendMissingBefore: at - config.domains.graceMs,
    });
    if (applied === null) throw new ApiError('domain_not_found');
    this.#emit(applied.record, applied.transition, at, caller);
    return applied.record;
  }

  #emit(record: DomainRecord, transition: DomainTransition, at: number, caller: Caller | undefined): void {
    const base = { at, orgId: record.orgId, domainId: record.id, name: record.name };
    const { events } = this.#d;
    switch (transition) {
      case 'verified':
      case 'reactivated':
        events.emit({ type: `domain.${transition}`, ...base, ...withCaller(caller) });
        break;
      case 'missing':
        events.emit({ type: 'domain.record_missing', ...base });
        break;
      case 'suspended':
        events.emit({ type: 'domain.suspended', ...base, missingSince: record.missingSince ?? at });
        break;
      default:
        return;
    }
    this.#changed(record.name);
  }

  #changed(name: string): void {
    this.#allowed.delete(name);
    for (const listener of this.#listeners) {
      try {
        listener(name);
      } catch {
        // A listener's failure must not undo a change that is already stored.
      }
    }
  }
}
