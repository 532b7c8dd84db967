/**
 * Progress of a file upload or download, in **ciphertext** bytes (what goes over the wire; a few bytes per
 * 64 KiB more than the plaintext). `file` is the index in the secret's file list.
 *
 * @example
 * ```ts
 * const onProgress = (p: TransferProgress) => bar.update(p.allBytes / p.allTotal);
 * ```
 */
export interface TransferProgress {
  /** Index of the file being transferred. */
  file: number;
  /** Ciphertext bytes of this file done (for uploads: confirmed by the server). */
  bytes: number;
  /** Ciphertext length of this file. */
  total: number;
  /** Ciphertext bytes done over all files of this transfer. */
  allBytes: number;
  /** Ciphertext length of all files of this transfer. */
  allTotal: number;
}

/** Called as bytes move; may be called often (per chunk): throttle rendering on the caller's side. */
export type ProgressListener = (progress: TransferProgress) => void;
