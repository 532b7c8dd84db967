import { hash } from 'node:crypto';
import type { AuditCheckpoint, AuditDraft, AuditHead, AuditRecord } from './audit-types.js';
import { GENESIS_HASH } from './audit-types.js';

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace: for the values a record holds
 * (strings, integers, booleans, null, arrays, objects) this is RFC 8785 (JCS), so any verifier can redo it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The fields a record's hash covers: everything but `prevHash` and `hash`; of the actor and the subject, their
 * `type` and `id` (what the stores keep).
 */
export function hashedFields(record: AuditDraft & { id: number }) {
  return {
    id: record.id,
    at: record.at,
    type: record.type,
    org: record.org,
    actor: { type: record.actor.type, id: record.actor.id },
    subject: record.subject === null ? null : { type: record.subject.type, id: record.subject.id },
    outcome: record.outcome,
    details: record.details,
    ip: record.ip,
  };
}

const str = JSON.stringify;

/**
 * `canonicalJson(hashedFields(record))`, written out in its sorted key order (actor, at, details, id, ip,
 * org, outcome, subject, type) rather than walked: every append hashes every record. Falls back to the walk
 * when a field is missing (the walk leaves out undefined values).
 */
function canonicalRecord(record: AuditDraft & { id: number }): string {
  const { actor, subject, details } = record;
  const complete =
    actor.id !== undefined &&
    record.ip !== undefined &&
    (subject === null || (subject.id !== undefined && subject.type !== undefined)) &&
    typeof details === 'object' &&
    details !== null &&
    [record.id, record.at, record.type, record.org, record.outcome, actor.type].every((v) => v !== undefined);
  if (!complete) return canonicalJson(hashedFields(record));
  const subjectJson = subject === null ? 'null' : `{"id":${str(subject.id)},"type":${str(subject.type)}}`;
  return (
    `{"actor":{"id":${str(actor.id)},"type":${str(actor.type)}},"at":${canonicalJson(record.at)},` +
    `"details":${canonicalJson(details)},"id":${canonicalJson(record.id)},"ip":${str(record.ip)},` +
    `"org":${str(record.org)},"outcome":${str(record.outcome)},"subject":${subjectJson},"type":${str(record.type)}}`
  );
}

/** `SHA-256(prevHash || canonicalJson(fields))`, lower-case hex; `prevHash` is the hex text of the previous hash. */
export function recordHash(prevHash: string, record: AuditDraft & { id: number }): string {
  return hash('sha256', prevHash + canonicalRecord(record), 'hex');
}

/**
 * Numbers and chains drafts for a backend's append: ids from `nextId` on, each linked onto its organisation's
 * head (`heads` is updated in place; an organisation without a head starts at `GENESIS_HASH`).
 */
export function chainDrafts(drafts: AuditDraft[], nextId: number, heads: Map<string, string>): AuditRecord[] {
  return drafts.map((draft, index) => {
    const id = nextId + index;
    const prevHash = heads.get(draft.org) ?? GENESIS_HASH;
    const hash = recordHash(prevHash, { ...draft, id });
    heads.set(draft.org, hash);
    return { ...draft, id, prevHash, hash };
  });
}

export type ChainProblem =
  | { kind: 'edited'; recordId: number; message: string }
  | { kind: 'broken_link'; recordId: number; message: string }
  | { kind: 'out_of_order'; recordId: number; message: string }
  | { kind: 'truncated'; recordId: number | null; message: string };

/**
 * Walks one organisation's records, ascending by id, as fed in pages: checks each record's hash against its
 * content, its `prevHash` against the record before (or the checkpoint, or genesis), the ids increasing, and
 * at the end that the last record is the head. Reports the FIRST problem only.
 *
 * @example
 * const walk = new ChainWalk(checkpoint);
 * for (const page of pages) if (walk.feed(page)) break;
 * const problem = walk.finish(head);
 */
export class ChainWalk {
  #prevHash: string;
  #prevId: number;
  #problem: ChainProblem | null = null;
  #count = 0;

  constructor(checkpoint: AuditCheckpoint | null) {
    this.#prevHash = checkpoint?.hash ?? GENESIS_HASH;
    this.#prevId = checkpoint?.id ?? 0;
  }

  /** How many records were checked. */
  get count(): number {
    return this.#count;
  }

  /** Checks a page; true once a problem was found (stop feeding). */
  feed(records: AuditRecord[]): boolean {
    for (const record of records) {
      if (this.#problem !== null) return true;
      this.#count += 1;
      if (record.id <= this.#prevId) {
        this.#problem = {
          kind: 'out_of_order',
          recordId: record.id,
          message: `record ${record.id} comes after record ${this.#prevId}: ids must increase`,
        };
      } else if (recordHash(record.prevHash, record) !== record.hash) {
        this.#problem = {
          kind: 'edited',
          recordId: record.id,
          message: `record ${record.id} does not match its hash: its content was changed`,
        };
      } else if (record.prevHash !== this.#prevHash) {
        this.#problem = {
          kind: 'broken_link',
          recordId: record.id,
          message:
            this.#prevId === 0
              ? `record ${record.id} does not follow the start of the chain: records before it were removed or reordered`
              : `record ${record.id} does not follow record ${this.#prevId}: records between them were removed or reordered`,
        };
      } else {
        this.#prevHash = record.hash;
        this.#prevId = record.id;
      }
    }
    return this.#problem !== null;
  }

  /** The first problem, checking last that the chain ends at `head` (records removed from the end). */
  finish(head: AuditHead | null): ChainProblem | null {
    if (this.#problem !== null) return this.#problem;
    const headId = head?.id ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH;
    if (headId !== this.#prevId || headHash !== this.#prevHash) {
      return {
        kind: 'truncated',
        recordId: this.#prevId === 0 ? null : this.#prevId,
        message:
          headId > this.#prevId
            ? `the chain ends at record ${this.#prevId || 'none'} but its head is record ${headId}: records at the end were removed`
            : `the chain's head (record ${headId}) does not match its last record ${this.#prevId}`,
      };
    }
    return null;
  }
}
