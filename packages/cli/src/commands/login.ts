import { createClient } from '@burnlink/client';
import { API_KEY_SHAPE } from '../api-key.js';
import type { CliContext } from '../cli-context.js';
import { credentialsPath, deleteCredentials, readCredentials, writeCredentials } from '../credentials.js';
import { EXIT } from '../exit-codes.js';
import { cliText } from '../i18n/catalogue.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { DEFAULT_SERVER, resolveServer, stripOneNewline } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { visible } from '../visible.js';
import { failed } from './output.js';

export const LOGIN_HELP = `Usage: burnlink login [--server URL] [--key-stdin]

Stores an API key for a server, so that send, list, burn and status use it without BURNLINK_API_KEY (which,
when set, wins). The key — made in the web app's settings, or by burnlink admin create-key — is read hidden
from the terminal, or from stdin (--key-stdin, or when stdin is not a terminal); never from the command line.
It is checked with the server first, then kept in $XDG_CONFIG_HOME/burnlink/credentials.json (else
~/.config/burnlink/credentials.json), readable by you only (0600). It is sent only to that server.

Options:
  --server URL           the server the key belongs to (default: BURNLINK_URL, else the server logged in to,
                         else ${DEFAULT_SERVER})
  --key-stdin            read the key from stdin
  -h, --help             show this help

Example:
  printenv CI_BURNLINK_KEY | burnlink login --server https://secrets.example.com --key-stdin
`;

export const LOGOUT_HELP = `Usage: burnlink logout

Deletes the key stored by burnlink login. The key itself keeps working until it is revoked (in the web app, or
with burnlink admin revoke-key).

Options:
  -h, --help             show this help
`;

const OPTIONS = { ...HELP_OPTION, server: { type: 'string' }, 'key-stdin': { type: 'boolean' } } as const;

/** `burnlink login`: see LOGIN_HELP. */
export async function login(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('login', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(LOGIN_HELP);
    return EXIT.OK;
  }
  // A key given as an argument would sit in the shell's history and the process list.
  if (positionals.length > 0) {
    throw new UsageError(
      'give the key on stdin or at the prompt, never as an argument (see: burnlink login --help)',
    );
  }
  const path = credentialsPath(ctx.env);
  if (path === null) throw new UsageError('no configuration directory: set HOME or XDG_CONFIG_HOME');
  const stored = await readCredentials(ctx);
  const server = resolveServer(values.server, ctx, stored?.server);
  const key = (await readKey(ctx, values['key-stdin'] === true)).trim();
  if (key === '') throw new UsageError('no key given');
  if (!API_KEY_SHAPE.test(key))
    throw new UsageError('that is not an API key (bl_ followed by 60 characters)');

  const { protocol, hostname } = new URL(server);
  if (protocol === 'http:' && !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(hostname)) {
    ctx.stderr.write(`burnlink: warning: ${server} is plain http: the key travels unencrypted\n`);
  }
  const me = await createClient({ baseUrl: server, fetch: ctx.fetch, apiKey: key }).me();
  if (!me.ok) return failed(ctx, me);
  await writeCredentials(ctx, { server, key });
  const who = me.user !== null ? `${me.user.email} in "${me.org.name}"` : `organisation "${me.org.name}"`;
  const keyName = me.key !== null ? `, key "${me.key.name}"` : '';
  ctx.stderr.write(
    `${visible(`Logged in to ${server} as ${who}${keyName}; scopes: ${me.scopes.join(', ') || 'none'}.`)}\n` +
      `The key is stored in ${path} (mode 0600).\n`,
  );
  return EXIT.OK;
}

/** `burnlink logout`: see LOGOUT_HELP. */
export async function logout(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('logout', args, HELP_OPTION);
  if (values.help) {
    ctx.stdout.write(LOGOUT_HELP);
    return EXIT.OK;
  }
  if (positionals.length > 0) throw new UsageError('logout takes no arguments');
  if (!(await deleteCredentials(ctx))) {
    ctx.stderr.write(`${cliText(ctx).t('notLoggedIn')}\n`);
    return EXIT.OK;
  }
  ctx.stderr.write(
    'Logged out: the stored key is deleted. It still works until it is revoked (web app settings, or burnlink admin revoke-key).\n',
  );
  if (ctx.env.BURNLINK_API_KEY)
    ctx.stderr.write('Note: BURNLINK_API_KEY is still set in this environment.\n');
  return EXIT.OK;
}

async function readKey(ctx: CliContext, fromStdin: boolean): Promise<string> {
  if (fromStdin || !ctx.stdinIsTTY) return stripOneNewline(await ctx.readStdin());
  const typed = await ctx.promptHidden(cliText(ctx).t('promptApiKey'));
  if (typed === null) throw new UsageError('no terminal to ask on: pipe the key in with --key-stdin');
  return typed;
}
