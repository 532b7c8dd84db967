import type { ReceiptStatus } from '@burnlink/client';
import { connect } from '../api-key.js';
import type { CliContext } from '../cli-context.js';
import { formatRelative } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { DEFAULT_SERVER } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { failed, writeJson } from './output.js';

export const STATUS_HELP = `Usage: burnlink status RECEIPT_LINK [options]

Shows what happened to a secret you sent: its state (pending, viewed, burned, expired, locked), expiry,
views and when they happened, and wrong passphrase attempts. Never consumes the secret.
RECEIPT_LINK is the receipt link printed by send (its server is used), or the bare receipt (with --server).

Options:
  --server URL           for a bare receipt (default: BURNLINK_URL, else the server of burnlink login,
                         else ${DEFAULT_SERVER})
  --json                 print the receipt as JSON on stdout
  -h, --help             show this help
`;

const OPTIONS = { ...HELP_OPTION, server: { type: 'string' }, json: { type: 'boolean' } } as const;

/** `burnlink status`: see STATUS_HELP. */
export async function status(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('status', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(STATUS_HELP);
    return EXIT.OK;
  }
  if (positionals.length !== 1)
    throw new UsageError('give exactly one RECEIPT_LINK (see: burnlink status --help)');
  const { client } = await connect(values.server, ctx);
  const receipt = await client.receipt(positionals[0]!);
  if (!receipt.ok) return failed(ctx, receipt);
  if (values.json) writeJson(ctx, toJson(receipt));
  else ctx.stdout.write(describe(receipt, ctx.now()));
  return EXIT.OK;
}

function toJson(r: ReceiptStatus) {
  return {
    state: r.state,
    created_at: r.createdAt,
    expires_at: r.expiresAt,
    ended_at: r.endedAt,
    max_views: r.maxViews,
    views_left: r.viewsLeft,
    viewed_at: r.viewedAt,
    passphrase: r.passphrase,
    failed_attempts: r.failedAttempts,
    max_attempts: r.maxAttempts,
  };
}

function describe(r: ReceiptStatus, now: number): string {
  const lines = [
    ['State', r.state],
    ['Created', r.createdAt],
    ['Expires', `${r.expiresAt} (${formatRelative(r.expiresAt, now)})`],
    ['Views', `${r.maxViews - r.viewsLeft} of ${r.maxViews} used`],
    ...r.viewedAt.map((at) => ['Viewed', at]),
    ['Passphrase', r.passphrase ? `yes, ${r.failedAttempts} of ${r.maxAttempts} wrong attempts` : 'no'],
  ];
  if (r.endedAt) lines.push(['Ended', r.endedAt]);
  return lines.map(([k, v]) => `${`${k}:`.padEnd(12)}${v}\n`).join('');
}
