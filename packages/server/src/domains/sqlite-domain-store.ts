import type { BrandingBody } from '@burnlink/wire';
import Database from 'better-sqlite3';
import type { Row } from '../accounts/accounts-rows.js';
import { AccountsConflictError } from '../accounts/accounts-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { applyCheck, needsHolder } from './check-transition.js';
import {
  blob,
  CHECK_COLUMNS,
  domainCheckValues,
  domainValues,
  toDomain,
  toStoredBranding,
  toStoredLogo,
} from './domain-rows.js';
import type {
  DomainCheckOutcome,
  DomainRecord,
  DomainStore,
  DomainTransition,
  StoredBranding,
  StoredLogo,
} from './domain-store.js';

/** `state IN (…)` as the partial index `domains_held_name` states it, so SQLite may use that index. */
const HELD = `state IN ('active', 'suspended')`;

/**
 * Custom domains and branding in the SQLite accounts file, on the accounts store's connection
 * (`accounts.domains`; tables of schema step 4, `../accounts/sqlite-accounts-schema.ts`). better-sqlite3 is
 * synchronous, so each method runs to its end without yielding; the read-then-write methods (`addDomain`,
 * `recordCheck`, `claimDue`, `setLogo`) are each one `BEGIN IMMEDIATE` transaction, which also serialises
 * them with another process on the file (`burnlink admin`). The partial unique index `domains_held_name`
 * keeps a name with one holder whatever a caller does.
 */
export class SqliteDomainStore implements DomainStore {
  readonly #db: Database.Database;
  readonly #sql: ReturnType<typeof prepare>;

  /** Built by `SqliteAccountsStore` on its connection, once its schema is migrated. */
  constructor(db: Database.Database) {
    this.#db = db;
    this.#sql = prepare(db);
  }

  addDomain(record: DomainRecord): Promise<void> {
    return this.#transaction(() => {
      this.#sql.insertDomain.run(...domainValues(record));
      if (this.#sql.holder.get(record.name, record.id)) throw new AccountsConflictError('name');
    });
  }

  listDomains(orgId: string): Promise<DomainRecord[]> {
    return this.#run(() => this.#sql.listDomains.all(orgId).map(toDomain));
  }

  getDomain(id: string): Promise<DomainRecord | null> {
    return this.#run(() => this.#domain(id));
  }

  findActiveDomain(name: string): Promise<DomainRecord | null> {
    return this.#run(() => {
      const row = this.#sql.findActive.get(name);
      return row ? toDomain(row) : null;
    });
  }

  removeDomain(orgId: string, id: string): Promise<boolean> {
    return this.#run(() => this.#sql.removeDomain.run(id, orgId).changes > 0);
  }

  recordCheck(
    id: string,
    outcome: DomainCheckOutcome,
  ): Promise<{ record: DomainRecord; transition: DomainTransition } | null> {
    return this.#transaction(() => {
      const current = this.#domain(id);
      if (current === null) return null;
      const held = needsHolder(current, outcome) && this.#sql.holder.get(current.name, id) !== undefined;
      const next = applyCheck(current, outcome, held);
      this.#sql.updateCheck.run(...domainCheckValues(next.record), id);
      return next;
    });
  }

  claimDue(before: number, now: number, limit: number): Promise<DomainRecord[]> {
    return this.#transaction(() => {
      const due = this.#sql.due.all(before, Math.max(0, Math.floor(limit))).map(toDomain);
      for (const d of due) this.#sql.claim.run(now, d.id);
      return due.map((d) => ({ ...d, checkedAt: now }));
    });
  }

  getBranding(orgId: string): Promise<StoredBranding | null> {
    return this.#run(() => toStoredBranding(this.#sql.getBranding.get(orgId)));
  }

  setBranding(orgId: string, branding: BrandingBody, at: number): Promise<StoredBranding> {
    return this.#run(() => {
      this.#sql.setBranding.run(orgId, JSON.stringify(branding), at);
      return { orgId, branding: structuredClone(branding), updatedAt: at };
    });
  }

  getLogo(orgId: string): Promise<StoredLogo | null> {
    return this.#run(() => toStoredLogo(this.#sql.getBranding.get(orgId)));
  }

  setLogo(orgId: string, logo: StoredLogo | null): Promise<void> {
    return this.#transaction(() => {
      if (logo !== null) {
        this.#sql.setLogo.run(orgId, logo.type, blob(logo.bytes), logo.updatedAt);
        return;
      }
      this.#sql.clearLogo.run(orgId);
      // A row with neither branding nor logo says nothing: leave none.
      this.#sql.dropEmpty.run(orgId);
    });
  }

  // Machinery.

  #domain(id: string): DomainRecord | null {
    const row = this.#sql.getDomain.get(id);
    return row ? toDomain(row) : null;
  }

  #run<T>(body: () => T): Promise<T> {
    if (!this.#db.open)
      return Promise.reject(new StoreUnavailableError('the SQLite accounts store is closed'));
    try {
      return Promise.resolve(body());
    } catch (error) {
      return Promise.reject(toDomainError(error));
    }
  }

  /** A read-then-write body in one `BEGIN IMMEDIATE` transaction. */
  #transaction<T>(body: () => T): Promise<T> {
    return this.#run(() => this.#db.transaction(body).immediate());
  }
}

/**
 * A uniqueness clash is `AccountsConflictError` (`id`, else `name`: the organisation's own name or the held
 * name's index); another constraint (an unknown organisation, a CHECK) is the caller's mistake, a plain
 * `Error`; everything else means the store failed.
 */
function toDomainError(error: unknown): unknown {
  if (error instanceof AccountsConflictError || error instanceof StoreUnavailableError) return error;
  if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
    if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new AccountsConflictError('id');
    if (error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      return new AccountsConflictError(error.message.includes('domains.id') ? 'id' : 'name');
    }
    return new Error('a value is outside what the domain store accepts', { cause: error });
  }
  return new StoreUnavailableError('the SQLite accounts store failed', { cause: error });
}

function prepare(db: Database.Database) {
  const statement = (text: string) => db.prepare<unknown[], Row>(text);
  return {
    insertDomain: statement(
      `INSERT INTO domains (id, org_id, name, token, state, created_at, verified_at, checked_at, last_result,
       missing_since, suspended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getDomain: statement('SELECT * FROM domains WHERE id = ?'),
    listDomains: statement('SELECT * FROM domains WHERE org_id = ? ORDER BY created_at, id'),
    findActive: statement(`SELECT * FROM domains WHERE name = ? AND ${HELD} AND state = 'active'`),
    /** Another domain holding the name. */
    holder: statement(`SELECT id FROM domains WHERE name = ? AND ${HELD} AND id <> ?`),
    removeDomain: statement('DELETE FROM domains WHERE id = ? AND org_id = ?'),
    updateCheck: statement(
      `UPDATE domains SET ${CHECK_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    ),
    due: statement(
      `SELECT * FROM domains WHERE checked_at IS NULL OR checked_at < ?
       ORDER BY checked_at, created_at, id LIMIT ?`,
    ),
    claim: statement('UPDATE domains SET checked_at = ? WHERE id = ?'),
    getBranding: statement('SELECT * FROM org_branding WHERE org_id = ?'),
    setBranding: statement(
      `INSERT INTO org_branding (org_id, branding, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (org_id) DO UPDATE SET branding = excluded.branding, updated_at = excluded.updated_at`,
    ),
    setLogo: statement(
      `INSERT INTO org_branding (org_id, logo_type, logo_bytes, logo_updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (org_id) DO UPDATE SET logo_type = excluded.logo_type, logo_bytes = excluded.logo_bytes,
         logo_updated_at = excluded.logo_updated_at`,
    ),
    clearLogo: statement(
      'UPDATE org_branding SET logo_type = NULL, logo_bytes = NULL, logo_updated_at = NULL WHERE org_id = ?',
    ),
    dropEmpty: statement(
      'DELETE FROM org_branding WHERE org_id = ? AND branding IS NULL AND logo_bytes IS NULL',
    ),
  };
}
