import { generatePassword } from '@burnlink/core';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { PASSWORD_HELP, PASSWORD_OPTIONS, passwordOptions } from '../shared-options.js';
import { UsageError } from '../usage-error.js';

export const GENERATE_HELP = `Usage: burnlink generate [options]

Prints a random password (and a line break) on stdout. Nothing is sent anywhere. It contains at least one
character of every chosen set; look-alike characters are left out unless --allow-look-alikes.

Options:
${PASSWORD_HELP}
  -h, --help             show this help

Example:
  burnlink generate --length 32 --no-symbols
`;

const OPTIONS = { ...HELP_OPTION, ...PASSWORD_OPTIONS } as const;

/** `burnlink generate`: see GENERATE_HELP. */
export async function generate(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('generate', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(GENERATE_HELP);
    return EXIT.OK;
  }
  if (positionals.length > 0)
    throw new UsageError('generate takes no arguments (see: burnlink generate --help)');
  ctx.stdout.write(`${generatePassword(passwordOptions(values))}\n`);
  return EXIT.OK;
}
