import { AccountsConflictError } from '../accounts/accounts-store.js';
import { newRandomId } from '../tokens.js';
import {
  ADMIN_EXIT,
  type AdminContext,
  AdminRefusal,
  AdminUsageError,
  HELP_OPTION,
  isoTime,
  parseAdminArgs,
  table,
} from './admin-context.js';

export const CREATE_ORG_HELP = `Usage: burnlink admin create-org NAME [--join-domain DOMAIN]...

Creates an organisation and prints its id. Names are unique, whatever their case.

Options:
  --join-domain DOMAIN   people signing in through OpenID Connect with a verified email address at DOMAIN
                         join as members (repeat for several domains)
  -h, --help             show this help
`;

export const LIST_ORGS_HELP = `Usage: burnlink admin list-orgs [--json]

Lists the organisations, oldest first: id, name, created, members (owners), domains that join automatically.

Options:
  --json                 print a JSON array
  -h, --help             show this help
`;

const NAME_MAX = 100;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** `burnlink admin create-org`: see CREATE_ORG_HELP. */
export async function createOrg(args: string[], ctx: AdminContext): Promise<number> {
  const { values, positionals } = parseAdminArgs('create-org', args, {
    ...HELP_OPTION,
    'join-domain': { type: 'string', multiple: true },
  });
  if (values.help) {
    ctx.io.stdout.write(CREATE_ORG_HELP);
    return ADMIN_EXIT.OK;
  }
  if (positionals.length !== 1) {
    throw new AdminUsageError(
      'give exactly one NAME, quoted if it has spaces (see: burnlink admin create-org --help)',
    );
  }
  const name = positionals[0]!.trim();
  if (name === '' || name.length > NAME_MAX || /\p{Cc}/u.test(name)) {
    throw new AdminUsageError(`the name must be 1 to ${NAME_MAX} characters without control characters`);
  }
  const joinDomains = [...new Set((values['join-domain'] ?? []).map((d) => d.trim().toLowerCase()))];
  for (const domain of joinDomains) {
    if (!DOMAIN.test(domain)) {
      throw new AdminUsageError(`--join-domain must be a domain name such as example.com; got "${domain}"`);
    }
  }
  if ((await ctx.accounts.findOrgByName(name)) !== null) throw taken(name);
  const id = newRandomId();
  try {
    await ctx.accounts.createOrg({ id, name, createdAt: ctx.now(), joinDomains });
  } catch (error) {
    // Another process took the name between the look-up and the write.
    if (error instanceof AccountsConflictError) throw taken(name);
    throw error;
  }
  ctx.io.stdout.write(`${id}\n`);
  ctx.io.stderr.write(
    `Created organisation "${name}"${joinDomains.length > 0 ? ` (joined automatically from ${joinDomains.join(', ')})` : ''}.\n` +
      `Next: burnlink admin invite EMAIL --org ${id} --role owner\n`,
  );
  return ADMIN_EXIT.OK;
}

/** `burnlink admin list-orgs`: see LIST_ORGS_HELP. */
export async function listOrgs(args: string[], ctx: AdminContext): Promise<number> {
  const { values, positionals } = parseAdminArgs('list-orgs', args, {
    ...HELP_OPTION,
    json: { type: 'boolean' },
  });
  if (values.help) {
    ctx.io.stdout.write(LIST_ORGS_HELP);
    return ADMIN_EXIT.OK;
  }
  if (positionals.length > 0) throw new AdminUsageError('list-orgs takes no arguments');
  const orgs = await ctx.accounts.listOrgs();
  const rows = await Promise.all(
    orgs.map(async (org) => {
      const members = await ctx.accounts.listMembers(org.id);
      return { org, members: members.length, owners: members.filter((m) => m.role === 'owner').length };
    }),
  );
  if (values.json) {
    const json = rows.map(({ org, members, owners }) => ({
      id: org.id,
      name: org.name,
      created_at: new Date(org.createdAt).toISOString(),
      members,
      owners,
      join_domains: org.joinDomains,
    }));
    ctx.io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return ADMIN_EXIT.OK;
  }
  if (rows.length === 0) {
    ctx.io.stderr.write('No organisations yet: burnlink admin create-org NAME\n');
    return ADMIN_EXIT.OK;
  }
  ctx.io.stdout.write(
    table(
      ['ID', 'NAME', 'CREATED', 'MEMBERS', 'JOIN DOMAINS'],
      rows.map(({ org, members, owners }) => [
        org.id,
        org.name,
        isoTime(org.createdAt),
        `${members} (${owners} ${owners === 1 ? 'owner' : 'owners'})`,
        org.joinDomains.join(',') || '-',
      ]),
    ),
  );
  return ADMIN_EXIT.OK;
}

function taken(name: string): AdminRefusal {
  return new AdminRefusal(
    `an organisation named "${name}" already exists (names are unique, whatever their case)`,
  );
}
