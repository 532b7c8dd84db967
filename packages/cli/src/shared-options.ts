import { normalizeBaseUrl } from '@burnlink/client';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordOptions } from '@burnlink/core';
import type { CliContext } from './cli-context.js';
import { UsageError } from './usage-error.js';

/** Where the server is when none is given. */
export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

/**
 * `--server`, else `BURNLINK_URL`, else the server of `burnlink login` (`loggedIn`), else the default; refuses
 * anything but an http(s) URL.
 */
export function resolveServer(flag: string | undefined, ctx: CliContext, loggedIn?: string): string {
  const [text, source] =
    flag !== undefined
      ? [flag, '--server']
      : ctx.env.BURNLINK_URL
        ? [ctx.env.BURNLINK_URL, 'BURNLINK_URL']
        : loggedIn !== undefined
          ? [loggedIn, 'the server of burnlink login']
          : [DEFAULT_SERVER, 'the default'];
  const base = normalizeBaseUrl(text);
  if (base === null) {
    throw new UsageError(`${source} must be an http:// or https:// URL such as ${DEFAULT_SERVER}`);
  }
  return base;
}

/** Removes one trailing line break (`\n` or `\r\n`), as `echo` and editors add one. */
export function stripOneNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/**
 * A passphrase from `--passphrase-file` (one trailing line break removed), else `BURNLINK_PASSPHRASE`.
 * Undefined when neither is given. A value is never taken from the command line itself.
 */
export async function passphraseFromFileOrEnv(
  file: string | undefined,
  ctx: CliContext,
): Promise<string | undefined> {
  if (file !== undefined) {
    let text: string;
    try {
      text = await ctx.readFile(file);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      throw new UsageError(`cannot read --passphrase-file ${file} (${code})`);
    }
    const passphrase = stripOneNewline(text);
    if (passphrase === '') throw new UsageError(`--passphrase-file ${file} is empty`);
    return passphrase;
  }
  const env = ctx.env.BURNLINK_PASSPHRASE;
  return env === undefined || env === '' ? undefined : env;
}

/** Options shared by `generate` and `send --generate`. */
export const PASSWORD_OPTIONS = {
  length: { type: 'string' },
  'no-lowercase': { type: 'boolean' },
  'no-uppercase': { type: 'boolean' },
  'no-digits': { type: 'boolean' },
  'no-symbols': { type: 'boolean' },
  'allow-look-alikes': { type: 'boolean' },
} as const;

export const PASSWORD_HELP = `  --length N             password length, ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} (default 20)
  --no-lowercase         no a–z
  --no-uppercase         no A–Z
  --no-digits            no 0–9
  --no-symbols           no punctuation
  --allow-look-alikes    keep characters that look alike (0 O o 1 l I | …), excluded by default`;

/** Password generator options from parsed flags; `--length` is checked here for a clear message. */
export function passwordOptions(values: {
  length?: string | undefined;
  'no-lowercase'?: boolean | undefined;
  'no-uppercase'?: boolean | undefined;
  'no-digits'?: boolean | undefined;
  'no-symbols'?: boolean | undefined;
  'allow-look-alikes'?: boolean | undefined;
}): PasswordOptions {
  const options: PasswordOptions = {
    lowercase: !values['no-lowercase'],
    uppercase: !values['no-uppercase'],
    digits: !values['no-digits'],
    symbols: !values['no-symbols'],
    excludeLookAlikes: !values['allow-look-alikes'],
  };
  if (values.length !== undefined) {
    const length = Number(values.length);
    if (!/^\d+$/.test(values.length) || length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
      throw new UsageError(
        `--length must be a whole number from ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH}; got "${values.length}"`,
      );
    }
    options.length = length;
  }
  if (!options.lowercase && !options.uppercase && !options.digits && !options.symbols) {
    throw new UsageError('choose at least one character set (all four were turned off)');
  }
  return options;
}
