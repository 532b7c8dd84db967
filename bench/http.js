// Create and claim of 1 KiB secrets over 64 connections, beside a bare node:http baseline measured in the
// same run with the same load tool (DESIGN §8), for each store, and with two server processes on one store.
// Each store's ratios and p99s are marked PASS or MISS against issue #11's targets (lib/targets.js); the
// `memory` store has no target: its ratio is the request path's own ceiling, without a store's cost.
// Usage: node bench/http.js [--stores sqlite,redis,postgres] [--nodes 1,2] [--duration 10] [--connections 64]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deriveAccess, sealSecret, toBase64Url } from '@burnlink/core';
import { totalCpuSeconds } from './lib/cpu.js';
import { fmt, load } from './lib/load.js';
import { startBaseline, startBurnlink } from './lib/processes.js';
import { atLeast, atMost, TARGETS } from './lib/targets.js';

// Each run writes under its own Redis key prefix / PostgreSQL schema on the machine's shared services.
const run = randomBytes(4).toString('hex');
const STORE_URLS = {
  sqlite: (dir) => `sqlite:${join(dir, 'bench.db')}`,
  memory: () => 'memory:',
  redis: () => `${process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0'}?prefix=blbench-${run}:`,
  postgres: () =>
    `${process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'}?schema=blbench_${run}`,
};

async function createBody() {
  const sealed = await sealSecret({ v: 1, text: 'x'.repeat(1024) });
  const body = JSON.stringify({
    ttl: 3600,
    max_views: 1,
    verifier: sealed.verifier,
    kdf: null,
    content: toBase64Url(sealed.content),
  });
  const { token } = await deriveAccess(sealed.linkKey, null);
  return { body, token };
}

/**
 * Loads every url at once (connections split between them); sums requests/s, keeps the worst p99, and gives
 * the CPU time the server processes (`pids`) spent per request, in µs (null where /proc is unreadable).
 */
async function loadAll(urls, pids, optionsFor) {
  const cpuBefore = totalCpuSeconds(pids);
  const results = await Promise.all(urls.map((url, i) => load(url, optionsFor(i))));
  const cpuAfter = totalCpuSeconds(pids);
  const total = results.reduce((sum, r) => sum + r.total, 0);
  return {
    rps: results.reduce((sum, r) => sum + r.rps, 0),
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    cpuUs:
      cpuBefore === null || cpuAfter === null || total === 0 ? null : ((cpuAfter - cpuBefore) * 1e6) / total,
  };
}

/** Creates for `duration` seconds (collecting the ids), then claims every created id once. */
async function createThenClaim(urls, pids, { body, token }, { duration, connections }) {
  const per = Math.max(1, Math.floor(connections / urls.length));
  const ids = urls.map(() => []);
  const create = await loadAll(urls, pids, (i) => ({
    duration,
    connections: per,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/secrets',
        headers: { 'content-type': 'application/json' },
        body,
        onResponse: (status, resBody) => {
          // The baseline answers 200 with a constant body; its "claims" then hit the same constant answer.
          if (status === 201 || status === 200) ids[i].push(JSON.parse(resBody).id);
        },
      },
    ],
  }));
  const claimBody = JSON.stringify({ token });
  const claim = await loadAll(urls, pids, (i) => {
    // Node i claims the secrets node (i + 1) created: across nodes whenever there are several.
    const mine = ids[(i + 1) % urls.length];
    let next = 0;
    return {
      amount: mine.length,
      connections: per,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: claimBody,
          setupRequest: (req) => ({ ...req, path: `/api/v1/secrets/${mine[next++]}/claim` }),
        },
      ],
    };
  });
  return { create, claim };
}

async function withServers(store, nodes, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'burnlink-bench-'));
  const url = STORE_URLS[store](dir);
  const servers = [];
  try {
    // One after the other: the first creates the schema, the others find it.
    for (let i = 0; i < nodes; i++)
      servers.push(await startBurnlink({ BURNLINK_STORE: url, BURNLINK_DATA_DIR: dir }));
    return await fn(
      servers.map((s) => s.url),
      servers.map((s) => s.child.pid),
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchHttp({ stores = ['sqlite'], nodes = [1], duration = 10, connections = 64 } = {}) {
  const payload = await createBody();
  const opts = { duration, connections };
  const rows = [];

  const baseline = await startBaseline();
  try {
    rows.push({
      name: 'node:http baseline',
      ...(await createThenClaim([baseline.url], [baseline.child.pid], payload, opts)),
    });
  } finally {
    await baseline.stop();
  }
  for (const store of stores) {
    for (const n of nodes) {
      const result = await withServers(store, n, (urls, pids) => createThenClaim(urls, pids, payload, opts));
      rows.push({ name: `burnlink ${store}${n > 1 ? ` ×${n}` : ''}`, store, nodes: n, ...result });
    }
  }
  printRows(rows, connections);
  await dropBenchSchema(stores);
  return rows;
}

/** The ratio's mark against the store's throughput target (none for `memory`, the request path's ceiling). */
function ratioMark(r, what, ratio) {
  const limit = TARGETS.throughputRatio[r.store];
  if (limit === undefined) return ''.padStart(5);
  return atLeast(`${r.name} ${what} ratio`, ratio, limit, '×');
}

const p99Mark = (r, what, p99) =>
  TARGETS.throughputRatio[r.store] === undefined
    ? ''.padStart(5)
    : atMost(`${r.name} ${what} p99`, p99, TARGETS.p99Ms, ' ms');

function printRows(rows, connections) {
  const base = rows[0];
  console.log(
    `\nCreate and claim, 1 KiB secrets, ${connections} connections (ratio: to the node:http baseline; ` +
      `targets: ratio ≥ ${TARGETS.throughputRatio.sqlite} SQLite, ≥ ${TARGETS.throughputRatio.redis} Redis and ` +
      `PostgreSQL; p99 ≤ ${TARGETS.p99Ms} ms)`,
  );
  console.log(
    `${'server'.padEnd(24)}${'create/s'.padStart(9)}${'p99 ms'.padStart(8)}${''.padEnd(5)}${'ratio'.padStart(7)}${''.padEnd(5)}` +
      `${'claim/s'.padStart(10)}${'p99 ms'.padStart(8)}${''.padEnd(5)}${'ratio'.padStart(7)}${''.padEnd(5)}` +
      `${'non-2xx'.padStart(9)}${'×1 node'.padStart(9)}`,
  );
  for (const r of rows) {
    const single = r.nodes > 1 ? rows.find((o) => o.store === r.store && o.nodes === 1) : null;
    const scale = single ? fmt((r.create.rps + r.claim.rps) / (single.create.rps + single.claim.rps), 2) : '';
    const createRatio = r.create.rps / base.create.rps;
    const claimRatio = r.claim.rps / base.claim.rps;
    console.log(
      `${r.name.padEnd(24)}${fmt(r.create.rps).padStart(9)}${fmt(r.create.p99).padStart(8)}` +
        `${p99Mark(r, 'create', r.create.p99)}${fmt(createRatio, 2).padStart(7)}${ratioMark(r, 'create', createRatio)}` +
        `${fmt(r.claim.rps).padStart(10)}${fmt(r.claim.p99).padStart(8)}${p99Mark(r, 'claim', r.claim.p99)}` +
        `${fmt(claimRatio, 2).padStart(7)}${ratioMark(r, 'claim', claimRatio)}` +
        `${String(r.create.non2xx + r.claim.non2xx).padStart(9)}${scale.padStart(9)}`,
    );
  }
  printCpu(rows);
}

/**
 * The servers' CPU time per request: other jobs on a shared machine take cores away (requests/s and ratios
 * move by 2× between runs) but hardly change the work per request. Its ratio (the baseline's µs over the
 * row's) is what the throughput ratio would be with the server alone on its cores; no target is marked on it.
 */
function printCpu(rows) {
  const base = rows[0];
  if (rows.some((r) => r.create.cpuUs === null || r.claim.cpuUs === null)) return;
  console.log(
    "\nServer CPU time per request (user + system, /proc; ratio: the baseline's µs over the row's)",
  );
  console.log(
    `${'server'.padEnd(24)}${'create µs'.padStart(10)}${'ratio'.padStart(7)}${'claim µs'.padStart(10)}${'ratio'.padStart(7)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(24)}${fmt(r.create.cpuUs).padStart(10)}${fmt(base.create.cpuUs / r.create.cpuUs, 2).padStart(7)}` +
        `${fmt(r.claim.cpuUs).padStart(10)}${fmt(base.claim.cpuUs / r.claim.cpuUs, 2).padStart(7)}`,
    );
  }
}

/** Leaves nothing of the run in the shared PostgreSQL (Redis keys of claimed secrets are gone already). */
async function dropBenchSchema(stores) {
  if (!stores.includes('postgres')) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS blbench_${run} CASCADE`);
  await client.end();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: 'sqlite' },
      nodes: { type: 'string', default: '1' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
    },
  });
  await benchHttp({
    stores: values.stores.split(','),
    nodes: values.nodes.split(',').map(Number),
    duration: Number(values.duration),
    connections: Number(values.connections),
  });
}
