import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/backend-processes.js';
import { type Dnsmasq, dnsmasqAvailable, startDnsmasq } from '../../test/support/dnsmasq.js';
import type { AccountsStore } from '../accounts/accounts-store.js';
import { MemoryAccountsStore } from '../accounts/memory-accounts-store.js';
import { ADMIN_EXIT, runAdmin } from './run-admin.js';

async function admin(args: string[], env: Record<string, string>, accounts: AccountsStore) {
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
  const code = await runAdmin(args, env, io, { accounts });
  return { code, stdout, stderr };
}

const field = (stdout: string, name: string) => new RegExp(`^${name}:\\s+(.+)$`, 'm').exec(stdout)?.[1];

/**
 * Issue 18: `burnlink admin domain add|verify|list` — an operator adds and verifies a custom domain without the
 * web app, against a real resolver (dnsmasq as BURNLINK_DNS_SERVERS).
 */
describe.runIf(await dnsmasqAvailable())('burnlink admin domain', () => {
  let dns: Dnsmasq;
  let accounts: AccountsStore;
  let env: Record<string, string>;
  beforeAll(async () => {
    dns = await startDnsmasq();
    accounts = new MemoryAccountsStore();
    env = {
      BURNLINK_STORE: 'sqlite:',
      BURNLINK_DATA_DIR: '/nonexistent-burnlink-admin',
      BURNLINK_DNS_SERVERS: dns.address,
      BURNLINK_PUBLIC_URL: 'https://burnlink.example',
    };
    for (const name of ['Acme', 'Globex']) {
      expect((await admin(['create-org', name], env, accounts)).code).toBe(ADMIN_EXIT.OK);
    }
  });
  afterAll(async () => await dns?.stop());
  const run = (args: string[], extra: Record<string, string> = {}) =>
    admin(args, { ...env, ...extra }, accounts);

  it('add prints the TXT record; verify exits 1 until it is published, then 0; list shows the state', async () => {
    const added = await run(['domain', 'add', 'Acme', 'Secrets.Acme.Example']);
    expect(added.code).toBe(ADMIN_EXIT.OK);
    expect(field(added.stdout, 'name')).toBe('secrets.acme.example');
    expect(field(added.stdout, 'state')).toBe('pending');
    const record = field(added.stdout, 'TXT record');
    expect(record).toMatch(/^_burnlink\.secrets\.acme\.example TXT "burnlink-verify=[A-Za-z0-9_-]{43}"$/);
    expect(added.stderr).toMatch(/burnlink admin domain verify secrets\.acme\.example/);
    const id = field(added.stdout, 'id') as string;
    const value = /"(.+)"/.exec(record as string)?.[1] as string;

    const missing = await run(['domain', 'verify', 'secrets.acme.example']);
    expect(missing.code).toBe(ADMIN_EXIT.REFUSED);
    expect(field(missing.stdout, 'state')).toBe('pending');
    expect(field(missing.stdout, 'last check')).toMatch(/^no_record at /);
    expect(field(missing.stdout, 'TXT record')).toBe(record);
    expect(missing.stderr).toMatch(/not verified: there is no TXT record/);

    await dns.setRecords({ '_burnlink.secrets.acme.example': ['burnlink-verify=wrong'] });
    const wrong = await run(['domain', 'verify', id]);
    expect(wrong.code).toBe(ADMIN_EXIT.REFUSED);
    expect(field(wrong.stdout, 'last check')).toMatch(/^wrong_record /);

    await dns.setRecords({ '_burnlink.secrets.acme.example': [value] });
    const ok = await run(['domain', 'verify', 'SECRETS.acme.example.']);
    expect(ok.code).toBe(ADMIN_EXIT.OK);
    expect(field(ok.stdout, 'state')).toBe('active');
    expect(field(ok.stdout, 'last check')).toMatch(/^verified /);

    // The resolvers failing: exit 1, the domain stays active.
    const down = await run(['domain', 'verify', id], {
      BURNLINK_DNS_SERVERS: `127.0.0.1:${await freePort()}`,
    });
    expect(down.code).toBe(ADMIN_EXIT.REFUSED);
    expect(field(down.stdout, 'state')).toBe('active');
    expect(down.stderr).toMatch(/resolvers failed/);

    const list = await run(['domain', 'list']);
    expect(list.code).toBe(ADMIN_EXIT.OK);
    expect(list.stdout).toMatch(/^ID\s+NAME\s+ORG\s+STATE\s+LAST CHECK$/m);
    expect(list.stdout).toMatch(
      new RegExp(`^${id}\\s+secrets\\.acme\\.example\\s+Acme\\s+active\\s+dns_error `, 'm'),
    );
    const json = JSON.parse((await run(['domain', 'list', '--org', 'acme', '--json'])).stdout);
    expect(json).toEqual([
      expect.objectContaining({
        id,
        name: 'secrets.acme.example',
        state: 'active',
        org: expect.objectContaining({ name: 'Acme' }),
      }),
    ]);
    expect(JSON.parse((await run(['domain', 'list', '--org', 'Globex', '--json'])).stdout)).toEqual([]);

    // Recorded in Acme's audit trail, by the system.
    const orgId = (await accounts.findOrgByName('Acme'))?.id as string;
    const trail = await accounts.audit.listAudit({ org: orgId, limit: 100, types: ['domain.*'] });
    expect(trail.map((r) => [r.type, r.actor.type])).toEqual([
      ['domain.added', 'system'],
      ['domain.verified', 'system'],
    ]);
  });

  it('refuses bad names (exit 2), taken names, unknown organisations and domains (exit 1)', async () => {
    const bad = await run(['domain', 'add', 'Acme', 'burnlink.example']);
    expect(bad.code).toBe(ADMIN_EXIT.USAGE);
    expect(bad.stderr).toMatch(/own host/);
    expect((await run(['domain', 'add', 'Acme', '192.0.2.1'])).code).toBe(ADMIN_EXIT.USAGE);
    const taken = await run(['domain', 'add', 'Globex', 'secrets.acme.example']);
    expect(taken.code).toBe(ADMIN_EXIT.REFUSED);
    expect(taken.stderr).toMatch(/another organisation/);
    expect((await run(['domain', 'add', 'Nobody', 'x.example'])).stderr).toMatch(/no organisation "Nobody"/);
    const unknown = await run(['domain', 'verify', 'unknown.example']);
    expect(unknown.code).toBe(ADMIN_EXIT.REFUSED);
    expect(unknown.stderr).toMatch(/no domain unknown\.example/);
    // Pending in two organisations: the name is ambiguous, the ids are not.
    const a = field((await run(['domain', 'add', 'Acme', 'shared.example'])).stdout, 'id');
    const g = field((await run(['domain', 'add', 'Globex', 'shared.example'])).stdout, 'id');
    const ambiguous = await run(['domain', 'verify', 'shared.example']);
    expect(ambiguous.code).toBe(ADMIN_EXIT.REFUSED);
    expect(ambiguous.stderr).toContain(`${a}, ${g}`);
    expect((await run(['domain', 'verify', g as string])).stdout).toMatch(/^org:\s+Globex$/m);
  });

  it('usage: help, and bad arguments exit 2', async () => {
    const help = await admin(['domain', '--help'], {}, accounts);
    expect(help.code).toBe(ADMIN_EXIT.OK);
    expect(help.stdout).toMatch(/^Usage: burnlink admin domain add ORG NAME/);
    expect((await admin(['--help'], {}, accounts)).stdout).toMatch(/domain verify NAME\|ID/);
    for (const args of [
      ['domain'],
      ['domain', 'remove', 'x'],
      ['domain', 'add', 'Acme'],
      ['domain', 'verify'],
      ['domain', 'list', 'extra'],
      ['domain', 'add', 'Acme', 'x.example', '--org', 'Acme'],
    ]) {
      expect((await run(args)).code, args.join(' ')).toBe(ADMIN_EXIT.USAGE);
    }
  });
});
