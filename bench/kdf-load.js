// Issue 10 item 1: a create's p99 while one address sends key claims with a passphrase (PBKDF2 on the server),
// beside the same create load without them, each on a fresh server (SQLite in a temporary directory).
// Usage: node bench/kdf-load.js [--duration 20] [--rate 20] [--attackers 8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sealSecret, toBase64Url } from '@burnlink/core';
import autocannon from 'autocannon';
import { fmt } from './lib/load.js';
import { startBurnlink } from './lib/processes.js';

const GOAL_P99_MS = 250;
const ATTACKER = '203.0.113.66';
const PASSPHRASE = 'correct horse battery staple';

/**
 * The rows: creates alone; creates while one address key-claims as fast as the default rate limits let it
 * (each loop waits 1 s after a 429 or 503); the same with rate limits off (only the KDF pool bounds it); and, for
 * comparison, rate limits off with a pool as large as the attack (what the pool prevents).
 */
const SCENARIOS = [
  { name: 'creates alone', attack: false, env: {} },
  { name: 'key claims at the allowed rate', attack: true, env: {} },
  { name: 'key claims, rate limits off', attack: true, env: { BURNLINK_RATE_LIMITS: 'off' } },
  {
    name: 'key claims, no limit, no pool',
    attack: true,
    env: { BURNLINK_RATE_LIMITS: 'off', BURNLINK_KDF_CONCURRENCY: '256' },
    reference: true,
  },
];

/** A passphrase secret as a browser would create it, at core's default 600000 iterations. */
async function attackerSecret() {
  const sealed = await sealSecret({ v: 1, text: 'x' }, { passphrase: PASSPHRASE });
  const body = JSON.stringify({
    ttl: 3600,
    max_views: 100,
    verifier: sealed.verifier,
    link_verifier: sealed.linkVerifier,
    kdf: sealed.kdf,
    content: toBase64Url(sealed.content),
  });
  return { body, claim: JSON.stringify({ key: toBase64Url(sealed.linkKey), passphrase: PASSPHRASE }) };
}

const post = (url, body, address) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body,
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `workers` loops of key claims from one address until `until`; counts the answers by status. */
async function attack(url, secret, { workers, until }) {
  const ids = [];
  for (let i = 0; i < 6; i++) {
    const res = await post(`${url}/api/v1/secrets`, secret.body, ATTACKER);
    if (res.status !== 201) throw new Error(`attacker create answered ${res.status}`);
    ids.push((await res.json()).id);
  }
  const statuses = {};
  let n = 0;
  const loop = async () => {
    while (performance.now() < until) {
      const id = ids[n++ % ids.length];
      const res = await post(`${url}/api/v1/secrets/${id}/claim`, secret.claim, ATTACKER);
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      // Refused work is cheap but not free: a loop that never waits is a request flood (the proxy's business).
      if (res.status === 429 || res.status === 503) await sleep(1000);
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return statuses;
}

/** Server-encrypted creates (no passphrase) at `rate`/s, each from another address (so none is limited). */
async function creates(url, { duration, rate }) {
  let n = 0;
  const result = await autocannon({
    url,
    connections: 4,
    overallRate: rate,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/secrets',
        body: JSON.stringify({ text: 'x'.repeat(1024), ttl: 3600 }),
        setupRequest: (req) => {
          n += 1;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
            },
          };
        },
      },
    ],
  });
  return {
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function runScenario(scenario, secret, { duration, rate, attackers }) {
  const dir = mkdtempSync(join(tmpdir(), 'burnlink-bench-kdf-'));
  const server = await startBurnlink({
    BURNLINK_STORE: `sqlite:${join(dir, 'bench.db')}`,
    BURNLINK_DATA_DIR: dir,
    BURNLINK_RATE_LIMITS: 'create=60/1m,claim=120/1m,lookups=30/1m',
    BURNLINK_TRUST_PROXY: 'loopback',
    ...scenario.env,
  });
  try {
    const until = performance.now() + (duration + 2) * 1000;
    const attacking = scenario.attack ? attack(server.url, secret, { workers: attackers, until }) : null;
    // The attack starts first: the create load then runs entirely under it.
    if (attacking) await sleep(1000);
    const created = await creates(server.url, { duration, rate });
    return { ...scenario, created, claims: attacking ? await attacking : null };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchKdf({ duration = 20, rate = 20, attackers = 8 } = {}) {
  const secret = await attackerSecret();
  const rows = [];
  for (const scenario of SCENARIOS)
    rows.push(await runScenario(scenario, secret, { duration, rate, attackers }));
  const base = rows[0].created;
  console.log(
    `\nServer-encrypted creates (1 KiB, no passphrase) at ${rate}/s for ${duration} s, other addresses; ` +
      `${attackers} key-claim loops from one address (600000 iterations). Goal: create p99 ≤ ${GOAL_P99_MS} ms.`,
  );
  console.log(
    `${'scenario'.padEnd(34)}${'creates'.padStart(8)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}` +
      `${'max ms'.padStart(8)}${'×alone'.padStart(8)}${'errors'.padStart(8)}  key claims by status  goal`,
  );
  for (const r of rows) {
    const c = r.created;
    const claims = r.claims
      ? Object.entries(r.claims)
          .map(([status, count]) => `${status}:${count}`)
          .join(' ')
      : '-';
    const goal = r.reference ? '(reference)' : c.p99 <= GOAL_P99_MS && c.errors === 0 ? 'PASS' : 'MISS';
    console.log(
      `${r.name.padEnd(34)}${String(c.total).padStart(8)}${fmt(c.p50).padStart(8)}${fmt(c.p99).padStart(8)}` +
        `${fmt(c.max).padStart(8)}${fmt(c.p99 / Math.max(1, base.p99), 1).padStart(8)}` +
        `${String(c.errors).padStart(8)}  ${claims.padEnd(20)}  ${goal}`,
    );
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '20' },
      rate: { type: 'string', default: '20' },
      attackers: { type: 'string', default: '8' },
    },
  });
  await benchKdf({
    duration: Number(values.duration),
    rate: Number(values.rate),
    attackers: Number(values.attackers),
  });
}
