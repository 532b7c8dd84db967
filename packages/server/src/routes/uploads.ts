import { Readable } from 'node:stream';
import { encryptedSize } from '@burnlink/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../app-context.js';
import { optionalCaller, requestCaller } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { closeAfterAnswer, idleLimited, requestTimeoutError } from '../plugins/timeouts.js';
import { UploadParams } from './schemas.js';

const TAGS = ['uploads'];
const TUS_VERSION = '1.0.0';
export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';

/**
 * The tus 1.0.0 core protocol plus `termination` and `expiration` (https://tus.io/protocols/resumable-upload)
 * for the files of a staged secret. An unfinished upload expires with its secret once it made no progress for
 * `BURNLINK_UPLOAD_STALE_AFTER` (SecretStore, "Upload deadline"): HEAD and PATCH answers name that time in
 * `Upload-Expires` (RFC 7231 date) while the secret is staged. Uploads are created by `POST /api/v1/secrets` with `files` (never by tus POST, so no
 * Upload-Metadata — names travel encrypted). The PATCH that completes the last file makes the staged secret
 * live in the same store step, and only that PATCH answers `Burnlink-Secret: ready` (service/upload-service.ts).
 */
export function registerUploadRoutes(app: App, ctx: AppContext): void {
  const { config, service, uploadBudget } = ctx;
  const maxSize = encryptedSize(config.files.maxFileBytes);

  // The PATCH body is handed to the blob store as the raw stream: no buffering, no body limit (the declared
  // length bounds it, enforced byte by byte by the store).
  app.addContentTypeParser(UPLOAD_CONTENT_TYPE, (_request, payload, done) => done(null, payload));

  const tusHeaders = (reply: FastifyReply) =>
    reply.header('Tus-Resumable', TUS_VERSION).header('Cache-Control', 'no-store');
  const requireTus = (request: FastifyRequest, reply: FastifyReply) => {
    tusHeaders(reply);
    if (request.headers['tus-resumable'] !== TUS_VERSION) {
      reply.header('Tus-Version', TUS_VERSION);
      throw new ApiError('tus_version_unsupported');
    }
  };
  for (const url of ['/api/v1/uploads', '/api/v1/uploads/:id']) {
    app.options(url, { schema: { tags: TAGS, summary: 'tus capabilities', hide: true } }, async (_r, reply) =>
      tusHeaders(reply)
        .header('Tus-Version', TUS_VERSION)
        .header('Tus-Extension', 'termination,expiration')
        .header('Tus-Max-Size', String(maxSize))
        .code(204)
        .send(),
    );
  }

  app.head(
    '/api/v1/uploads/:id',
    { schema: { tags: TAGS, summary: 'Where an upload stands (Upload-Offset)', params: UploadParams } },
    async (request, reply) => {
      tusHeaders(reply);
      const upload = await service.uploads.state(request.params.id).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'upload_not_found') return null;
        throw error;
      });
      if (upload === null) return reply.code(404).send();
      if (!upload.sealed) reply.header('Upload-Expires', new Date(upload.expiresAt).toUTCString());
      return reply
        .header('Upload-Offset', String(upload.offset))
        .header('Upload-Length', String(upload.length))
        .code(200)
        .send();
    },
  );

  app.patch(
    '/api/v1/uploads/:id',
    {
      // No deadline for the whole body (a large file on a slow link may take hours): a pause limit instead.
      config: { streamedBody: true },
      schema: {
        tags: TAGS,
        summary: 'Append bytes at Upload-Offset (tus PATCH)',
        params: UploadParams,
        description: `Body: ${UPLOAD_CONTENT_TYPE}. 204 with the new Upload-Offset.`,
      },
    },
    async (request, reply) => {
      const body = request.body as Readable | undefined;
      try {
        requireTus(request, reply);
        const offset = parseOffset(request.headers['upload-offset']);
        if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== UPLOAD_CONTENT_TYPE) {
          throw new ApiError('unsupported_media_type', `Send the bytes as ${UPLOAD_CONTENT_TYPE}.`);
        }
        const source = idleLimited(body ?? Readable.from([]), config.timeouts.uploadIdleMs);
        // 429 before a byte is read when this address's upload budget is used up; else the body, cut at it.
        const allowed = await uploadBudget(request, source.chunks, request.params.id);
        const written = await service.uploads.write(
          request.params.id,
          offset,
          allowed.chunks,
          requestCaller(request, null),
        );
        // The body stalled: what arrived is recorded (HEAD tells where to continue), the connection closed.
        if (source.timedOut) {
          closeAfterAnswer(request.raw, reply.raw);
          throw requestTimeoutError();
        }
        // Cut at the budget: what arrived up to it is recorded, the rest is never read.
        if (allowed.exceeded && written.clientGone) {
          closeAfterAnswer(request.raw, reply.raw);
          throw allowed.error(written.offset);
        }
        // The client went away mid-body: what arrived is recorded, HEAD tells it where to continue.
        if (written.clientGone) return reply;
        reply.header('Upload-Offset', String(written.offset));
        if (written.ready) reply.header('Burnlink-Secret', 'ready');
        else if (written.expiresAt !== null) {
          reply.header('Upload-Expires', new Date(written.expiresAt).toUTCString());
        }
        return reply.code(204).send();
      } catch (error) {
        // An answer before the whole body was read: close the connection rather than read (or hang on) the rest.
        if (body !== undefined && !body.readableEnded) reply.header('Connection', 'close');
        throw error;
      }
    },
  );

  app.delete(
    '/api/v1/uploads/:id',
    {
      schema: { tags: TAGS, summary: 'Cancel the unfinished secret (tus termination)', params: UploadParams },
    },
    async (request, reply) => {
      requireTus(request, reply);
      await service.uploads.cancel(request.params.id, await optionalCaller(ctx.auth, request));
      return reply.code(204).send();
    },
  );
}

function parseOffset(raw: string | string[] | undefined): number {
  const value = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new ApiError('invalid_request', 'Upload-Offset must be a non-negative whole number of bytes.');
  }
  return value;
}
