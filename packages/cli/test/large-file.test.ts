import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnServer } from '../../server/test/support/spawn-server.js';
import { sha256File, writePatternFile } from './support/pattern-files.js';
import { assertCliBuilt, runBurnlink } from './support/run-burnlink.js';

// A 200 MiB and then a 1 GiB file through the CLI against the built server (SQLite store, filesystem blobs in
// a temp data dir), CLI to CLI, with the server's peak memory (VmHWM, Linux) read after a 1 MiB transfer and
// after each large one: streaming means the peak stays flat, whatever the size.

const MiB = 1024 * 1024;
let server: SpawnedServer;
let dir: string;

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'burnlink-large-'));
  server = await spawnServer({ env: { BURNLINK_DATA_DIR: join(dir, 'data'), BURNLINK_STORE: 'sqlite' } });
});

afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Peak resident set size of a process in bytes (`VmHWM` in /proc/PID/status). */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kib) * 1024;
}

/** Sends `size` bytes with `burnlink send --file`, fetches them with `get --output`, compares hashes. */
async function roundTrip(name: string, size: number): Promise<void> {
  const input = join(dir, name);
  const hash = await writePatternFile(input, size, size);
  const env = { BURNLINK_URL: server.url };
  const sent = await runBurnlink(['send', '--file', input], { env, timeoutMs: 600_000 });
  expect(sent.stderr).toMatch(/^Receipt: /);
  expect(sent.code).toBe(0);
  await rm(input); // the server holds the ciphertext now: keep the disk use at two copies
  const out = join(dir, `out-${name}`);
  const got = await runBurnlink(['get', sent.stdout.trim(), '--output', out], { timeoutMs: 600_000 });
  expect(got.stderr).toBe(`saved ${join(out, name)}\n`);
  expect(got.code).toBe(0);
  expect(await sha256File(join(out, name))).toBe(hash);
  await rm(out, { recursive: true });
}

describe('200 MiB and 1 GiB files through the CLI', () => {
  it('round-trip with the server peak memory flat', { timeout: 1_200_000 }, async () => {
    const pid = server.child.pid!;
    await roundTrip('small.bin', MiB);
    const smallPeak = await peakRss(pid);
    await roundTrip('large.bin', 200 * MiB);
    const largePeak = await peakRss(pid);
    await roundTrip('huge.bin', 1024 * MiB);
    const hugePeak = await peakRss(pid);
    const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
    const report = `server peak RSS: ${mib(smallPeak)} after 1 MiB, ${mib(largePeak)} after 200 MiB, ${mib(hugePeak)} after 1 GiB`;
    console.log(report);
    // Nothing grows with the file. V8 frees dead off-heap buffers (the 1 MiB reads, the socket's chunks) only
    // once about 64 MiB of them have piled up, so a long transfer peaks that much above the idle server, at a
    // moment that depends on the machine's load: the same code measured 144–161 MiB after 1 GiB, and the
    // server before the accounts work 154 MiB. The 150 MiB peak target is a figure of bench/files.js (PASS or
    // MISS); here the bounds are that slack above the idle server, and five times the bytes for the same peak.
    expect(largePeak - smallPeak, report).toBeLessThan(80 * MiB);
    expect(hugePeak - smallPeak, report).toBeLessThan(80 * MiB);
    expect(hugePeak - largePeak, report).toBeLessThan(32 * MiB);
  });
});
