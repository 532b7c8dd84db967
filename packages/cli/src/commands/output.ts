import type { Failure } from '@burnlink/client';
import type { CliContext } from '../cli-context.js';
import { EXIT, exitFor } from '../exit-codes.js';
import { visible } from '../visible.js';

/**
 * Prints a client failure as `burnlink: MESSAGE` on stderr and returns its exit code. The message is made
 * visible: it may come from the server, and `get` talks to whichever server the sender's link names.
 */
export function failed(ctx: CliContext, failure: Failure): number {
  const code = exitFor(failure);
  const hint =
    code === EXIT.NOT_AUTHENTICATED
      ? ' (set BURNLINK_API_KEY to a valid key, or run: burnlink login)'
      : code === EXIT.FORBIDDEN
        ? ' (ask an admin for a key with that scope)'
        : '';
  ctx.stderr.write(`burnlink: ${visible(failure.message)}${hint}\n`);
  return code;
}

/**
 * One JSON document and a line break on stdout. `JSON.stringify` escapes C0 controls but writes C1, DEL,
 * bidi and zero-width characters raw; they are written as `\uXXXX` too, which parses to the same value and
 * keeps `--json` on a terminal inert.
 */
export function writeJson(ctx: CliContext, value: unknown): void {
  const json = JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  ctx.stdout.write(`${json}\n`);
}
