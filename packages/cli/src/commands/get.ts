import {
  type BurnlinkClient,
  createClient,
  type Failure,
  normalizeBaseUrl,
  type RevealedSecret,
} from '@burnlink/client';
import { CONTEXT_FIELDS, parseSecretLink } from '@burnlink/core';
import { linkKind, parseInboxLink } from '@burnlink/core/requests';
import type { CliContext } from '../cli-context.js';
import { formatRelative } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { cliText } from '../i18n/catalogue.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { passphraseFromFileOrEnv } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { visible, visibleText } from '../visible.js';
import { prepareOutput, type SavedFile, saveFiles } from './get-files.js';
import { answeredFiles } from './get-inbox.js';
import { failed, writeJson } from './output.js';

export const GET_HELP = `Usage: burnlink get LINK [options]

Opens a one-time link: prints the secret text on stdout and its context (label, username, …) on stderr.
LINK may also be the inbox link of a request you made (burnlink request): get then reads its answer, once,
the same way; while there is none yet it says so and exits with code 15, consuming nothing.
When stdout is not a terminal (a file, a pipe) the text is written exactly as it was sent. On a terminal,
a line break is added if the text lacks one, and control, bidi and zero-width characters (except line
breaks and tabs) are shown as escapes such as \x1b or \u202e, so a sender cannot drive your terminal;
--raw writes them as they are. Context fields and file names are always shown with such escapes. Opening uses one view; a secret
with one view is gone afterwards. The server is the one named in the link.

When the secret has a passphrase, it is taken from --passphrase-file, else BURNLINK_PASSPHRASE, else asked
on the terminal (hidden). Without any of them: exit code 9, and the secret is not consumed.

A secret with files needs --output DIR (checked before anything is consumed): each file is decrypted into
DIR under its sanitised name, never overwriting (report (1).pdf, …), and the saved paths are listed on
stderr; a progress bar shows on a terminal. A name starting with "-" or "." gets "_" in front (-rf → _-rf,
.envrc → _.envrc); directories and control, bidi and zero-width characters are removed. Every renamed
file is reported on stderr with the sender's name.

A secret for verified recipients only: get lists the masked addresses (a•••@e•••.com) the sender named and
has a 6-digit code mailed to yours (--recipient N, else asked on the terminal), then takes the code from
--verification-code, else asks on the terminal. Without a terminal, run once with --recipient N to have the
code mailed, then again with --verification-code CODE; without either: exit code 14, nothing consumed. A
code is valid 10 minutes for 5 tries.

A secret may also open only from some networks or countries, or only during office hours: a refusal says
why (and when it opens next, in local time), exits with code 13 and consumes nothing.

Options:
  -o, --output DIR       save the secret's files into DIR (created if missing)
  --passphrase-file F    read the passphrase from file F (one trailing line break removed)
  --recipient N          verified recipients: mail the code to the Nth address listed (1 = first)
  --verification-code C  verified recipients: the 6-digit code from the mail (no new code is sent)
  --json                 print {text, context, files, views_left} as JSON on stdout (files with their path)
  --raw                  on a terminal too, print the text exactly as sent (control characters included)
  -h, --help             show this help

Examples:
  burnlink get 'https://burn.example.com/s/ID#KEY'
  burnlink get --json "$LINK" | jq -r .text
  burnlink get --output ~/Downloads "$LINK"
  burnlink get 'https://burn.example.com/i/ID#KEY'      # the answer to your request
  burnlink get --recipient 1 "$LINK"; burnlink get --verification-code 123456 "$LINK"
`;

const OPTIONS = {
  ...HELP_OPTION,
  'passphrase-file': { type: 'string' },
  json: { type: 'boolean' },
  raw: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  recipient: { type: 'string' },
  'verification-code': { type: 'string' },
} as const;

/** `burnlink get`: see GET_HELP. */
export async function get(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('get', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(GET_HELP);
    return EXIT.OK;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one LINK (see: burnlink get --help)');
  const link = positionals[0]!;
  // An inbox link reads the answer to a request: a secret under the request's id, read as a secret link is.
  const inbox = linkKind(link) === 'inbox';
  let origin: string;
  try {
    origin = (inbox ? parseInboxLink(link) : parseSecretLink(link)).origin;
  } catch (error) {
    const detail = error instanceof Error && error.name === 'LinkError' ? error.message : 'malformed link';
    throw new UsageError(detail);
  }
  const client = createClient({ baseUrl: normalizeBaseUrl(origin) ?? origin, fetch: ctx.fetch });
  const output = values.output;
  if (output === '') throw new UsageError('--output needs a directory');
  const givenCode = values['verification-code']?.trim();
  if (givenCode !== undefined && !/^\d{6}$/.test(givenCode)) {
    throw new UsageError('--verification-code needs the 6 digits from the mail');
  }
  const recipient = values.recipient === undefined ? undefined : parseRecipient(values.recipient);

  // Files need somewhere to go: find out before claiming, so that nothing is consumed on a usage error.
  let fileCount: number;
  let hints: string[] | null = null;
  if (inbox) {
    const answered = await answeredFiles(ctx, client, link);
    if (typeof answered === 'number') return answered;
    fileCount = answered.files;
  } else {
    const info = await client.peek(link);
    if (!info.ok) return failed(ctx, info);
    fileCount = info.files;
    hints = info.requires.verification?.recipients ?? null;
  }
  if (fileCount > 0 && output === undefined) {
    const count = fileCount === 1 ? 'a file' : `${fileCount} files`;
    throw new UsageError(`this secret has ${count}: give --output DIR to save them (nothing was consumed)`);
  }
  if (fileCount > 0 && output !== undefined) await prepareOutput(output);

  let verificationCode: string | undefined;
  let codePrompted = false;
  if (hints !== null) {
    const obtained = await obtainCode(ctx, client, link, hints, recipient, givenCode);
    if (typeof obtained === 'number') return obtained;
    ({ code: verificationCode, prompted: codePrompted } = obtained);
  }

  const given = await passphraseFromFileOrEnv(values['passphrase-file'], ctx);
  let prompted = false;
  const passphrase = async () => {
    if (given !== undefined) return given;
    prompted = true;
    return ctx.promptHidden(cliText(ctx).t('promptPassphrase'));
  };

  const reveal = () =>
    inbox
      ? client.readResponse(link, { passphrase })
      : client.reveal(link, {
          passphrase,
          ...(verificationCode === undefined ? {} : { verificationCode }),
        });
  let result = await reveal();
  for (;;) {
    if (result.ok) break;
    // On a terminal, a mistyped passphrase may be retried; every try counts towards the lock.
    if (result.reason === 'wrong_passphrase' && prompted) {
      ctx.stderr.write(`burnlink: ${visible(result.message)}\n`);
      result = await reveal();
      continue;
    }
    // So may a mistyped code, while it has tries left.
    if (result.reason === 'verification_code_invalid' && codePrompted && result.attemptsLeft > 0) {
      ctx.stderr.write(`burnlink: ${visible(result.message)}\n`);
      const again = await askCode(ctx);
      if (again === null) return EXIT.VERIFICATION;
      verificationCode = again;
      result = await reveal();
      continue;
    }
    break;
  }
  if (!result.ok) {
    if (result.reason === 'passphrase_required') {
      ctx.stderr.write(
        'burnlink: this secret needs a passphrase: run in a terminal, set BURNLINK_PASSPHRASE or use --passphrase-file FILE (nothing was consumed)\n',
      );
      return EXIT.PASSPHRASE_REQUIRED;
    }
    return refused(ctx, result);
  }
  const json = values.json === true;
  if (!json) printText(result, ctx, values.raw === true);
  let saved: SavedFile[] = [];
  let code: number = EXIT.OK;
  if (result.files.length > 0 && output !== undefined) {
    ({ saved, code } = await saveFiles(ctx, result.files, output, !json));
  }
  if (json) printJson(result, saved, ctx);
  else printViewsLeft(result, ctx);
  return code;
}

/** `--recipient N`: 1 for the first address listed. */
function parseRecipient(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(
      `--recipient needs the number of your address in the list (1 = first); got "${text}"`,
    );
  }
  return Number(text);
}

/**
 * The verification code for a claim: `--verification-code`, else one mailed to the recipient chosen with
 * `--recipient` or on the terminal and typed in there. A number is the exit code when there is none.
 */
async function obtainCode(
  ctx: CliContext,
  client: BurnlinkClient,
  link: string,
  hints: string[],
  recipient: number | undefined,
  given: string | undefined,
): Promise<{ code: string; prompted: boolean } | number> {
  if (given !== undefined) return { code: given, prompted: false };
  const listed = hints.map((hint, i) => `  ${i + 1}  ${visible(hint)}`).join('\n');
  if (recipient !== undefined && recipient > hints.length) {
    throw new UsageError(
      `--recipient ${recipient}: this secret names ${hints.length} ${hints.length === 1 ? 'address' : 'addresses'}:\n${listed}`,
    );
  }
  let chosen: number | null = recipient ?? null;
  if (chosen === null) {
    ctx.stderr.write(
      `This secret opens only for a verified recipient. A 6-digit code is mailed to the address you pick:\n${listed}\n`,
    );
    chosen = await askRecipient(ctx, hints.length);
    if (chosen === null) {
      ctx.stderr.write(
        'burnlink: no terminal to ask on: give --recipient N to have the code mailed to the Nth address, then run again with --verification-code CODE (nothing was consumed)\n',
      );
      return EXIT.VERIFICATION;
    }
  }
  const sent = await client.requestVerificationCode(link, chosen - 1, mailLanguage(ctx.env));
  if (!sent.ok) return refused(ctx, sent);
  ctx.stderr.write(
    `A code was sent to ${visible(sent.sentTo)}; it works until ${localTime(sent.expiresAt, ctx)} for ${sent.tries} tries.\n`,
  );
  const code = await askCode(ctx);
  if (code === null) {
    ctx.stderr.write(
      'burnlink: no terminal to ask on: run again with --verification-code CODE and the code from the mail (nothing was consumed)\n',
    );
    return EXIT.VERIFICATION;
  }
  return { code, prompted: true };
}

/** The chosen address's number (1 = first); null without a terminal. Asks again after a bad answer. */
async function askRecipient(ctx: CliContext, count: number): Promise<number | null> {
  for (;;) {
    const answer = await ctx.promptLine(
      count === 1 ? cliText(ctx).t('promptSendCode') : cliText(ctx).t('promptAddress', { count }),
    );
    if (answer === null) return null;
    const text = answer.trim() === '' && count === 1 ? '1' : answer.trim();
    const n = Number(text);
    if (/^\d+$/.test(text) && n >= 1 && n <= count) return n;
    ctx.stderr.write(`burnlink: answer with a number from 1 to ${count} (Ctrl-C to stop)\n`);
  }
}

/** The 6-digit code typed on the terminal; null without one. Asks again after a malformed answer. */
async function askCode(ctx: CliContext): Promise<string | null> {
  for (;;) {
    const answer = await ctx.promptLine(cliText(ctx).t('promptCode'));
    if (answer === null) return null;
    const code = answer.replace(/\s/g, '');
    if (/^\d{6}$/.test(code)) return code;
    ctx.stderr.write('burnlink: the code is the 6 digits from the mail (Ctrl-C to stop)\n');
  }
}

/** A failure on stderr; a refusal by office hours names the next opening in local time. */
function refused(ctx: CliContext, failure: Failure): number {
  if (
    failure.reason === 'restricted' &&
    failure.code === 'outside_office_hours' &&
    failure.opensAt !== null
  ) {
    ctx.stderr.write(
      `burnlink: this secret opens only during office hours; it opens next on ${localTime(failure.opensAt, ctx)} (${formatRelative(failure.opensAt, ctx.now())}). Nothing was consumed.\n`,
    );
    return EXIT.RESTRICTED;
  }
  return failed(ctx, failure);
}

/** `Mon 7 Dec 2026, 08:00 CET`: in this computer's time zone (`TZ`). */
export function localTime(iso: string, ctx: CliContext): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  };
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const zone = ctx.env.TZ;
    return new Intl.DateTimeFormat('en-GB', zone ? { ...options, timeZone: zone } : options)
      .format(date)
      .replace(/^(\w+),/, '$1');
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(date).replace(/^(\w+),/, '$1');
  }
}

function printJson(result: RevealedSecret, saved: SavedFile[], ctx: CliContext): void {
  const { payload, viewsLeft } = result;
  writeJson(ctx, {
    text: payload.text,
    context: payload.context ?? {},
    files: (payload.files ?? []).map((file, i) => ({ ...file, path: saved[i]?.path ?? null })),
    views_left: viewsLeft,
  });
}

/**
 * Context on stderr, always made visible (it is never the point of a pipe); the text on stdout, byte-exact
 * off a terminal (a pipe or file must get what was sent), made visible on one unless `raw`.
 */
function printText(result: RevealedSecret, ctx: CliContext, raw: boolean): void {
  const { payload } = result;
  for (const field of CONTEXT_FIELDS) {
    const value = payload.context?.[field];
    if (value) ctx.stderr.write(`${field}: ${visible(value)}\n`);
  }
  const text = payload.text;
  if (text === '' && result.files.length > 0) return; // files only
  if (!ctx.stdout.isTTY) {
    ctx.stdout.write(text);
    return;
  }
  const shown = raw ? text : visibleText(text);
  ctx.stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`);
}

function printViewsLeft(result: RevealedSecret, ctx: CliContext): void {
  const { viewsLeft } = result;
  if (ctx.stderr.isTTY) {
    const note =
      viewsLeft === 0
        ? 'this secret is now gone from the server'
        : `${viewsLeft} ${viewsLeft === 1 ? 'view' : 'views'} left`;
    ctx.stderr.write(`(${note})\n`);
  }
}

/**
 * The verification mail's language from the POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `nl_NL.UTF-8` →
 * `nl-NL`); none for `C`/`POSIX` or unset, and the server writes English.
 */
export function mailLanguage(env: Record<string, string | undefined>): { language?: string } {
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const match = /^([a-z]{2,3})(?:_([A-Z]{2}))?/.exec(posix);
  if (match === null || posix === 'C' || posix.startsWith('C.') || posix === 'POSIX') return {};
  return { language: match[2] ? `${match[1]}-${match[2]}` : (match[1] as string) };
}
