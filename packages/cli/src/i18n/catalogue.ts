import type { CliContext } from '../cli-context.js';
import ar from './messages/ar.js';
import de from './messages/de.js';
import en, { type CliKey, type CliMessages } from './messages/en.js';
import es from './messages/es.js';
import fr from './messages/fr.js';
import he from './messages/he.js';
import it from './messages/it.js';
import ja from './messages/ja.js';
import ko from './messages/ko.js';
import nl from './messages/nl.js';
import pl from './messages/pl.js';
import ptBR from './messages/pt-BR.js';
import sv from './messages/sv.js';
import tr from './messages/tr.js';
import uk from './messages/uk.js';
import zhCN from './messages/zh-CN.js';

/**
 * The CLI's languages: the web app's codes (docs/translating.md), each a file in `messages/`. Adding a language
 * is a file there and a line here; `catalogue.test.ts` checks its keys and placeholders.
 */
export const CATALOGUES = {
  en,
  nl,
  sv,
  de,
  fr,
  es,
  it,
  pl,
  'pt-BR': ptBR,
  uk,
  ja,
  ko,
  'zh-CN': zhCN,
  ar,
  he,
  tr,
} as const satisfies Record<string, CliMessages>;

export type CliLocale = keyof typeof CATALOGUES;

/**
 * The language of the CLI's messages from the environment, in POSIX order: the first of `LC_ALL`,
 * `LC_MESSAGES` and `LANG` that is set and not empty decides (`C` and `POSIX` are English). A value is
 * `language[_TERRITORY][.codeset][@modifier]`: `pt_BR.UTF-8` is `pt-BR`, `nl_BE.UTF-8` is `nl`, and a language
 * burnlink does not speak is English.
 *
 * @example
 * ```ts
 * cliLocale({ LANG: 'de_DE.UTF-8' }); // 'de'
 * ```
 */
export function cliLocale(env: Record<string, string | undefined>): CliLocale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  if (value === undefined) return 'en';
  const tag = value.split(/[.@]/)[0]!.replace('_', '-').toLowerCase();
  const primary = tag.split('-')[0];
  const codes = Object.keys(CATALOGUES) as CliLocale[];
  return (
    codes.find((code) => code.toLowerCase() === tag) ??
    codes.find((code) => code.toLowerCase() === primary) ??
    codes.find((code) => code.toLowerCase().split('-')[0] === primary) ??
    'en'
  );
}

export interface CliText {
  locale: CliLocale;
  /** The message for `key` with `{name}` placeholders filled. */
  t(key: CliKey, vars?: Record<string, string | number>): string;
}

const cache = new WeakMap<CliContext, CliText>();

/**
 * The messages of this invocation's language (from `ctx.env`). Only human text goes through here: `--json`
 * output, exit codes, option and command names are the same in every language.
 *
 * @example
 * ```ts
 * const { t } = cliText(ctx);
 * ctx.stderr.write(`${t('burned')}\n`);
 * ```
 */
export function cliText(ctx: CliContext): CliText {
  let text = cache.get(ctx);
  if (!text) {
    const locale = cliLocale(ctx.env);
    const messages: CliMessages = CATALOGUES[locale];
    text = {
      locale,
      t: (key, vars) =>
        messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
          vars?.[name] === undefined ? whole : String(vars[name]),
        ),
    };
    cache.set(ctx, text);
  }
  return text;
}
