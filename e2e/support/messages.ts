import type { Messages } from '../../packages/web/src/i18n/messages/en.js';

/** A locale's core messages as the app shows them (the same files the app loads as chunks). */
export async function coreMessages(locale: string): Promise<Messages> {
  const module = (await import(`../../packages/web/src/i18n/messages/${locale}.ts`)) as { default: Messages };
  return module.default;
}
