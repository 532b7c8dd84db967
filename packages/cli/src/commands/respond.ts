import { createClient, normalizeBaseUrl, streamedBodies } from '@burnlink/client';
import { parseRequestLink } from '@burnlink/core/requests';
import type { CliContext } from '../cli-context.js';
import { formatRelative } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { HELP_OPTION, parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { visible } from '../visible.js';
import { failed, writeJson } from './output.js';
import { choosePassphrase, readSecretText } from './secret-input.js';
import { checkFileLimits, fileSources, interruptible, PATCH_BYTES, uploadProgress } from './send-files.js';

export const RESPOND_HELP = `Usage: burnlink respond REQUEST_LINK [--file PATH]... [options]

Answers a request for a secret (a link such as https://burn.example.com/q/ID#KEY). Shows what was asked on
stderr, encrypts the answer on this machine for the requester only, and sends it to the server named in the
link. A request takes one answer.

The secret text comes from stdin (one trailing line break removed), else — on a terminal — from a hidden
prompt. With --file and stdin on a terminal, no text is asked for (files alone are fine).

Options:
  --file PATH            attach a file (repeat for several); encrypted while it is read, uploaded with resume
  --passphrase           also protect the answer with a passphrase (share it another way): asked on the
                         terminal (twice), or taken from BURNLINK_PASSPHRASE when there is no terminal
  --passphrase-file F    read the passphrase from file F (one trailing line break removed)
  --json                 print {expires_at, passphrase, files} as JSON on stdout
  -h, --help             show this help

Exit codes: 3 when the request was already answered, burned or has expired (or never existed).

Examples:
  burnlink respond 'https://burn.example.com/q/ID#KEY' < password.txt
  burnlink respond --file id_ed25519 --passphrase "$REQUEST_LINK" < /dev/null
`;

const OPTIONS = {
  ...HELP_OPTION,
  file: { type: 'string', multiple: true },
  passphrase: { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `burnlink respond`: see RESPOND_HELP. */
export async function respond(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('respond', args, OPTIONS);
  if (values.help) {
    ctx.stdout.write(RESPOND_HELP);
    return EXIT.OK;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      'give exactly one REQUEST_LINK; the secret comes on stdin (see: burnlink respond --help)',
    );
  }
  const link = positionals[0]!;
  let origin: string;
  try {
    origin = parseRequestLink(link).origin;
  } catch (error) {
    throw new UsageError(
      error instanceof Error && error.name === 'LinkError' ? error.message : 'malformed link',
    );
  }
  // The link names its server; no API key goes there (answering needs none).
  const client = createClient({ baseUrl: normalizeBaseUrl(origin) ?? origin, fetch: ctx.fetch });

  const opened = await client.openRequest(link);
  if (!opened.ok) return failed(ctx, opened);
  ctx.stderr.write(`Request: ${visible(opened.description)}\n`);

  const paths = values.file ?? [];
  const files = await fileSources(paths);
  const text = files.length > 0 && ctx.stdinIsTTY ? '' : await readSecretText(ctx);
  if (text === '' && files.length === 0) throw new UsageError('the secret is empty');
  const passphrase = await choosePassphrase(values, ctx);
  if (files.length > 0) {
    const config = await client.config();
    if (!config.ok) return failed(ctx, config);
    checkFileLimits(paths, files, config.files);
  }

  const progress = uploadProgress(ctx, files);
  const answered = await interruptible(ctx, (signal) =>
    client.respond(
      link,
      { text, ...(files.length > 0 ? { files } : {}), ...(passphrase === undefined ? {} : { passphrase }) },
      files.length > 0
        ? { onProgress: progress.onProgress, signal, chunkBytes: PATCH_BYTES, streamBodies: streamedBodies }
        : { signal },
    ),
  );
  if (files.length > 0) progress.done(answered.ok);
  if (!answered.ok) return failed(ctx, answered);
  if (values.json) {
    writeJson(ctx, {
      expires_at: answered.expiresAt,
      passphrase: passphrase !== undefined,
      files: files.length,
    });
    return EXIT.OK;
  }
  ctx.stderr.write(
    `Answered: the requester can read it once until ${answered.expiresAt} (${formatRelative(answered.expiresAt, ctx.now())})${passphrase === undefined ? '' : '; share the passphrase another way'}\n`,
  );
  return EXIT.OK;
}
