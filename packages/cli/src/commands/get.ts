import { createClient, normalizeBaseUrl, type RevealedSecret } from '@burnlink/client';
import { CONTEXT_FIELDS, parseSecretLink } from '@burnlink/core';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { passphraseFromFileOrEnv } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { visible, visibleText } from '../visible.js';
import { prepareOutput, type SavedFile, saveFiles } from './get-files.js';
import { failed, writeJson } from './output.js';

export const GET_HELP = `Usage: burnlink get LINK [options]

Opens a one-time link: prints the secret text on stdout and its context (label, username, …) on stderr.
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

Options:
  -o, --output DIR       save the secret's files into DIR (created if missing)
  --passphrase-file F    read the passphrase from file F (one trailing line break removed)
  --json                 print {text, context, files, views_left} as JSON on stdout (files with their path)
  --raw                  on a terminal too, print the text exactly as sent (control characters included)
  -h, --help             show this help

Examples:
  burnlink get 'https://burn.example.com/s/ID#KEY'
  burnlink get --json "$LINK" | jq -r .text
  burnlink get --output ~/Downloads "$LINK"
`;

const OPTIONS = {
  ...HELP_OPTION,
  'passphrase-file': { type: 'string' },
  json: { type: 'boolean' },
  raw: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
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
  let origin: string;
  try {
    origin = parseSecretLink(link).origin;
  } catch (error) {
    const detail = error instanceof Error && error.name === 'LinkError' ? error.message : 'malformed link';
    throw new UsageError(detail);
  }
  const client = createClient({ baseUrl: normalizeBaseUrl(origin) ?? origin, fetch: ctx.fetch });
  const output = values.output;
  if (output === '') throw new UsageError('--output needs a directory');

  // Files need somewhere to go: find out before claiming, so that nothing is consumed on a usage error.
  const info = await client.peek(link);
  if (!info.ok) return failed(ctx, info);
  if (info.files > 0 && output === undefined) {
    const count = info.files === 1 ? 'a file' : `${info.files} files`;
    throw new UsageError(`this secret has ${count}: give --output DIR to save them (nothing was consumed)`);
  }
  if (info.files > 0 && output !== undefined) await prepareOutput(output);

  const given = await passphraseFromFileOrEnv(values['passphrase-file'], ctx);
  let prompted = false;
  const passphrase = async () => {
    if (given !== undefined) return given;
    prompted = true;
    return ctx.promptHidden('Passphrase: ');
  };

  let result = await client.reveal(link, { passphrase });
  // On a terminal, a mistyped passphrase may be retried; every try counts towards the lock.
  while (!result.ok && result.reason === 'wrong_passphrase' && prompted) {
    ctx.stderr.write(`burnlink: ${visible(result.message)}\n`);
    result = await client.reveal(link, { passphrase });
  }
  if (!result.ok) {
    if (result.reason === 'passphrase_required') {
      ctx.stderr.write(
        'burnlink: this secret needs a passphrase: run in a terminal, set BURNLINK_PASSPHRASE or use --passphrase-file FILE (nothing was consumed)\n',
      );
      return EXIT.PASSPHRASE_REQUIRED;
    }
    return failed(ctx, result);
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
