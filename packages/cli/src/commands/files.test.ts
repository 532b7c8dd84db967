import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type FetchLike, fileSourceFromBytes } from '@burnlink/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The real app on a MemoryStore and MemoryBlobStore behind a recording proxy, with small file limits.
import { startTestServer, type TestServer } from '../../../client/test/support/test-server.js';
import { EXIT } from '../exit-codes.js';
import { type FakeContextOptions, runFake } from '../test-context.js';

let server: TestServer;
let SERVER: string;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({
    BURNLINK_MAX_FILES: '10',
    BURNLINK_MAX_FILE_SIZE: '1MiB',
    BURNLINK_MAX_SECRET_SIZE: '2MiB',
  });
  SERVER = server.url;
});
afterAll(() => server.close());
beforeEach(async () => {
  server.proxy.seen.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'burnlink-cli-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const realFetch: FetchLike = (input, init) => fetch(input, init);
/** Runs the CLI with a real `fetch` (to the test server). */
const cli = (argv: string[], options: FakeContextOptions = {}) =>
  runFake(argv, { fetch: realFetch, ...options });
/** Whether the server still has the upload behind `path` (asked directly, not through the proxy). */
const uploadStatus = async (path: string) =>
  (await fetch(`${server.directUrl}${path}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } }))
    .status;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff);

async function writeInput(name: string, size: number) {
  const path = join(dir, name);
  const bytes = bytesOf(size);
  await writeFile(path, bytes);
  return { path, bytes };
}

describe('send --file and get --output', () => {
  it('round-trips files with text; paths go to stderr, text to stdout', async () => {
    const a = await writeInput('a.bin', 70_000);
    const b = await writeInput('b.txt', 0);
    const sent = await cli(['send', '--server', SERVER, '--file', a.path, '--file', b.path, 'see attached']);
    expect(sent.code).toBe(0);
    expect(sent.stderr).not.toContain('\r'); // no progress bar off a terminal
    const out = join(dir, 'out', 'nested');
    const got = await cli(['get', sent.stdout.trim(), '--output', out]);
    expect(got.code).toBe(0);
    expect(got.stdout).toBe('see attached');
    expect(got.stderr).toBe(`saved ${join(out, 'a.bin')}\nsaved ${join(out, 'b.txt')}\n`);
    expect(sha(await readFile(join(out, 'a.bin')))).toBe(sha(a.bytes));
    expect((await readFile(join(out, 'b.txt'))).length).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['a.bin', 'b.txt']); // no temporary file left
  });

  it('with files and stdin on a terminal, asks for no text', async () => {
    const a = await writeInput('a.bin', 10);
    const sent = await cli(['send', '--server', SERVER, '--file', a.path], {
      stdinIsTTY: true,
      prompts: ['never used'],
    });
    expect(sent.code).toBe(0);
    expect(sent.asked).toEqual([]);
    const got = await cli(['get', sent.stdout.trim(), '-o', dir, '--json']);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual({
      text: '',
      context: {},
      files: [{ name: 'a.bin', type: '', size: 10, path: join(dir, 'a (1).bin') }],
      views_left: 0,
    });
    // With --json only the rename is said on stderr.
    expect(got.stderr).toBe('burnlink: renamed "a.bin" to a (1).bin (a file of that name exists)\n');
  });

  it('refuses get without --output before claiming anything', async () => {
    const a = await writeInput('a.bin', 10);
    const sent = await cli(['send', '--server', SERVER, '--file', a.path], {
      stdinIsTTY: true,
    });
    const link = sent.stdout.trim();
    const refused = await cli(['get', link]);
    expect(refused).toMatchObject({
      code: EXIT.USAGE,
      stderr: 'burnlink: this secret has a file: give --output DIR to save them (nothing was consumed)\n',
    });
    const notADir = (await writeInput('plain-file', 1)).path;
    const blocked = await cli(['get', link, '--output', notADir]);
    expect(blocked).toMatchObject({
      code: EXIT.USAGE,
      stderr: `burnlink: cannot create --output ${notADir} (EEXIST)\n`,
    });
    expect(server.proxy.seen.some((r) => r.url.endsWith('/claim'))).toBe(false);
    expect((await cli(['get', link, '--output', join(dir, 'o')])).code).toBe(0);
  });

  it('sanitises sender names and never overwrites', async () => {
    const client = createClient({ baseUrl: SERVER });
    const names = [
      '../../evil.sh',
      'x/../../.ssh/authorized_keys',
      '..',
      'a\u001b]0;pwned\u0007.txt',
      'keep.txt',
    ];
    const sent = await client.send({ files: names.map((name) => fileSourceFromBytes(bytesOf(3), name)) });
    if (!sent.ok) throw new Error(sent.message);
    await writeFile(join(dir, 'keep.txt'), 'mine');
    const got = await cli(['get', sent.link, '--output', dir]);
    expect(got.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(
      ['a]0;pwned.txt', 'authorized_keys', 'evil.sh', 'file', 'keep (1).txt', 'keep.txt'].sort(),
    );
    expect(await readFile(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    const controls = [...got.stderr].filter((c) => c !== '\n' && c.charCodeAt(0) < 0x20);
    expect(controls).toEqual([]);
    expect(got.stderr).toContain(
      'burnlink: renamed "a\\x1b]0;pwned\\x07.txt" to a]0;pwned.txt (control, bidi or zero-width characters removed)\n',
    );
    expect(got.stderr).toContain(
      'burnlink: renamed "keep.txt" to keep (1).txt (a file of that name exists)\n',
    );
  });

  it('checks the server limits before uploading, naming the limit', async () => {
    // The test server allows 10 files, 1 MiB each, 2 MiB together.
    const big = await writeInput('big.bin', 1_048_577);
    const run = await cli(['send', '--server', SERVER, '--file', big.path], {
      stdinIsTTY: true,
    });
    expect(run).toMatchObject({
      code: EXIT.USAGE,
      stderr: `burnlink: --file ${big.path} is 1.0 MiB; this server accepts files of at most 1.0 MiB (1048576 bytes)\n`,
    });
    const one = await writeInput('one.bin', 1_000_000);
    const three = ['--file', one.path, '--file', one.path, '--file', one.path];
    const total = await cli(['send', '--server', SERVER, ...three], {
      stdinIsTTY: true,
    });
    expect(total.stderr).toMatch(
      /the files add up to 2\.9 MiB; this server accepts at most 2\.0 MiB \(2097152 bytes\)/,
    );
    const many = Array.from({ length: 11 }, () => ['--file', one.path]).flat();
    const count = await cli(['send', '--server', SERVER, ...many], {
      stdinIsTTY: true,
    });
    expect(count.stderr).toBe(
      'burnlink: too many files: 11 given; this server accepts at most 10 per secret\n',
    );
    expect(server.proxy.seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('refuses --file - and unreadable paths before reading stdin', async () => {
    const dash = await cli(['send', '--server', SERVER, '--file', '-'], { stdin: 'x' });
    expect(dash).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('--file - (standard input) is not supported'),
    });
    const missing = await cli(['send', '--server', SERVER, '--file', join(dir, 'nope')]);
    expect(missing.stderr).toBe(`burnlink: cannot read --file ${join(dir, 'nope')} (ENOENT)\n`);
    const folder = await cli(['send', '--server', SERVER, '--file', dir]);
    expect(folder.stderr).toBe(`burnlink: --file ${dir} is not a regular file\n`);
  });

  it('Ctrl-C during the upload cancels it and deletes the unfinished secret (exit 130)', async () => {
    const a = await writeInput('a.bin', 10 * 65_519);
    let interrupt = () => {};
    let released = false;
    const interrupting: FetchLike = async (input, init) => {
      if (init?.method === 'PATCH') {
        interrupt(); // Ctrl-C while the first chunk is on its way: fetch stops, as a real one does
        if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      }
      return fetch(input, init);
    };
    const run = await cli(['send', '--server', SERVER, '--file', a.path, 'x'], {
      fetch: interrupting,
      onInterrupt: (listener) => {
        interrupt = listener;
        return () => {
          released = true;
        };
      },
    });
    expect(run).toMatchObject({
      code: 130,
      stdout: '',
      stderr: 'burnlink: the upload was cancelled; the unfinished secret is deleted\n',
    });
    const last = server.proxy.seen.at(-1)!;
    expect(last.method).toBe('DELETE');
    expect(await uploadStatus(last.url)).toBe(404);
    expect(released).toBe(true);
  });

  it('shows a progress bar on a terminal', async () => {
    const a = await writeInput('a.bin', 200_000);
    const sent = await cli(['send', '--server', SERVER, '--file', a.path, 'x'], {
      ttyOutput: true,
    });
    expect(sent.code).toBe(0);
    expect(sent.stderr).toMatch(/\rsending \[#{20}\] 100% {2}195 KiB \/ 195 KiB .* in 0:00/);
    expect(sent.stderr).toContain('\u001b[K\n');
    const got = await cli(['get', sent.stdout.trim(), '-o', dir], { ttyOutput: true });
    expect(got.stderr).toMatch(/\rreceiving \[#{20}\] 100%/);
  });
});
