import type { ServerLimits } from '@burnlink/client';
import { sizeText } from './i18n.js';
import type { Problem } from './problems.js';

/**
 * The extension sends small files only: a popup closes as soon as it loses focus, and with it an upload
 * still running. Within the server's own limits (`GET /api/v1/config`), at most this much.
 */
export const EXTENSION_FILE_CAP = { maxFiles: 5, maxSecretBytes: 10 * 2 ** 20 } as const;

export interface FileCap {
  maxFiles: number;
  maxFileBytes: number;
  maxSecretBytes: number;
}

/** The server's file limits narrowed to the extension's cap; `maxFiles` 0 when the server takes no files. */
export function fileCap(limits: ServerLimits): FileCap {
  const { files } = limits;
  return {
    maxFiles: Math.min(files.maxFiles, EXTENSION_FILE_CAP.maxFiles),
    maxFileBytes: Math.min(files.maxFileBytes, EXTENSION_FILE_CAP.maxSecretBytes),
    maxSecretBytes: Math.min(files.maxSecretBytes, EXTENSION_FILE_CAP.maxSecretBytes),
  };
}

/** Why these files cannot be sent, or null; checked before anything is encrypted. */
export function checkFiles(
  files: ReadonlyArray<{ name: string; size: number }>,
  cap: FileCap,
): Problem | null {
  if (files.length === 0) return null;
  if (cap.maxFiles === 0) return { key: 'errFilesOff' };
  if (files.length > cap.maxFiles) return { key: 'errTooManyFiles', subs: [cap.maxFiles] };
  const large = files.find((file) => file.size > cap.maxFileBytes);
  if (large) return { key: 'errFileTooLarge', subs: [large.name, sizeText(cap.maxFileBytes)] };
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > cap.maxSecretBytes) return { key: 'errTotalTooLarge', subs: [sizeText(cap.maxSecretBytes)] };
  return null;
}
