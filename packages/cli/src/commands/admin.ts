import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';

interface AdminModule {
  runAdmin(
    args: string[],
    env: Record<string, string | undefined>,
    io: { stdout: { write(text: string): void }; stderr: { write(text: string): void } },
  ): Promise<number>;
}

/**
 * `burnlink admin …`: account administration on the server's own stores (packages/server/src/admin). Like
 * `serve`, the server package is loaded only here, so other commands stay light.
 */
export async function admin(args: string[], ctx: CliContext): Promise<number> {
  let server: AdminModule;
  try {
    // A variable specifier keeps the CLI's type check independent of the server package's build state.
    const specifier = '@burnlink/server';
    server = (await import(specifier)) as AdminModule;
    if (typeof server.runAdmin !== 'function') throw new Error('it does not export runAdmin');
  } catch (error) {
    ctx.stderr.write(
      `burnlink: cannot load the server package (${(error as Error).message}); run \`npm run build\` first\n`,
    );
    return EXIT.UNEXPECTED;
  }
  return server.runAdmin(args, ctx.env, { stdout: ctx.stdout, stderr: ctx.stderr });
}
