import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { formatSecretLink, sealSecret, toBase64Url } from '@burnlink/core';
import { OPEN_POLICY, type OrgPolicy } from '@burnlink/wire';
import type { BrowserContext } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadConfig, MemoryStore } from '../packages/server/dist/index.js';
import { type SmtpReceiver, startSmtpReceiver } from '../packages/server/test/support/smtp-receiver.js';
import { expect, expectAccessible, newProfile, snap, test } from './fixtures.js';

/**
 * Restricted secrets in Chromium (issue 14): recipient verification end to end — the sender names recipients on
 * the create page, the recipient picks their masked address, asks for a code, reads it from the mail a REAL SMTP
 * server (`smtp-server`, started here) received, types a wrong code (tries left) and then the right one — and a
 * secret outside its office hours, explained with its next opening in the recipient's own time zone; and a
 * signed-in member whose organisation's policy shapes the create page (passphrase rule, maximums, required
 * networks), whose secret is then refused from outside those networks.
 *
 * The suite's shared server has no mail server, so these tests run their own (the built one, in this process)
 * with `BURNLINK_SMTP_URL` pointing at the receiver.
 */

interface Served {
  app: FastifyInstance;
  origin: string;
  smtp: SmtpReceiver;
}

let served: Served;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test.beforeAll(async () => {
  if (process.env.BURNLINK_E2E_HAS_CHROMIUM !== '1') return;
  const smtp = await startSmtpReceiver();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    BURNLINK_STORE: 'memory:',
    BURNLINK_RATE_LIMITS: 'off',
    BURNLINK_PUBLIC_URL: origin,
    BURNLINK_WEB_DIR: 'packages/web/dist',
    BURNLINK_SMTP_URL: smtp.url,
    BURNLINK_MAIL_FROM: 'burnlink@e2e.example',
  });
  const app = await buildApp({ config, store: new MemoryStore(), logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  served = { app, origin, smtp };
});

test.afterAll(async () => {
  await served?.app.close();
  await served?.smtp.close();
});

/** The 6-digit code of a verification mail. */
function codeOf(text: string): string {
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  expect(code, `a 6-digit code in: ${text}`).toBeDefined();
  return code!;
}

test('recipient verification through a real SMTP server: pick the address, send the code, a wrong code, then the secret', async ({
  browser,
}, testInfo) => {
  const sender = await newProfile(browser, served.origin, { timezoneId: 'Europe/Amsterdam' });
  const text = `verified for Bob ${Date.now()}`;
  await sender.page.goto('/');
  await sender.page.getByRole('textbox', { name: 'Secret', exact: true }).fill(text);
  // The disclosure is closed until asked for, and its summary is a keyboard control.
  const summary = sender.page.getByText('Restrictions (optional)');
  await summary.focus();
  await sender.page.keyboard.press('Enter');
  // Office hours start in the browser's own time zone (the sender's profile runs in Europe/Amsterdam).
  const hours = sender.page.getByRole('checkbox', { name: 'Only during office hours' });
  await hours.check();
  await expect(sender.page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Amsterdam');
  await expect(sender.page.getByRole('checkbox', { name: 'Monday' })).toBeChecked();
  await expect(sender.page.getByRole('checkbox', { name: 'Sunday' })).not.toBeChecked();
  // Nothing scrolls sideways on a phone with every field shown.
  await sender.page.setViewportSize({ width: 375, height: 740 });
  const overflow = await sender.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the create page scrolls sideways at 375 px').toBeLessThanOrEqual(0);
  await sender.page.setViewportSize({ width: 1280, height: 720 });
  await hours.uncheck();
  const recipients = sender.page.getByRole('textbox', { name: 'Recipient email addresses' });
  await recipients.fill('ada@example.com, Bob@Example.org');
  await expectAccessible(sender.page, 'create page with restrictions open');
  await snap(sender.page, testInfo, 'create-with-restrictions');
  await sender.page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(sender.page.getByRole('heading', { name: 'Your secret link is ready' })).toBeVisible();
  const link = await sender.page.getByRole('textbox', { name: 'Secret link' }).inputValue();
  await sender.context.close();
  expect(sender.watched.problems).toEqual([]);

  const recipient = await newProfile(browser, served.origin, { timezoneId: 'Europe/Amsterdam' });
  const page = recipient.page;
  await page.goto(link);
  const step = page.getByRole('group', { name: 'Confirm your email address' });
  await expect(step).toBeVisible();
  // Only masked hints, in the sender's order: never an address.
  const hints = step.getByRole('radio');
  await expect(hints).toHaveCount(2);
  await expect(page.getByText(/ada@example\.com|bob@example\.org/i)).toHaveCount(0);

  // Revealing before a code is asked for says what to do, and sends nothing.
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(step.getByText('Pick your email address first.')).toBeVisible();
  await expect(hints.first()).toBeFocused();

  const before = served.smtp.received.length;
  await hints.nth(1).check();
  await step.getByRole('button', { name: 'Send code' }).click();
  const [mail] = (await served.smtp.waitFor(before + 1)).slice(before);
  expect(mail!.to).toEqual(['bob@example.org']);
  const code = codeOf(mail!.text);
  await expect(step.getByRole('status')).toContainText('A code was sent to');
  const input = step.getByRole('textbox', { name: '6-digit code' });
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute('inputmode', 'numeric');
  await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(step.getByRole('button', { name: 'Send a new code' })).toBeVisible();
  await expectAccessible(page, 'reveal page, code sent');

  // A wrong code: the tries left for this code, the field emptied for the next one.
  await input.fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(page.getByTestId('refusal')).toHaveText(
    'That code is not right. 4 more tries with this code.',
  );
  await expect(input).toHaveValue('');
  await snap(page, testInfo, 'verification-wrong-code');

  await input.fill(code);
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(page.getByRole('heading', { name: 'Your secret' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue(text);
  await recipient.context.close();
  expect(recipient.watched.problems).toEqual([]);
});

/** Office hours in UTC, every day, an hour long, that exclude this moment; and when they next open. */
function closedHours(now = new Date()) {
  const hour = now.getUTCHours();
  // Two hours ahead today; late in the day, an hour-long window that ended two hours ago (it opens tomorrow).
  const start = hour <= 20 ? hour + 2 : hour - 3;
  const pad = (n: number) => `${String(n).padStart(2, '0')}:00`;
  const opensAt = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (hour <= 20 ? 0 : 1), start),
  );
  return {
    hours: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      start: pad(start),
      end: pad(start + 1),
      time_zone: 'UTC',
    },
    opensAt,
  };
}

test('a secret outside its office hours explains when it opens next, in the recipient’s time, and uses nothing', async ({
  browser,
}, testInfo) => {
  const { hours, opensAt } = closedHours();
  const sealed = await sealSecret({ v: 1, text: 'after hours' });
  const created = await fetch(`${served.origin}/api/v1/secrets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      verifier: sealed.verifier,
      kdf: sealed.kdf,
      content: toBase64Url(sealed.content),
      restrictions: { office_hours: hours },
    }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const link = formatSecretLink(served.origin, id, sealed.linkKey);

  const recipient = await newProfile(browser, served.origin, { timezoneId: 'Europe/Amsterdam' });
  const page = recipient.page;
  await page.goto(link);
  await expect(page.getByText('This link only opens during certain hours.')).toBeVisible();
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  const refusal = page.getByTestId('refusal');
  await expect(refusal).toBeVisible();
  // The next opening as the recipient reads it: their weekday and clock (Amsterdam), not UTC.
  const local = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'Europe/Amsterdam' }).format(opensAt);
  await expect(refusal).toContainText(
    'This secret opens only during the hours the sender chose. It opens next on',
  );
  await expect(refusal).toContainText(local({ weekday: 'long' }));
  await expect(refusal).toContainText(local({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  await expect(refusal).toContainText('Nothing was used up');
  await expectAccessible(page, 'reveal page, outside office hours');
  await snap(page, testInfo, 'outside-office-hours');

  // Nothing was consumed: the peek still counts the one view.
  const peek = await fetch(`${served.origin}/api/v1/secrets/${id}`);
  expect(((await peek.json()) as { views_left: number }).views_left).toBe(1);
  await recipient.context.close();
  expect(recipient.watched.problems).toEqual([]);
});

const newId = () => randomBytes(16).toString('base64url');
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A member of a new organisation with `policy`, signed in in `context` (the cookies the server would set). */
async function signedInMember(context: BrowserContext, policy: OrgPolicy) {
  const store = served.app.burnlinkAccounts.store;
  const now = Date.now();
  const orgId = newId();
  const userId = newId();
  await store.createOrg({ id: orgId, name: `Policy ${orgId.slice(0, 6)}`, createdAt: now, joinDomains: [] });
  await store.createUser({
    id: userId,
    email: `m.${userId.slice(0, 6).toLowerCase()}@example.com`,
    name: 'Mia Member',
    createdAt: now,
  });
  await store.addMember({ orgId, userId, role: 'member', createdAt: now });
  await store.setPolicy(orgId, policy, now);
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await store.createSession({
    idHash: sha256Hex(token),
    userId,
    orgId,
    csrfHash: sha256Hex(csrf),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + 86_400_000,
    label: 'Chrome on Linux',
  });
  await context.addCookies([
    { name: 'burnlink_session', value: token, url: served.origin, httpOnly: true, sameSite: 'Lax' },
    { name: 'burnlink_csrf', value: csrf, url: served.origin, sameSite: 'Lax' },
  ]);
}

test("the organisation's policy shapes the create page, and its required network turns away another one", async ({
  browser,
}, testInfo) => {
  const sender = await newProfile(browser, served.origin);
  await signedInMember(sender.context, {
    ...OPEN_POLICY,
    max_ttl: 3600,
    max_views: 2,
    passphrase_min_length: 12,
    networks: { cidrs: ['10.0.0.0/8'], enforce: 'required' },
  });
  const page = sender.page;
  await page.goto('/');
  const rule = 'Your organisation requires a passphrase of at least 12 characters.';
  await expect(page.getByText(rule)).toBeVisible();
  // The maximums limit the choices.
  const lifetimes = await page
    .getByLabel('Lifetime')
    .locator('option')
    .evaluateAll((options) => options.map((option) => Number((option as HTMLOptionElement).value)));
  expect(lifetimes.length).toBeGreaterThan(0);
  expect(Math.max(...lifetimes)).toBeLessThanOrEqual(3600);
  await expect(page.getByLabel('Number of views').locator('option')).toHaveText(['1', '2']);

  await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('inside the office network');
  const passphrase = page.getByLabel('Passphrase (optional)');
  await passphrase.fill('too short');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('alert')).toHaveText(rule);
  await expect(passphrase).toBeFocused();

  // The required networks are prefilled and explained; a wider one is refused before anything is sent.
  await passphrase.fill('long enough passphrase');
  await page.getByText('Restrictions (optional)').click();
  const networks = page.getByRole('textbox', { name: 'Allowed networks' });
  await expect(networks).toHaveValue('10.0.0.0/8');
  await expect(page.getByText('Your organisation requires these networks: 10.0.0.0/8.')).toBeVisible();
  await networks.fill('192.168.0.0/16');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    '192.168.0.0/16 is outside the networks your organisation allows.',
  );
  await expect(networks).toBeFocused();
  await expect(networks).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'create page with a policy and a problem');
  await snap(page, testInfo, 'create-with-policy');

  await networks.fill('10.1.0.0/16');
  await page.getByRole('button', { name: 'Create a secret link' }).click();
  await expect(page.getByRole('heading', { name: 'Your secret link is ready' })).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'Secret link' }).inputValue();
  await sender.context.close();
  expect(sender.watched.problems).toEqual([]);

  // This browser connects from 127.0.0.1: not in 10.1.0.0/16. Said before and after the click; nothing used.
  const recipient = await newProfile(browser, served.origin);
  await recipient.page.goto(link);
  await expect(recipient.page.getByText('This link only opens from certain networks.')).toBeVisible();
  await recipient.page.getByLabel('Passphrase', { exact: true }).fill('long enough passphrase');
  await recipient.page.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(recipient.page.getByTestId('refusal')).toContainText(
    'This secret opens only from the networks the sender chose',
  );
  await expect(recipient.page.getByTestId('refusal')).toContainText('Nothing was used up');
  await recipient.context.close();
  expect(recipient.watched.problems).toEqual([]);
});
