import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsStore } from '../accounts/accounts-store.js';
import { openAccounts } from '../accounts/open-accounts.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { MemoryStore } from '../stores/memory-store.js';
import { ADMIN_EXIT, runAdmin } from './run-admin.js';

async function admin(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: {
      write: (t: string) => {
        stdout += t;
      },
    },
    stderr: {
      write: (t: string) => {
        stderr += t;
      },
    },
  };
  const code = await runAdmin(args, env, io);
  return { code, stdout, stderr };
}

/**
 * Issue 13, part 2: `burnlink admin audit verify` exits 0 on intact chains and names the first broken record
 * otherwise; `audit export` prints a trail (the public one too). Against a SQLite file, as an operator runs it
 * beside the server.
 */
describe('burnlink admin audit (SQLite)', () => {
  let dir: string;
  let env: Record<string, string>;
  let accounts: AccountsStore;
  let app: FastifyInstance;
  let orgId: string;
  // Ten days ago: what the app records comes before what the admin command does (at the real time).
  const start = Date.now() - 10 * 86_400_000;
  let clock = start;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'burnlink-audit-admin-'));
    env = { BURNLINK_DATA_DIR: dir, BURNLINK_STORE: 'sqlite:' };
    const config = loadConfig({ ...env, BURNLINK_RATE_LIMITS: 'off', BURNLINK_WEB_DIR: '/nonexistent' });
    accounts = await openAccounts(config.accounts.storeUrl, { dataDir: config.dataDir });
    app = await buildApp({ config, store: new MemoryStore(), accounts, now: () => clock, logger: false });
    expect((await admin(['create-org', 'Acme'], env)).code).toBe(ADMIN_EXIT.OK);
    orgId = (await accounts.findOrgByName('Acme'))!.id;
    // The public organisation's trail: three anonymous secrets, one burned.
    for (let i = 0; i < 3; i++) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/secrets',
        payload: { text: `t${i}` },
      });
      if (i === 0)
        await app.inject({ method: 'POST', url: `/api/v1/receipts/${created.json().receipt}/burn` });
      clock += 86_400_000;
    }
    await app.burnlinkAudit.flush();
  });

  afterAll(async () => {
    await app?.close();
    await accounts?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies every chain: a line per organisation, exit 0', async () => {
    // The admin command records what it does too (as the system): Acme's chain starts with its invite.
    const invited = await admin(['invite', 'ada@acme.example', '--org', 'Acme', '--role', 'owner'], {
      ...env,
      BURNLINK_PUBLIC_URL: 'https://burnlink.example',
    });
    expect(invited.code).toBe(ADMIN_EXIT.OK);
    const run = await admin(['audit', 'verify'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ADMIN_EXIT.OK);
    const acme = await accounts.audit.listAudit({ org: orgId, limit: 100 });
    expect(acme.map((r) => [r.type, r.actor])).toEqual([['invite.created', { type: 'system', id: null }]]);
    expect(run.stdout).toMatch(
      new RegExp(`^Acme: 1 records verified, chain intact \\(last record ${acme[0]?.id}\\)$`, 'm'),
    );
    // 3 creates, a burn, and the invitation's own (server-made) secret.
    expect(run.stdout).toMatch(/^public: 5 records verified, chain intact \(last record \d+\)$/m);
    const one = await admin(['audit', 'verify', '--org', 'public'], env);
    expect(one.stdout).toMatch(/^public: 5 records verified/);
    expect(one.stdout.split('\n')).toHaveLength(2);
  });

  it('exports a trail as JSON Lines or CSV on stdout, public included', async () => {
    const jsonl = await admin(['audit', 'export', '--org', 'public'], env);
    expect(jsonl.code).toBe(ADMIN_EXIT.OK);
    const events = jsonl.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => e.type)).toEqual([
      'secret.created',
      'secret.burned',
      'secret.created',
      'secret.created',
      'secret.created',
    ]);
    expect(events[0]).toMatchObject({
      org: 'public',
      actor: { type: 'anonymous', id: null },
      prev_hash: '0'.repeat(64),
    });
    const csv = await admin(['audit', 'export', '--org', 'acme', '--format', 'csv'], env);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'id,at,type,org,actor_type,actor_id,subject_type,subject_id,outcome,details,ip,prev_hash,hash',
    );
    expect(csv.stdout).toContain(',invite.created,');
    expect((await admin(['audit', 'export'], env)).code).toBe(ADMIN_EXIT.USAGE);
    expect((await admin(['audit', 'export', '--org', 'acme', '--format', 'xml'], env)).stderr).toMatch(
      /--format must be jsonl or csv/,
    );
    expect((await admin(['audit', 'verify', '--org', 'nobody'], env)).code).toBe(ADMIN_EXIT.REFUSED);
    expect((await admin(['audit'], env)).stderr).toMatch(/audit needs an action: verify or export/);
  });

  it('retention prunes old records but leaves a checkpoint: the chain still verifies', async () => {
    clock = start + 401.5 * 86_400_000;
    expect(await app.burnlinkAudit.prune()).toBe(3);
    expect(await accounts.audit.auditCheckpoint('public')).toMatchObject({ pruned: 3 });
    const run = await admin(['audit', 'verify'], env);
    expect(run.code).toBe(ADMIN_EXIT.OK);
    expect(run.stdout).toMatch(/^public: 2 records verified, chain intact/m);
  });

  it('names the first broken record: an edited one, then a deleted one; exit 1', async () => {
    for (let i = 0; i < 3; i++)
      await app.inject({ method: 'POST', url: '/api/v1/secrets', payload: { text: 'x' } });
    await app.burnlinkAudit.flush();
    const records = await accounts.audit.listAudit({ org: 'public', limit: 100 });
    const k = records.length - 3;
    const db = new Database(join(dir, 'accounts.db'));
    try {
      const second = records[k]!;
      db.prepare('UPDATE audit_records SET details = ? WHERE id = ?').run('{"views_left":9}', second.id);
      const edited = await admin(['audit', 'verify'], env);
      expect(edited.code).toBe(ADMIN_EXIT.REFUSED);
      expect(edited.stdout).toMatch(
        new RegExp(`^public: record ${second.id} does not match its hash: its content was changed$`, 'm'),
      );
      expect(edited.stdout).toMatch(/^Acme: 1 records verified, chain intact/m);
      expect(edited.stderr).toMatch(/1 of 2 audit chains broken/);

      db.prepare('DELETE FROM audit_records WHERE id = ?').run(second.id);
      const deleted = await admin(['audit', 'verify', '--org', 'public'], env);
      expect(deleted.code).toBe(ADMIN_EXIT.REFUSED);
      expect(deleted.stdout).toBe(
        `public: record ${records[k + 1]!.id} does not follow record ${records[k - 1]!.id}: records between them were removed or reordered\n`,
      );
    } finally {
      db.close();
    }
  });
});
