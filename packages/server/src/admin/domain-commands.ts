import type { Org } from '../accounts/accounts-types.js';
import { dnsChecker } from '../domains/dns-check.js';
import { DomainService } from '../domains/domain-service.js';
import type { DomainRecord } from '../domains/domain-store.js';
import { normaliseDomainName } from '../domains/host-names.js';
import { ApiError } from '../errors.js';
import { B64U_16_BYTES } from '../tokens.js';
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
  table,
} from './admin-context.js';

export const DOMAIN_HELP = `Usage: burnlink admin domain add ORG NAME [--json]
       burnlink admin domain verify NAME|ID [--json]
       burnlink admin domain list [--org ORG] [--json]

Custom domains of organisations (docs/domains.md), as their owners manage them at /api/v1/domains.

add      adds NAME (such as secrets.example.com) to the organisation, pending, and prints the TXT record to
         publish: _burnlink.NAME TXT "burnlink-verify=…"
verify   checks the domain's TXT record now with BURNLINK_DNS_SERVERS (default the system's resolvers) and
         prints what it found; a found record makes a pending or suspended domain active. Exits 0 when the
         record was found, 1 otherwise (no record, a wrong one, a DNS failure, or another organisation holds
         the name), printing the record to publish.
list     the domains of every organisation, or of one: id, name, organisation, state, last check

ORG is an organisation's id or name. What add and verify change is recorded in the audit trail with the
actor system.

Options:
  --org ORG              list: only this organisation's domains
  --json                 print JSON (the API's domain objects, with "org")
  -h, --help             show this help
`;

/** `burnlink admin domain add|verify|list`: see DOMAIN_HELP. */
export async function domain(args: string[], ctx: AdminContext): Promise<number> {
  const { values, positionals } = parseAdminArgs('domain', args, {
    ...HELP_OPTION,
    org: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    ctx.io.stdout.write(DOMAIN_HELP);
    return ADMIN_EXIT.OK;
  }
  const [action, ...rest] = positionals;
  const json = values.json === true;
  if (values.org !== undefined && action !== 'list') {
    throw new AdminUsageError('--org goes with domain list (domain add takes ORG NAME)');
  }
  if (action === 'add') {
    if (rest.length !== 2)
      throw new AdminUsageError('domain add needs ORG and NAME (see: burnlink admin domain --help)');
    return add(ctx, rest[0]!, rest[1]!, json);
  }
  if (action === 'verify') {
    if (rest.length !== 1)
      throw new AdminUsageError('domain verify needs one NAME or ID (see: burnlink admin domain --help)');
    return verify(ctx, rest[0]!, json);
  }
  if (action === 'list') {
    if (rest.length !== 0)
      throw new AdminUsageError('domain list takes no arguments; use --org ORG for one organisation');
    return list(ctx, values.org, json);
  }
  throw new AdminUsageError(
    'domain needs an action: add, verify or list (see: burnlink admin domain --help)',
  );
}

/** A DomainService on the admin's stores, whose events go into the audit trail (call `flush`). */
function service(ctx: AdminContext) {
  const { events, flush } = adminEvents(ctx);
  const domains = new DomainService({
    store: ctx.accounts.domains,
    events,
    now: () => ctx.now(),
    config: ctx.config,
    dns: dnsChecker({ servers: ctx.config.domains.dnsServers }),
    warn: (what) => ctx.io.stderr.write(`burnlink admin: warning: ${what}\n`),
  });
  return { domains, flush };
}

/** The service's refusals as the admin's: a bad name is bad input (exit 2), the rest a refusal (exit 1). */
async function admin<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.code === 'invalid_domain') throw new AdminUsageError(error.message);
      throw new AdminRefusal(error.message);
    }
    throw error;
  }
}

async function add(ctx: AdminContext, orgText: string, name: string, json: boolean): Promise<number> {
  const org = await findOrg(ctx.accounts, orgText);
  const { domains, flush } = service(ctx);
  const record = await admin(() => domains.adminAdd(org.id, name));
  await flush();
  print(ctx, domains, org, record, json);
  if (!json) {
    ctx.io.stderr.write(
      `Added ${record.name} to "${org.name}", pending. Publish the TXT record above, then: ` +
        `burnlink admin domain verify ${record.name}\n`,
    );
  }
  return ADMIN_EXIT.OK;
}

async function verify(ctx: AdminContext, given: string, json: boolean): Promise<number> {
  const target = await findDomain(ctx, given);
  const { domains, flush } = service(ctx);
  const record = await admin(() => domains.adminVerify(target.id));
  await flush();
  const org = (await ctx.accounts.getOrg(record.orgId)) ?? { id: record.orgId, name: record.orgId };
  print(ctx, domains, org, record, json);
  if (record.lastResult === 'verified') return ADMIN_EXIT.OK;
  ctx.io.stderr.write(
    `burnlink admin: ${record.name} is not verified: ${WHY[record.lastResult ?? 'dns_error']}\n`,
  );
  return ADMIN_EXIT.REFUSED;
}

const WHY: Record<Exclude<DomainRecord['lastResult'], null>, string> = {
  verified: 'found',
  no_record: 'there is no TXT record at its _burnlink name; publish the record above',
  wrong_record: 'the TXT records at its _burnlink name do not hold this token; publish the record above',
  dns_error: 'the DNS resolvers failed or timed out (BURNLINK_DNS_SERVERS); nothing was changed, try again',
  taken: 'another organisation verified this name first',
};

/** A domain by id, or by name when exactly one organisation has it (else the ids to choose from). */
async function findDomain(ctx: AdminContext, given: string): Promise<DomainRecord> {
  const text = given.trim();
  if (new RegExp(B64U_16_BYTES).test(text)) {
    const byId = await ctx.accounts.domains.getDomain(text);
    if (byId !== null) return byId;
  }
  const name = normaliseDomainName(text);
  if (name === null)
    throw new AdminRefusal(`no domain "${given}" (give its name or id; see: burnlink admin domain list)`);
  const found: DomainRecord[] = [];
  for (const org of await ctx.accounts.listOrgs()) {
    found.push(...(await ctx.accounts.domains.listDomains(org.id)).filter((d) => d.name === name));
  }
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw new AdminRefusal(`no domain ${name} (add it with: burnlink admin domain add ORG ${name})`);
  // Pending in several organisations: the operator says which.
  throw new AdminRefusal(
    `${name} is added by ${found.length} organisations; give one of their ids: ${found.map((d) => d.id).join(', ')}`,
  );
}

async function list(ctx: AdminContext, orgText: string | undefined, json: boolean): Promise<number> {
  const orgs = orgText === undefined ? await ctx.accounts.listOrgs() : [await findOrg(ctx.accounts, orgText)];
  const { domains } = service(ctx);
  const rows: { org: Pick<Org, 'id' | 'name'>; record: DomainRecord }[] = [];
  for (const org of orgs) for (const record of await domains.adminList(org.id)) rows.push({ org, record });
  if (json) {
    const out = rows.map(({ org, record }) => ({
      ...domains.toInfo(record),
      org: { id: org.id, name: org.name },
    }));
    ctx.io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return ADMIN_EXIT.OK;
  }
  if (rows.length === 0) {
    ctx.io.stderr.write('No custom domains yet: burnlink admin domain add ORG NAME\n');
    return ADMIN_EXIT.OK;
  }
  ctx.io.stdout.write(
    table(
      ['ID', 'NAME', 'ORG', 'STATE', 'LAST CHECK'],
      rows.map(({ org, record }) => [
        record.id,
        record.name,
        org.name,
        record.state,
        record.lastResult === null ? '-' : `${record.lastResult} ${isoTime(record.checkedAt)}`,
      ]),
    ),
  );
  return ADMIN_EXIT.OK;
}

function print(
  ctx: AdminContext,
  domains: DomainService,
  org: Pick<Org, 'id' | 'name'>,
  record: DomainRecord,
  json: boolean,
): void {
  const info = domains.toInfo(record);
  if (json) {
    ctx.io.stdout.write(`${JSON.stringify({ ...info, org: { id: org.id, name: org.name } }, null, 2)}\n`);
    return;
  }
  const lines = [
    ['id', info.id],
    ['name', info.name],
    ['org', org.name],
    ['state', info.state],
    [
      'last check',
      info.last_check === null ? '-' : `${info.last_check.result} at ${isoTime(record.checkedAt)}`,
    ],
    ...(info.missing_since === null ? [] : [['missing since', isoTime(record.missingSince)]]),
    ...(info.suspended_at === null ? [] : [['suspended', isoTime(record.suspendedAt)]]),
    ['TXT record', `${info.txt_record.name} TXT "${info.txt_record.value}"`],
  ];
  ctx.io.stdout.write(lines.map(([k, v]) => `${`${k}:`.padEnd(15)}${v}\n`).join(''));
}
