import { describe, expect, it } from 'vitest';
import type { AuditStore } from './audit-store.js';
import { newDraft } from './contract-audit.js';
import { MemoryAuditStore } from './memory-audit-store.js';
import { VERIFY_PAGE_SIZE, verifyChain } from './verify-chain.js';

/** What verifyChain reads of a store, with some of it replaced. */
function view(store: AuditStore, overrides: Partial<AuditStore>): AuditStore {
  const reads: Partial<AuditStore> = {
    listAudit: (query) => store.listAudit(query),
    auditHead: (org) => store.auditHead(org),
    auditCheckpoint: (org) => store.auditCheckpoint(org),
  };
  return { ...reads, ...overrides } as AuditStore;
}

describe('verifyChain', () => {
  it('walks a chain longer than a page, page by page', async () => {
    const store = new MemoryAuditStore();
    const pages: number[] = [];
    const counting: AuditStore = view(store, {
      listAudit: async (query: Parameters<AuditStore['listAudit']>[0]) => {
        const page = await store.listAudit(query);
        pages.push(page.length);
        expect(query).toMatchObject({ org: 'a', order: 'asc', limit: VERIFY_PAGE_SIZE });
        return page;
      },
    });
    const total = 2 * VERIFY_PAGE_SIZE + 7;
    for (let i = 0; i < total; i += 500) {
      await store.appendAudit(
        Array.from({ length: Math.min(500, total - i) }, (_, j) =>
          newDraft({ org: (i + j) % 3 ? 'a' : 'b' }),
        ),
      );
    }
    const inA = (await store.auditAfter(0, total)).filter((r) => r.org === 'a').length;
    expect(await verifyChain(counting, 'a')).toEqual({ ok: true, records: inA });
    expect(pages).toEqual([VERIFY_PAGE_SIZE, inA - VERIFY_PAGE_SIZE]);
  });

  it('records appended while it walks are left for the next run, not reported', async () => {
    const store = new MemoryAuditStore();
    await store.appendAudit(Array.from({ length: 5 }, () => newDraft({ org: 'a' })));
    const racing: AuditStore = view(store, {
      listAudit: async (query: Parameters<AuditStore['listAudit']>[0]) => {
        await store.appendAudit([newDraft({ org: 'a' })]);
        return store.listAudit(query);
      },
    });
    expect(await verifyChain(racing, 'a')).toEqual({ ok: true, records: 5 });
    expect(await verifyChain(store, 'a')).toEqual({ ok: true, records: 6 });
  });

  it('records without a head are reported, not skipped', async () => {
    const store = new MemoryAuditStore();
    const [first] = await store.appendAudit([newDraft({ org: 'a' }), newDraft({ org: 'a' })]);
    const headless: AuditStore = view(store, {
      auditHead: async () => null,
    });
    const verdict = await verifyChain(headless, 'a');
    expect(verdict).toMatchObject({ ok: false, problem: { kind: 'truncated', recordId: first!.id + 1 } });
  });
});
