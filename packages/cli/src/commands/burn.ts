import { createClient } from '@burnlink/client';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { DEFAULT_SERVER, resolveServer } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { failed } from './output.js';

export const BURN_HELP = `Usage: burnlink burn RECEIPT_LINK [options]

Destroys a secret you sent, now: its link stops working. Succeeds also when the secret was already viewed,
burned or expired (the receipt tells which: burnlink status RECEIPT_LINK).

Options:
  --server URL           for a bare receipt (default: BURNLINK_URL, else ${DEFAULT_SERVER})
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
  if (positionals.length !== 1)
    throw new UsageError('give exactly one RECEIPT_LINK (see: burnlink burn --help)');
  const client = createClient({ baseUrl: resolveServer(values.server, ctx), fetch: ctx.fetch });
  const result = await client.burn(positionals[0]!);
  if (!result.ok) return failed(ctx, result);
  ctx.stderr.write('Burned: the link no longer works.\n');
  return EXIT.OK;
}
