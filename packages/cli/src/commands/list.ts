import type { ListSecretsOptions, OwnedSecret } from '@burnlink/client';
import { connect, noKeyMessage } from '../api-key.js';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { cliText } from '../i18n/catalogue.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { DEFAULT_SERVER } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { visible } from '../visible.js';
import { failed, writeJson } from './output.js';

export const LIST_HELP = `Usage: burnlink list [--scope own|team|org] [--state STATE] [--limit N] [--json]

Lists secrets of your organisation, newest first: id, state, times, views, who sent them and for which team.
Metadata only: never a link, receipt or content. Needs an API key with secrets:list (BURNLINK_API_KEY, or
burnlink login). Burn one with: burnlink burn ID.

Options:
  --scope SCOPE          own (default): sent with this key (or by its person); team: your teams' secrets;
                         org: every secret of the organisation (owners, admins and auditors)
  --state STATE          only pending, viewed, burned, expired or locked secrets
  --limit N              at most N secrets, 1–1000 (default 50)
  --json                 print a JSON array on stdout
  --server URL           the server (default: BURNLINK_URL, else the server of burnlink login, else
                         ${DEFAULT_SERVER})
  -h, --help             show this help
`;

const OPTIONS = {
  ...HELP_OPTION,
  scope: { type: 'string' },
  state: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  server: { type: 'string' },
} as const;

const SCOPES = ['own', 'team', 'org'] as const;
const STATES: readonly string[] = ['pending', 'viewed', 'burned', 'expired', 'locked'];

/** `burnlink list`: see LIST_HELP. */
export async function list(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('list', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(LIST_HELP);
    return EXIT.OK;
  }
  if (positionals.length > 0) throw new UsageError('list takes options only (see: burnlink list --help)');
  const scope = values.scope ?? 'own';
  if (!(SCOPES as readonly string[]).includes(scope)) {
    throw new UsageError(`--scope must be own, team or org; got "${scope}"`);
  }
  if (values.state !== undefined && !STATES.includes(values.state)) {
    throw new UsageError(`--state must be one of ${STATES.join(', ')}; got "${values.state}"`);
  }
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!/^\d+$/.test(values.limit ?? '50') || limit < 1 || limit > 1000) {
    throw new UsageError(`--limit must be a whole number from 1 to 1000; got "${values.limit}"`);
  }
  const conn = await connect(values.server, ctx);
  if (conn.apiKey === null) {
    ctx.stderr.write(noKeyMessage('list', conn.server));
    return EXIT.NOT_AUTHENTICATED;
  }
  const secrets: OwnedSecret[] = [];
  let cursor: string | undefined;
  do {
    const page = await conn.client.listSecrets({
      scope: scope as (typeof SCOPES)[number],
      ...(values.state === undefined ? {} : { state: values.state as ListSecretsOptions['state'] }),
      ...(cursor === undefined ? {} : { cursor }),
      // Pages of the server's default size; --limit is applied here.
    });
    if (!page.ok) return failed(ctx, page);
    secrets.push(...page.secrets.slice(0, limit - secrets.length));
    cursor = page.next ?? undefined;
  } while (cursor !== undefined && secrets.length < limit);

  if (values.json) {
    writeJson(ctx, secrets.map(toJson));
    return EXIT.OK;
  }
  if (secrets.length === 0) {
    ctx.stderr.write(`${cliText(ctx).t('noSecrets')}\n`);
    return EXIT.OK;
  }
  ctx.stdout.write(
    table(
      ['ID', 'STATE', 'CREATED', 'EXPIRES', 'VIEWS', 'BY', 'TEAM'],
      secrets.map((s) => [
        s.id,
        s.state,
        time(s.createdAt),
        time(s.expiresAt),
        s.maxViews === null || s.viewsLeft === null ? '-' : `${s.maxViews - s.viewsLeft}/${s.maxViews}`,
        s.creator?.email ?? (s.key === null ? '-' : `key ${s.key.name}`),
        s.team?.name ?? '-',
      ]),
    ),
  );
  return EXIT.OK;
}

function toJson(s: OwnedSecret) {
  return {
    id: s.id,
    state: s.state,
    created_at: s.createdAt,
    expires_at: s.expiresAt,
    max_views: s.maxViews,
    views_left: s.viewsLeft,
    creator: s.creator,
    key: s.key,
    team: s.team,
  };
}

/** ISO 8601 to the second. */
function time(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

/** Columns separated by two spaces; every cell made visible (names come from other people). */
function table(header: string[], rows: string[][]): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => visible(cell)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return `${cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
