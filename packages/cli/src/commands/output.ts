import type { Failure } from '@burnlink/client';
import type { CliContext } from '../cli-context.js';
import { EXIT, exitFor } from '../exit-codes.js';
import { type CliText, cliText } from '../i18n/catalogue.js';
import { visible } from '../visible.js';

/**
 * Prints a client failure as `burnlink: MESSAGE` on stderr and returns its exit code. The message is made
 * visible: it may come from the server, and `get` talks to whichever server the sender's link names.
 */
export function failed(ctx: CliContext, failure: Failure): number {
  const code = exitFor(failure);
  const { t, locale } = cliText(ctx);
  const hint =
    code === EXIT.NOT_AUTHENTICATED
      ? t('hintNotAuthenticated')
      : code === EXIT.FORBIDDEN
        ? t('hintForbidden')
        : '';
  ctx.stderr.write(
    `burnlink: ${locale === 'en' ? visible(failure.message) : failureText(t, failure)}${hint}\n`,
  );
  return code;
}

/**
 * A failure in the user's language, by its reason. English keeps the SDK's own message, which names details
 * (a server's address, the tries of an upload) that the catalogue's one sentence per reason leaves out.
 */
function failureText(t: CliText['t'], failure: Failure): string {
  const vars: Record<string, string | number> = {};
  if ('attemptsLeft' in failure) vars.n = failure.attemptsLeft;
  if ('code' in failure) vars.code = visible(failure.code);
  return t(`fail_${failure.reason}`, vars);
}

/**
 * One JSON document and a line break on stdout. `JSON.stringify` escapes C0 controls but writes C1, DEL,
 * bidi and zero-width characters raw; they are written as `\uXXXX` too, which parses to the same value and
 * keeps `--json` on a terminal inert.
 */
export function writeJson(ctx: CliContext, value: unknown): void {
  const json = JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  ctx.stdout.write(`${json}\n`);
}
