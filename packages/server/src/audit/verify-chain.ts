import type { AuditStore } from './audit-store.js';
import { type ChainProblem, ChainWalk } from './chain.js';

/** Records read per page while verifying. */
export const VERIFY_PAGE_SIZE = 1000;

export type ChainVerdict = { ok: true; records: number } | { ok: false; problem: ChainProblem };

/**
 * Verifies one organisation's chain as stored: reads its head and its checkpoint (what retention left), walks
 * its records oldest first in pages of `VERIFY_PAGE_SIZE` (`ChainWalk`: each hash against the content, each
 * link against the record before, ids increasing) up to the head, then checks that the walk ended at the head.
 * Records appended while it walks (past the head it read) are left for the next run. Answers how many records
 * were checked, or the first problem (`problem.recordId` names the first bad record).
 *
 * @example
 * const verdict = await verifyChain(accounts.audit, orgId);
 * if (!verdict.ok) console.error(verdict.problem.message);
 */
export async function verifyChain(store: AuditStore, org: string): Promise<ChainVerdict> {
  const head = await store.auditHead(org);
  const checkpoint = await store.auditCheckpoint(org);
  const walk = new ChainWalk(checkpoint);
  // Without a head every record is suspect: walk them all, and `finish` reports the mismatch.
  const last = head?.id ?? Number.POSITIVE_INFINITY;
  let after: number | undefined;
  for (;;) {
    const page = await store.listAudit({ org, limit: VERIFY_PAGE_SIZE, order: 'asc', after });
    const upToHead = page.filter((record) => record.id <= last);
    if (walk.feed(upToHead)) break;
    if (page.length < VERIFY_PAGE_SIZE || upToHead.length < page.length) break;
    after = page.at(-1)!.id;
  }
  const problem = walk.finish(head);
  return problem === null ? { ok: true, records: walk.count } : { ok: false, problem };
}
