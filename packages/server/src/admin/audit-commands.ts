import { exportText } from '../audit/audit-export.js';
import { pages } from '../audit/audit-service.js';
import { PUBLIC_ORG } from '../audit/audit-types.js';
import { verifyChain } from '../audit/verify-chain.js';
import {
  ADMIN_EXIT,
  type AdminContext,
  AdminUsageError,
  findOrg,
  HELP_OPTION,
  parseAdminArgs,
  required,
} from './admin-context.js';

export const AUDIT_HELP = `Usage: burnlink admin audit verify [--org ORG]
       burnlink admin audit export --org ORG [--format jsonl|csv]

verify   recomputes every organisation's hash chain (or one's) from its start, or its retention checkpoint,
         to its head; prints a line per organisation. Exits 0 when every chain is intact, 1 naming the first
         broken record otherwise.
export   prints an organisation's whole audit trail on stdout, oldest first, as JSON Lines (default) or CSV,
         as GET /api/v1/audit/export does.

ORG is an organisation's id or name, or "public" for the trail of anonymous secrets (docs/audit.md).

Options:
  --org ORG              the organisation
  --format jsonl|csv     export format (default jsonl)
  -h, --help             show this help
`;

/** `burnlink admin audit verify|export`: see AUDIT_HELP. */
export async function audit(args: string[], ctx: AdminContext): Promise<number> {
  const { values, positionals } = parseAdminArgs('audit', args, {
    ...HELP_OPTION,
    org: { type: 'string' },
    format: { type: 'string' },
  });
  if (values.help) {
    ctx.io.stdout.write(AUDIT_HELP);
    return ADMIN_EXIT.OK;
  }
  const [action, ...extra] = positionals;
  if (extra.length > 0)
    throw new AdminUsageError('audit takes one action, verify or export (see: burnlink admin audit --help)');
  if (action === 'verify') {
    if (values.format !== undefined) throw new AdminUsageError('--format goes with audit export, not verify');
    return verify(ctx, values.org);
  }
  if (action === 'export') {
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new AdminUsageError('--format must be jsonl or csv');
    return exportTrail(ctx, required(values.org, '--org ORG', 'audit export'), format);
  }
  throw new AdminUsageError('audit needs an action: verify or export (see: burnlink admin audit --help)');
}

/** The organisation id of `--org` (`public` stays itself), and the name to print it by. */
async function orgOf(ctx: AdminContext, idOrName: string): Promise<{ id: string; label: string }> {
  if (idOrName.trim().toLowerCase() === PUBLIC_ORG) return { id: PUBLIC_ORG, label: PUBLIC_ORG };
  const org = await findOrg(ctx.accounts, idOrName.trim());
  return { id: org.id, label: org.name };
}

async function verify(ctx: AdminContext, only: string | undefined): Promise<number> {
  const store = ctx.accounts.audit;
  const orgs = only === undefined ? await labelled(ctx, await store.auditOrgs()) : [await orgOf(ctx, only)];
  if (orgs.length === 0) {
    ctx.io.stdout.write('no audit records yet\n');
    return ADMIN_EXIT.OK;
  }
  let broken = 0;
  for (const org of orgs) {
    const verdict = await verifyChain(store, org.id);
    if (verdict.ok) {
      const head = await store.auditHead(org.id);
      const last = head === null ? '' : ` (last record ${head.id})`;
      ctx.io.stdout.write(`${org.label}: ${verdict.records} records verified, chain intact${last}\n`);
    } else {
      broken += 1;
      ctx.io.stdout.write(`${org.label}: ${verdict.problem.message}\n`);
    }
  }
  if (broken === 0) return ADMIN_EXIT.OK;
  ctx.io.stderr.write(
    `burnlink admin: ${broken} of ${orgs.length} audit chain${orgs.length === 1 ? '' : 's'} broken (docs/audit.md, Verification)\n`,
  );
  return ADMIN_EXIT.REFUSED;
}

/** Organisation ids as names where they have one (`public` and deleted organisations by id). */
async function labelled(ctx: AdminContext, ids: string[]): Promise<{ id: string; label: string }[]> {
  return Promise.all(
    ids.map(async (id) => ({
      id,
      label: id === PUBLIC_ORG ? id : ((await ctx.accounts.getOrg(id))?.name ?? id),
    })),
  );
}

async function exportTrail(ctx: AdminContext, idOrName: string, format: 'jsonl' | 'csv'): Promise<number> {
  const org = await orgOf(ctx, idOrName);
  for await (const chunk of exportText(pages(ctx.accounts.audit, org.id, {}), format))
    ctx.io.stdout.write(chunk);
  return ADMIN_EXIT.OK;
}
