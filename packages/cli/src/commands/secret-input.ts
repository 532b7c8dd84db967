import type { CliContext } from '../cli-context.js';
import { cliText } from '../i18n/catalogue.js';
import { passphraseFromFileOrEnv, stripOneNewline } from '../shared-options.js';
import { UsageError } from '../usage-error.js';

// What `send` and `respond` read from the person at the terminal: the secret text and the passphrase.

/** The secret text from stdin (one trailing line break removed), or a hidden prompt on a terminal. */
export async function readSecretText(ctx: CliContext): Promise<string> {
  if (ctx.stdinIsTTY) {
    const typed = await ctx.promptHidden(cliText(ctx).t('promptSecret'));
    return typed ?? '';
  }
  return stripOneNewline(await ctx.readStdin());
}

/**
 * `--passphrase` (asked twice on a terminal, else BURNLINK_PASSPHRASE) or `--passphrase-file F`; undefined
 * without either. Shared by `send` and `respond`.
 */
export async function choosePassphrase(
  values: { passphrase?: boolean | undefined; 'passphrase-file'?: string | undefined },
  ctx: CliContext,
): Promise<string | undefined> {
  const file = values['passphrase-file'];
  if (!values.passphrase && file === undefined) {
    if (ctx.env.BURNLINK_PASSPHRASE) {
      ctx.stderr.write(
        'burnlink: note: BURNLINK_PASSPHRASE is set but --passphrase was not given: sending without a passphrase\n',
      );
    }
    return undefined;
  }
  const given = await passphraseFromFileOrEnv(file, ctx);
  if (given !== undefined) return given;
  const first = await ctx.promptHidden(cliText(ctx).t('promptPassphrase'));
  if (first === null) {
    throw new UsageError(
      '--passphrase needs a terminal to ask on; without one, set BURNLINK_PASSPHRASE or use --passphrase-file FILE',
    );
  }
  if (first === '') throw new UsageError(cliText(ctx).t('emptyPassphrase'));
  const again = await ctx.promptHidden(cliText(ctx).t('promptPassphraseAgain'));
  if (again !== first) throw new UsageError(cliText(ctx).t('passphrasesDiffer'));
  return first;
}
