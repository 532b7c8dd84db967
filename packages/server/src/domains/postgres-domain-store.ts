import type { BrandingBody } from '@burnlink/wire';
import type pg from 'pg';
import type { Row } from '../accounts/accounts-rows.js';
import { AccountsConflictError } from '../accounts/accounts-store.js';
import { withDeadline } from '../stores/deadline.js';
import { OperationGate } from '../stores/operation-gate.js';
import { inTransaction, pgUnavailable, statementName } from '../stores/postgres-driver.js';
import { DEFAULT_POSTGRES_TIMEOUT_MS } from '../stores/postgres-url.js';
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

/** Runs one statement (on the pool, or on a transaction's client). */
type Run = (text: string, values: unknown[]) => Promise<pg.QueryResult<Row>>;

/** What each named uniqueness constraint means to the caller (`AccountsConflictError.what`). */
const CONFLICTS: Readonly<Record<string, string>> = {
  burnlink_acc_domains_id: 'id',
  burnlink_acc_domains_org_name: 'name',
  burnlink_acc_domains_held_name: 'name',
};

/** `state IN (…)` as the partial index `burnlink_acc_domains_held_name` states it. */
const HELD = `state IN ('active', 'suspended')`;

/** A new domain, unless another domain holds its name (a clash with the organisation's own is the index's). */
const INSERT_DOMAIN = `INSERT INTO burnlink_acc_domains (id, org_id, name, token, state, created_at, verified_at,
    checked_at, last_result, missing_since, suspended_at)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
  WHERE NOT EXISTS (SELECT 1 FROM burnlink_acc_domains WHERE name = $3 AND ${HELD} AND id <> $1)`;

const UPDATE_CHECK = `UPDATE burnlink_acc_domains SET ${CHECK_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}
  WHERE id = $1`;

/**
 * Claims a round's due domains in one statement: `FOR UPDATE SKIP LOCKED` passes over rows another node is
 * claiming, and a row another node claimed and committed meanwhile is read again (READ COMMITTED) and no
 * longer due, so no two claims answer the same row. The CTE is materialised, so its `LIMIT` runs once.
 */
const CLAIM_DUE = `WITH due AS MATERIALIZED (
    SELECT id, checked_at FROM burnlink_acc_domains WHERE checked_at IS NULL OR checked_at < $1
    ORDER BY checked_at NULLS FIRST, created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
  UPDATE burnlink_acc_domains d SET checked_at = $2 FROM due WHERE d.id = due.id
  RETURNING d.*, due.checked_at AS claimed_after`;

/**
 * Custom domains and branding in the PostgreSQL accounts database, on the accounts store's pool
 * (`accounts.domains`; tables of migration 4, `../accounts/postgres-accounts-schema.ts`).
 *
 * `recordCheck` is one transaction: it locks the domain's row (`SELECT … FOR UPDATE`, so checks of one domain
 * take turns), reads whether another domain holds the name, applies `applyCheck` and writes the row back. Two
 * organisations verifying one name at once both see it free; the partial unique index then lets one commit and
 * fails the other's UPDATE, which is undone to a savepoint and written as `taken` — never an error. `claimDue`
 * is one `UPDATE … FOR UPDATE SKIP LOCKED` statement (`CLAIM_DUE`). `addDomain` is one `INSERT … WHERE NOT
 * EXISTS`: a name another organisation holds is refused; one verified by another organisation between its check
 * and its insert leaves a pending domain that will answer `taken`, as if added a moment earlier.
 *
 * Every statement is bounded by the URL's `timeout`; failures of the server are `StoreUnavailableError`.
 */
export class PostgresDomainStore implements DomainStore {
  readonly #pool: pg.Pool;
  readonly #timeoutMs: number;
  readonly #gate = new OperationGate('PostgreSQL domain');
  readonly #query: Run;

  /** Built by `PostgresAccountsStore` on its pool, once its schema is migrated. */
  constructor(pool: pg.Pool, timeoutMs = DEFAULT_POSTGRES_TIMEOUT_MS) {
    this.#pool = pool;
    this.#timeoutMs = timeoutMs;
    this.#query = (text, values) =>
      this.#bounded(pool.query<Row>({ name: statementName(text), text, values }));
  }

  /** Lets calls in flight finish and refuses new ones; the accounts store ends the pool after. */
  close(): Promise<void> {
    return this.#gate.close();
  }

  addDomain(record: DomainRecord): Promise<void> {
    return this.#gate.run(async () => {
      const { rowCount } = await this.#query(INSERT_DOMAIN, domainValues(record));
      if (rowCount === 0) throw new AccountsConflictError('name');
    });
  }

  listDomains(orgId: string): Promise<DomainRecord[]> {
    return this.#all('SELECT * FROM burnlink_acc_domains WHERE org_id = $1 ORDER BY created_at, id', [orgId]);
  }

  getDomain(id: string): Promise<DomainRecord | null> {
    return this.#one('SELECT * FROM burnlink_acc_domains WHERE id = $1', [id]);
  }

  findActiveDomain(name: string): Promise<DomainRecord | null> {
    return this.#one(`SELECT * FROM burnlink_acc_domains WHERE name = $1 AND ${HELD} AND state = 'active'`, [
      name,
    ]);
  }

  removeDomain(orgId: string, id: string): Promise<boolean> {
    return this.#gate.run(async () => {
      const { rowCount } = await this.#query(
        'DELETE FROM burnlink_acc_domains WHERE id = $1 AND org_id = $2',
        [id, orgId],
      );
      return (rowCount ?? 0) > 0;
    });
  }

  recordCheck(
    id: string,
    outcome: DomainCheckOutcome,
  ): Promise<{ record: DomainRecord; transition: DomainTransition } | null> {
    return this.#transaction(async (run) => {
      const { rows } = await run('SELECT * FROM burnlink_acc_domains WHERE id = $1 FOR UPDATE', [id]);
      if (rows[0] === undefined) return null;
      const current = toDomain(rows[0]);
      const held = needsHolder(current, outcome) && (await heldElsewhere(run, current));
      const next = applyCheck(current, outcome, held);
      if (next.transition !== 'verified') {
        await run(UPDATE_CHECK, [id, ...domainCheckValues(next.record)]);
        return next;
      }
      // Another node may be activating the same name for another organisation right now: the index decides.
      await run('SAVEPOINT verify', []);
      try {
        await run(UPDATE_CHECK, [id, ...domainCheckValues(next.record)]);
        return next;
      } catch (error) {
        if (!(error instanceof AccountsConflictError)) throw error;
        await run('ROLLBACK TO SAVEPOINT verify', []);
        const taken = applyCheck(current, outcome, true);
        await run(UPDATE_CHECK, [id, ...domainCheckValues(taken.record)]);
        return taken;
      }
    });
  }

  claimDue(before: number, now: number, limit: number): Promise<DomainRecord[]> {
    return this.#gate.run(async () => {
      const { rows } = await this.#query(CLAIM_DUE, [before, now, Math.max(0, Math.floor(limit))]);
      // RETURNING keeps no order: sort as the claim chose (the check before this one, then age).
      const after = (row: Row) => (row.claimed_after === null ? -1 : Number(row.claimed_after));
      const byOrder = (a: Row, b: Row) =>
        after(a) - after(b) ||
        Number(a.created_at) - Number(b.created_at) ||
        (String(a.id) < String(b.id) ? -1 : 1);
      return rows.sort(byOrder).map(toDomain);
    });
  }

  getBranding(orgId: string): Promise<StoredBranding | null> {
    return this.#gate.run(async () =>
      toStoredBranding((await this.#query(SELECT_BRANDING, [orgId])).rows[0]),
    );
  }

  setBranding(orgId: string, branding: BrandingBody, at: number): Promise<StoredBranding> {
    return this.#gate.run(async () => {
      await this.#query(
        `INSERT INTO burnlink_acc_org_branding (org_id, branding, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (org_id) DO UPDATE SET branding = EXCLUDED.branding, updated_at = EXCLUDED.updated_at`,
        [orgId, JSON.stringify(branding), at],
      );
      return { orgId, branding: structuredClone(branding), updatedAt: at };
    });
  }

  getLogo(orgId: string): Promise<StoredLogo | null> {
    return this.#gate.run(async () => toStoredLogo((await this.#query(SELECT_BRANDING, [orgId])).rows[0]));
  }

  setLogo(orgId: string, logo: StoredLogo | null): Promise<void> {
    if (logo === null) {
      // A row with neither branding nor logo says nothing: leave none.
      return this.#transaction(async (run) => {
        await run('DELETE FROM burnlink_acc_org_branding WHERE org_id = $1 AND branding IS NULL', [orgId]);
        await run(
          `UPDATE burnlink_acc_org_branding SET logo_type = NULL, logo_bytes = NULL, logo_updated_at = NULL
           WHERE org_id = $1`,
          [orgId],
        );
      });
    }
    return this.#gate.run(async () => {
      await this.#query(
        `INSERT INTO burnlink_acc_org_branding (org_id, logo_type, logo_bytes, logo_updated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id) DO UPDATE SET logo_type = EXCLUDED.logo_type, logo_bytes = EXCLUDED.logo_bytes,
           logo_updated_at = EXCLUDED.logo_updated_at`,
        [orgId, logo.type, blob(logo.bytes), logo.updatedAt],
      );
    });
  }

  // Machinery.

  #bounded<T>(promise: Promise<T>): Promise<T> {
    return withDeadline(promise, this.#timeoutMs, () => new Error('query timed out')).catch(
      (error: unknown) => {
        throw toDomainError(error);
      },
    );
  }

  #one(text: string, values: unknown[]): Promise<DomainRecord | null> {
    return this.#gate.run(async () => {
      const row = (await this.#query(text, values)).rows[0];
      return row ? toDomain(row) : null;
    });
  }

  #all(text: string, values: unknown[]): Promise<DomainRecord[]> {
    return this.#gate.run(async () => (await this.#query(text, values)).rows.map(toDomain));
  }

  /** `BEGIN … COMMIT` on one pooled connection; rolled back when `body` throws. */
  #transaction<T>(body: (run: Run) => Promise<T>): Promise<T> {
    return this.#gate.run(() => inTransaction<Row, T>(this.#pool, (promise) => this.#bounded(promise), body));
  }
}

/** Whether another domain holds this one's name (`active` or `suspended`), as of this statement. */
async function heldElsewhere(run: Run, domain: DomainRecord): Promise<boolean> {
  const { rowCount } = await run(
    `SELECT 1 FROM burnlink_acc_domains WHERE name = $1 AND ${HELD} AND id <> $2`,
    [domain.name, domain.id],
  );
  return (rowCount ?? 0) > 0;
}

const SELECT_BRANDING = 'SELECT * FROM burnlink_acc_org_branding WHERE org_id = $1';

/**
 * Driver errors to the contract's: a uniqueness clash → `AccountsConflictError` named by its constraint; a
 * value refused by the schema (an unknown organisation, a check) → a plain `Error`; the rest →
 * `StoreUnavailableError`, keeping the driver's message only.
 */
function toDomainError(error: unknown): unknown {
  if (error instanceof AccountsConflictError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === '23505') {
    const constraint = String((error as { constraint?: unknown }).constraint ?? '');
    return new AccountsConflictError(CONFLICTS[constraint] ?? 'id');
  }
  if (code.startsWith('22') || code.startsWith('23')) {
    return new Error('a value is outside what the domain store accepts');
  }
  return pgUnavailable('PostgreSQL domain store', error);
}
