/** The server's file limits (`GET /api/v1/config` → `files`), in plaintext bytes. */
export interface FileLimits {
  max_files: number;
  max_file_bytes: number;
  max_secret_bytes: number;
}

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
 * @example checkFileLimits([{ name: 'a.txt', size: 3 }], { max_files: 10, … }) === null
 */
export function checkFileLimits(
  files: readonly ChosenFile[],
  limits: FileLimits | undefined,
): LimitProblem | null {
  if (!limits || files.length === 0) return null;
  if (limits.max_files === 0) return { problem: 'files-off' };
  if (files.length > limits.max_files)
    return { problem: 'too-many', count: files.length, max: limits.max_files };
  const large = files.find((file) => file.size > limits.max_file_bytes);
  if (large)
    return { problem: 'file-too-large', name: large.name, size: large.size, max: limits.max_file_bytes };
  const total = totalSize(files);
  if (total > limits.max_secret_bytes)
    return { problem: 'total-too-large', size: total, max: limits.max_secret_bytes };
  return null;
}

export const totalSize = (files: readonly ChosenFile[]): number =>
  files.reduce((sum, file) => sum + file.size, 0);
