import type { CliContext } from './cli-context.js';
import { PromptCancelled } from './cli-context.js';
import { admin } from './commands/admin.js';
import { burn } from './commands/burn.js';
import { generate } from './commands/generate.js';
import { get } from './commands/get.js';
import { list } from './commands/list.js';
import { login, logout } from './commands/login.js';
import { request } from './commands/request.js';
import { respond } from './commands/respond.js';
import { send } from './commands/send.js';
import { serve } from './commands/serve.js';
import { status } from './commands/status.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { visible } from './visible.js';

type Command = (args: string[], ctx: CliContext) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  send,
  get,
  request,
  respond,
  status,
  burn,
  list,
  login,
  logout,
  generate,
  serve,
  admin,
};

export const MAIN_HELP = `Usage: burnlink COMMAND [options]

One-time, end-to-end encrypted secret links. Secrets are encrypted on this machine; the server never sees
the key (it sits in the link's #fragment, which is never sent).

Commands:
  send [TEXT]            encrypt and upload a secret (TEXT, stdin or a prompt; --file PATH attaches files);
                         prints its link
  get LINK               open a link once; prints the secret (--output DIR saves its files); an inbox
                         link reads the answer to your request
  request [DESCRIPTION]  ask someone for a secret: prints the request link to send them (the inbox link,
                         to read the answer, goes to stderr)
  respond REQUEST_LINK   answer a request with a secret from stdin (--file PATH attaches files)
  status RECEIPT_LINK    what happened to a secret you sent
  burn RECEIPT_LINK|ID   destroy a secret you sent, now (by its ID or secret link with an API key)
  list                   your organisation's secrets (--scope own|team|org); needs an API key
  login                  store an API key for a server (read hidden, or from stdin); logout deletes it
  generate               print a random password
  serve                  run the burnlink server
  admin COMMAND          administer accounts on the server's stores: create-org, invite, create-key,
                         list-keys, revoke-key, audit (see: burnlink admin --help)

Run \`burnlink COMMAND --help\` for a command's options.

Environment:
  BURNLINK_URL           server for send, status, burn and list (default: the server of burnlink login, else
                         http://127.0.0.1:8080)
  BURNLINK_API_KEY       API key (bl_…) sent to that server: secrets you send belong to its organisation;
                         list and burn by ID need it (burnlink login stores one instead)
  BURNLINK_PASSPHRASE    passphrase when there is no terminal to ask on (send --passphrase, get)

Exit codes:
  0 ok · 1 unexpected error · 2 bad usage or input · 3 unknown, expired or already used secret
  4 wrong passphrase · 5 locked (burned after too many wrong passphrases) · 6 server unreachable
  7 server error · 8 rate limited · 9 passphrase required but none available
  10 a file could not be written to --output · 11 no API key, or the server refused it (401)
  12 the API key lacks the scope or reach (403) · 13 refused by the secret's restrictions (office hours,
  network, country) · 14 recipient verification needed or the code was wrong · 15 the request has no
  answer yet (get INBOX_LINK) · 130 cancelled (Ctrl-C)

Options:
  -h, --help             show this help
  -v, --version          print the version
`;

/**
 * Runs one `burnlink` invocation and resolves with its exit code. Never throws: usage errors print
 * `burnlink: MESSAGE` (exit 2); anything unforeseen prints a generic line (exit 1) without details that could
 * carry a secret.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(['send', '--ttl', '1h'], context);
 * ```
 */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? ctx.stderr : ctx.stdout).write(MAIN_HELP);
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`burnlink ${ctx.version}\n`);
    return EXIT.OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    // Echo only what looks like a command word: a pasted link (key in its fragment) or secret must not be
    // printed back.
    const shown = /^[a-z][a-z-]{0,19}$/.test(name) ? ` "${name}"` : '';
    const hint = /^https?:\/\/.*\/(s|i)\//.test(name)
      ? '; to open a link: burnlink get LINK'
      : ' (see: burnlink --help)';
    ctx.stderr.write(`burnlink: unknown command${shown}${hint}\n`);
    return EXIT.USAGE;
  }
  try {
    return await command(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      // Usage errors may quote an argument, and arguments may come from a pasted (sender's) link.
      ctx.stderr.write(`burnlink: ${visible(error.message)}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof PromptCancelled) {
      ctx.stderr.write('burnlink: cancelled\n');
      return 130;
    }
    // Only the error's class: a message from deep inside could quote input.
    const kind = error instanceof Error ? error.name : typeof error;
    ctx.stderr.write(`burnlink: unexpected error (${kind}); please report it\n`);
    if (ctx.env.BURNLINK_DEBUG === '1' && error instanceof Error) ctx.stderr.write(`${error.stack}\n`);
    return EXIT.UNEXPECTED;
  }
}
