// Files: upload and download MB/s of each size through burnlink raw (pre-encrypted bytes over one tus PATCH
// and one GET), the CLI (encrypting and decrypting) and the web app in Debian's Chromium (sizes up to
// --browser-max only: the browser keeps a downloaded file in its own storage), beside a bare node:http
// server streaming the same bytes to and from disk in the same run; and the burnlink server's peak RSS
// (issues #5 and #11).
// Usage: node bench/files.js [--sizes 100MiB,1GiB] [--rounds 3] [--browser-max 256MiB]
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { browserGet, browserSend, browserSupport, launchBrowser } from './lib/browser.js';
import { claimFile, createFileSecret, sealFileSecret, TUS_PATCH } from './lib/burnlink-files.js';
import { cliFileSupport, cliGet, cliSend } from './lib/cli.js';
import { encryptFile, parseSize, sha256File, sizeName, writePatternFile } from './lib/disk.js';
import { printFiles } from './lib/files-table.js';
import { startBurnlink, startFileBaseline } from './lib/processes.js';
import { peakRssMiB, resetPeak, rssMiB } from './lib/rss.js';
import { downloadFile, uploadFile } from './lib/transfer.js';

const speed = (t) => t.bytes / 1e6 / t.seconds;

async function expectSame(path, digest, what) {
  if ((await sha256File(path)) !== digest) throw new Error(`${what} delivered different bytes`);
  await rm(path);
}

/** The three paths of one size, each `() => { up, down }` (bytes and seconds of each direction). */
function paths(size, files, { dir, baseline, burnlink, cliSkip, browser, browserSkip, browserMax }) {
  const { plain, cipher, sealed, plainHash, cipherHash } = files;
  const received = join(dir, 'received.bin');
  const rows = [
    {
      name: 'node:http baseline',
      pid: baseline.child.pid,
      run: async () => {
        const url = `${baseline.url}/bench-${size}`;
        const up = await uploadFile(url, cipher, { method: 'PUT' });
        const down = await downloadFile(url, received);
        await expectSame(received, cipherHash, 'the baseline');
        await rm(join(dir, 'baseline', `bench-${size}`));
        return { up, down };
      },
    },
    {
      name: 'burnlink raw',
      pid: burnlink.child.pid,
      run: async () => {
        const { id, uploadUrl } = await createFileSecret(burnlink.url, sealed, size);
        const up = await uploadFile(uploadUrl, cipher, TUS_PATCH);
        if (up.headers['burnlink-secret'] !== 'ready')
          throw new Error('the upload did not complete the secret');
        const { fileUrl, headers } = await claimFile(burnlink.url, id, sealed.linkKey);
        const down = await downloadFile(fileUrl, received, { headers });
        await expectSame(received, cipherHash, 'burnlink raw');
        return { up, down };
      },
    },
    {
      name: 'burnlink CLI',
      pid: burnlink.child.pid,
      skip: cliSkip,
      run: async () => {
        const output = join(dir, 'cli-output');
        await mkdir(output);
        const sent = await cliSend(burnlink.url, plain);
        const got = await cliGet(sent.link, output);
        await expectSame(got.path, plainHash, 'the CLI');
        await rm(output, { recursive: true });
        return { up: { bytes: size, seconds: sent.seconds }, down: { bytes: size, seconds: got.seconds } };
      },
    },
    {
      name: 'burnlink browser',
      pid: burnlink.child.pid,
      skip: browserSkip ?? (size > browserMax ? `above --browser-max ${sizeName(browserMax)}` : null),
      run: async () => {
        const sent = await browserSend(browser.current, burnlink.url, plain);
        const got = await browserGet(browser.current, sent.link, basename(plain));
        if (got.size !== size || got.sha256 !== plainHash)
          throw new Error('the browser delivered different bytes');
        return { up: { bytes: size, seconds: sent.seconds }, down: { bytes: size, seconds: got.seconds } };
      },
    },
  ];
  return rows.map((row) => ({
    ...row,
    up: 0,
    down: 0,
    peak: 0,
    note: row.skip ? `skipped: ${row.skip}` : null,
  }));
}

/**
 * Runs every path `rounds` times, interleaved (baseline, raw, CLI, baseline, …), keeping each one's best MB/s
 * per direction and the serving process's peak RSS over all its rounds. An error ends that path's rounds.
 */
async function benchSize(size, rounds, context) {
  const { dir } = context;
  const plain = join(dir, `bench-${size}.bin`);
  const cipher = join(dir, `bench-${size}.enc`);
  // Prepared before any timing: the file, the secret's stream 0 and the file's ciphertext.
  await writePatternFile(plain, size);
  const sealed = await sealFileSecret(size);
  await encryptFile(plain, cipher, sealed.contentKey);
  const [plainHash, cipherHash] = await Promise.all([sha256File(plain), sha256File(cipher)]);
  const rows = paths(size, { plain, cipher, sealed, plainHash, cipherHash }, context);

  for (let round = 0; round < rounds; round++) {
    for (const row of rows) {
      if (row.note) continue;
      // No row pays for writing back the dirty pages of the one before it.
      spawnSync('sync');
      if (!resetPeak(row.pid)) row.peaksSinceStart = true;
      try {
        const { up, down } = await row.run();
        row.up = Math.max(row.up, speed(up));
        row.down = Math.max(row.down, speed(down));
      } catch (error) {
        row.note = `error: ${error.message}`;
      }
      row.peak = Math.max(row.peak, peakRssMiB(row.pid));
    }
  }
  await Promise.all([rm(plain), rm(cipher)]);
  return { size, name: sizeName(size), rows };
}

export async function benchFiles({
  sizes = [100 * 1024 ** 2, 1024 ** 3],
  rounds = 3,
  browserMax = 256 * 1024 ** 2,
} = {}) {
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error('BENCH_FILE_ROUNDS: must be a whole number ≥ 1');
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-bench-files-'));
  const limit = String(Math.max(2 * 1024 ** 3, ...sizes));
  const servers = [];
  const browser = { current: null };
  try {
    await mkdir(join(dir, 'baseline'));
    servers.push(await startFileBaseline(join(dir, 'baseline')));
    servers.push(
      await startBurnlink({
        BURNLINK_DATA_DIR: join(dir, 'burnlink'),
        BURNLINK_MAX_SECRET_SIZE: limit,
        BURNLINK_MAX_FILE_SIZE: limit,
      }),
    );
    const [baseline, burnlink] = servers;
    await fetch(`${burnlink.url}/healthz`);
    const idle = rssMiB(burnlink.child.pid);
    const cliSkip = await cliFileSupport();
    const browserSkip = sizes.some((size) => size <= browserMax) ? browserSupport() : 'no size to run';
    if (browserSkip === null) browser.current = await launchBrowser();
    const results = [];
    for (const size of sizes) {
      const context = { dir, baseline, burnlink, cliSkip, browser, browserSkip, browserMax };
      results.push(await benchSize(size, rounds, context));
    }
    printFiles(results, { idle, rounds });
    return { idle, results };
  } finally {
    await browser.current?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100MiB,1GiB' },
      rounds: { type: 'string', default: '3' },
      'browser-max': { type: 'string', default: '256MiB' },
    },
  });
  await benchFiles({
    sizes: values.sizes.split(',').filter(Boolean).map(parseSize),
    rounds: Number(values.rounds),
    browserMax: parseSize(values['browser-max']),
  });
}
