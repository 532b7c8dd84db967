import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteAccountsStore } from '../accounts/sqlite-accounts-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { describeAuditContract, newDraft, newWebhook } from './contract-audit.js';
import { verifyChain } from './verify-chain.js';

describeAuditContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-audit-'));
  return {
    store: new SqliteAccountsStore(join(dir, 'accounts.db')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

const dirs: string[] = [];
async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-audit-'));
  dirs.push(dir);
  return join(dir, 'accounts.db');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('SqliteAuditStore specifics', () => {
  it('keeps records, heads, cursors and webhooks across close and reopen; numbering and chains go on', async () => {
    const path = await tempFile();
    const first = new SqliteAccountsStore(path);
    const records = await first.audit.appendAudit([newDraft({ org: 'a' }), newDraft({ org: 'b' })]);
    await first.audit.moveCursor('syslog', 0, records[1]!.id);
    const webhook = newWebhook('a');
    await first.audit.createWebhook(webhook);
    await first.close();
    await expect(first.audit.appendAudit([newDraft()])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(first.audit.listAudit({ org: 'a', limit: 1 })).rejects.toBeInstanceOf(StoreUnavailableError);

    const second = new SqliteAccountsStore(path);
    expect(await second.audit.auditAfter(0, 10)).toEqual(records);
    expect(await second.audit.getCursor('syslog')).toBe(records[1]!.id);
    expect(await second.audit.getWebhook(webhook.id)).toEqual(webhook);
    const [next] = await second.audit.appendAudit([newDraft({ org: 'a' })]);
    expect(next).toMatchObject({ id: records[1]!.id + 1, prevHash: records[0]!.hash });
    expect(await verifyChain(second.audit, 'a')).toEqual({ ok: true, records: 2 });
    await second.close();
  });

  it('a batch the database refuses stores nothing and uses no id', async () => {
    const store = new SqliteAccountsStore(await tempFile());
    const [before] = await store.audit.appendAudit([newDraft({ org: 'a' })]);
    const refused = store.audit.appendAudit([newDraft({ org: 'a' }), newDraft({ org: 'b', at: Number.NaN })]);
    await expect(refused).rejects.toThrow();
    expect(await store.audit.auditAfter(0, 10)).toEqual([before]);
    expect(await store.audit.auditOrgs()).toEqual(['a']);
    const [after] = await store.audit.appendAudit([newDraft({ org: 'a' })]);
    expect(after).toMatchObject({ id: before!.id + 1, prevHash: before!.hash });
    await store.close();
  });
});
