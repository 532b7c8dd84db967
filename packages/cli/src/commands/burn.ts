import { type Failure, normalizeBaseUrl } from '@burnlink/client';
import { isValidId, parseSecretLink } from '@burnlink/core';
import { connect, noKeyMessage } from '../api-key.js';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { cliText } from '../i18n/catalogue.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { DEFAULT_SERVER } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { failed } from './output.js';

export const BURN_HELP = `Usage: burnlink burn RECEIPT_LINK | SECRET_LINK | ID [options]

Destroys a secret now: its link stops working. Succeeds also when the secret was already viewed, burned or
expired (burnlink status RECEIPT_LINK tells which).

  RECEIPT_LINK   the receipt link printed by send (or the bare receipt): works for anyone who has it
  SECRET_LINK    the secret's link, or its ID (from burnlink list): needs an API key with secrets:burn over
                 that secret (BURNLINK_API_KEY or burnlink login); the link's key is never sent
A bare 22-character value is tried as a receipt, then (with a key) as a secret ID.

Options:
  --server URL           the server (default: BURNLINK_URL, else the server of burnlink login, else
                         ${DEFAULT_SERVER}); a full link names its own
  -h, --help             show this help
`;

const OPTIONS = { ...HELP_OPTION, server: { type: 'string' } } as const;

/** `burnlink burn`: see BURN_HELP. */
export async function burn(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('burn', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(BURN_HELP);
    return EXIT.OK;
  }
  if (positionals.length !== 1) {
    throw new UsageError('give exactly one RECEIPT_LINK, SECRET_LINK or ID (see: burnlink burn --help)');
  }
  const given = positionals[0]!.trim();
  const conn = await connect(values.server, ctx);
  const secretLink = /\/s\/[^/]+\/?#/.test(given) ? secretLinkTarget(given, conn.server) : null;
  if (secretLink !== null) {
    if (conn.apiKey === null) {
      ctx.stderr.write(noKeyMessage('burn SECRET_LINK', conn.server));
      ctx.stderr.write('burnlink: without a key, burn with the receipt link that send printed\n');
      return EXIT.NOT_AUTHENTICATED;
    }
    return report(ctx, await conn.client.burnSecret(secretLink));
  }
  const byReceipt = await conn.client.burn(given);
  // A bare value that is no receipt may be a secret id. Tried in this order so that a receipt never travels
  // in a secret's path (the server keeps receipts out of its logs, not ids).
  if (!byReceipt.ok && byReceipt.reason === 'not_found' && isValidId(given) && conn.apiKey !== null) {
    return report(ctx, await conn.client.burnSecret(given));
  }
  return report(ctx, byReceipt);
}

function report(ctx: CliContext, result: { ok: true } | Failure): number {
  if (!result.ok) return failed(ctx, result);
  ctx.stderr.write(`${cliText(ctx).t('burned')}\n`);
  return EXIT.OK;
}

/** The id of a secret link, which must name the server the key belongs to. Never echoes the link. */
function secretLinkTarget(link: string, server: string): string {
  let parsed: { origin: string; id: string };
  try {
    parsed = parseSecretLink(link);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (normalizeBaseUrl(parsed.origin) !== server) {
    throw new UsageError(
      `the link is from ${new URL(parsed.origin).origin}, not ${server}: give --server with its server, or burn with the receipt link`,
    );
  }
  return parsed.id;
}
