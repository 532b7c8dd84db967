import { describe, expect, test } from 'vitest';
import { LifecycleEvents } from '../service/events.js';
import type { AuditDraft, AuditRecord } from './audit-types.js';
import { MemoryAuditStore } from './memory-audit-store.js';
import { AuditRecorder } from './recorder.js';

const caller = { actor: { type: 'user' as const, id: 'u1' }, orgId: 'org1', ip: '10.0.0.1' };

function setup(
  options: { failures?: number; gate?: Promise<void>; lingerMs?: number; batchSize?: number } = {},
) {
  const events = new LifecycleEvents();
  const store = new MemoryAuditStore();
  const appends: AuditDraft[][] = [];
  const ownerCalls: string[][] = [];
  const warnings: [string, string[]][] = [];
  let failures = options.failures ?? 0;
  const recorder = new AuditRecorder({
    events,
    store: {
      appendAudit: async (drafts) => {
        appends.push(drafts);
        await options.gate;
        if (failures > 0) {
          failures -= 1;
          throw new Error('store down');
        }
        return store.appendAudit(drafts);
      },
    },
    owners: async (ids) => {
      ownerCalls.push(ids);
      return new Map(ids.filter((id) => id.startsWith('owned')).map((id) => [id, 'org2']));
    },
    ips: false,
    warn: (what, types) => warnings.push([what, types]),
    retryMs: 1,
    attempts: 3,
    ...(options.lingerMs === undefined ? {} : { lingerMs: options.lingerMs }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  recorder.start();
  return { events, store, recorder, appends, ownerCalls, warnings };
}

describe('AuditRecorder', () => {
  test('appends a burst of events in one batch, with one owner lookup, in order', async () => {
    const { events, store, recorder, appends, ownerCalls } = setup();
    const seen: AuditRecord[][] = [];
    recorder.onAppended((records) => seen.push(records));
    events.emit({ type: 'secret.viewed', secretId: 'owned1', at: 1, viewsLeft: 0, files: 0 });
    events.emit({ type: 'secret.viewed', secretId: 'anon1', at: 2, viewsLeft: 1, files: 0, caller });
    events.emit({ type: 'file.bytes', secretId: 'owned1', at: 3, file: 0, direction: 'upload', bytes: 9 });
    events.emit({ type: 'key.revoked', at: 4, orgId: 'org1', keyId: 'k1', caller });
    await recorder.flush();
    expect(appends).toHaveLength(1);
    expect(ownerCalls).toEqual([['owned1', 'anon1']]);
    const records = [
      ...(await store.listAudit({ org: 'org2', limit: 10 })),
      ...(await store.listAudit({ org: 'public', limit: 10 })),
      ...(await store.listAudit({ org: 'org1', limit: 10 })),
    ];
    expect(records.map((r) => [r.id, r.type, r.org, r.ip])).toEqual([
      [1, 'secret.viewed', 'org2', null],
      [2, 'secret.viewed', 'public', null],
      [3, 'key.revoked', 'org1', null],
    ]);
    expect(seen.flat().map((r) => r.id)).toEqual([1, 2, 3]);
  });

  test("claims of secrets created on this node need no owner lookup; other nodes' secrets do", async () => {
    const { events, store, recorder, ownerCalls } = setup();
    const created = (secretId: string, orgId: string | null) =>
      events.emit({
        type: 'secret.created',
        secretId,
        at: 1,
        files: 0,
        expiresAt: 9,
        maxViews: 1,
        caller: { ...caller, orgId },
      });
    created('mine-owned', 'org1');
    created('mine-anonymous', null);
    await recorder.flush();
    events.emit({ type: 'secret.viewed', secretId: 'mine-owned', at: 2, viewsLeft: 0, files: 0 });
    events.emit({ type: 'secret.viewed', secretId: 'mine-anonymous', at: 3, viewsLeft: 0, files: 0 });
    events.emit({ type: 'secret.viewed', secretId: 'owned-elsewhere', at: 4, viewsLeft: 0, files: 0 });
    await recorder.flush();
    expect(ownerCalls).toEqual([['owned-elsewhere']]);
    const org1 = await store.listAudit({ org: 'org1', limit: 10 });
    expect(org1.map((r) => [r.type, r.subject?.id])).toEqual([
      ['secret.created', 'mine-owned'],
      ['secret.viewed', 'mine-owned'],
    ]);
    const publicTrail = await store.listAudit({ org: 'public', limit: 10, types: ['secret.viewed'] });
    expect(publicTrail.map((r) => r.subject?.id)).toEqual(['mine-anonymous']);
    const org2 = await store.listAudit({ org: 'org2', limit: 10 });
    expect(org2.map((r) => r.subject?.id)).toEqual(['owned-elsewhere']);
  });

  test('with a linger, events of several turns share one append; a full batch goes at once', async () => {
    const { events, recorder, appends } = setup({ lingerMs: 50, batchSize: 3 });
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    events.emit({ type: 'secret.expired', secretId: 'a', at: 1 });
    await turn();
    events.emit({ type: 'secret.expired', secretId: 'b', at: 2 });
    await turn();
    await turn();
    expect(appends).toHaveLength(0);
    events.emit({ type: 'secret.expired', secretId: 'c', at: 3 });
    await turn();
    await turn();
    // The third event filled the batch: it went without waiting for the linger.
    expect(appends.map((batch) => batch.map((d) => d.subject?.id))).toEqual([['a', 'b', 'c']]);
    events.emit({ type: 'secret.expired', secretId: 'd', at: 4 });
    await recorder.flush();
    expect(appends.map((batch) => batch.map((d) => d.subject?.id))).toEqual([['a', 'b', 'c'], ['d']]);
  });

  test('one batch in flight: events emitted meanwhile wait for the next append', async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { events, recorder, appends } = setup({ gate });
    events.emit({ type: 'secret.expired', secretId: 'a', at: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // The first append is in flight (held at the gate): the next events wait for it.
    expect(appends).toHaveLength(1);
    events.emit({ type: 'secret.expired', secretId: 'b', at: 2 });
    events.emit({ type: 'secret.expired', secretId: 'c', at: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(appends).toHaveLength(1);
    open();
    await recorder.flush();
    expect(appends.map((batch) => batch.map((d) => d.subject?.id))).toEqual([['a'], ['b', 'c']]);
  });

  test('a failed append is retried; after the last attempt the event types are logged, never data', async () => {
    const retried = setup({ failures: 2 });
    retried.events.emit({ type: 'secret.expired', secretId: 'a', at: 1 });
    await retried.recorder.flush();
    expect(retried.appends).toHaveLength(3);
    expect(await retried.store.listAudit({ org: 'public', limit: 10 })).toHaveLength(1);
    expect(retried.warnings).toEqual([]);

    const lost = setup({ failures: 3 });
    lost.events.emit({ type: 'secret.expired', secretId: 'secret-id-1', at: 1 });
    await lost.recorder.flush();
    expect(lost.warnings).toEqual([['audit records could not be stored', ['secret.expired']]]);
    expect(JSON.stringify(lost.warnings)).not.toContain('secret-id-1');
    // The recorder goes on with the next events.
    lost.events.emit({ type: 'secret.expired', secretId: 'b', at: 2 });
    await lost.recorder.flush();
    expect(await lost.store.listAudit({ org: 'public', limit: 10 })).toHaveLength(1);
  });

  test('stop: later events are not recorded', async () => {
    const { events, recorder, store } = setup();
    recorder.stop();
    events.emit({ type: 'secret.expired', secretId: 'a', at: 1 });
    await recorder.flush();
    expect(await store.auditOrgs()).toEqual([]);
  });
});
