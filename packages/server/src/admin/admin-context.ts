import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { AccountsStore } from '../accounts/accounts-store.js';
import type { Org } from '../accounts/accounts-types.js';
import { AuditRecorder } from '../audit/recorder.js';
import type { ServerConfig } from '../config.js';
import { LifecycleEvents } from '../service/events.js';
import type { SecretAndRequestStore } from '../stores/request-store.js';

/** Where `burnlink admin` writes: the key or link a command makes goes to stdout, everything else to stderr. */
export interface AdminIo {
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
}

/** What a command works with; stores are opened by `runAdmin` (or handed in by tests). */
export interface AdminContext {
  config: ServerConfig;
  accounts: AccountsStore;
  /** Opens the secret store (only `invite` needs it); closed by `runAdmin`. */
  secrets(): Promise<SecretAndRequestStore>;
  io: AdminIo;
  now(): number;
}

/** Exit codes of `burnlink admin` (a subset of the CLI's, same meanings). */
export const ADMIN_EXIT = Object.freeze({ OK: 0, REFUSED: 1, USAGE: 2 });

/** Bad usage or input: printed as `burnlink admin: MESSAGE`, exit 2. */
export class AdminUsageError extends Error {
  override readonly name = 'AdminUsageError';
}

/** The store refused (a taken name, an unknown organisation or key): printed, exit 1. */
export class AdminRefusal extends Error {
  override readonly name = 'AdminRefusal';
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** Strict `util.parseArgs`; its errors become usage errors pointing at the command's help. */
export function parseAdminArgs<O extends Options>(command: string, args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args: dashSafe(args, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const first = (error as Error).message.split('. ')[0];
      throw new AdminUsageError(`${first} (see: burnlink admin ${command} --help)`);
    }
    throw error;
  }
}

/**
 * Ids are base64url and may begin with `-`, which `parseArgs` takes for an option: `--org -x…` becomes
 * `--org=-x…`, and a bare id-shaped `-x…` (16 or 22 characters, not an option) goes after `--`.
 */
export function dashSafe(args: string[], options: Options): string[] {
  const out: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      ids.push(...args.slice(i + 1));
      break;
    }
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    const next = args[i + 1];
    if (name !== null && options[name]?.type === 'string' && next?.startsWith('-') && next !== '--') {
      out.push(`${arg}=${next}`);
      i++;
    } else if (/^-[A-Za-z0-9_-]{15}$|^-[A-Za-z0-9_-]{21}$/.test(arg) && !isOption(arg, options)) {
      ids.push(arg);
    } else {
      out.push(arg);
    }
  }
  return ids.length > 0 ? [...out, '--', ...ids] : out;
}

function isOption(arg: string, options: Options): boolean {
  if (arg.startsWith('--')) return Object.hasOwn(options, arg.slice(2));
  return Object.values(options).some((o) => o.short === arg.slice(1));
}

/** The value of a required option, or a usage error naming it. */
export function required(value: string | undefined, option: string, command: string): string {
  if (value === undefined || value.trim() === '') {
    throw new AdminUsageError(`${command} needs ${option} (see: burnlink admin ${command} --help)`);
  }
  return value.trim();
}

/** An organisation by its id or, case-insensitively, its name. */
export async function findOrg(accounts: AccountsStore, idOrName: string): Promise<Org> {
  const org = (await accounts.getOrg(idOrName)) ?? (await accounts.findOrgByName(idOrName));
  if (org === null) {
    throw new AdminRefusal(
      `no organisation "${idOrName}" (give its id or name; create one with: burnlink admin create-org NAME)`,
    );
  }
  return org;
}

/** ISO 8601 without milliseconds, for tables. */
export function isoTime(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Left-aligned columns separated by two spaces, header first. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

/**
 * An event bus whose events go into the audit trail (with `BURNLINK_AUDIT` on), as the server's do: what
 * `burnlink admin` changes is recorded with the actor `system`. Call `flush` before the command returns.
 */
export function adminEvents(ctx: AdminContext): { events: LifecycleEvents; flush(): Promise<void> } {
  const warn = (what: string, types: string[]) =>
    ctx.io.stderr.write(`burnlink admin: warning: ${what} (${types.join(', ')})\n`);
  const events = new LifecycleEvents((_error, type) => warn('an audit subscriber failed', [type]));
  if (!ctx.config.audit.enabled) return { events, flush: async () => {} };
  const recorder = new AuditRecorder({
    events,
    store: ctx.accounts.audit,
    owners: async (ids) =>
      new Map([...(await ctx.accounts.ownersOf(ids))].map(([id, row]) => [id, row.orgId])),
    ips: false,
    warn,
  });
  recorder.start();
  return { events, flush: () => recorder.flush() };
}
