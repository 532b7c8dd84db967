import type { AccountsStore } from '../accounts/accounts-store.js';
import { AccountsConflictError } from '../accounts/accounts-store.js';
import { openAccounts } from '../accounts/open-accounts.js';
import { ConfigError, loadConfig, type ServerConfig } from '../config.js';
import { openStore } from '../stores/open-store.js';
import type { SecretAndRequestStore } from '../stores/request-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import {
  ADMIN_EXIT,
  type AdminContext,
  type AdminIo,
  AdminRefusal,
  AdminUsageError,
} from './admin-context.js';
import { audit } from './audit-commands.js';
import { domain } from './domain-commands.js';
import { invite } from './invite-command.js';
import { createKey, listKeys, revokeKey } from './key-commands.js';
import { createOrg, listOrgs } from './org-commands.js';

export { ADMIN_EXIT, type AdminIo } from './admin-context.js';

type AdminCommand = (args: string[], ctx: AdminContext) => Promise<number>;

const COMMANDS: Record<string, AdminCommand> = {
  'create-org': createOrg,
  'list-orgs': listOrgs,
  invite,
  'create-key': createKey,
  'list-keys': listKeys,
  'revoke-key': revokeKey,
  audit,
  domain,
};

export const ADMIN_HELP = `Usage: burnlink admin COMMAND [options]

Administers accounts directly in the server's stores, configured by the same BURNLINK_* environment as
\`burnlink serve\` (BURNLINK_STORE, BURNLINK_ACCOUNTS_STORE, BURNLINK_DATA_DIR, BURNLINK_PUBLIC_URL): this is
how a fresh install gets its first organisation, owner and keys, before anyone can sign in. The server may be
running meanwhile.

Commands:
  create-org NAME [--join-domain DOMAIN]...            create an organisation; prints its id
  list-orgs [--json]                                   the organisations, their members and owners
  invite EMAIL --org ORG --role ROLE                   invite someone; prints a one-time link to the invitation
  create-key --org ORG --name NAME --scopes LIST [--expires DURATION]
                                                       create an API key; prints it, once
  list-keys --org ORG [--json]                         the organisation's API keys (never the keys themselves)
  revoke-key ID                                        revoke an API key now
  audit verify [--org ORG]                             check the audit trail's hash chains; names the first broken record
  audit export --org ORG [--format jsonl|csv]          print an organisation's audit trail (ORG may be public)
  domain add ORG NAME                                  add a custom domain; prints the TXT record to publish
  domain verify NAME|ID                                check a domain's TXT record now; exit 1 unless found
  domain list [--org ORG]                              the custom domains of every organisation, or one's

ORG is an organisation's id or name. Run \`burnlink admin COMMAND --help\` for a command's options.

Example (a fresh install):
  export BURNLINK_DATA_DIR=/var/lib/burnlink BURNLINK_PUBLIC_URL=https://secrets.example.com
  burnlink admin create-org "Example Ltd"
  burnlink admin invite ada@example.com --org "Example Ltd" --role owner
  burnlink admin create-key --org "Example Ltd" --name ci --scopes secrets:create,secrets:list --expires 90d

Exit codes: 0 ok · 1 refused (a taken name, an unknown organisation or key, a store that cannot be reached,
  a broken audit chain, a domain whose record was not found)
  · 2 bad usage, input or configuration
`;

/** Stores handed in instead of opened from the environment (tests, embedding); they are left open. */
export interface AdminOptions {
  accounts?: AccountsStore;
  store?: SecretAndRequestStore;
  now?: () => number;
}

/**
 * Runs one `burnlink admin` command against the stores named by `env` (the BURNLINK_* variables, as
 * `runServer` reads them) and resolves with its exit code. Never throws. Output never contains a key other
 * than the one `create-key` makes, nor an invite token other than inside the encrypted invitation.
 *
 * @example
 * process.exitCode = await runAdmin(['create-org', 'Example'], process.env, process);
 */
export async function runAdmin(
  args: string[],
  env: Record<string, string | undefined>,
  io: AdminIo,
  options: AdminOptions = {},
): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(ADMIN_HELP);
    return name === undefined ? ADMIN_EXIT.USAGE : ADMIN_EXIT.OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    const shown = /^[a-z][a-z-]{0,19}$/.test(name) ? ` "${name}"` : '';
    io.stderr.write(`burnlink admin: unknown command${shown} (see: burnlink admin --help)\n`);
    return ADMIN_EXIT.USAGE;
  }
  // Help needs no configuration and no store.
  if (rest.includes('--help') || rest.includes('-h')) return run(command, rest, lazyContext(io), io);

  let config: ServerConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`burnlink admin: ${error.message}\n`);
      return ADMIN_EXIT.USAGE;
    }
    throw error;
  }
  const opened: { close(): Promise<void> }[] = [];
  try {
    const accounts = options.accounts ?? (await openAccountsStore(config, opened));
    let store: Promise<SecretAndRequestStore> | undefined;
    const ctx: AdminContext = {
      config,
      accounts,
      io,
      now: options.now ?? Date.now,
      secrets: () => {
        store ??= options.store ? Promise.resolve(options.store) : openSecretStore(config, opened);
        return store;
      },
    };
    return await run(command, rest, ctx, io);
  } catch (error) {
    return report(error, io);
  } finally {
    await Promise.allSettled(opened.map((s) => s.close()));
  }
}

async function run(command: AdminCommand, args: string[], ctx: AdminContext, io: AdminIo): Promise<number> {
  try {
    return await command(args, ctx);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: AdminIo): number {
  if (error instanceof AdminUsageError) {
    io.stderr.write(`burnlink admin: ${error.message}\n`);
    return ADMIN_EXIT.USAGE;
  }
  if (error instanceof AdminRefusal) {
    io.stderr.write(`burnlink admin: ${error.message}\n`);
    return ADMIN_EXIT.REFUSED;
  }
  if (error instanceof AccountsConflictError) {
    io.stderr.write(`burnlink admin: refused: the ${error.what} is already taken\n`);
    return ADMIN_EXIT.REFUSED;
  }
  if (error instanceof StoreUnavailableError) {
    io.stderr.write(`burnlink admin: a store cannot be reached (${error.message})\n`);
    return ADMIN_EXIT.REFUSED;
  }
  // Only the class: a message from deep inside could quote a connection string with its password.
  const kind = error instanceof Error ? error.name : typeof error;
  io.stderr.write(`burnlink admin: unexpected error (${kind}); please report it\n`);
  return ADMIN_EXIT.REFUSED;
}

const MEMORY_REFUSED = (variable: string) =>
  `${variable} is memory: (set so, or made so by BURNLINK_STORE=memory: or BURNLINK_MODE=ephemeral): it lives ` +
  'inside one server process, so `burnlink admin` cannot reach it. Use sqlite: or postgres://… for the server ' +
  'and for this command.';

async function openAccountsStore(config: ServerConfig, opened: { close(): Promise<void> }[]) {
  if (config.accounts.storeUrl === 'memory:')
    throw new AdminUsageError(MEMORY_REFUSED('BURNLINK_ACCOUNTS_STORE'));
  const accounts = await openAccounts(config.accounts.storeUrl, { dataDir: config.dataDir });
  opened.push(accounts);
  return accounts;
}

async function openSecretStore(config: ServerConfig, opened: { close(): Promise<void> }[]) {
  if (config.storeUrl === 'memory:') throw new AdminUsageError(MEMORY_REFUSED('BURNLINK_STORE'));
  // One write: committing on this thread is cheaper than starting a writer thread for it.
  const store = await openStore(config.storeUrl, { dataDir: config.dataDir, sqliteWriterThread: false });
  opened.push(store);
  return store;
}

/** A context for `--help`: commands print their help before touching anything else. */
function lazyContext(io: AdminIo): AdminContext {
  const unused = () => {
    throw new Error('no store for --help');
  };
  return {
    config: undefined as unknown as ServerConfig,
    accounts: undefined as unknown as AccountsStore,
    secrets: unused,
    io,
    now: Date.now,
  };
}
