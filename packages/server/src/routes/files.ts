import { Readable } from 'node:stream';
import type { App, AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { grantHash } from '../tokens.js';
import { UploadParams } from './schemas.js';

/**
 * GET /api/v1/files/:id — the ciphertext of one file, for the holder of a claim's download grant
 * (`Authorization: Bearer <grant>`). Streams from the blob store; supports one `Range` (resuming). A response
 * that delivers the last byte uses the grant up for this file (and may delete the blob: see BlobStore).
 */
export function registerFileRoutes(app: App, ctx: AppContext): void {
  const { blobs, metrics } = ctx;

  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a file (ciphertext) with a grant from the claim',
        params: UploadParams,
        description: 'Authorization: Bearer <grant>. 200 or 206 (Range), application/octet-stream.',
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const auth = request.headers.authorization;
      const hash = auth?.startsWith('Bearer ') ? grantHash(auth.slice(7).trim()) : null;
      const granted = hash === null ? null : await blobs.checkGrant(id, hash, ctx.now());
      if (hash === null || granted === null) throw new ApiError('file_not_found');

      const { start, end } = parseRange(request.headers.range, granted.size);
      reply
        .header('Content-Type', 'application/octet-stream')
        .header('Content-Length', String(end - start))
        .header('Accept-Ranges', 'bytes')
        .header('Content-Disposition', 'attachment');
      if (request.headers.range !== undefined) {
        reply.code(206).header('Content-Range', `bytes ${start}-${end - 1}/${granted.size}`);
      }
      // A HEAD (Fastify answers it with this handler) sends no bytes: it must never use the grant up.
      if (request.method === 'HEAD') return reply.send(Readable.from([]));
      // Used up only when the last byte went out: an interrupted download can resume with Range.
      reply.raw.once('finish', () => {
        metrics.fileBytes.inc({ direction: 'download' }, end - start);
        if (end !== granted.size) return;
        blobs.completeDownload(id, hash, ctx.now()).then(
          (used) => used && metrics.downloads.inc(),
          (error: unknown) =>
            request.log.warn({ err: { type: (error as Error)?.name } }, 'could not record a download'),
        );
      });
      return reply.send(Readable.from(blobs.read(id, start, end), { objectMode: false }));
    },
  );
}

/** `bytes=a-` or `bytes=a-b` (one range, inclusive end) within `size`; the whole file without a header. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } {
  if (header === undefined) return { start: 0, end: size };
  const match = /^bytes=(\d{1,15})-(\d{0,15})$/.exec(header.trim());
  const start = match ? Number(match[1]) : Number.NaN;
  const last = match?.[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (!(start <= last) || start >= size) {
    throw new ApiError(
      'range_not_satisfiable',
      `Range must be bytes=start- or bytes=start-end with start below ${size}.`,
      {},
      { 'Content-Range': `bytes */${size}` },
    );
  }
  return { start, end: last + 1 };
}
