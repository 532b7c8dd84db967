import { LOCALES, type ShippedLocale } from '../packages/web/src/i18n/locales.js';
import { messageText } from '../packages/web/src/i18n/message-text.js';
import type { en } from '../packages/web/src/i18n/messages/en.js';
import { createSecret, expect, expectAccessible, newProfile, test } from './fixtures.js';
import { coreMessages } from './support/messages.js';

/** A browser language with a region for each locale (`nl` → `nl-NL`, `pt-BR` as it is). */
function browserLocale(locale: string): string {
  if (locale.includes('-')) return locale;
  const { language, region } = new Intl.Locale(locale).maximize();
  return `${language}-${region}`;
}

for (const locale of Object.keys(LOCALES) as ShippedLocale[]) {
  test(`${locale}: the browser's language renders the create and reveal pages`, async ({
    page,
    browser,
    baseURL,
  }) => {
    const messages = await coreMessages(locale);
    const { link } = await createSecret(page, { text: `secret for ${locale}` });
    const {
      context,
      page: visitor,
      watched,
    } = await newProfile(browser, baseURL!, {
      locale: browserLocale(locale),
    });
    await visitor.goto('/');
    await expect(visitor.locator('html')).toHaveAttribute('lang', locale);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(messages.createTitle);
    await expect(visitor.getByRole('button', { name: messages.createButton })).toBeVisible();
    await expect(visitor.getByLabel(messages.lifetimeLabel)).toBeVisible();

    await visitor.goto(link);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(messages.revealTitle);
    // The form for one view as the app picks it: ja, ko and zh-CN have only `_other`, filled with 1.
    await expect(
      visitor.getByText(messageText<keyof typeof en>(locale, messages).tp('revealViews', 1)),
    ).toBeVisible();
    await visitor.getByRole('button', { name: messages.revealButton }).click();
    await expect(visitor.getByRole('textbox', { name: messages.secretLabel, exact: true })).toHaveValue(
      `secret for ${locale}`,
    );
    await expect(visitor.getByText(messages.goneNote)).toBeVisible();
    await expectAccessible(visitor, `revealed (${locale})`);
    await context.close();
    expect(watched.problems).toEqual([]);
  });
}

test('the language switch changes the page at once and is remembered, storing nothing else', async ({
  page,
}) => {
  const sv = await coreMessages('sv');
  const nl = await coreMessages('nl');
  await page.goto('/');
  await page.getByLabel('Language').selectOption('sv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sv.createTitle);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sv.createTitle);
  expect(await page.evaluate(() => Object.entries(localStorage))).toEqual([['burnlink.language', 'sv']]);
  await page.getByLabel(sv.language).selectOption('nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.createTitle);
});

test('dates and lifetimes are formatted for the active language', async ({ browser, baseURL }) => {
  const { context, page } = await newProfile(browser, baseURL!, { locale: 'de-DE' });
  await page.goto('/');
  // Lifetime choices come from the server's config and are named with Intl in German.
  await expect(page.getByLabel('Lebensdauer').locator('option', { hasText: '7 Tage' })).toHaveCount(1);
  await expect(page.getByLabel('Lebensdauer')).toHaveValue('86400');
  await page.getByRole('textbox', { name: 'Geheimnis', exact: true }).fill('x');
  await page.getByRole('button', { name: 'Geheimen Link erstellen' }).click();
  await expect(page.getByText(/Läuft ab .+ \(in 23 Std\./)).toBeVisible();
  await context.close();
});
