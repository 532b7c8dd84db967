import type { DomainCheckOutcome, DomainRecord, DomainTransition } from './domain-store.js';

/**
 * The record after one DNS check and what changed (`DomainStore.recordCheck`'s rules, as
 * `memory-domain-store.ts` applies them), for the SQL stores to compute inside their transaction and write
 * back. `heldElsewhere`: another domain of this name is `active` or `suspended` (read under the same lock).
 * Pure: answers a new record.
 */
export function applyCheck(
  current: DomainRecord,
  outcome: DomainCheckOutcome,
  heldElsewhere: boolean,
): { record: DomainRecord; transition: DomainTransition } {
  const { at, result } = outcome;
  const d: DomainRecord = { ...current, checkedAt: at, lastResult: result };
  if (result === 'verified') {
    if (d.state === 'pending') {
      if (heldElsewhere) return { record: { ...d, lastResult: 'taken' }, transition: 'taken' };
      return {
        record: { ...d, state: 'active', verifiedAt: d.verifiedAt ?? at, missingSince: null },
        transition: 'verified',
      };
    }
    if (d.state === 'suspended') {
      return {
        record: { ...d, state: 'active', suspendedAt: null, missingSince: null },
        transition: 'reactivated',
      };
    }
    return { record: { ...d, missingSince: null }, transition: null };
  }
  if ((result === 'no_record' || result === 'wrong_record') && d.state === 'active') {
    const missingSince = d.missingSince ?? at;
    if (missingSince <= outcome.suspendMissingBefore) {
      return { record: { ...d, state: 'suspended', missingSince, suspendedAt: at }, transition: 'suspended' };
    }
    return { record: { ...d, missingSince }, transition: d.missingSince === null ? 'missing' : null };
  }
  return { record: d, transition: null };
}

/** Whether `applyCheck` would ask about other holders of the name (only a pending domain's verify does). */
export const needsHolder = (current: DomainRecord, outcome: DomainCheckOutcome): boolean =>
  outcome.result === 'verified' && current.state === 'pending';
