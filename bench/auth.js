// Anonymous, API-key and session creates of 1 KiB secrets against one burnlink process, interleaved in rounds
// so that the machine's noise falls on all three alike (issue #12: an authenticated create costs at most 10 %
// more than an anonymous one). The key and the session are made directly in the accounts store before the
// server starts, as `burnlink admin` would. Cost = anonymous creates/s over the authenticated ones, minus 1,
// from the sum of every round; also the server's CPU µs per create of each kind.
// Usage: node bench/auth.js [--stores sqlite,postgres] [--rounds 3] [--duration 5] [--connections 64]
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sealSecret, toBase64Url } from '@burnlink/core';
import { totalCpuSeconds } from './lib/cpu.js';
import { fmt, load } from './lib/load.js';
import { startBurnlink } from './lib/processes.js';
import { atMost } from './lib/targets.js';

const DIST = new URL('../packages/server/dist/', import.meta.url);
const run = randomBytes(4).toString('hex');
const POSTGRES = `${process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'}?schema=blbench_${run}`;
const sha256Hex = (text) => createHash('sha256').update(text).digest('hex');
export const AUTH_COST_TARGET = 0.1;

/** An organisation, a member, an API key of theirs and a session, straight into the accounts store. */
async function bootstrap(accountsUrl, dataDir) {
  const { openAccounts } = await import(new URL('accounts/open-accounts.js', DIST).href);
  const { newApiKey } = await import(new URL('auth/api-key-format.js', DIST).href);
  const accounts = await openAccounts(accountsUrl, { dataDir });
  const now = Date.now();
  const orgId = toBase64Url(randomBytes(16));
  const userId = toBase64Url(randomBytes(16));
  await accounts.createOrg({ id: orgId, name: `bench-${run}`, createdAt: now, joinDomains: [] });
  await accounts.createUser({ id: userId, email: `bench-${run}@example.com`, name: 'bench', createdAt: now });
  await accounts.addMember({ orgId, userId, role: 'member', createdAt: now });
  const key = newApiKey();
  await accounts.createKey({
    id: key.id,
    orgId,
    createdBy: userId,
    name: 'bench',
    scopes: ['secrets:create'],
    hash: key.hash,
    createdAt: now,
    expiresAt: now + 86_400_000,
    lastUsedAt: null,
    revokedAt: null,
  });
  const session = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await accounts.createSession({
    idHash: sha256Hex(session),
    userId,
    orgId,
    csrfHash: sha256Hex(csrf),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + 86_400_000,
    label: 'bench',
  });
  await accounts.close();
  return { key: key.key, session, csrf };
}

async function createBody() {
  const sealed = await sealSecret({ v: 1, text: 'x'.repeat(1024) });
  return JSON.stringify({
    ttl: 3600,
    max_views: 1,
    verifier: sealed.verifier,
    kdf: null,
    content: toBase64Url(sealed.content),
  });
}

async function measure(url, pid, headers, body, options) {
  const before = totalCpuSeconds([pid]);
  const result = await load(url, {
    ...options,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/secrets',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      },
    ],
  });
  const after = totalCpuSeconds([pid]);
  return { ...result, cpuSeconds: before === null || after === null ? null : after - before };
}

export async function benchAuth({ stores = ['sqlite'], rounds = 3, duration = 5, connections = 64 } = {}) {
  const body = await createBody();
  const rows = [];
  for (const store of stores) {
    const dir = mkdtempSync(join(tmpdir(), 'burnlink-bench-auth-'));
    const storeUrl = store === 'postgres' ? POSTGRES : `sqlite:${join(dir, 'bench.db')}`;
    const accountsUrl = store === 'postgres' ? POSTGRES : `sqlite:${join(dir, 'accounts.db')}`;
    try {
      const creds = await bootstrap(accountsUrl, dir);
      const server = await startBurnlink({
        BURNLINK_STORE: storeUrl,
        BURNLINK_ACCOUNTS_STORE: accountsUrl,
        BURNLINK_DATA_DIR: dir,
      });
      try {
        const origin = new URL(server.url).origin;
        const kinds = {
          anonymous: {},
          'API key': { authorization: `Bearer ${creds.key}` },
          session: {
            cookie: `burnlink_session=${creds.session}; burnlink_csrf=${creds.csrf}`,
            origin,
            'x-csrf-token': creds.csrf,
          },
        };
        const sums = Object.fromEntries(
          Object.keys(kinds).map((k) => [k, { total: 0, seconds: 0, cpu: 0, p99: 0, bad: 0 }]),
        );
        for (let round = 0; round < rounds; round++) {
          for (const [kind, headers] of Object.entries(kinds)) {
            const r = await measure(server.url, server.child.pid, headers, body, { duration, connections });
            const s = sums[kind];
            s.total += r.total;
            s.seconds += r.total / r.rps;
            s.cpu += r.cpuSeconds ?? Number.NaN;
            s.p99 = Math.max(s.p99, r.p99);
            s.bad += r.non2xx + r.errors;
          }
        }
        rows.push({ store, sums });
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  print(rows, { rounds, duration, connections });
  return rows;
}

function print(rows, { rounds, duration, connections }) {
  console.log(
    `\nAuthenticated creates, 1 KiB secrets, ${connections} connections, ${rounds} interleaved rounds of ${duration} s ` +
      `(cost: anonymous creates/s over the row's, minus 1; target ≤ ${AUTH_COST_TARGET * 100} %)`,
  );
  console.log(
    `${'store'.padEnd(10)}${'caller'.padEnd(11)}${'create/s'.padStart(9)}${'p99 ms'.padStart(8)}${'CPU µs'.padStart(8)}${'cost'.padStart(8)}${''.padEnd(5)}${'non-2xx'.padStart(9)}`,
  );
  for (const { store, sums } of rows) {
    const anon = sums.anonymous;
    const anonRps = anon.total / anon.seconds;
    for (const [kind, s] of Object.entries(sums)) {
      const rps = s.total / s.seconds;
      const cost = anonRps / rps - 1;
      const mark =
        kind === 'anonymous'
          ? ''.padStart(5)
          : atMost(`${store} ${kind} create cost`, cost * 100, AUTH_COST_TARGET * 100, ' %');
      console.log(
        `${store.padEnd(10)}${kind.padEnd(11)}${fmt(rps).padStart(9)}${fmt(s.p99).padStart(8)}${fmt((s.cpu * 1e6) / s.total).padStart(8)}` +
          `${kind === 'anonymous' ? ''.padStart(8) : `${fmt(cost * 100, 1)} %`.padStart(8)}${mark}${String(s.bad).padStart(9)}`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: 'sqlite' },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '64' },
    },
  });
  await benchAuth({
    stores: values.stores.split(','),
    rounds: Number(values.rounds),
    duration: Number(values.duration),
    connections: Number(values.connections),
  });
}
