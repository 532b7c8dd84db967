import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditDraft } from './audit-types.js';
import { GENESIS_HASH } from './audit-types.js';
import { canonicalJson, chainDrafts, hashedFields, recordHash } from './chain.js';
import { newDraft } from './contract-audit.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('record hashes', () => {
  it('hash the canonical JSON written out by hand (a fixed vector any verifier can redo)', () => {
    const record: AuditDraft & { id: number } = {
      id: 42,
      at: 1_767_225_600_000,
      type: 'secret.viewed',
      org: 'public',
      actor: { type: 'anonymous', id: null },
      subject: { type: 'secret', id: 'abc' },
      outcome: 'ok',
      details: { views_left: 0, files: ['b', 'a'], Zed: true, note: 'é "q"\n' },
      ip: null,
    };
    const text =
      '{"actor":{"id":null,"type":"anonymous"},"at":1767225600000,' +
      '"details":{"Zed":true,"files":["b","a"],"note":"é \\"q\\"\\n","views_left":0},"id":42,"ip":null,' +
      '"org":"public","outcome":"ok","subject":{"id":"abc","type":"secret"},"type":"secret.viewed"}';
    expect(canonicalJson(hashedFields(record))).toBe(text);
    expect(recordHash(GENESIS_HASH, record)).toBe(sha256(GENESIS_HASH + text));
  });

  it('are the same by the written-out form and by the generic walk, for every shape of record', () => {
    const shapes: Partial<AuditDraft>[] = [
      {},
      { subject: null, details: {} },
      { actor: { type: 'system', id: null }, ip: '2001:db8::1' },
      { actor: { type: 'api_key', id: 'k\u2028y' }, details: { a: '', b: -1.5, c: [] } },
      { type: 'rate_limit.tripped', org: 'o"rg', outcome: 'refused' },
    ];
    for (const [i, shape] of shapes.entries()) {
      const record = { ...newDraft(shape), id: 1000 + i };
      const prev = sha256(String(i));
      expect(recordHash(prev, record)).toBe(sha256(prev + canonicalJson(hashedFields(record))));
    }
  });

  it('leave out what is missing as the walk does, and extra actor or subject fields', () => {
    const base = { ...newDraft(), id: 7 };
    const noIp = { ...base, ip: undefined } as unknown as typeof base;
    expect(recordHash(GENESIS_HASH, noIp)).toBe(sha256(GENESIS_HASH + canonicalJson(hashedFields(noIp))));
    expect(canonicalJson(hashedFields(noIp))).not.toContain('"ip"');
    const extra = {
      ...base,
      actor: { ...base.actor, email: 'a@example.test' },
      subject: { ...base.subject!, name: 'x' },
    } as typeof base;
    expect(recordHash(GENESIS_HASH, extra)).toBe(recordHash(GENESIS_HASH, base));
  });

  it('chainDrafts numbers from nextId and links each organisation onto its own head', () => {
    const heads = new Map([['a', 'f'.repeat(64)]]);
    const records = chainDrafts(
      [newDraft({ org: 'a' }), newDraft({ org: 'b' }), newDraft({ org: 'a' })],
      5,
      heads,
    );
    expect(records.map((r) => [r.id, r.prevHash])).toEqual([
      [5, 'f'.repeat(64)],
      [6, GENESIS_HASH],
      [7, records[0]!.hash],
    ]);
    expect(heads).toEqual(
      new Map([
        ['a', records[2]!.hash],
        ['b', records[1]!.hash],
      ]),
    );
  });
});
