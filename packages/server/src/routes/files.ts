import { Readable } from 'node:stream';
import type { App, AppContext } from '../app-context.js';
import { requestCaller } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { closeWhenStalled } from '../plugins/timeouts.js';
import { UploadParams } from './schemas.js';

/**
 * GET /api/v1/files/:id — the ciphertext of one file, for the holder of a claim's download grant
 * (`Authorization: Bearer <grant>`). Streams from the blob store; supports one `Range` (resuming). A response
 * that delivers the last byte uses the grant up for this file (service/download-service.ts). A response that
 * makes no write progress for `BURNLINK_DOWNLOAD_IDLE_TIMEOUT` (the client stopped reading) is cut off: its
 * socket closed, the reader lease released, nothing delivered.
 */
export function registerFileRoutes(app: App, ctx: AppContext): void {
  const { service, config } = ctx;

  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a file (ciphertext) with a grant from the claim',
        params: UploadParams,
        description:
          'Authorization: Bearer <grant>. 200 or 206 (Range), application/octet-stream. One download per grant and file at a time (409 download_in_progress).',
      },
    },
    async (request, reply) => {
      const auth = request.headers.authorization;
      const grant = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
      const rangeHeader = request.headers.range;
      // A HEAD (Fastify answers it with this handler) sends no bytes: it must never use the grant up.
      const head = request.method === 'HEAD';
      const download = await service.downloads.open(
        request.params.id,
        grant,
        (size) => parseRange(rangeHeader, size),
        head,
        // The grant alone decides a download: whoever holds it is anonymous to the trail.
        requestCaller(request, null),
      );
      const { start, end, size } = download;
      reply
        .header('Content-Type', 'application/octet-stream')
        .header('Content-Length', String(end - start))
        .header('Accept-Ranges', 'bytes')
        .header('Content-Disposition', 'attachment');
      if (rangeHeader !== undefined)
        reply.code(206).header('Content-Range', `bytes ${start}-${end - 1}/${size}`);
      if (head) return reply.send(Readable.from([]));
      // 'finish': every byte was handed to the socket; 'close' first: the response broke off (resumable).
      let finished = false;
      reply.raw.once('finish', () => {
        finished = true;
      });
      reply.raw.once('close', () => {
        void download.finish(finished);
      });
      // A client that stops reading: the connection closes, the download counts as interrupted (resumable).
      closeWhenStalled(request.raw, reply.raw, config.timeouts.downloadIdleMs);
      const body = Readable.from(download.body, { objectMode: false });
      // A blob that vanishes mid-stream (PostgreSQL) ends the response early; the client resumes or sees it.
      body.on('error', (error) => request.log.warn({ err: { type: error.name } }, 'a download broke off'));
      return reply.send(body);
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
