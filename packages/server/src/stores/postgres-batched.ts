import type { KdfParams } from '@burnlink/core';
import type { Query } from './postgres-query.js';
import type { ClaimOutcome, FileRef, NewGrant, NewSecret, PresentedProof } from './secret-store.js';
import { StoreUnavailableError } from './secret-store.js';

/**
 * The PostgreSQL store's group commit (`TickBatcher` in `postgres-batch.ts` gathers the calls): several text
 * creates, or several claims, as ONE statement — one round trip, one transaction, one WAL flush. A batch is
 * all or nothing; when it is refused for a value of one of its calls (an id or a grant that exists already,
 * a value out of range: plain `Error`s of `makeQuery`), each call then runs alone, so that only the culprit
 * fails. Unavailability fails the whole batch. The SQL is that of one call, over arrays (`unnest`).
 */

/** Most calls in one statement. */
export const BATCH_SIZE = 64;

const fulfilled = <T>(value: T): PromiseSettledResult<T> => ({ status: 'fulfilled', value });

/** Runs `batch`; when a value of one call refused it, runs each call with `one` instead. */
async function allOrEach<I, O>(
  items: I[],
  batch: (items: I[]) => Promise<O[]>,
  one: (item: I) => Promise<O>,
): Promise<PromiseSettledResult<O>[]> {
  if (items.length > 1) {
    try {
      return (await batch(items)).map(fulfilled);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
    }
  }
  return Promise.allSettled(items.map(one));
}

/** Text creates (no files) of one batch; `one` is the single create's statement. */
export function createTexts(
  query: Query,
  secrets: NewSecret[],
  one: (secret: NewSecret) => Promise<unknown>,
): Promise<PromiseSettledResult<void>[]> {
  return allOrEach(
    secrets,
    async (all) => {
      await query(INSERT_TEXTS, textColumns(all));
      return all.map(() => undefined);
    },
    async (secret) => void (await one(secret)),
  );
}

/** The columns of `INSERT_TEXTS`, one array each ($1 ids … $11 retentions, $12 restrictions). */
function textColumns(secrets: NewSecret[]): unknown[] {
  const column = (value: (s: NewSecret) => unknown) => secrets.map(value);
  return [
    column((s) => s.id),
    column((s) => Buffer.from(s.verifier)),
    column((s) => (s.linkVerifier ? Buffer.from(s.linkVerifier) : null)),
    column((s) => (s.kdf ? JSON.stringify(s.kdf) : null)),
    column((s) => Buffer.from(s.content)),
    column((s) => s.createdAt),
    column((s) => s.expiresAt),
    column((s) => s.maxViews),
    column((s) => s.maxAttempts),
    column((s) => s.receiptHash),
    column((s) => s.receiptRetentionMs),
    column((s) => s.restrictions ?? null),
  ];
}

/** Several text secrets and their receipts in one statement: the rows of `INSERT_SECRET` and `INSERT_RECEIPT`. */
const INSERT_TEXTS = `WITH v AS (
  SELECT * FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::jsonb[], $5::bytea[], $6::bigint[],
    $7::bigint[], $8::integer[], $9::integer[], $10::text[], $11::bigint[], $12::text[])
    AS v(id, verifier, link_verifier, kdf, content, created_at, expires_at, max_views, max_attempts,
      receipt_hash, retention_ms, restrictions)),
secret AS (
  INSERT INTO burnlink_secrets (id, verifier, link_verifier, kdf, content, files, created_at, expires_at,
    max_views, views_left, max_attempts, receipt_hash, staged, restrictions)
  SELECT id, verifier, link_verifier, kdf, content, '[]'::jsonb, created_at, expires_at, max_views, max_views,
    max_attempts, receipt_hash, false, restrictions FROM v)
INSERT INTO burnlink_receipts (receipt_hash, secret_id, state, created_at, expires_at, max_views, views_left,
  max_attempts, has_passphrase, retention_ms, forget_at)
SELECT receipt_hash, id, 'pending', created_at, expires_at, max_views, max_views, max_attempts, kdf IS NOT NULL,
  retention_ms, expires_at + retention_ms FROM v`;

export interface Claim {
  id: string;
  presented: PresentedProof;
  now: number;
  grant: NewGrant | undefined;
}

/**
 * Claims of one batch, each by `burnlink_claim_secret` as when alone, in ONE transaction, in id order: every
 * batch locks its secret rows in the same order, so two batches never wait for each other in a cycle (the
 * other statements lock one secret each). The same id twice runs twice, the second after the first.
 */
export function claimAll(query: Query, claims: Claim[]): Promise<PromiseSettledResult<ClaimOutcome>[]> {
  return allOrEach(
    claims,
    async (all) => {
      const order = all
        .map((_, i) => i)
        .sort((a, b) => (all[a]!.id < all[b]!.id ? -1 : all[a]!.id > all[b]!.id ? 1 : 0));
      const column = (value: (claim: Claim) => unknown) => order.map((i) => value(all[i]!));
      const { rows } = await query(CLAIM_ALL, claimColumns(column));
      const outcomes: ClaimOutcome[] = new Array(all.length);
      order.forEach((i, at) => {
        outcomes[i] = claimOutcome(rows[at]);
      });
      return outcomes;
    },
    async (claim) => {
      const { rows } = await query(
        CLAIM_ONE,
        claimColumns((value) => [value(claim)]).map((array) => array[0]),
      );
      return claimOutcome(rows[0]);
    },
  );
}

function claimColumns(column: (value: (claim: Claim) => unknown) => unknown[]): unknown[][] {
  return [
    column((c) => c.id),
    column((c) => Buffer.from(c.presented.verifier)),
    column((c) => (c.presented.linkVerifier ? Buffer.from(c.presented.linkVerifier) : null)),
    column((c) => c.now),
    column((c) => c.grant?.hash ?? null),
    column((c) => c.grant?.expiresAt ?? null),
    column((c) => c.presented.gate !== undefined),
    column((c) => c.presented.gate?.codeHash ?? null),
  ];
}

// The gate: $7 whether one was presented, $8 its code hash (see migration 5, `postgres-schema-restrictions.ts`).
const CLAIM_ONE = 'SELECT * FROM burnlink_claim_secret($1, $2, $3, $4, $5, $6, $7, $8)';
const CLAIM_ALL = `SELECT c.* FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::bigint[], $5::text[],
    $6::bigint[], $7::boolean[], $8::text[])
    WITH ORDINALITY AS a(id, verifier, link, now, grant_hash, grant_expires, gated, code_hash, ord)
  CROSS JOIN LATERAL burnlink_claim_secret(a.id, a.verifier, a.link, a.now, a.grant_hash, a.grant_expires,
    a.gated, a.code_hash) c
  ORDER BY a.ord`;

// biome-ignore lint/suspicious/noExplicitAny: a row of burnlink_claim_secret, read field by field.
function claimOutcome(row: any): ClaimOutcome {
  switch (row.o_status) {
    case 'ok':
      return {
        status: 'ok',
        content: new Uint8Array(row.o_content),
        kdf: row.o_kdf as KdfParams | null,
        files: row.o_files as FileRef[],
        viewsLeft: row.o_views_left,
        expiresAt: Number(row.o_expires_at),
      };
    case 'wrong_token':
      return { status: 'wrong_token', attemptsLeft: row.o_attempts_left };
    case 'locked':
      return { status: 'locked', blobIds: row.o_blob_ids ?? [] };
    case 'restricted':
      return { status: 'restricted', restrictions: row.o_restrictions };
    case 'code_invalid':
      return { status: 'code_invalid', triesLeft: row.o_tries_left };
    default:
      return { status: 'not_found' };
  }
}
