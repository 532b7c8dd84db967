import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../client/test/support/fault-proxy.js';
import { type SpawnedServer, spawnServer } from '../../server/test/support/spawn-server.js';
import { EXIT } from '../src/exit-codes.js';
import { sha256File, writePatternFile } from './support/pattern-files.js';
import { assertCliBuilt, runBurnlink } from './support/run-burnlink.js';

// `burnlink send --file` and `burnlink get --output` as a user runs them: the built CLI against the built
// server (SQLite and filesystem blobs in a temp dir), behind a recording proxy that shows what the server saw.

let server: SpawnedServer;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  assertCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'burnlink-cli-files-'));
  server = await spawnServer({ env: { BURNLINK_DATA_DIR: dir, BURNLINK_STORE: 'sqlite' } });
  proxy = await startFaultProxy(server.url);
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const burnlink = (args: string[], input = '') =>
  runBurnlink(args, { input, env: { BURNLINK_URL: proxy.url }, timeoutMs: 60_000 });

const MiB = 1024 * 1024;

describe.concurrent('files through the CLI', { timeout: 90_000 }, () => {
  it.each([
    ['0 bytes', 0],
    ['1 byte', 1],
    ['one full record (65519 bytes)', 65_519],
    ['a record and one byte (65520 bytes)', 65_520],
    ['several MiB (several records and PATCH requests)', 9 * MiB + 12_345],
  ])('round-trips %s, byte for byte', async (_name, size) => {
    const work = await mkdtemp(join(dir, 'case-'));
    const input = join(work, `${size}-bytes.bin`);
    const hash = await writePatternFile(input, size, size + 1);
    const sent = await burnlink(['send', '--file', input]);
    expect(sent.stderr).toMatch(/^Receipt: /); // no progress bar off a terminal
    expect(sent.code).toBe(0);
    const link = sent.stdout.trim();

    const out = join(work, 'out');
    const got = await runBurnlink(['get', link, '--output', out], { timeoutMs: 60_000 });
    expect(got).toMatchObject({ code: 0, stdout: '', stderr: `saved ${join(out, `${size}-bytes.bin`)}\n` });
    expect(await sha256File(join(out, `${size}-bytes.bin`))).toBe(hash);
    expect(await readdir(out)).toEqual([`${size}-bytes.bin`]);

    const again = await runBurnlink(['get', link, '--output', out]);
    expect(again.code).toBe(EXIT.NOT_FOUND);
    // The server never saw the file's name, the link key, or plaintext.
    expect(proxy.transcript()).not.toContain(`${size}-bytes.bin`);
    expect(proxy.transcript()).not.toContain(link.split('#')[1]);
  });

  it('sends several files and text in one secret; get needs --output and consumes nothing without it', async () => {
    const work = await mkdtemp(join(dir, 'many-'));
    const files = [
      ['contract.pdf', 100_000],
      ['empty.txt', 0],
      ['id.png', 3 * 65_519],
    ] as const;
    const hashes: string[] = [];
    for (const [i, [file, size]] of files.entries())
      hashes.push(await writePatternFile(join(work, file), size, i + 7));
    const args = files.flatMap(([file]) => ['--file', join(work, file)]);
    const sent = await burnlink(['send', ...args, '--label', 'docs'], 'signed copies\n');
    expect(sent.code).toBe(0);
    const link = sent.stdout.trim();

    const refused = await runBurnlink(['get', link]);
    expect(refused.code).toBe(EXIT.USAGE);
    expect(refused.stderr).toBe(
      'burnlink: this secret has 3 files: give --output DIR to save them (nothing was consumed)\n',
    );

    const out = join(work, 'incoming');
    await mkdir(out);
    const got = await runBurnlink(['get', link, '-o', out]);
    expect(got.code).toBe(0);
    expect(got.stdout).toBe('signed copies');
    expect(got.stderr).toBe(
      ['label: docs', ...files.map(([file]) => `saved ${join(out, file)}`), ''].join('\n'),
    );
    for (const [i, [file]] of files.entries()) expect(await sha256File(join(out, file))).toBe(hashes[i]);
    expect(proxy.transcript()).not.toContain('contract.pdf');
    expect(proxy.transcript()).not.toContain('signed copies');
  });
});
