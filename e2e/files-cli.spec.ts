import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.js';
import { createWithFiles, downloadStreamed } from './support/file-flows.js';
import { installSaveStub } from './support/save-stub.js';
import { RECORD_DATA_BYTES, sha256File, type TestFile, writePatternFile } from './support/test-files.js';

/** Files cross between the web app and the `burnlink` CLI both ways: one protocol, one set of bytes. */
const CLI = 'packages/cli/bin/burnlink.js';
const run = promisify(execFile);

async function burnlink(args: string[]) {
  expect(existsSync('packages/cli/dist/main.js'), 'run `npm run build` first').toBe(true);
  const { stdout } = await run(process.execPath, [CLI, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return stdout;
}

let dir: string;
let boundary: TestFile;
let multi: TestFile;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-e2e-files-cli-'));
  boundary = await writePatternFile(dir, 'boundary.bin', RECORD_DATA_BYTES);
  multi = await writePatternFile(dir, 'report 2024.pdf', 3 * 2 ** 20 + 123);
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('files sent from the browser are saved by `burnlink get --output`, once', async ({
  page,
  recipient,
}) => {
  const { link, receiptLink } = await createWithFiles(page, [boundary.path, multi.path], {
    text: 'from the browser, with files',
  });
  const out = await mkdtemp(path.join(dir, 'out-'));
  const stdout = await burnlink(['get', '--output', out, link]);
  expect(stdout).toBe('from the browser, with files');
  expect((await readdir(out)).sort()).toEqual(['boundary.bin', 'report 2024.pdf']);
  expect(await sha256File(path.join(out, 'boundary.bin'))).toBe(boundary.sha256);
  expect(await sha256File(path.join(out, 'report 2024.pdf'))).toBe(multi.sha256);

  await recipient.goto(link);
  await expect(recipient.getByRole('heading', { name: 'Unknown secret' })).toBeVisible();
  await page.goto(receiptLink);
  await expect(page.getByTestId('receipt-downloads').getByRole('listitem')).toHaveCount(2);
});

test('files sent with `burnlink send --file` are downloaded in the browser', async ({ page, baseURL }) => {
  const sent = JSON.parse(
    await burnlink([
      'send',
      '--json',
      '--server',
      baseURL!,
      '--file',
      boundary.path,
      '--file',
      multi.path,
      'from the CLI',
    ]),
  );
  await page.addInitScript(installSaveStub);
  await page.goto(sent.link);
  await expect(page.getByTestId('files-before-reveal')).toHaveText('The sender attached 2 files.');
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue('from the CLI');
  for (const file of [boundary, multi]) {
    const saved = await downloadStreamed(page, file.name);
    expect({ size: saved.size, sha256: saved.sha256 }).toEqual({ size: file.size, sha256: file.sha256 });
  }
});
