import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** `--help`/`-h`, accepted by every command. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Node's `util.parseArgs` in strict mode with positionals; its errors become a `UsageError` that points to
 * the command's help. Boolean options refuse `--flag=value`, so `--passphrase=…` fails before anything runs.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const first = (error as Error).message.split('. ')[0];
      throw new UsageError(`${first} (see: burnlink ${command} --help)`);
    }
    throw error;
  }
}
