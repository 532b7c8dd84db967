import { createClient, normalizeBaseUrl, type RevealedSecret } from '@burnlink/client';
import { CONTEXT_FIELDS, parseSecretLink } from '@burnlink/core';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { passphraseFromFileOrEnv } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { failed, writeJson } from './output.js';

export const GET_HELP = `Usage: burnlink get LINK [options]

Opens a one-time link: prints the secret text on stdout exactly as it was sent (a line break is added only
when stdout is a terminal) and its context (label, username, …) on stderr. Opening uses one view; a secret
with one view is gone afterwards. The server is the one named in the link.

When the secret has a passphrase, it is taken from --passphrase-file, else BURNLINK_PASSPHRASE, else asked
on the terminal (hidden). Without any of them: exit code 9, and the secret is not consumed.

Options:
  --passphrase-file F    read the passphrase from file F (one trailing line break removed)
  --json                 print {text, context, files, views_left} as JSON on stdout
  -h, --help             show this help

Examples:
  burnlink get 'https://burn.example.com/s/ID#KEY'
  burnlink get --json "$LINK" | jq -r .text
`;

const OPTIONS = {
  ...HELP_OPTION,
  'passphrase-file': { type: 'string' },
  json: { type: 'boolean' },
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
    ctx.stderr.write(`burnlink: ${result.message}\n`);
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
  print(result, values.json === true, ctx);
  return EXIT.OK;
}

function print(result: RevealedSecret, json: boolean, ctx: CliContext): void {
  const { payload, viewsLeft } = result;
  if (json) {
    writeJson(ctx, {
      text: payload.text,
      context: payload.context ?? {},
      files: payload.files ?? [],
      views_left: viewsLeft,
    });
    return;
  }
  for (const field of CONTEXT_FIELDS) {
    const value = payload.context?.[field];
    if (value) ctx.stderr.write(`${field}: ${value}\n`);
  }
  const text = payload.text;
  ctx.stdout.write(ctx.stdout.isTTY && !text.endsWith('\n') ? `${text}\n` : text);
  if (ctx.stderr.isTTY) {
    const note =
      viewsLeft === 0
        ? 'this secret is now gone from the server'
        : `${viewsLeft} ${viewsLeft === 1 ? 'view' : 'views'} left`;
    ctx.stderr.write(`(${note})\n`);
  }
}
