import { type OrgPolicy, type Restrictions, type ServerLimits, streamedBodies } from '@burnlink/client';
import {
  generatePassword,
  KDF_DEFAULT_ITERATIONS,
  KDF_MAX_ITERATIONS,
  KDF_MIN_ITERATIONS,
  type SecretContext,
  TTL_CHOICES_SECONDS,
  TTL_MAX_SECONDS,
  TTL_MIN_SECONDS,
} from '@burnlink/core';
import { connect } from '../api-key.js';
import type { CliContext } from '../cli-context.js';
import { checkTtl, formatRelative, parseTtl } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { cliText } from '../i18n/catalogue.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { RESTRICTION_HELP, RESTRICTION_OPTIONS, restrictionsFrom } from '../restriction-options.js';
import { DEFAULT_SERVER, PASSWORD_HELP, PASSWORD_OPTIONS, passwordOptions } from '../shared-options.js';
import { UsageError } from '../usage-error.js';
import { visible } from '../visible.js';
import { failed, writeJson } from './output.js';
import { choosePassphrase, readSecretText } from './secret-input.js';
import { checkFileLimits, fileSources, interruptible, PATCH_BYTES, uploadProgress } from './send-files.js';

export const SEND_HELP = `Usage: burnlink send [TEXT] [--file PATH]... [options]

Encrypts a secret locally and prints its one-time link on stdout; the receipt link and the expiry go to stderr.
The secret text comes from TEXT, else from stdin (one trailing line break removed), else — on a terminal —
from a hidden prompt. With --file and stdin on a terminal, no text is asked for (files alone are fine).

Options:
  --file PATH            attach a file (repeat for several); encrypted while it is read, uploaded with
                         resume, any size up to the server's limits; a progress bar shows on a terminal
  --ttl DURATION         lifetime such as 30m, 1h, 1h30m, 2d or 1w (default: the server's, usually 1d)
  --views N              how many times it can be opened (default 1)
  --passphrase           also protect it with a passphrase: asked on the terminal (twice), or taken from
                         BURNLINK_PASSPHRASE when there is no terminal
  --passphrase-file F    read the passphrase from file F (one trailing line break removed)
  --generate             send a newly generated password instead of TEXT; it is printed once to stderr
${PASSWORD_HELP}
  --label, --username, --url, --env, --note TEXT
                         context shown to the recipient with the secret (encrypted with it)
  --notify               mail me when it is viewed, burned or expires (needs an API key, and SMTP on the
                         server); the key's creator gets the mail
${RESTRICTION_HELP}
  --server URL           the burnlink server (default: BURNLINK_URL, else the server of burnlink login,
                         else ${DEFAULT_SERVER})
  --json                 print {link, receipt_link, id, receipt, expires_at, …} as JSON on stdout
  -h, --help             show this help

With an API key (BURNLINK_API_KEY, or burnlink login) the secret belongs to the key's organisation: it shows
in burnlink list and the dashboard, and can be burned by its id. The organisation's policy may require a
passphrase, restrictions or shorter lifetimes; the server refuses a secret that breaks it, naming the rule.

Restrictions are checked by the server before the secret is opened; a refused recipient uses no view. The
recipient's burnlink get (or browser) shows which steps are needed, never the addresses or networks.

Examples:
  echo 's3cret' | burnlink send
  burnlink send --ttl 1h --views 2 --username ada 'hunter2'
  BURNLINK_PASSPHRASE=horse burnlink send --passphrase < key.pem
  burnlink send --file cv.pdf --file id.png 'the documents, as promised'
  burnlink send --generate --length 32 --json
  burnlink send --verify-email ada@example.com --office-hours "mon-fri 08:00-18:00 Europe/Amsterdam" 's3cret'
  burnlink send --allow-network 10.0.0.0/8,2001:db8::/32 --allow-country NL,BE < token.txt
`;

const OPTIONS = {
  ...HELP_OPTION,
  ...PASSWORD_OPTIONS,
  ttl: { type: 'string' },
  views: { type: 'string' },
  passphrase: { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  generate: { type: 'boolean' },
  notify: { type: 'boolean' },
  label: { type: 'string' },
  username: { type: 'string' },
  url: { type: 'string' },
  env: { type: 'string' },
  note: { type: 'string' },
  server: { type: 'string' },
  json: { type: 'boolean' },
  file: { type: 'string', multiple: true },
  ...RESTRICTION_OPTIONS,
} as const;

const CORE_TTL_BOUNDS = { min: TTL_MIN_SECONDS, max: TTL_MAX_SECONDS, choices: TTL_CHOICES_SECONDS };

/** `burnlink send`: see SEND_HELP. */
export async function send(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('send', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(SEND_HELP);
    return EXIT.OK;
  }
  const { client, apiKey, server } = await connect(values.server, ctx);
  if (values.notify && apiKey === null) {
    throw new UsageError(
      `--notify needs an API key for ${server} (the mail goes to the key's creator): set BURNLINK_API_KEY, or run: burnlink login --server ${server}`,
    );
  }
  if (positionals.length > 1) {
    throw new UsageError('give the secret as one argument (quote it), or on stdin');
  }
  const usesPasswordOptions = Object.keys(PASSWORD_OPTIONS).some((name) => name in values);
  if (usesPasswordOptions && !values.generate) {
    throw new UsageError('--length and the character set options go with --generate');
  }
  if (values.generate && positionals.length > 0) {
    throw new UsageError('--generate sends a new password: give no TEXT with it');
  }
  const views = values.views === undefined ? undefined : parseViews(values.views);
  // A malformed --ttl fails before stdin is read or the server is asked; the range needs the server's config.
  if (values.ttl !== undefined) parseTtl(values.ttl, CORE_TTL_BOUNDS);
  const restrictions = restrictionsFrom(values);
  const context: SecretContext = {
    label: values.label,
    username: values.username,
    url: values.url,
    environment: values.env,
    note: values.note,
  };
  for (const key of Object.keys(context) as (keyof SecretContext)[]) {
    if (context[key] === undefined) delete context[key];
  }

  const paths = values.file ?? [];
  const files = await fileSources(paths);
  const password = values.generate ? generatePassword(passwordOptions(values)) : undefined;
  const text =
    password ?? positionals[0] ?? (files.length > 0 && ctx.stdinIsTTY ? '' : await readSecretText(ctx));
  if (text === '' && files.length === 0) throw new UsageError(cliText(ctx).t('emptySecret'));
  const passphrase = await choosePassphrase(values, ctx);

  const config = await client.config();
  if (!config.ok) return failed(ctx, config);
  const ttl = values.ttl === undefined ? undefined : checkTtl(values.ttl, config.ttl);
  if (views !== undefined && views > config.maxViews.max) {
    throw new UsageError(`--views must be from 1 to ${config.maxViews.max} on this server`);
  }
  const iterations =
    config.kdfIterations >= KDF_MIN_ITERATIONS && config.kdfIterations <= KDF_MAX_ITERATIONS
      ? config.kdfIterations
      : KDF_DEFAULT_ITERATIONS;

  checkFileLimits(paths, files, config.files);
  checkCapabilities(restrictions, config, server);
  checkPassphrasePolicy(passphrase, config.policy);

  const progress = uploadProgress(ctx, files);
  const sent = await interruptible(ctx, (signal) =>
    client.send({
      text,
      context,
      ttl,
      maxViews: views,
      passphrase,
      iterations,
      ...(values.notify ? { notify: true } : {}),
      ...(restrictions ? { restrictions } : {}),
      ...(files.length > 0
        ? {
            files,
            onProgress: progress.onProgress,
            signal,
            chunkBytes: PATCH_BYTES,
            streamBodies: streamedBodies,
          }
        : {}),
    }),
  );
  if (files.length > 0) progress.done(sent.ok);
  if (!sent.ok && sent.reason === 'invalid_request' && sent.code === 'policy_violation') {
    const rule = sent.rule ?? 'unknown';
    const hint = POLICY_HINTS[rule] ?? 'see the policy in the web app, or ask an admin';
    ctx.stderr.write(
      `burnlink: your organisation's policy refuses this secret (rule ${visible(rule)}): ${hint}\n`,
    );
    return EXIT.USAGE;
  }
  if (!sent.ok) return failed(ctx, sent);

  if (values.json) {
    writeJson(ctx, {
      link: sent.link,
      receipt_link: sent.receiptLink,
      id: sent.id,
      receipt: sent.receipt,
      expires_at: sent.expiresAt,
      max_views: views ?? config.maxViews.default,
      passphrase: passphrase !== undefined,
      files: files.length,
      ...(password !== undefined ? { password } : {}),
    });
    return EXIT.OK;
  }
  ctx.stdout.write(`${sent.link}\n`);
  const { t } = cliText(ctx);
  if (password !== undefined) ctx.stderr.write(`${t('sentPassword', { password })}\n`);
  ctx.stderr.write(`${t('sentReceipt', { link: sent.receiptLink })}\n`);
  const relative = formatRelative(sent.expiresAt, ctx.now());
  ctx.stderr.write(`${t('sentExpires', { at: sent.expiresAt, relative })}\n`);
  return EXIT.OK;
}

/** What to change when the organisation's policy refuses a secret, by the rule the server names. */
const POLICY_HINTS: Record<string, string> = {
  max_ttl: 'choose a shorter --ttl',
  max_views: 'choose fewer --views',
  passphrase_required: 'add --passphrase',
  passphrase_min_length: 'choose a longer passphrase',
  verification_required: 'name the recipient with --verify-email ADDRESS',
  recipient_domains: "--verify-email addresses must be at the organisation's allowed domains",
  networks: "--allow-network must stay within the organisation's networks",
  countries: "--allow-country must stay within the organisation's countries (--deny-country is not allowed)",
  office_hours: "--office-hours must be the organisation's office hours (or leave it out)",
  server_encryption: 'the organisation requires encryption on the client',
  members_only: "the API key's creator is no longer a member of the organisation: use a key of your own",
};

/** Recipients need mail and country rules a GeoIP database on the server: refused here with the flag's name. */
function checkCapabilities(
  restrictions: Restrictions | undefined,
  config: ServerLimits,
  server: string,
): void {
  if (restrictions === undefined) return;
  if (config.restrictions === null) {
    throw new UsageError(
      `the server at ${server} does not support restrictions (it is older than this burnlink)`,
    );
  }
  if (restrictions.recipients && !config.restrictions.verification) {
    throw new UsageError(
      `--verify-email needs a server that can send mail; ${server} has no SMTP configured (BURNLINK_SMTP_URL)`,
    );
  }
  if (restrictions.countries && !config.restrictions.countries) {
    const flag = restrictions.countries.allow ? '--allow-country' : '--deny-country';
    throw new UsageError(
      `${flag} needs a server with a GeoIP database; ${server} has none configured (BURNLINK_GEOIP_DB)`,
    );
  }
}

/**
 * The organisation's passphrase rules. The server enforces them too, except the length: it never sees a
 * passphrase it does not encrypt with, so clients check the minimum (docs/policies.md).
 */
function checkPassphrasePolicy(passphrase: string | undefined, policy: OrgPolicy | null): void {
  if (policy === null) return;
  if (policy.passphrase_required && passphrase === undefined) {
    throw new UsageError(
      "your organisation's policy requires a passphrase: add --passphrase (or --passphrase-file F)",
    );
  }
  const min = policy.passphrase_min_length;
  if (passphrase !== undefined && min !== null && [...passphrase].length < min) {
    throw new UsageError(`your organisation's policy requires a passphrase of at least ${min} characters`);
  }
}

function parseViews(text: string): number {
  const views = Number(text);
  if (!/^\d+$/.test(text) || views < 1) {
    throw new UsageError(`--views must be a whole number from 1 (default) upwards; got "${text}"`);
  }
  return views;
}
