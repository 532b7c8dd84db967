/**
 * `@burnlink/client/files` — file transfer of the burnlink SDK (encrypt while reading, upload with tus and
 * resume; download, decrypt while writing). Also exported from `@burnlink/client`.
 *
 * @example
 * ```ts
 * import { fileSourceFromBlob, type RevealedFile, type TransferProgress } from '@burnlink/client/files';
 * ```
 */
export { type DownloadOptions, downloadFile, type RevealedFile } from './download.js';
export { type FileSource, fileSourceFromBlob, fileSourceFromBytes } from './file-source.js';
export type { RetryPolicy } from './retry.js';
export { type BodyStreamer, type StreamedBody, streamedBodies } from './streamed-body.js';
export type { ProgressListener, TransferProgress } from './transfer-progress.js';
