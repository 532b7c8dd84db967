import { AccountsService } from '../accounts/accounts-service.js';
import { isRole, ROLES } from '../accounts/roles.js';
import { MemoryBlobStore } from '../blobs/memory-blob-store.js';
import { SERVER_DERIVATIONS } from '../server-envelope.js';
import { KdfPool } from '../service/kdf-pool.js';
import { createService } from '../service/service.js';
import {
  ADMIN_EXIT,
  type AdminContext,
  AdminUsageError,
  adminEvents,
  findOrg,
  HELP_OPTION,
  isoTime,
  parseAdminArgs,
  required,
} from './admin-context.js';

export const INVITE_HELP = `Usage: burnlink admin invite EMAIL --org ORG --role ROLE

Invites someone to an organisation and prints the invitation as a one-time burnlink link: opened once, it
shows the personal join link (ORIGIN/join#…), where they register a passkey or sign in. Send the
printed link to EMAIL; it stops working after one view, and the invitation after BURNLINK_INVITE_LIFETIME.

Links start with BURNLINK_PUBLIC_URL (set it to the address people use), else http://HOST:PORT.
Needs the stores the server uses (sqlite: or postgres://…); a memory: store cannot be reached from here.

Options:
  --org ORG              the organisation's id or name
  --role ROLE            ${ROLES.join(', ')}
  -h, --help             show this help
`;

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/** `burnlink admin invite`: see INVITE_HELP. */
export async function invite(args: string[], ctx: AdminContext): Promise<number> {
  const { values, positionals } = parseAdminArgs('invite', args, {
    ...HELP_OPTION,
    org: { type: 'string' },
    role: { type: 'string' },
  });
  if (values.help) {
    ctx.io.stdout.write(INVITE_HELP);
    return ADMIN_EXIT.OK;
  }
  if (positionals.length !== 1) {
    throw new AdminUsageError('give exactly one EMAIL (see: burnlink admin invite --help)');
  }
  const email = positionals[0]!.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new AdminUsageError(`"${positionals[0]}" is not an email address`);
  }
  const role = required(values.role, '--role', 'invite');
  if (!isRole(role)) throw new AdminUsageError(`--role must be one of ${ROLES.join(', ')}; got "${role}"`);
  const org = await findOrg(ctx.accounts, required(values.org, '--org', 'invite'));
  const store = await ctx.secrets();
  const origin = linkOrigin(ctx);

  const now = ctx.now();
  // Only the audit trail listens in this process (the running server's subscribers see what it does itself).
  const { events, flush } = adminEvents(ctx);
  const service = createService({
    config: ctx.config,
    store,
    // A text secret has no bytes besides its record.
    blobs: new MemoryBlobStore(),
    now: ctx.now,
    events,
    warn: () => {},
    kdfPool: new KdfPool({ concurrency: 1, queue: 0 }),
    derivations: SERVER_DERIVATIONS,
    diskSpace: null,
    // An invitation's secret has no restrictions.
    geoip: null,
    mailer: null,
  });
  const accounts = new AccountsService({
    store: ctx.accounts,
    secrets: service.secrets,
    config: ctx.config,
    now: ctx.now,
    events,
  });
  const { invite: record, link } = await accounts.createInvite(null, { orgId: org.id, email, role }, origin);
  await flush();
  const linkEnds = now + Math.min(ctx.config.accounts.inviteLifetimeMs, ctx.config.ttl.maxSeconds * 1000);
  ctx.io.stdout.write(`${link}\n`);
  ctx.io.stderr.write(
    `Invitation for ${email} to join "${org.name}" as ${role}.\n` +
      `Send them the link above: it opens once, until ${isoTime(linkEnds)}; ` +
      `the invitation itself ends at ${isoTime(record.expiresAt)}.\n`,
  );
  return ADMIN_EXIT.OK;
}

/** BURNLINK_PUBLIC_URL, else the address the server listens on (with a warning: it may not be reachable). */
function linkOrigin(ctx: AdminContext): string {
  const { publicUrl, host, port } = ctx.config;
  if (publicUrl !== null) return publicUrl.replace(/\/+$/, '');
  const shown = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shown}:${port}`;
  ctx.io.stderr.write(
    `burnlink admin: warning: BURNLINK_PUBLIC_URL is not set; the link starts with ${origin}, which may not be the address people reach the server at\n`,
  );
  return origin;
}
