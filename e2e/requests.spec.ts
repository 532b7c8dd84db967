import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromBase64Url, toBase64Url } from '@burnlink/core';
import { openResponseKey } from '@burnlink/core/requests';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, newProfile, snap, test } from './fixtures.js';
import { burnlink, runCli } from './support/cli.js';
import { downloadStreamed } from './support/file-flows.js';
import { startRecordingProxy } from './support/recording-proxy.js';
import { installSaveStub } from './support/save-stub.js';
import { RECORD_DATA_BYTES, sha256File, type TestFile, writePatternFile } from './support/test-files.js';

/**
 * Request a secret end to end (issue 17): a request made in the browser is answered with the CLI and read in
 * the browser, and the other way round, with and without files; one answer only; the request pages pass axe;
 * and a recording proxy shows that no key (Q, S, K), passphrase, description or secret reaches the server.
 */

interface RequestLinks {
  requestLink: string;
  inboxLink: string;
  receiptLink: string;
}

let dir: string;
let small: TestFile;
let boundary: TestFile;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-e2e-requests-'));
  small = await writePatternFile(dir, 'notes.txt', 1234);
  boundary = await writePatternFile(dir, 'boundary.bin', RECORD_DATA_BYTES);
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Makes a request on `/request` and reads the three links from the page. */
async function requestInBrowser(page: Page, description: string): Promise<RequestLinks> {
  await page.goto('/request');
  await page.getByLabel('What do you need?').fill(description);
  await page.getByRole('button', { name: 'Create the request' }).click();
  await expect(page.getByRole('heading', { name: 'Your request is ready' })).toBeFocused();
  await expect(page.getByTestId('inbox-warning')).toContainText('It is the only way to read the answer');
  return {
    requestLink: await page.getByRole('textbox', { name: /^Request link/ }).inputValue(),
    inboxLink: await page.getByRole('textbox', { name: /^Inbox link/ }).inputValue(),
    receiptLink: await page.getByRole('textbox', { name: /^Receipt link/ }).inputValue(),
  };
}

/** `burnlink request`: the links, wherever the CLI printed them (request link on stdout, the others on stderr). */
async function requestWithCli(server: string, description: string): Promise<RequestLinks> {
  const run = await runCli(['request', '--server', server, '--ttl', '1h', description]);
  expect(run.code, run.stderr).toBe(0);
  const find = (kind: string) => {
    const link = new RegExp(`https?://[^\\s"]+/${kind}/[A-Za-z0-9_-]+(#[A-Za-z0-9_-]+)?`).exec(
      run.stdout + run.stderr,
    )?.[0];
    expect(link, `the ${kind} link`).toBeTruthy();
    return link!;
  };
  expect(run.stdout).toContain('/q/');
  return { requestLink: find('q'), inboxLink: find('i'), receiptLink: find('rq') };
}

interface Answer {
  text?: string;
  files?: string[];
  passphrase?: string;
}

/** Answers a request link on `/q/{id}`: the description is shown; after "Send", the page says so. */
async function respondInBrowser(page: Page, requestLink: string, description: string, answer: Answer) {
  await page.goto(requestLink);
  await expect(page.getByTestId('request-description')).toHaveText(description);
  expect(new URL(page.url()).hash, 'the request key leaves the address bar').toBe('');
  if (answer.text) await page.getByLabel('Your secret').fill(answer.text);
  if (answer.files) await page.locator('input[type="file"]').setInputFiles(answer.files);
  if (answer.passphrase) await page.getByLabel('Passphrase (optional)').fill(answer.passphrase);
  await page.getByRole('button', { name: 'Send the secret' }).click();
  await expect(page.getByRole('heading', { name: 'Sent' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'can read it once' })).toBeVisible();
}

/** Opens the inbox, sees the answer waiting and reveals it (with the passphrase when given). */
async function revealInBrowser(page: Page, inboxLink: string, passphrase?: string) {
  await page.goto(inboxLink);
  await expect(page.locator('[data-state]')).toHaveText('Answered, not read yet');
  expect(new URL(page.url()).hash, 'the inbox key leaves the address bar').toBe('');
  if (passphrase !== undefined) await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(page.getByRole('heading', { name: 'Your secret' })).toBeVisible();
}

test('browser → CLI: a request made in the browser is answered with `burnlink respond` and read once in the browser', async ({
  page,
  recipient,
}) => {
  const links = await requestInBrowser(page, 'The staging DB password, please');
  const opened = await runCli(['respond', links.requestLink], { input: 'answered from the CLI ✓' });
  expect(opened.code, opened.stderr).toBe(0);

  await page.goto(links.receiptLink);
  await expect(page.locator('[data-state]')).toHaveText('Answered, not read yet');
  await revealInBrowser(page, links.inboxLink);
  await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'answered from the CLI ✓',
  );

  // Read once: the inbox now says so, the receipt too, and the request link takes no second answer.
  await recipient.goto(links.inboxLink);
  await expect(recipient.locator('[data-state]')).toHaveText('Read');
  await expect(recipient.getByRole('button', { name: 'Reveal the answer' })).toHaveCount(0);
  await recipient.goto(links.receiptLink);
  await expect(recipient.locator('[data-state]')).toHaveText('Read');
  const again = await runCli(['respond', links.requestLink], { input: 'a second answer' });
  expect(again.code).not.toBe(0);
});

test('browser → CLI with files and a passphrase: the files are downloaded in the browser', async ({
  page,
}) => {
  const links = await requestInBrowser(page, 'The signing key and its notes');
  const passphraseFile = path.join(dir, 'pw-browser-cli.txt');
  await writeFile(passphraseFile, 'tangerine words\n');
  await burnlink(
    [
      'respond',
      links.requestLink,
      '--file',
      small.path,
      '--file',
      boundary.path,
      '--passphrase-file',
      passphraseFile,
    ],
    { input: 'files attached' },
  );

  await page.addInitScript(installSaveStub);
  await page.goto(links.inboxLink);
  await expect(page.getByTestId('answer-files')).toHaveText('It has 2 files.');
  await page.getByLabel('Passphrase', { exact: true }).fill('wrong words');
  await page.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase');
  await page.getByLabel('Passphrase', { exact: true }).fill('tangerine words');
  await page.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue('files attached');
  for (const file of [small, boundary]) {
    const saved = await downloadStreamed(page, file.name);
    expect({ size: saved.size, sha256: saved.sha256 }).toEqual({ size: file.size, sha256: file.sha256 });
  }
});

test('CLI → browser: a `burnlink request` is answered in the browser, once, and read with `burnlink get`', async ({
  page,
  recipient,
  baseURL,
}) => {
  const links = await requestWithCli(baseURL!, 'The VPN password for Monday');
  // Two people open the request link; the first to send wins, the second is told in the page. The second
  // page's SDK looks at the request once more before sending: to reach the server's one-answer rule (409),
  // that look is answered with what the page saw first, as in a true race.
  const id = new URL(links.requestLink).pathname.split('/').at(-1)!;
  const firstLook = recipient.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/${id}`));
  await recipient.goto(links.requestLink);
  const waiting = await (await firstLook).text();
  await expect(recipient.getByTestId('request-description')).toHaveText('The VPN password for Monday');
  await respondInBrowser(page, links.requestLink, 'The VPN password for Monday', { text: 'vpn: hunter2 ✓' });
  await recipient.route(`**/api/v1/requests/${id}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: waiting }),
  );
  await recipient.getByLabel('Your secret').fill('a second answer');
  await recipient.getByRole('button', { name: 'Send the secret' }).click();
  await expect(recipient.getByRole('heading', { name: 'This request is closed' })).toBeVisible();
  const refused = recipient.getByRole('alert');
  await expect(refused).toContainText(
    'Someone has already answered this request, and it takes only one answer.',
  );
  await expect(refused).toContainText('Nothing of yours was sent.');
  await recipient.unroute(`**/api/v1/requests/${id}`);
  // And a fresh visit finds it closed, and says why.
  await recipient.goto(links.requestLink);
  await expect(recipient.getByRole('heading', { name: 'This request is closed' })).toBeVisible();
  await expect(recipient.getByText('Someone has already answered this request')).toBeVisible();

  expect(await burnlink(['get', links.inboxLink])).toBe('vpn: hunter2 ✓');
  const second = await runCli(['get', links.inboxLink]);
  expect(second.code).not.toBe(0);
  await page.goto(links.receiptLink);
  await expect(page.locator('[data-state]')).toHaveText('Read');
});

test('CLI → browser with files: answered in the browser, saved by `burnlink get --output`', async ({
  page,
  baseURL,
}) => {
  const links = await requestWithCli(baseURL!, 'The report and the key file');
  await respondInBrowser(page, links.requestLink, 'The report and the key file', {
    files: [small.path, boundary.path],
  });
  const out = await mkdtemp(path.join(dir, 'out-'));
  await burnlink(['get', '--output', out, links.inboxLink]);
  expect((await readdir(out)).sort()).toEqual(['boundary.bin', 'notes.txt']);
  expect(await sha256File(path.join(out, 'notes.txt'))).toBe(small.sha256);
  expect(await sha256File(path.join(out, 'boundary.bin'))).toBe(boundary.sha256);
});

test('unknown links, burning from the inbox, and the receipt', async ({ page, recipient }) => {
  const key = toBase64Url(new Uint8Array(32).fill(7));
  await page.goto(`/q/AAAAAAAAAAAAAAAAAAAAAA#${key}`);
  await expect(page.getByRole('heading', { name: 'This request is closed' })).toBeVisible();
  await page.goto('/q/AAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByText('This link is incomplete')).toBeVisible();
  await page.goto(`/i/AAAAAAAAAAAAAAAAAAAAAA#${key}`);
  await expect(page.getByText('This inbox is unknown')).toBeVisible();

  const links = await requestInBrowser(page, 'Something to burn');
  await recipient.goto(links.requestLink);
  await expect(recipient.getByTestId('request-description')).toHaveText('Something to burn');
  await page.goto(links.inboxLink);
  await expect(page.locator('[data-state]')).toHaveText('Waiting for an answer');
  await page.getByRole('button', { name: 'Burn this request' }).click();
  await expect(page.getByRole('button', { name: 'Yes, burn it' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, burn it' }).click();
  await expect(page.locator('[data-state]')).toHaveText('Burned');
  await expect(page.getByRole('status').filter({ hasText: 'The request is burned.' })).toBeAttached();
  // The form opened before the burn: its "Send" is refused, and it says nothing was sent.
  await recipient.getByLabel('Your secret').fill('too late');
  await recipient.getByRole('button', { name: 'Send the secret' }).click();
  await expect(recipient.getByRole('alert')).toContainText('Nothing of yours was sent.');
  await recipient.goto(links.requestLink);
  await expect(recipient.getByRole('heading', { name: 'This request is closed' })).toBeVisible();
  await recipient.goto(links.receiptLink);
  await expect(recipient.locator('[data-state]')).toHaveText('Burned');
});

test('the request pages pass axe, in light and dark', async ({ page, recipient, baseURL }, testInfo) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const links = await requestInBrowser(page, `An axe check (${colorScheme})`);
    await expectAccessible(page, `/request created (${colorScheme})`);
    await snap(page, testInfo, `request-created-${colorScheme}`);
    await page.goto('/request');
    await expect(page.getByRole('link', { name: 'Request a secret' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expectAccessible(page, `/request (${colorScheme})`);
    await recipient.emulateMedia({ colorScheme });
    await recipient.goto(links.requestLink);
    await expect(recipient.getByRole('button', { name: 'Send the secret' })).toBeVisible();
    await expectAccessible(recipient, `/q (${colorScheme})`);
    await snap(recipient, testInfo, `respond-${colorScheme}`);
    await page.goto(links.inboxLink);
    await expect(page.locator('[data-state]')).toHaveText('Waiting for an answer');
    await expectAccessible(page, `/i waiting (${colorScheme})`);
    await recipient.getByLabel('Your secret').fill('axe');
    await recipient.getByRole('button', { name: 'Send the secret' }).click();
    await expect(recipient.getByRole('heading', { name: 'Sent' })).toBeVisible();
    await expectAccessible(recipient, `/q sent (${colorScheme})`);
    await page.goto(links.inboxLink);
    await expect(page.getByRole('button', { name: 'Reveal the answer' })).toBeVisible();
    await expectAccessible(page, `/i answered (${colorScheme})`);
    await snap(page, testInfo, `inbox-answered-${colorScheme}`);
    await page.goto(links.receiptLink);
    await expect(page.locator('[data-state]')).toHaveText('Answered, not read yet');
    await expectAccessible(page, `/rq (${colorScheme})`);
  }
  // The create page offers both ways in.
  await page.goto(baseURL!);
  await page
    .getByRole('navigation', { name: 'Share or request' })
    .getByRole('link', { name: 'Request a secret' })
    .click();
  await expect(page.getByRole('heading', { name: 'Request a secret' })).toBeVisible();
});

test('a recording proxy sees no key, passphrase, description or secret from the browser or the CLI', async ({
  browser,
  baseURL,
}) => {
  const proxy = await startRecordingProxy(baseURL!);
  const { context, page, watched } = await newProfile(browser, proxy.origin);
  try {
    const secretFile = path.join(dir, 'marker.txt');
    await writeFile(secretFile, 'FILE-CONTENT-MARKER-9f3a');
    const passphraseFile = path.join(dir, 'pw-proxy.txt');
    await writeFile(passphraseFile, 'PASSPHRASE-MARKER-one\n');
    const needles: Record<string, string> = {
      description1: 'DESCRIPTION-MARKER-browser-4d1c',
      description2: 'DESCRIPTION-MARKER-cli-77ab',
      secret1: 'SECRET-MARKER-from-cli-0e52',
      secret2: 'SECRET-MARKER-from-browser-c3d9',
      passphrase1: 'PASSPHRASE-MARKER-one',
      passphrase2: 'PASSPHRASE-MARKER-two',
      file: 'FILE-CONTENT-MARKER-9f3a',
    };

    // Browser requests, the CLI answers (a file and a passphrase), the browser reads.
    const one = await requestInBrowser(page, needles.description1!);
    await burnlink(['respond', one.requestLink, '--file', secretFile, '--passphrase-file', passphraseFile], {
      input: needles.secret1,
    });
    await revealInBrowser(page, one.inboxLink, needles.passphrase1);
    await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(needles.secret1!);

    // The CLI requests, the browser answers (with a passphrase), the CLI reads.
    const two = await requestWithCli(proxy.origin, needles.description2!);
    await respondInBrowser(page, two.requestLink, needles.description2!, {
      text: needles.secret2,
      passphrase: needles.passphrase2,
    });
    expect(
      await burnlink(['get', two.inboxLink], { env: { BURNLINK_PASSPHRASE: needles.passphrase2! } }),
    ).toBe(needles.secret2);

    // What the server was given: both flows went through the proxy, sealed keys included.
    const sent = proxy.recorded;
    const responds = sent.filter(
      (r) => r.method === 'POST' && /^\/api\/v1\/requests\/[\w-]+\/respond$/.test(r.url),
    );
    expect(responds).toHaveLength(2);
    expect(
      sent.filter((r) => /^\/api\/v1\/requests\/[\w-]+\/inbox$/.test(r.url)).length,
    ).toBeGreaterThanOrEqual(2);

    const keys: Record<string, Uint8Array> = {};
    for (const [name, links] of Object.entries({ one, two })) {
      const request = new URL(links.requestLink);
      const inbox = new URL(links.inboxLink);
      const id = request.pathname.split('/').at(-1)!;
      keys[`Q${name}`] = fromBase64Url(request.hash.slice(1));
      keys[`S${name}`] = fromBase64Url(inbox.hash.slice(1));
      // K, the answer's link key, never travels: open it from the sealed key the server got, with S.
      const respond = responds.find((r) => r.url.includes(id))!;
      const sealed = JSON.parse(respond.body.toString('utf8')).sealed_key as string;
      keys[`K${name}`] = await openResponseKey(keys[`S${name}`]!, id, fromBase64Url(sealed));
    }

    const dump = proxy.dump();
    const text = dump.toString('latin1');
    for (const [name, value] of Object.entries(needles)) expect(text.includes(value), name).toBe(false);
    for (const [name, key] of Object.entries(keys)) {
      expect(key).toHaveLength(32);
      expect(text.includes(toBase64Url(key)), `${name} as b64u`).toBe(false);
      expect(text.includes(Buffer.from(key).toString('base64')), `${name} as base64`).toBe(false);
      expect(text.includes(Buffer.from(key).toString('hex')), `${name} as hex`).toBe(false);
      expect(dump.indexOf(Buffer.from(key)), `${name} as raw bytes`).toBe(-1);
    }
    // No request target ever carried a fragment.
    expect(sent.filter((r) => r.url.includes('#'))).toEqual([]);
    expect(watched.problems).toEqual([]);
  } finally {
    await context.close();
    await proxy.close();
  }
});
