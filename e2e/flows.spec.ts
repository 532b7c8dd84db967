import { createSecret, expect, readShare, reveal, test } from './fixtures.js';

const UNKNOWN = 'Unknown secret';

test('create, reveal once in another profile, and the second visit says it is gone', async ({
  page,
  recipient,
}) => {
  const { link } = await createSecret(page, { text: 'hunter2\nsecond line' });
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText('It can be opened once.', { exact: false })).toBeVisible();
  await expect(page.getByText(/Expires .+ \(in 23 hr/)).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();

  await recipient.goto(link);
  await expect(recipient.getByText('It can be viewed only once.')).toBeVisible();
  // Nothing of the secret is in the page before the click.
  expect(await recipient.content()).not.toContain('hunter2');
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'hunter2\nsecond line',
  );
  await expect(recipient.getByText(/now gone from the server/)).toBeVisible();
  await expect(recipient).toHaveTitle('Your secret · burnlink');

  await recipient.goto(link);
  await expect(recipient.getByRole('heading', { name: UNKNOWN })).toBeVisible();
  await expect(recipient.getByText('It either never existed or has already been viewed.')).toBeVisible();
  await expect(recipient).toHaveTitle('Unknown secret · burnlink');
});

test('the key leaves the address bar as soon as the page has read it', async ({ page, recipient }) => {
  const { link } = await createSecret(page);
  await recipient.goto(link);
  await expect(recipient.getByRole('button', { name: 'Reveal secret' })).toBeVisible();
  expect(recipient.url()).not.toContain('#');
  expect(await recipient.evaluate(() => location.hash)).toBe('');
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'correct horse battery staple',
  );
  expect(recipient.url()).toBe(link.split('#')[0]);
  // Only the language may be stored; the key and the secret never are.
  expect(
    await recipient.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })),
  ).not.toContain(link.split('#')[1]!);
});

test('no request carries the key or the secret', async ({ page, recipient }) => {
  const sent: string[] = [];
  for (const p of [page, recipient]) p.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));
  const { link } = await createSecret(page, { text: 'never-on-the-wire-42', passphrase: 'pass phrase' });
  await reveal(recipient, link, 'pass phrase');
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'never-on-the-wire-42',
  );
  const key = link.split('#')[1]!;
  expect(sent.length).toBeGreaterThan(3);
  for (const line of sent) {
    expect(line).not.toContain(key);
    expect(line).not.toContain('never-on-the-wire-42');
    expect(line).not.toContain('pass phrase');
  }
});

test('a plain GET of the link (a link preview) leaves the secret claimable', async ({
  page,
  recipient,
  request,
}) => {
  const { link } = await createSecret(page, { text: 'preview-proof' });
  const preview = await request.get(link.split('#')[0]!);
  expect(preview.status()).toBe(200);
  expect(await preview.text()).not.toContain('preview-proof');
  await reveal(recipient, link);
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue('preview-proof');
});

test('a wrong passphrase says how many attempts are left; the right one reveals', async ({
  page,
  recipient,
}) => {
  const { link } = await createSecret(page, { text: 'behind a passphrase', passphrase: 'open sesame' });
  await expect(page.getByText('This message is protected by your passphrase.')).toBeVisible();
  expect(await page.content()).not.toContain('open sesame');

  await recipient.goto(link);
  await expect(
    recipient.getByText('This secret is protected with a passphrase.', { exact: false }),
  ).toBeVisible();
  await recipient.getByLabel('Passphrase', { exact: true }).fill('open barley');
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(recipient.getByRole('alert')).toHaveText(/Wrong passphrase\. 4 attempts left/);
  await recipient.getByLabel('Passphrase', { exact: true }).fill('open sesame');
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'behind a passphrase',
  );
});

test('exhausted attempts burn the secret and the receipt says locked', async ({ page, recipient }) => {
  const { link, receiptLink } = await createSecret(page, { passphrase: 'right' });
  await recipient.goto(link);
  for (let left = 4; left >= 1; left--) {
    await recipient.getByLabel('Passphrase', { exact: true }).fill(`wrong ${left}`);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    await expect(recipient.getByRole('alert')).toContainText(
      left === 1 ? '1 attempt left' : `${left} attempts left`,
    );
  }
  await recipient.getByLabel('Passphrase', { exact: true }).fill('wrong 0');
  await recipient.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(
    recipient.getByText('Too many wrong passphrases: the secret has been destroyed.'),
  ).toBeVisible();

  await page.goto(receiptLink);
  await expect(page.locator('[data-state]')).toHaveText('Destroyed after too many wrong passphrases');
  await expect(page.getByText('5 / 5')).toBeVisible();
  await recipient.goto(link);
  await expect(recipient.getByRole('heading', { name: UNKNOWN })).toBeVisible();
});

test('burn from the share page, with confirmation', async ({ page, recipient }) => {
  const { link, receiptLink } = await createSecret(page);
  await page.getByRole('button', { name: 'Burn this secret' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('textbox', { name: 'Secret link' })).toBeVisible();
  await page.getByRole('button', { name: 'Burn this secret' }).click();
  await page.getByRole('button', { name: 'Yes, burn it' }).click();
  await expect(page.getByText('The secret is burned. The link no longer works.')).toBeVisible();
  await recipient.goto(link);
  await expect(recipient.getByRole('heading', { name: UNKNOWN })).toBeVisible();
  await page.goto(receiptLink);
  await expect(page.locator('[data-state]')).toHaveText('Burned');
});

test('the receipt refreshes itself while pending, then burns from the receipt page', async ({
  page,
  recipient,
}) => {
  const { link, receiptLink } = await createSecret(page, { views: 2 });
  await page.goto(receiptLink);
  await expect(page.locator('[data-state]')).toHaveText('Waiting to be viewed');
  await expect(page.getByText('2 / 2')).toBeVisible();

  await reveal(recipient, link);
  await expect(recipient.getByText('The link can be opened 1 more time.')).toBeVisible();
  // No reload: the pending receipt polls by itself.
  await expect(page.getByText('1 / 2')).toBeVisible({ timeout: 15_000 });

  await page.getByRole('button', { name: 'Burn this secret' }).click();
  await page.getByRole('button', { name: 'Yes, burn it' }).click();
  await expect(page.locator('[data-state]')).toHaveText('Burned');
  await recipient.goto(link);
  await expect(recipient.getByRole('heading', { name: UNKNOWN })).toBeVisible();
});

test('generate a random password: shown once on the share page and revealed by the recipient', async ({
  page,
  recipient,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Or generate a random password' }).click();
  await page.getByLabel('Length').fill('32');
  await page.getByLabel('Symbols (!#%…)').uncheck();
  await page.getByRole('button', { name: 'Generate a password and create a link' }).click();
  const generated = await page
    .getByRole('textbox', { name: 'Generated password (shown only this once)' })
    .inputValue();
  expect(generated).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(generated).not.toMatch(/[0O1lI]/);
  const { link } = await readShare(page);
  await reveal(recipient, link);
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(generated);
});

test('context fields travel encrypted with the secret', async ({ page, recipient }) => {
  const context = {
    label: 'Staging database',
    username: 'deploy@example.com',
    url: 'https://db.example.com',
    environment: 'staging',
    note: 'Rotate after use\nthanks',
  };
  const { link } = await createSecret(page, { text: 'db-pass', context });
  await reveal(recipient, link);
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue('db-pass');
  const shown = recipient.getByTestId('context');
  for (const value of Object.values(context)) await expect(shown).toContainText(value);
});

test('copy puts the secret on the clipboard and clears it after 30 seconds', async ({ page, recipient }) => {
  await recipient.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await recipient.clock.install();
  const { link } = await createSecret(page, { text: 'clipboard-secret' });
  await reveal(recipient, link);
  await recipient.getByRole('button', { name: 'Copy secret' }).click();
  await expect(recipient.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await recipient.evaluate(() => navigator.clipboard.readText())).toBe('clipboard-secret');
  await recipient.clock.runFor(31_000);
  await expect.poll(() => recipient.evaluate(() => navigator.clipboard.readText())).toBe('');

  // Something else copied in the meantime is left alone.
  await recipient.getByRole('button', { name: 'Copy secret' }).click();
  await expect(recipient.getByRole('button', { name: 'Copied' })).toBeVisible();
  await recipient.evaluate(() => navigator.clipboard.writeText('something else'));
  await recipient.clock.runFor(31_000);
  expect(await recipient.evaluate(() => navigator.clipboard.readText())).toBe('something else');
});

test('everything works with the keyboard alone, with a visible focus ring', async ({ page, recipient }) => {
  await page.goto('/');
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  for (let i = 0; i < 10 && (await focusedId()) !== 'secret'; i++) await page.keyboard.press('Tab');
  expect(await focusedId()).toBe('secret');
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
  await page.keyboard.type('typed by keyboard');
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Create a secret link') break;
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your secret link is ready' })).toBeFocused();
  const { link } = await readShare(page);

  await recipient.goto(link);
  const button = recipient.getByRole('button', { name: 'Reveal secret' });
  await expect(button).toBeVisible();
  for (let i = 0; i < 10 && !(await button.evaluate((b) => b === document.activeElement)); i++) {
    await recipient.keyboard.press('Tab');
  }
  await expect(button).toBeFocused();
  await recipient.keyboard.press('Enter');
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'typed by keyboard',
  );
});

test('plain words when the server says the secret is too large', async ({ page }) => {
  await page.route('**/api/v1/secrets', (route) =>
    route.fulfill({
      status: 413,
      contentType: 'application/json',
      body: '{"error":{"code":"payload_too_large","message":"too large"}}',
    }),
  );
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('x');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('alert')).toHaveText('The secret is too large for this server.');
});
