import type { FileMeta } from '@burnlink/core';
import type { ClaimedFile } from '@burnlink/wire';
import type { FetchLike } from '../http.js';

import { downloadFile, type RevealedFile } from './download.js';
import { DEFAULT_RETRY } from './retry.js';

export interface RevealedFilesInput {
  fetch: FetchLike;
  /** The secret's server (origin plus path prefix). */
  base: string;
  timeoutMs: number;
  contentKey: Uint8Array;
  /** From the decrypted payload, in order. */
  metas: FileMeta[];
  /** From the claim reply, in the same order. */
  claimed: ClaimedFile[];
  grant: string | null;
}

/**
 * Pairs the payload's file list (names, types, plaintext sizes) with the claim reply's (ids, ciphertext
 * sizes, URLs). Null when they do not match: the server answered for another secret or is misbehaving.
 */
export function revealedFiles(input: RevealedFilesInput): RevealedFile[] | null {
  if (input.metas.length !== input.claimed.length) return null;
  if (input.metas.length > 0 && input.grant === null) return null;
  return input.metas.map((meta, index) => {
    const file = input.claimed[index]!;
    const job = {
      fetch: input.fetch,
      url: fileUrl(input.base, file),
      grant: input.grant!,
      contentKey: input.contentKey,
      index,
      plainSize: meta.size,
      size: file.size,
      timeoutMs: input.timeoutMs,
      retry: DEFAULT_RETRY,
    };
    return {
      name: meta.name,
      type: meta.type,
      size: meta.size,
      download: (sink, options) => downloadFile(job, sink, options),
    };
  });
}

/** The file's URL on the secret's server: the server's path when it is one of ours, else built from the id. */
function fileUrl(base: string, file: ClaimedFile): string {
  if (file.url.startsWith('/api/v1/files/')) return `${base}${file.url}`;
  return `${base}/api/v1/files/${encodeURIComponent(file.id)}`;
}
