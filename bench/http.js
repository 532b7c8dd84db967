// Create and claim of 1 KiB secrets, 64 connections, against a bare node:http baseline measured in the
// same run with the same load tool (DESIGN §8). Usage: node bench/http.js [--stores sqlite,redis,postgres]
//   [--duration 10] [--connections 64]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sealSecret, toBase64Url } from '@burnlink/core';
import { fmt, load } from './lib/load.js';
import { startBaseline, startBurnlink } from './lib/processes.js';

const STORE_URLS = {
  sqlite: (dir) => `sqlite:${join(dir, 'bench.db')}`,
  memory: () => 'memory:',
  redis: () => process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  postgres: () => process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
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
  return { body, sealed };
}

/** Loads one server with creates (collecting the ids) and then with a claim of each created id. */
async function createThenClaim(url, { body, token }, opts) {
  const ids = [];
  const create = await load(url, {
    ...opts,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/secrets',
        headers: { 'content-type': 'application/json' },
        body,
        onResponse: (status, resBody) => {
          if (status === 201) ids.push(JSON.parse(resBody).id ?? 'x');
          else if (status === 200) ids.push('baseline');
        },
      },
    ],
  });
  let next = 0;
  const claimBody = JSON.stringify({ token });
  const claim = await load(url, {
    ...opts,
    amount: ids.length,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: claimBody,
        setupRequest: (req) => ({ ...req, path: `/api/v1/secrets/${ids[next++ % ids.length]}/claim` }),
      },
    ],
  });
  return { create, claim };
}

export async function benchHttp({ stores = ['sqlite'], duration = 10, connections = 64 } = {}) {
  const { body, sealed } = await createBody();
  const { deriveAccess } = await import('@burnlink/core');
  const { token } = await deriveAccess(sealed.linkKey, null);
  const opts = { duration, connections };
  const rows = [];

  const baseline = await startBaseline();
  const base = await createThenClaim(baseline.url, { body, token }, opts);
  await baseline.stop();
  rows.push({ name: 'node:http baseline', ...base });

  for (const store of stores) {
    const dir = mkdtempSync(join(tmpdir(), 'burnlink-bench-'));
    const server = await startBurnlink({ BURNLINK_STORE: STORE_URLS[store](dir), BURNLINK_DATA_DIR: dir });
    try {
      const result = await createThenClaim(server.url, { body, token }, opts);
      rows.push({ name: `burnlink ${store}`, ...result });
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printRows(rows, base);
  return rows;
}

function printRows(rows, base) {
  console.log('\nCreate and claim, 1 KiB secrets, %d connections', rows[0]?.create ? 64 : 0);
  console.log(
    `${'server'.padEnd(22)} ${'create rps'.padStart(11)} ${'p99 ms'.padStart(7)} ${'ratio'.padStart(6)}   ${'claim rps'.padStart(10)} ${'p99 ms'.padStart(7)} ${'ratio'.padStart(6)}  non-2xx`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(22)} ${fmt(r.create.rps).padStart(11)} ${fmt(r.create.p99).padStart(7)} ${fmt(r.create.rps / base.create.rps, 2).padStart(6)}   ${fmt(r.claim.rps).padStart(10)} ${fmt(r.claim.p99).padStart(7)} ${fmt(r.claim.rps / base.claim.rps, 2).padStart(6)}  ${r.create.non2xx + r.claim.non2xx}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: 'sqlite' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
    },
  });
  await benchHttp({
    stores: values.stores.split(','),
    duration: Number(values.duration),
    connections: Number(values.connections),
  });
}
