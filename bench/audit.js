// Issue 13: what the audit trail and webhooks cost. Creates (by an API key, so that the secrets belong to an
// organisation and their records reach its webhook) and anonymous claims of 1 KiB secrets against one burnlink
// process, in three cases: BURNLINK_AUDIT=off (the baseline), audit on, and audit on with one webhook endpoint
// subscribed to `*` (a local receiver answering 204, BURNLINK_WEBHOOK_ALLOW_PRIVATE=on); on SQLite and on
// PostgreSQL. Each measurement starts a fresh server on an empty store; the cases run interleaved in rounds so
// that a shared machine's noise falls on all three alike. Ratio = the case's requests/s over the baseline's,
// from the sum of every round; the target is ≥ 0.85 (at most 15 % slower). Also the server's CPU µs per create
// and per claim under load; its CPU µs per request over the whole run, deliveries that went out after the load
// included, with its ratio (the baseline's over the case's: the steadier figure on a busy machine; no target);
// and how long the webhook took to receive every delivery after the load stopped.
// Usage: node bench/audit.js [--stores sqlite,postgres] [--rounds 2] [--duration 5] [--connections 64]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deriveAccess, sealSecret, toBase64Url } from '@burnlink/core';
import { totalCpuSeconds } from './lib/cpu.js';
import { fmt, load } from './lib/load.js';
import { startBurnlink, startProcess } from './lib/processes.js';
import { atLeast } from './lib/targets.js';

const DIST = new URL('../packages/server/dist/', import.meta.url);
const run = randomBytes(4).toString('hex');
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Issue 13: audit and webhooks cost at most 15 % of create and claim throughput. */
export const AUDIT_RATIO_TARGET = 0.85;

const CASES = [
  { name: 'audit off', env: { BURNLINK_AUDIT: 'off' }, webhook: false },
  { name: 'audit on', env: { BURNLINK_AUDIT: 'on' }, webhook: false },
  { name: 'audit + webhook', env: { BURNLINK_AUDIT: 'on' }, webhook: true },
];

/**
 * An organisation, a member and an API key of theirs, straight into the accounts store as `burnlink admin`
 * would; with `webhookUrl`, an endpoint of the organisation subscribed to every event.
 */
async function bootstrap(accountsUrl, dataDir, webhookUrl) {
  const { openAccounts } = await import(new URL('accounts/open-accounts.js', DIST).href);
  const { newApiKey } = await import(new URL('auth/api-key-format.js', DIST).href);
  const accounts = await openAccounts(accountsUrl, { dataDir });
  try {
    const now = Date.now();
    const orgId = toBase64Url(randomBytes(16));
    const userId = toBase64Url(randomBytes(16));
    await accounts.createOrg({ id: orgId, name: `bench-${run}`, createdAt: now, joinDomains: [] });
    await accounts.createUser({
      id: userId,
      email: `bench-${run}@example.com`,
      name: 'bench',
      createdAt: now,
    });
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
    if (webhookUrl) {
      if (!accounts.audit)
        throw new Error('this build has no audit store (accountsStore.audit): no webhooks to bench');
      await accounts.audit.createWebhook({
        id: toBase64Url(randomBytes(16)),
        orgId,
        url: webhookUrl,
        events: ['*'],
        description: 'bench',
        secret: `whsec_${randomBytes(24).toString('base64')}`,
        createdAt: now,
        createdBy: userId,
        disabledAt: null,
        disabledReason: null,
        cursor: 0,
        failing: null,
      });
    }
    return { key: key.key };
  } finally {
    await accounts.close();
  }
}

async function payload() {
  const sealed = await sealSecret({ v: 1, text: 'x'.repeat(1024) });
  const body = JSON.stringify({
    ttl: 3600,
    max_views: 1,
    verifier: sealed.verifier,
    kdf: null,
    content: toBase64Url(sealed.content),
  });
  const { token } = await deriveAccess(sealed.linkKey, null);
  return { body, claimBody: JSON.stringify({ token }) };
}

async function measured(url, pid, options) {
  const before = totalCpuSeconds([pid]);
  const result = await load(url, options);
  const after = totalCpuSeconds([pid]);
  return { ...result, cpuSeconds: before === null || after === null ? Number.NaN : after - before };
}

/** Creates for `duration` seconds as the key (collecting the ids), then claims every created id once. */
async function createThenClaim(server, key, { body, claimBody }, { duration, connections }) {
  const ids = [];
  const pid = server.child.pid;
  const create = await measured(server.url, pid, {
    duration,
    connections,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/secrets',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
        onResponse: (status, resBody) => {
          if (status === 201) ids.push(JSON.parse(resBody).id);
        },
      },
    ],
  });
  let next = 0;
  const claim = await measured(server.url, pid, {
    amount: ids.length,
    connections,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: claimBody,
        setupRequest: (req) => ({ ...req, path: `/api/v1/secrets/${ids[next++]}/claim` }),
      },
    ],
  });
  return { create, claim };
}

async function deliveries(receiver) {
  const res = await fetch(`${receiver.url}/count`);
  return (await res.json()).deliveries;
}

/**
 * Waits until the receiver has had `expected` more deliveries than `from` (one per record: a create and a claim
 * each), or until none came for 10 s; answers how many came and the seconds it took after the load.
 */
async function drain(receiver, from, expected) {
  const started = performance.now();
  let seen = from;
  let progressAt = started;
  while (seen - from < expected && performance.now() - progressAt < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await deliveries(receiver);
    if (now > seen) progressAt = performance.now();
    seen = now;
  }
  return { delivered: seen - from, seconds: (performance.now() - started) / 1000 };
}

async function dropSchema(schema) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

let measurements = 0;

/** One case on a fresh server and an empty store: its create and claim figures (and the webhook's). */
async function measureCase(store, kase, payloadBodies, receiver, options) {
  const dir = mkdtempSync(join(tmpdir(), 'burnlink-bench-audit-'));
  const schema = `blbench_audit_${run}_${measurements++}`;
  const storeUrl = store === 'postgres' ? `${POSTGRES}?schema=${schema}` : `sqlite:${join(dir, 'bench.db')}`;
  const accountsUrl = store === 'postgres' ? storeUrl : `sqlite:${join(dir, 'accounts.db')}`;
  try {
    const { key } = await bootstrap(accountsUrl, dir, kase.webhook ? receiver.url : null);
    const server = await startBurnlink({
      BURNLINK_STORE: storeUrl,
      BURNLINK_ACCOUNTS_STORE: accountsUrl,
      BURNLINK_DATA_DIR: dir,
      BURNLINK_WEBHOOK_ALLOW_PRIVATE: 'on',
      ...kase.env,
    });
    try {
      const from = kase.webhook ? await deliveries(receiver) : 0;
      const cpuBefore = totalCpuSeconds([server.child.pid]);
      const result = await createThenClaim(server, key, payloadBodies, options);
      const webhook = kase.webhook
        ? await drain(receiver, from, result.create.total + result.claim.total)
        : null;
      const cpuAfter = totalCpuSeconds([server.child.pid]);
      // Everything the server spent on the run, deliveries that went out after the load included.
      const cpuAll = cpuBefore === null || cpuAfter === null ? Number.NaN : cpuAfter - cpuBefore;
      return { ...result, webhook, cpuAll };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (store === 'postgres') await dropSchema(schema);
  }
}

const emptySums = () => ({ total: 0, seconds: 0, cpu: 0, p99: 0, bad: 0 });
function add(sum, r) {
  sum.total += r.total;
  sum.seconds += r.total / r.rps;
  sum.cpu += r.cpuSeconds;
  sum.p99 = Math.max(sum.p99, r.p99);
  sum.bad += r.non2xx + r.errors;
}

export async function benchAudit({ stores = ['sqlite'], rounds = 2, duration = 5, connections = 64 } = {}) {
  const bodies = await payload();
  const receiver = await startProcess(fileURLToPath(new URL('./webhook-receiver.js', import.meta.url)));
  const rows = [];
  try {
    for (const store of stores) {
      const sums = CASES.map((kase) => ({
        kase,
        create: emptySums(),
        claim: emptySums(),
        delivered: 0,
        expected: 0,
        drainSeconds: 0,
        caughtUp: true,
        cpuAll: 0,
      }));
      for (let round = 0; round < rounds; round++) {
        for (const s of sums) {
          const r = await measureCase(store, s.kase, bodies, receiver, { duration, connections });
          add(s.create, r.create);
          add(s.claim, r.claim);
          s.cpuAll += r.cpuAll;
          if (r.webhook) {
            s.delivered += r.webhook.delivered;
            s.expected += r.create.total + r.claim.total;
            s.drainSeconds = Math.max(s.drainSeconds, r.webhook.seconds);
            s.caughtUp &&= r.webhook.delivered >= r.create.total + r.claim.total;
          }
        }
      }
      rows.push({ store, sums });
    }
  } finally {
    await receiver.stop();
  }
  print(rows, { rounds, duration, connections });
  return rows;
}

function print(rows, { rounds, duration, connections }) {
  console.log(
    `\nAudit trail and webhooks, 1 KiB secrets created by an API key and claimed, ${connections} connections, ` +
      `${rounds} interleaved rounds of ${duration} s (ratio: to BURNLINK_AUDIT=off; target ≥ ${AUDIT_RATIO_TARGET})`,
  );
  console.log(
    `${'store'.padEnd(10)}${'case'.padEnd(17)}${'create/s'.padStart(9)}${'ratio'.padStart(7)}${''.padEnd(5)}` +
      `${'claim/s'.padStart(9)}${'ratio'.padStart(7)}${''.padEnd(5)}${'CPU µs'.padStart(12)}${'all µs'.padStart(8)}` +
      `${'ratio'.padStart(7)}${'non-2xx'.padStart(9)}  webhook deliveries`,
  );
  for (const { store, sums } of rows) {
    const base = sums[0];
    const rps = (s) => s.total / s.seconds;
    for (const s of sums) {
      const baseline = s === base;
      const createRatio = rps(s.create) / rps(base.create);
      const claimRatio = rps(s.claim) / rps(base.claim);
      const mark = (what, ratio) =>
        baseline
          ? ''.padStart(5)
          : atLeast(`${store} ${s.kase.name} ${what} ratio`, ratio, AUDIT_RATIO_TARGET, '×');
      const cpu = `${fmt((s.create.cpu * 1e6) / s.create.total)}/${fmt((s.claim.cpu * 1e6) / s.claim.total)}`;
      const allUs = (x) => (x.cpuAll * 1e6) / (x.create.total + x.claim.total);
      const hooks = !s.kase.webhook
        ? ''
        : s.caughtUp
          ? `${s.delivered} for ${s.expected} requests, caught up ${fmt(s.drainSeconds, 1)} s after the load`
          : `${s.delivered} for ${s.expected} requests: behind (none came for 10 s)`;
      console.log(
        `${store.padEnd(10)}${s.kase.name.padEnd(17)}${fmt(rps(s.create)).padStart(9)}${fmt(createRatio, 2).padStart(7)}` +
          `${mark('create', createRatio)}${fmt(rps(s.claim)).padStart(9)}${fmt(claimRatio, 2).padStart(7)}` +
          `${mark('claim', claimRatio)}${cpu.padStart(12)}${fmt(allUs(s)).padStart(8)}` +
          `${fmt(allUs(base) / allUs(s), 2).padStart(7)}${String(s.create.bad + s.claim.bad).padStart(9)}  ${hooks}`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: 'sqlite,postgres' },
      rounds: { type: 'string', default: '2' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '64' },
    },
  });
  await benchAudit({
    stores: values.stores.split(','),
    rounds: Number(values.rounds),
    duration: Number(values.duration),
    connections: Number(values.connections),
  });
}
