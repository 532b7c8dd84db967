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
import { cliText } from './i18n/catalogue.js';
import en from './i18n/messages/en.js';
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

/** The main help in English (`burnlink --help` prints it in the user's language, `i18n/messages/`). */
export const MAIN_HELP: string = en.help;

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
  const { t } = cliText(ctx);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? ctx.stderr : ctx.stdout).write(t('help'));
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
      ? t('unknownCommandLinkHint')
      : t('unknownCommandHelpHint');
    ctx.stderr.write(`burnlink: ${t('unknownCommand', { name: shown })}${hint}\n`);
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
      ctx.stderr.write(`burnlink: ${t('cancelled')}\n`);
      return 130;
    }
    // Only the error's class: a message from deep inside could quote input.
    const kind = error instanceof Error ? error.name : typeof error;
    ctx.stderr.write(`burnlink: ${t('unexpected', { kind })}\n`);
    if (ctx.env.BURNLINK_DEBUG === '1' && error instanceof Error) ctx.stderr.write(`${error.stack}\n`);
    return EXIT.UNEXPECTED;
  }
}
