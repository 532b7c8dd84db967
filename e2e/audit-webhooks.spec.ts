import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { en } from '../packages/web/src/account/messages/en.js';
import { expect, expectAccessible, newProfile, reveal, snap, test } from './fixtures.js';
import { addPerson, newOrg, signIn } from './support/accounts.js';
import { OTHER_LOCALES } from './support/messages.js';

/**
 * The audit trail page (`/audit`, owners, admins and auditors) and the webhooks page (`/webhooks`, owners and
 * admins) against the real server: records of a secret created by one person and viewed by a recipient, read
 * by an auditor through filters and downloads; a member kept out; an endpoint added for a receiver this test
 * runs on 127.0.0.1 (the e2e server has `BURNLINK_WEBHOOK_ALLOW_PRIVATE=on`), its secret shown once, a signed
 * test delivery in its log.
 */

/** Axe in both themes and no sideways scroll at 375 px (the tables scroll inside their own box). */
async function checkPage(page: Page, testInfo: TestInfo, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page, `${name} (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  await snap(page, testInfo, `${name}-375px`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Creates a secret on the create page as whoever `page` is signed in as; answers the secret link. */
async function createOnPage(page: Page, text: string): Promise<string> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('heading', { name: 'Your secret link is ready' })).toBeVisible();
  return page.getByRole('textbox', { name: 'Secret link' }).inputValue();
}

/** Waits until the trail (read with `request`'s session) holds every type in `types`; records land in batches. */
async function waitForRecords(request: APIRequestContext, types: string[]) {
  await expect
    .poll(async () => {
      const reply = await request.get('/api/v1/audit?limit=500');
      if (!reply.ok()) return `HTTP ${reply.status()}`;
      const { events } = (await reply.json()) as { events: { type: string }[] };
      return types.filter((type) => !events.some((event) => event.type === type));
    })
    .toEqual([]);
}

test('an auditor reads the trail of a secret created and viewed, filters it and downloads it', async ({
  page,
  context,
  recipient,
  browser,
  baseURL,
}, testInfo) => {
  const ada = await newOrg('owner', 'Ada Lovelace');
  const alan = await addPerson(ada.orgId, 'auditor', 'Alan Turing');
  await signIn(context, baseURL!, ada);
  const link = await createOnPage(page, 'for the auditor to see');
  await reveal(recipient, link);
  await expect(recipient.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(
    'for the auditor to see',
  );

  const auditor = await newProfile(browser, baseURL!);
  const audit = auditor.page;
  await signIn(auditor.context, baseURL!, alan);
  await waitForRecords(auditor.context.request, ['secret.created', 'secret.viewed']);

  // The account bar links the trail for an auditor (and not webhooks, which are for owners and admins).
  await audit.goto('/dashboard');
  const nav = audit.getByRole('navigation', { name: 'Account' });
  await expect(nav.getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Audit trail' }).click();
  await expect(audit).toHaveURL(/\/audit$/);
  await expect(audit.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeFocused();

  const table = audit.getByRole('table', { name: 'Audit records, newest first' });
  const rows = table.locator('tbody tr');
  const created = rows.filter({ hasText: 'secret.created' });
  const viewed = rows.filter({ hasText: 'secret.viewed' });
  await expect(created).toHaveCount(1);
  await expect(viewed).toHaveCount(1);
  // Newest first: the view comes before the creation.
  const types = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(types.indexOf('secret.viewed')).toBeLessThan(types.indexOf('secret.created'));
  // Who: the creator by name (the members lookup), the recipient as an anonymous visitor.
  await expect(created.locator('td').nth(2)).toHaveText('Ada Lovelace');
  await expect(viewed.locator('td').nth(2)).toHaveText('Anonymous visitor');
  await expect(viewed.locator('td').nth(3)).toContainText('Secret ');
  await expect(viewed.locator('td').nth(4)).toHaveText('Succeeded');
  await expect(viewed.locator('td').nth(5)).toContainText('views_left: 0');
  // The time in the app's language (English) and the browser's time zone (Europe/Amsterdam), with seconds; the
  // instant in `datetime`.
  const when = viewed.locator('time');
  const iso = (await when.getAttribute('datetime'))!;
  expect(await when.textContent()).toBe(
    new Intl.DateTimeFormat('en', {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(iso)),
  );
  // The content of the secret is never in the trail.
  await expect(audit.getByText('for the auditor to see')).toHaveCount(0);
  await checkPage(audit, testInfo, 'audit');

  // A group of types: still both records; then a typed pattern narrows to the view, kept in the address bar.
  await audit.getByLabel('Event type').selectOption({ label: 'Secrets and files' });
  await audit.getByRole('button', { name: 'Apply filters' }).click();
  await expect(audit).toHaveURL(/\?type=secret\.\*%2Cfile\.\*%2Cupload\.\*$/);
  await expect(created).toHaveCount(1);
  await audit.getByLabel('Event type').selectOption({ label: 'Other types or patterns…' });
  await audit.getByLabel('Types or patterns').fill('secret.viewed');
  await audit.getByRole('button', { name: 'Apply filters' }).click();
  await expect(audit).toHaveURL(/\/audit\?type=secret\.viewed$/);
  await expect(viewed).toHaveCount(1);
  await expect(created).toHaveCount(0);
  await expect(audit.getByRole('status').filter({ hasText: '1 record shown' })).toBeVisible();

  // The downloads carry the same filters; the CSV holds the view and not the creation.
  const csvLink = audit.getByRole('link', { name: 'Download CSV' });
  const csvHref = (await csvLink.getAttribute('href'))!;
  const csvUrl = new URL(csvHref, baseURL);
  expect(csvUrl.pathname).toBe('/api/v1/audit/export');
  expect(Object.fromEntries(csvUrl.searchParams)).toEqual({ type: 'secret.viewed', format: 'csv' });
  const jsonlHref = (await audit.getByRole('link', { name: 'Download JSON Lines' }).getAttribute('href'))!;
  expect(Object.fromEntries(new URL(jsonlHref, baseURL).searchParams)).toEqual({
    type: 'secret.viewed',
    format: 'jsonl',
  });
  const csv = await auditor.context.request.get(csvHref);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  const body = await csv.text();
  expect(body.split(/\r?\n/)[0]).toBe(
    'id,at,type,org,actor_type,actor_id,subject_type,subject_id,outcome,details,ip,prev_hash,hash',
  );
  expect(body).toContain('secret.viewed');
  expect(body).not.toContain('secret.created');
  // The browser downloads it as a file.
  const [download] = await Promise.all([audit.waitForEvent('download'), csvLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^burnlink-audit-.+\.csv$/);

  // The actor filter: Ada's records only (the creation, not the anonymous view).
  await audit.getByLabel('Event type').selectOption({ label: 'All events' });
  await audit.getByLabel('Done by').selectOption({ label: 'Ada Lovelace' });
  await audit.getByRole('button', { name: 'Apply filters' }).click();
  await expect(audit).toHaveURL(new RegExp(`/audit\\?actor=${ada.userId}$`));
  await expect(created).toHaveCount(1);
  await expect(viewed).toHaveCount(0);

  // Days: a range that ended yesterday holds nothing; a range that is reversed is refused in words.
  const day = (offset: number) => {
    const d = new Date(Date.now() + offset * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  await audit.getByLabel('Done by').selectOption({ label: 'Anyone' });
  await audit.getByLabel('Until (day, included)').fill(day(-1));
  await audit.getByRole('button', { name: 'Apply filters' }).click();
  await expect(audit.getByText('No records match these filters.')).toBeVisible();
  await audit.getByLabel('From (day)').fill(day(0));
  await audit.getByRole('button', { name: 'Apply filters' }).click();
  await expect(audit.getByRole('alert')).toHaveText(en.auditDaysReversed);

  // The address bar is the state: opening it again shows the same filters and the same records.
  await audit.goto('/audit?type=secret.viewed');
  await expect(audit.getByLabel('Types or patterns')).toHaveValue('secret.viewed');
  await expect(viewed).toHaveCount(1);
  await expect(created).toHaveCount(0);
  // Back to the previous filters with the browser's back button.
  await audit.getByRole('button', { name: 'Clear filters' }).click();
  await expect(audit).toHaveURL(/\/audit$/);
  await expect(created).toHaveCount(1);
  await audit.goBack();
  await expect(audit).toHaveURL(/\/audit\?type=secret\.viewed$/);
  await expect(created).toHaveCount(0);

  await auditor.context.close();
  expect(auditor.watched.problems).toEqual([]);
});

test('"Load more" pages through a long trail', async ({ context, baseURL, page }) => {
  const owner = await newOrg('owner', 'Ada Lovelace');
  await signIn(context, baseURL!, owner);
  // 60 records of this organisation (teams created and deleted through the API): one page is 50.
  const csrf = (await context.cookies()).find((c) => c.name === 'burnlink_csrf')!.value;
  const headers = { 'x-csrf-token': csrf, origin: new URL(baseURL!).origin };
  for (let i = 0; i < 30; i += 1) {
    const created = await context.request.post('/api/v1/teams', { data: { name: `Team ${i}` }, headers });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await context.request.delete(`/api/v1/teams/${id}`, { headers })).ok()).toBe(true);
  }
  await expect
    .poll(async () => {
      const reply = await context.request.get('/api/v1/audit?type=team.*&limit=500');
      return ((await reply.json()) as { events: unknown[] }).events.length;
    })
    .toBe(60);

  await page.goto('/audit?type=team.*');
  const rows = page.getByRole('table', { name: 'Audit records, newest first' }).locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await expect(page.getByLabel('Event type')).toHaveValue('custom');
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).toHaveCount(60);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '60 records shown' })).toBeVisible();
  // Newest first across pages, no record twice.
  const times = await rows
    .locator('time')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')!));
  expect([...times].sort().reverse()).toEqual(times);
});

test('a member gets no audit trail and no webhooks', async ({ page, context, baseURL }) => {
  const owner = await newOrg('owner', 'Ada Lovelace');
  const bob = await addPerson(owner.orgId, 'member', 'Bob Member');
  await signIn(context, baseURL!, bob);
  await page.goto('/dashboard');
  const nav = page.getByRole('navigation', { name: 'Account' });
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Webhooks' })).toHaveCount(0);

  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(en.auditRoleNeeded.replace('{role}', en.roleMember));
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveCount(0);
  await expectAccessible(page, 'audit (member)');
  // The server agrees.
  expect((await context.request.get('/api/v1/audit')).status()).toBe(403);
  expect((await context.request.get('/api/v1/audit/export?format=csv')).status()).toBe(403);

  await page.goto('/webhooks');
  await expect(page.getByRole('alert')).toHaveText(en.webhooksRoleNeeded.replace('{role}', en.roleMember));
  await expect(page.getByRole('button', { name: 'Add an endpoint' })).toHaveCount(0);
  expect((await context.request.get('/api/v1/webhooks')).status()).toBe(403);
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP receiver on 127.0.0.1 that answers 204 and keeps what it got. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/burnlink`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Standard Webhooks signature of a delivery: HMAC-SHA256 over `id.timestamp.body` with the secret's bytes. */
function expectedSignature(secret: string, delivery: Received): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${delivery.headers['webhook-id']}.${delivery.headers['webhook-timestamp']}.${delivery.body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

test('an admin adds a webhook, sees its secret once, sends a test and reads the delivery log', async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const receiver = await startReceiver();
  try {
    const owner = await newOrg('owner', 'Ada Lovelace');
    const admin = await addPerson(owner.orgId, 'admin', 'Grace Hopper');
    await signIn(context, baseURL!, admin);
    await page.goto('/dashboard');
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeFocused();
    await expect(page.getByText('No webhook endpoints yet.')).toBeVisible();
    await checkPage(page, testInfo, 'webhooks-empty');

    // Nothing to send to: said in words, the address field takes focus.
    await page.getByRole('button', { name: 'Add an endpoint' }).click();
    await expect(page.getByRole('alert')).toHaveText(en.webhookUrlMissing);
    await expect(page.getByLabel('Endpoint URL')).toBeFocused();

    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await expect(page.getByRole('checkbox', { name: /Everything about secrets/ })).toBeChecked();
    await page.getByRole('checkbox', { name: /^Alerts/ }).check();
    await page.getByLabel('Other types or patterns').fill('member.added');
    await page.getByLabel('Description (optional)').fill('Rotate on view');
    await page.getByRole('button', { name: 'Add an endpoint' }).click();

    // The signing secret, once.
    await expect(page.getByRole('heading', { name: `Endpoint ${receiver.url} added` })).toBeFocused();
    await expect(page.getByText('you will not see it again')).toBeVisible();
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
    await checkPage(page, testInfo, 'webhooks-secret');
    await page.getByRole('button', { name: 'Copy signing secret' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeAttached();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole('button', { name: 'Done, I have stored it' }).click();
    await expect(page.getByRole('textbox', { name: 'Signing secret' })).toHaveCount(0);
    // Never again: not on the page, not in the list's answer.
    expect(await page.content()).not.toContain(secret);
    const listed = await context.request.get('/api/v1/webhooks');
    expect(await listed.text()).not.toContain(secret.slice(6));

    const list = page.getByRole('list', { name: 'Endpoints' });
    const item = list.getByRole('listitem').filter({ hasText: receiver.url });
    await expect(item).toContainText('Active');
    await expect(item).toContainText('Rotate on view');
    await expect(item).toContainText('secret.*, alert.*, member.added');
    await expect(item).toContainText('by Grace Hopper');

    // A test delivery: sent at once, signed, and in the log.
    await item.getByRole('button', { name: `Send test: ${receiver.url}` }).click();
    await expect(item.getByText(/^Test delivered: HTTP 204 in [\d,]+ ms\.$/)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Test delivered' })).toBeAttached();
    const delivered = receiver.received.find((r) => JSON.parse(r.body).type === 'webhook.test');
    expect(delivered, 'the receiver got the test').toBeDefined();
    expect(delivered!.headers['webhook-signature']).toBe(expectedSignature(secret, delivered!));

    await expect(item.getByRole('button', { name: `Delivery log: ${receiver.url}` })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    const log = item.getByRole('region', { name: `Deliveries to ${receiver.url}` });
    const logRows = log.locator('tbody tr');
    await expect(logRows.filter({ hasText: 'webhook.test' })).toHaveCount(1);
    const row = logRows.filter({ hasText: 'webhook.test' });
    await expect(row.locator('td').nth(2)).toHaveText('1');
    await expect(row.locator('td').nth(3)).toHaveText('204');
    await expect(row.locator('td').nth(4)).toHaveText('Delivered');
    await expect(row.locator('td').nth(5)).toHaveText(/^[\d,]+ ms$/);
    await checkPage(page, testInfo, 'webhooks-log');

    // Refresh the log after a second test.
    await item.getByRole('button', { name: `Send test: ${receiver.url}` }).click();
    await expect(logRows.filter({ hasText: 'webhook.test' })).toHaveCount(2);
    await item.getByRole('button', { name: `Refresh: ${receiver.url}` }).click();
    await expect(logRows.filter({ hasText: 'webhook.test' })).toHaveCount(2);

    // Delete, with a confirmation.
    await item.getByRole('button', { name: `Delete: ${receiver.url}` }).click();
    await item.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(page.getByText('No webhook endpoints yet.')).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: `The endpoint ${receiver.url} was deleted.` }),
    ).toBeAttached();
    expect(
      ((await (await context.request.get('/api/v1/webhooks')).json()) as { webhooks: [] }).webhooks,
    ).toEqual([]);
  } finally {
    await receiver.close();
  }
});

test('the audit and webhooks pages in every language', async ({ browser, baseURL }) => {
  // A browser profile per language, fifteen of them: more than the default 90 s on a loaded machine.
  test.setTimeout(300_000);
  const person = await newOrg('owner');
  for (const locale of OTHER_LOCALES) {
    const text = (await import(`../packages/web/src/account/messages/${locale}.js`)).default as typeof en;
    const { context, page, watched } = await newProfile(browser, baseURL!, { locale });
    await signIn(context, baseURL!, person);
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.auditTitle);
    await expect(page.getByRole('button', { name: text.auditApply })).toBeVisible();
    await expect(page.getByRole('link', { name: text.auditDownloadCsv })).toBeVisible();
    await expectAccessible(page, `audit (${locale})`);
    await page.goto('/webhooks');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.webhooksTitle);
    await expect(page.getByRole('button', { name: text.webhookAdd })).toBeVisible();
    await expectAccessible(page, `webhooks (${locale})`);
    await context.close();
    expect(watched.problems, locale).toEqual([]);
  }
});
