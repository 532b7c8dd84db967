import type { BurnlinkClient } from '@burnlink/client';
import type { CliContext } from '../cli-context.js';
import { formatRelative } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { failed } from './output.js';

// `burnlink get INBOX_LINK`: where the request stands, before anything is consumed.

const ENDED = {
  read: 'the answer to this request was already read: it is gone from the server',
  expired: 'this request has expired (or its answer expired unread)',
  burned: 'this request was burned',
} as const;

/**
 * The number of files of an answered request's response; otherwise the exit code after a message: no answer
 * yet (`EXIT.WAITING`), or read, expired or burned (`EXIT.NOT_FOUND`).
 */
export async function answeredFiles(
  ctx: CliContext,
  client: BurnlinkClient,
  link: string,
): Promise<{ files: number } | number> {
  const box = await client.inbox(link);
  if (!box.ok) return failed(ctx, box);
  if (box.state === 'waiting') {
    ctx.stderr.write(
      `burnlink: no answer yet: the request is waiting until ${box.expiresAt} (${formatRelative(box.expiresAt, ctx.now())}); try again later\n`,
    );
    return EXIT.WAITING;
  }
  if (box.state !== 'answered' || box.response === null) {
    ctx.stderr.write(`burnlink: ${box.state === 'answered' ? ENDED.read : ENDED[box.state]}\n`);
    return EXIT.NOT_FOUND;
  }
  return { files: box.response.files };
}
