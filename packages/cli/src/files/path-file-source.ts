import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FileSource } from '@burnlink/client';

/** Bytes per read from disk; one such buffer is in flight per open stream. */
const READ_BYTES = 1024 * 1024;

/** A few common types, so the recipient's browser can show what it is; anything else is sent as ''. */
const TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pem': 'application/x-pem-file',
  '.crt': 'application/x-x509-ca-cert',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Why a path cannot be sent: the error code (`ENOENT`, `EACCES`, …) or `not_a_file`. */
export class PathSourceError extends Error {
  override readonly name = 'PathSourceError';
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * A {@link FileSource} over a file on disk: its size from `stat`, its bytes read on demand (pull, so at most
 * one read buffer per stream), reopened at any offset when an upload resumes. Throws `PathSourceError` when
 * the path is not a readable regular file.
 *
 * @example
 * ```ts
 * const source = await fileSourceFromPath('report.pdf'); // { name: 'report.pdf', type: 'application/pdf', size }
 * ```
 */
export async function fileSourceFromPath(path: string): Promise<FileSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new PathSourceError('not_a_file');
    size = info.size;
    await (await open(path, 'r')).close(); // readable now, not only when the upload starts
  } catch (error) {
    if (error instanceof PathSourceError) throw error;
    throw new PathSourceError((error as { code?: string }).code ?? 'unreadable');
  }
  return {
    name: basename(path),
    type: TYPES[extname(path).toLowerCase()] ?? '',
    size,
    open: (offset) => readFrom(path, offset),
  };
}

function readFrom(path: string, offset: number): ReadableStream<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  let position = offset;
  const close = async () => {
    const h = handle;
    handle = null;
    await h?.close();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        handle ??= await open(path, 'r');
        // Not zeroed first: the read overwrites what is handed on (`subarray(0, bytesRead)`).
        const buffer = Buffer.allocUnsafe(READ_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, position);
        if (bytesRead === 0) {
          await close();
          controller.close();
          return;
        }
        position += bytesRead;
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await close().catch(() => {});
        controller.error(error);
      }
    },
    cancel: close,
  });
}
