import { formatSecretLink, sealSecret } from '@burnlink/core';
import type { Invite, Org } from '../accounts/accounts-types.js';
import { isRole, ROLES } from '../accounts/roles.js';
import { newInviteToken } from '../auth/invite-token.js';
import { MemoryBlobStore } from '../blobs/memory-blob-store.js';
import type { ServerConfig } from '../config.js';
import { SERVER_DERIVATIONS } from '../server-envelope.js';
import { LifecycleEvents } from '../service/events.js';
import { KdfPool } from '../service/kdf-pool.js';
import { createService } from '../service/service.js';
import type { SecretStore } from '../stores/secret-store.js';
import { newRandomId } from '../tokens.js';
import {
  ADMIN_EXIT,
  type AdminContext,
  AdminUsageError,
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

  const { token, tokenHash } = newInviteToken();
  const now = ctx.now();
  const record: Invite = {
    id: newRandomId(),
    orgId: org.id,
    email,
    role,
    tokenHash,
    invitedBy: null,
    createdAt: now,
    expiresAt: now + ctx.config.accounts.inviteLifetimeMs,
    acceptedAt: null,
  };
  // The invite first: a link must never lead to a token the store does not know.
  await ctx.accounts.createInvite(record);
  let link: { url: string; expiresAt: number };
  try {
    link = await oneTimeLink(ctx.config, store, origin, `${origin}/join#${token}`, org, now);
  } catch (error) {
    await ctx.accounts.deleteInvite(org.id, record.id).catch(() => {});
    throw error;
  }
  ctx.io.stdout.write(`${link.url}\n`);
  ctx.io.stderr.write(
    `Invitation for ${email} to join "${org.name}" as ${role}.\n` +
      `Send them the link above: it opens once, until ${isoTime(link.expiresAt)}; ` +
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

/**
 * Encrypts `text` here, as a client does, and stores it as a one-view secret through the secret service:
 * the server's store holds ciphertext only, and the key exists only in the printed link.
 */
async function oneTimeLink(
  config: ServerConfig,
  store: SecretStore,
  origin: string,
  text: string,
  org: Org,
  now: number,
): Promise<{ url: string; expiresAt: number }> {
  const sealed = await sealSecret({ v: 1, text, context: { label: `burnlink invitation: ${org.name}` } });
  const service = createService({
    config,
    store,
    // A text secret has no bytes besides its record.
    blobs: new MemoryBlobStore(),
    now: () => now,
    events: new LifecycleEvents(),
    warn: () => {},
    kdfPool: new KdfPool({ concurrency: 1, queue: 0 }),
    derivations: SERVER_DERIVATIONS,
    diskSpace: null,
  });
  const ttlSeconds = Math.min(Math.floor(config.accounts.inviteLifetimeMs / 1000), config.ttl.maxSeconds);
  const created = await service.secrets.create(
    {
      verifier: Buffer.from(sealed.verifier, 'base64url'),
      linkVerifier: null,
      kdf: null,
      content: sealed.content,
    },
    { ttlSeconds, maxViews: 1 },
  );
  return { url: formatSecretLink(origin, created.id, sealed.linkKey), expiresAt: created.expiresAt };
}
