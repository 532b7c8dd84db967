import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

export const SERVE_HELP = `Usage: burnlink serve [options]

Starts the burnlink server in this process, configured like \`npm start\`: from the BURNLINK_* environment
variables (see docs/operations.md), e.g. BURNLINK_STORE=sqlite:./data/burnlink.db, BURNLINK_PUBLIC_URL.
Stops cleanly on SIGTERM or Ctrl-C.

Options:
  --port N               overrides BURNLINK_PORT (default 8080; 0 picks a free port)
  --host HOST            overrides BURNLINK_HOST (default 127.0.0.1)
  -h, --help             show this help
`;

const OPTIONS = { ...HELP_OPTION, port: { type: 'string' }, host: { type: 'string' } } as const;

interface ServerModule {
  runServer(env: Record<string, string | undefined>): Promise<unknown>;
}

/** `burnlink serve`: see SERVE_HELP. The server package is loaded only here, so other commands stay light. */
export async function serve(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('serve', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(SERVE_HELP);
    return EXIT.OK;
  }
  if (positionals.length > 0) throw new UsageError('serve takes no arguments (see: burnlink serve --help)');
  const env = { ...ctx.env };
  if (values.port !== undefined) env.BURNLINK_PORT = values.port;
  if (values.host !== undefined) env.BURNLINK_HOST = values.host;
  let server: ServerModule;
  try {
    // A variable specifier keeps the CLI's type check independent of the server package's build state.
    const specifier = '@burnlink/server';
    server = (await import(specifier)) as ServerModule;
    if (typeof server.runServer !== 'function') throw new Error('it does not export runServer');
  } catch (error) {
    ctx.stderr.write(
      `burnlink: cannot load the server package (${(error as Error).message}); run \`npm run build\` first\n`,
    );
    return EXIT.UNEXPECTED;
  }
  try {
    await server.runServer(env);
  } catch (error) {
    // A ConfigError names the bad variable and is the operator's input: usage, not a crash.
    if ((error as Error).name === 'ConfigError') {
      ctx.stderr.write(`burnlink: ${(error as Error).message}\n`);
      return EXIT.USAGE;
    }
    throw error;
  }
  return EXIT.OK;
}
