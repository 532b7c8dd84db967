import { TTL_CHOICES_SECONDS, TTL_MAX_SECONDS, TTL_MIN_SECONDS } from '@burnlink/core';
import { connect } from '../api-key.js';
import type { CliContext } from '../cli-context.js';
import { checkTtl, formatRelative, parseTtl } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { DEFAULT_SERVER, stripOneNewline } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { failed, writeJson } from './output.js';

export const REQUEST_HELP = `Usage: burnlink request [DESCRIPTION] [options]

Asks someone for a secret. Prints the request link on stdout: send it to whoever should answer. The inbox
link goes to stderr with the receipt link and the expiry: keep the inbox link to yourself, it is the only way
to read the answer (burnlink get INBOX_LINK). Everything is encrypted on this machine: the server sees
neither the description nor the answer, and the keys sit in the links' #fragments.

The description comes from DESCRIPTION, else from stdin (one trailing line break removed). The request takes
one answer; the answer is read once and then burns.

Options:
  --ttl DURATION           how long the request waits for an answer, such as 1h, 2d or 1w (default: the
                           server's, usually 1d)
  --response-ttl DURATION  how long the answer then waits to be read (default: the server's)
  --server URL             the burnlink server (default: BURNLINK_URL, else the server of burnlink login,
                           else ${DEFAULT_SERVER})
  --json                   print {request_link, inbox_link, receipt_link, id, receipt, expires_at} as JSON
  -h, --help               show this help

Examples:
  burnlink request 'The staging database password, please'
  burnlink request --ttl 2d --json 'API key for the billing export' > request.json
  burnlink get "$(jq -r .inbox_link request.json)"
`;

const OPTIONS = {
  ...HELP_OPTION,
  ttl: { type: 'string' },
  'response-ttl': { type: 'string' },
  server: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const CORE_TTL_BOUNDS = { min: TTL_MIN_SECONDS, max: TTL_MAX_SECONDS, choices: TTL_CHOICES_SECONDS };

/** `burnlink request`: see REQUEST_HELP. */
export async function request(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('request', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(REQUEST_HELP);
    return EXIT.OK;
  }
  if (positionals.length > 1)
    throw new UsageError('give the description as one argument (quote it), or on stdin');
  // Malformed durations fail before stdin is read or the server is asked; the range needs the server's config.
  if (values.ttl !== undefined) parseTtl(values.ttl, CORE_TTL_BOUNDS);
  const responseTtlText = values['response-ttl'];
  if (responseTtlText !== undefined) parseTtl(responseTtlText, CORE_TTL_BOUNDS, '--response-ttl');
  const description = positionals[0] ?? (ctx.stdinIsTTY ? '' : stripOneNewline(await ctx.readStdin()));
  if (description.trim() === '') {
    throw new UsageError('describe what you need: give DESCRIPTION (quoted) or pipe it on stdin');
  }

  const { client } = await connect(values.server, ctx);
  let ttl: number | undefined;
  let responseTtl: number | undefined;
  if (values.ttl !== undefined || responseTtlText !== undefined) {
    const config = await client.config();
    if (!config.ok) return failed(ctx, config);
    if (values.ttl !== undefined) ttl = checkTtl(values.ttl, config.ttl);
    if (responseTtlText !== undefined) responseTtl = checkTtl(responseTtlText, config.ttl, '--response-ttl');
  }
  const made = await client.createRequest({
    description,
    ...(ttl === undefined ? {} : { ttl }),
    ...(responseTtl === undefined ? {} : { responseTtl }),
  });
  if (!made.ok) return failed(ctx, made);

  if (values.json) {
    writeJson(ctx, {
      request_link: made.requestLink,
      inbox_link: made.inboxLink,
      receipt_link: made.receiptLink,
      id: made.id,
      receipt: made.receipt,
      expires_at: made.expiresAt,
    });
    return EXIT.OK;
  }
  ctx.stdout.write(`${made.requestLink}\n`);
  ctx.stderr.write(`Inbox (keep it to yourself; read the answer with burnlink get): ${made.inboxLink}\n`);
  ctx.stderr.write(`Receipt: ${made.receiptLink}\n`);
  ctx.stderr.write(`Expires: ${made.expiresAt} (${formatRelative(made.expiresAt, ctx.now())})\n`);
  return EXIT.OK;
}
