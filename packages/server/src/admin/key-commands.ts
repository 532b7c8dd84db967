import { DurationError, formatDuration, parseDuration } from '@burnlink/core';
import type { ApiKey } from '../accounts/accounts-types.js';
import { isScope, SCOPES, type Scope } from '../accounts/roles.js';
import { newApiKey, parseApiKey } from '../auth/api-key-format.js';
import type { LifecycleEvent } from '../service/events.js';
import {
  ADMIN_EXIT,
  type AdminContext,
  AdminRefusal,
  AdminUsageError,
  adminEvents,
  findOrg,
  HELP_OPTION,
  isoTime,
  parseAdminArgs,
  required,
  table,
} from './admin-context.js';

const YEAR_MS = 365 * 86_400_000;
const NAME_MAX = 100;

export const CREATE_KEY_HELP = `Usage: burnlink admin create-key --org ORG --name NAME --scopes SCOPE,... [--expires DURATION]

Creates an API key of the organisation and prints it on stdout, once: the server keeps only its SHA-256.
The key belongs to no person and acts with its scopes over the whole organisation. Use it as
BURNLINK_API_KEY, or send it as \`Authorization: Bearer bl_…\`.

Options:
  --org ORG              the organisation's id or name
  --name NAME            what the key is for, shown in lists
  --scopes LIST          comma-separated: ${SCOPES.join(', ')}
  --expires DURATION     lifetime such as 30d, 12w or 90d (default 1 year, at most BURNLINK_API_KEY_MAX_LIFETIME)
  --json                 print {id, key, name, scopes, created_at, expires_at} as JSON
  -h, --help             show this help
`;

export const LIST_KEYS_HELP = `Usage: burnlink admin list-keys --org ORG [--json]

Lists the organisation's API keys, newest first: id, name, scopes, times and state (active, expired,
revoked). Keys are never shown: the server does not have them.

Options:
  --org ORG              the organisation's id or name
  --json                 print a JSON array
  -h, --help             show this help
`;

export const REVOKE_KEY_HELP = `Usage: burnlink admin revoke-key ID

Revokes an API key now: requests with it get 401 invalid_api_key. ID is the key id from list-keys (the whole
key is accepted too). Revoking a key that is already revoked changes nothing.

Options:
  -h, --help             show this help
`;

/** `burnlink admin create-key`: see CREATE_KEY_HELP. */
export async function createKey(args: string[], ctx: AdminContext): Promise<number> {
  const { values, positionals } = parseAdminArgs('create-key', args, {
    ...HELP_OPTION,
    org: { type: 'string' },
    name: { type: 'string' },
    scopes: { type: 'string' },
    expires: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    ctx.io.stdout.write(CREATE_KEY_HELP);
    return ADMIN_EXIT.OK;
  }
  if (positionals.length > 0) {
    throw new AdminUsageError('create-key takes options only (see: burnlink admin create-key --help)');
  }
  const name = required(values.name, '--name', 'create-key');
  if (name.length > NAME_MAX || /\p{Cc}/u.test(name)) {
    throw new AdminUsageError(`--name must be 1 to ${NAME_MAX} characters without control characters`);
  }
  const scopes = parseScopes(required(values.scopes, '--scopes', 'create-key'));
  const maxMs = ctx.config.accounts.apiKeyMaxLifetimeMs;
  const lifetimeMs =
    values.expires === undefined ? Math.min(YEAR_MS, maxMs) : parseExpiry(values.expires, maxMs);
  const org = await findOrg(ctx.accounts, required(values.org, '--org', 'create-key'));

  const made = newApiKey();
  const now = ctx.now();
  const record: ApiKey = {
    id: made.id,
    orgId: org.id,
    createdBy: null,
    name,
    scopes,
    hash: made.hash,
    createdAt: now,
    expiresAt: now + lifetimeMs,
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.accounts.createKey(record);
  await recordAsSystem(ctx, { type: 'key.created', at: now, orgId: org.id, keyId: made.id, scopes });
  if (values.json) {
    ctx.io.stdout.write(
      `${JSON.stringify({
        id: made.id,
        key: made.key,
        name,
        org_id: org.id,
        scopes,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(record.expiresAt).toISOString(),
      })}\n`,
    );
  } else {
    ctx.io.stdout.write(`${made.key}\n`);
  }
  ctx.io.stderr.write(
    `Created key ${made.id} "${name}" of "${org.name}" with ${scopes.join(', ')}, until ${isoTime(record.expiresAt)}.\n` +
      'It is shown once, here: store it now (e.g. as BURNLINK_API_KEY). The server keeps only its hash.\n',
  );
  return ADMIN_EXIT.OK;
}

/** `burnlink admin list-keys`: see LIST_KEYS_HELP. */
export async function listKeys(args: string[], ctx: AdminContext): Promise<number> {
  const { values, positionals } = parseAdminArgs('list-keys', args, {
    ...HELP_OPTION,
    org: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    ctx.io.stdout.write(LIST_KEYS_HELP);
    return ADMIN_EXIT.OK;
  }
  if (positionals.length > 0) {
    throw new AdminUsageError('list-keys takes options only (see: burnlink admin list-keys --help)');
  }
  const org = await findOrg(ctx.accounts, required(values.org, '--org', 'list-keys'));
  const keys = await ctx.accounts.listKeys(org.id);
  const now = ctx.now();
  if (values.json) {
    const rows = keys.map((key) => ({
      id: key.id,
      name: key.name,
      scopes: key.scopes,
      created_by: key.createdBy,
      created_at: new Date(key.createdAt).toISOString(),
      expires_at: new Date(key.expiresAt).toISOString(),
      last_used_at: key.lastUsedAt === null ? null : new Date(key.lastUsedAt).toISOString(),
      revoked_at: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
      state: keyState(key, now),
    }));
    ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return ADMIN_EXIT.OK;
  }
  if (keys.length === 0) {
    ctx.io.stderr.write(`"${org.name}" has no API keys.\n`);
    return ADMIN_EXIT.OK;
  }
  ctx.io.stdout.write(
    table(
      ['ID', 'NAME', 'SCOPES', 'CREATED', 'EXPIRES', 'LAST USED', 'STATE'],
      keys.map((key) => [
        key.id,
        key.name,
        key.scopes.join(','),
        isoTime(key.createdAt),
        isoTime(key.expiresAt),
        isoTime(key.lastUsedAt),
        keyState(key, now),
      ]),
    ),
  );
  return ADMIN_EXIT.OK;
}

/** `burnlink admin revoke-key`: see REVOKE_KEY_HELP. */
export async function revokeKey(args: string[], ctx: AdminContext): Promise<number> {
  const { values, positionals } = parseAdminArgs('revoke-key', args, HELP_OPTION);
  if (values.help) {
    ctx.io.stdout.write(REVOKE_KEY_HELP);
    return ADMIN_EXIT.OK;
  }
  if (positionals.length !== 1) {
    throw new AdminUsageError('give exactly one key ID (see: burnlink admin revoke-key --help)');
  }
  const given = positionals[0]!.trim();
  // A pasted whole key stands for its id; only the id is ever echoed.
  const id = parseApiKey(given)?.id ?? given;
  const key = /^[A-Za-z0-9_-]{16}$/.test(id) ? await ctx.accounts.getKey(id) : null;
  if (key === null) {
    const shown = /^[A-Za-z0-9_-]{1,40}$/.test(id) ? ` ${id}` : '';
    throw new AdminRefusal(`no API key${shown} (see: burnlink admin list-keys --org ORG)`);
  }
  if (key.revokedAt !== null || !(await ctx.accounts.revokeKey(id, ctx.now()))) {
    ctx.io.stderr.write(`Key ${id} "${key.name}" was already revoked.\n`);
    return ADMIN_EXIT.OK;
  }
  await recordAsSystem(ctx, { type: 'key.revoked', at: ctx.now(), orgId: key.orgId, keyId: id });
  ctx.io.stderr.write(`Revoked key ${id} "${key.name}": it no longer works.\n`);
  return ADMIN_EXIT.OK;
}

function parseScopes(text: string): Scope[] {
  const names = [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
  const unknown = names.filter((name) => !isScope(name));
  if (names.length === 0 || unknown.length > 0) {
    const what = unknown.length > 0 ? `unknown scope "${unknown[0]}"` : '--scopes is empty';
    throw new AdminUsageError(`${what}: --scopes takes a comma-separated list of ${SCOPES.join(', ')}`);
  }
  // In the catalogue's order, whatever the order given.
  return SCOPES.filter((scope) => names.includes(scope));
}

function parseExpiry(text: string, maxMs: number): number {
  let ms: number;
  try {
    ms = parseDuration(text, { bareNumber: 'refused' });
  } catch (error) {
    if (error instanceof DurationError) throw new AdminUsageError(`--expires: ${error.message}`);
    throw error;
  }
  if (ms < 60_000 || ms > maxMs) {
    throw new AdminUsageError(
      `--expires must be from 1m to ${formatDuration(maxMs)} (BURNLINK_API_KEY_MAX_LIFETIME); got "${text}"`,
    );
  }
  return ms;
}

function keyState(key: ApiKey, now: number): 'active' | 'expired' | 'revoked' {
  if (key.revokedAt !== null) return 'revoked';
  return key.expiresAt <= now ? 'expired' : 'active';
}

/** Puts one event of `burnlink admin` into the audit trail (actor `system`). */
async function recordAsSystem(ctx: AdminContext, event: LifecycleEvent): Promise<void> {
  const { events, flush } = adminEvents(ctx);
  events.emit(event);
  await flush();
}
