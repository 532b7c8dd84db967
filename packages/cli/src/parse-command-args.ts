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
    return parseArgs({ args: idsAsArguments(args, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const first = (error as Error).message.split('. ')[0];
      throw new UsageError(`${first} (see: burnlink ${command} --help)`);
    }
    throw error;
  }
}

/**
 * Ids and receipts are base64url and may begin with `-`, which `parseArgs` takes for an option: a bare
 * id-shaped `-x…` (22 characters) that is no option of the command goes after `--`, as an argument.
 */
function idsAsArguments(args: string[], options: Options): string[] {
  const end = args.indexOf('--');
  const head = end === -1 ? args : args.slice(0, end);
  const isId = (arg: string) =>
    /^-[A-Za-z0-9_-]{21}$/.test(arg) && !(arg.startsWith('--') && Object.hasOwn(options, arg.slice(2)));
  const ids = head.filter(isId);
  if (ids.length === 0) return args;
  return [...head.filter((arg) => !isId(arg)), '--', ...ids, ...(end === -1 ? [] : args.slice(end + 1))];
}
