/**
 * @burnlink/cli — the `burnlink` command. `main.ts` is the process entry point; this module exposes the
 * runner for tests and embedding.
 *
 * @example
 * ```ts
 * import { runCli, EXIT } from '@burnlink/cli';
 * const code = await runCli(['generate', '--length', '32'], context);
 * ```
 */
export type { CliContext, Output } from './cli-context.js';
export { PromptCancelled } from './cli-context.js';
export { EXIT, type ExitCode, exitFor } from './exit-codes.js';
export { MAIN_HELP, runCli } from './run-cli.js';
