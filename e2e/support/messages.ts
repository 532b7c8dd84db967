import type { AccountMessages } from '../../packages/web/src/account/messages/en.js';
import { en as accountEn } from '../../packages/web/src/account/messages/en.js';
import { LOCALES } from '../../packages/web/src/i18n/locales.js';
import type { Messages } from '../../packages/web/src/i18n/messages/en.js';
import { en } from '../../packages/web/src/i18n/messages/en.js';
import { pseudoText } from '../../packages/web/src/i18n/pseudo.js';
import type { RequestMessages } from '../../packages/web/src/requests/messages/en.js';
import { en as requestEn } from '../../packages/web/src/requests/messages/en.js';

/** Every shipped locale but English: the languages a test renders besides the one its selectors are in. */
export const OTHER_LOCALES = Object.keys(LOCALES).filter((locale) => locale !== 'en');

/** English's messages as a pseudo-locale shows them. */
const pseudo = <T extends Record<string, string>>(messages: T): T =>
  Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, pseudoText(text)])) as T;

/** A locale's core messages as the app shows them (the same files the app loads as chunks). */
export async function coreMessages(locale: string): Promise<Messages> {
  if (locale.startsWith('qps-')) return pseudo(en as Messages);
  const module = (await import(`../../packages/web/src/i18n/messages/${locale}.ts`)) as { default: Messages };
  return module.default;
}

/** A locale's account messages (sign-in, dashboard, settings …). */
export async function accountMessages(locale: string): Promise<AccountMessages> {
  if (locale.startsWith('qps-')) return pseudo(accountEn as AccountMessages);
  const module = (await import(`../../packages/web/src/account/messages/${locale}.ts`)) as {
    default: AccountMessages;
  };
  return module.default;
}

/** A locale's messages of the request pages (`/request`, `/q/…`, `/i/…`, `/rq/…`). */
export async function requestMessages(locale: string): Promise<RequestMessages> {
  if (locale.startsWith('qps-')) return pseudo(requestEn as Record<string, string>) as RequestMessages;
  const module = (await import(`../../packages/web/src/requests/messages/${locale}.ts`)) as {
    default: RequestMessages;
  };
  return module.default;
}

/** Adds `?lang=` to an app address, before a link's #fragment (the language of one page load, not remembered). */
export const withLang = (address: string, lang: string) => {
  const [path, fragment] = address.split('#');
  return `${path}?lang=${lang}${fragment === undefined ? '' : `#${fragment}`}`;
};
