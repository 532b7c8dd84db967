import type { ServerLimits } from '@burnlink/client';

/** The server's file limits (`GET /api/v1/config` → `files`, through the SDK), in plaintext bytes. */
export type FileLimits = ServerLimits['files'];

export interface ChosenFile {
  name: string;
  size: number;
}

/** Why the chosen files cannot be sent, with what the message needs; checked before anything is encrypted. */
export type LimitProblem =
  | { problem: 'files-off' }
  | { problem: 'too-many'; count: number; max: number }
  | { problem: 'file-too-large'; name: string; size: number; max: number }
  | { problem: 'total-too-large'; size: number; max: number };

/**
 * Checks files against the server's limits. Without known limits (the config did not load) nothing is
 * checked here: the server still answers 413, which the page puts into words.
 *
 * @example checkFileLimits([{ name: 'a.txt', size: 3 }], { maxFiles: 10, … }) === null
 */
export function checkFileLimits(
  files: readonly ChosenFile[],
  limits: FileLimits | undefined,
): LimitProblem | null {
  if (!limits || files.length === 0) return null;
  if (limits.maxFiles === 0) return { problem: 'files-off' };
  if (files.length > limits.maxFiles)
    return { problem: 'too-many', count: files.length, max: limits.maxFiles };
  const large = files.find((file) => file.size > limits.maxFileBytes);
  if (large)
    return { problem: 'file-too-large', name: large.name, size: large.size, max: limits.maxFileBytes };
  const total = totalSize(files);
  if (total > limits.maxSecretBytes)
    return { problem: 'total-too-large', size: total, max: limits.maxSecretBytes };
  return null;
}

export const totalSize = (files: readonly ChosenFile[]): number =>
  files.reduce((sum, file) => sum + file.size, 0);
