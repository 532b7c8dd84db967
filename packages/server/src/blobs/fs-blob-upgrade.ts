import { link, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isBlobId } from './blob-args.js';

/**
 * The older filesystem layout kept each blob's bytes at `<root>/blobs/<blobId>/data`, beside records that the
 * SecretStore now keeps itself. Secrets with files stored before the upgrade keep their bytes: each old data
 * file is linked to `<root>/<blobId>` (never over an existing file), then its old name is removed. Safe when
 * several nodes upgrade at once: `link` fails for all but one of them, and a crash between the two steps
 * leaves both names for the next start. Bytes whose secret is gone become orphans the sweeper deletes;
 * everything else of the old layout (`secrets/`, `receipts/`, `logs/`, `tmp/`, `trash/`) is never read again.
 * Resolves with the number of blobs moved.
 */
export async function upgradeOldLayout(root: string): Promise<number> {
  const old = join(root, 'blobs');
  let ids: string[];
  try {
    ids = (await readdir(old)).filter(isBlobId);
  } catch {
    return 0; // no older layout here
  }
  let moved = 0;
  for (const id of ids) {
    const from = join(old, id, 'data');
    try {
      await link(from, join(root, id));
      moved += 1;
    } catch (error) {
      // ENOENT: no complete data file (an upload in progress then); EEXIST: moved already, by us or a peer.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') continue;
    }
    await unlink(from).catch(() => {});
  }
  return moved;
}
