import type { Failure } from '@burnlink/client';
import type { CliContext } from '../cli-context.js';
import { exitFor } from '../exit-codes.js';

/** Prints a client failure as `burnlink: MESSAGE` on stderr and returns its exit code. */
export function failed(ctx: CliContext, failure: Failure): number {
  ctx.stderr.write(`burnlink: ${failure.message}\n`);
  return exitFor(failure);
}

/** One JSON document and a line break on stdout. */
export function writeJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
