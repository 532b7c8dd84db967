import type { Readable } from 'node:stream';
import { encryptedSize } from '@burnlink/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../app-context.js';
import {
  BlobNotFoundError,
  BlobOffsetError,
  BlobSealedError,
  BlobTooLargeError,
  type UploadState,
} from '../blobs/blob-store.js';
import { ApiError } from '../errors.js';
import { UploadParams } from './schemas.js';

const TAGS = ['uploads'];
const TUS_VERSION = '1.0.0';
export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';

/**
 * The tus 1.0.0 core protocol plus `termination` (https://tus.io/protocols/resumable-upload) for the files
 * of a staged secret. Uploads are created by `POST /api/v1/secrets` with `files` (never by tus POST, so no
 * Upload-Metadata — names travel encrypted). The PATCH that completes the last file seals the staged secret
 * and creates it in the SecretStore: from then on it can be peeked and claimed.
 */
export function registerUploadRoutes(app: App, ctx: AppContext): void {
  const { config, store, blobs, metrics } = ctx;
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
  const state = async (id: string): Promise<UploadState> => {
    const upload = await blobs.uploadState(id, ctx.now());
    if (upload === null) throw new ApiError('upload_not_found');
    return upload;
  };

  for (const url of ['/api/v1/uploads', '/api/v1/uploads/:id']) {
    app.options(url, { schema: { tags: TAGS, summary: 'tus capabilities', hide: true } }, async (_r, reply) =>
      tusHeaders(reply)
        .header('Tus-Version', TUS_VERSION)
        .header('Tus-Extension', 'termination')
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
      const upload = await blobs.uploadState(request.params.id, ctx.now());
      if (upload === null) return reply.code(404).send();
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
      schema: {
        tags: TAGS,
        summary: 'Append bytes at Upload-Offset (tus PATCH)',
        params: UploadParams,
        description: `Body: ${UPLOAD_CONTENT_TYPE}. 204 with the new Upload-Offset.`,
      },
    },
    async (request, reply) => {
      requireTus(request, reply);
      const offset = parseOffset(request.headers['upload-offset']);
      if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== UPLOAD_CONTENT_TYPE) {
        throw new ApiError('unsupported_media_type', `Send the bytes as ${UPLOAD_CONTENT_TYPE}.`);
      }
      const upload = await state(request.params.id);
      const body = request.body as Readable;
      let newOffset: number;
      try {
        newOffset = await blobs.write(upload.blobId, offset, body, ctx.now());
      } catch (error) {
        if (error instanceof BlobOffsetError) {
          reply.header('Upload-Offset', String(error.currentOffset));
          throw new ApiError(
            'upload_offset_mismatch',
            error.currentOffset === offset
              ? 'Another request is writing this upload right now; retry in a moment (HEAD tells the offset).'
              : `Upload-Offset is ${offset}, but the upload stands at ${error.currentOffset}.`,
          );
        }
        if (error instanceof BlobTooLargeError) {
          await blobs.removeSecret(upload.secretId);
          // Cut the connection after the answer: the rest of the body is not read.
          reply.header('Connection', 'close');
          throw new ApiError(
            'upload_too_large',
            `The upload went past its declared ${error.length} bytes: it was cut, and the unfinished secret removed.`,
          );
        }
        if (error instanceof BlobSealedError) {
          if (offset === upload.length && upload.offset === upload.length) {
            return reply
              .header('Upload-Offset', String(offset))
              .header('Burnlink-Secret', 'ready')
              .code(204)
              .send();
          }
          throw new ApiError('upload_finished');
        }
        if (error instanceof BlobNotFoundError) throw new ApiError('upload_not_found');
        // The client went away mid-body: what arrived is kept, HEAD tells it where to continue.
        if (request.raw.destroyed) return reply;
        throw error;
      }
      metrics.fileBytes.inc({ direction: 'upload' }, newOffset - offset);
      reply.header('Upload-Offset', String(newOffset));
      if (newOffset === upload.length && (await sealIfComplete(upload.secretId))) {
        reply.header('Burnlink-Secret', 'ready');
      }
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/uploads/:id',
    {
      schema: { tags: TAGS, summary: 'Cancel the unfinished secret (tus termination)', params: UploadParams },
    },
    async (request, reply) => {
      requireTus(request, reply);
      const upload = await state(request.params.id);
      if (upload.sealed) throw new ApiError('upload_finished');
      await blobs.removeSecret(upload.secretId);
      return reply.code(204).send();
    },
  );

  /** Creates the secret once every file is complete; true when this call did (or it already exists). */
  async function sealIfComplete(secretId: string): Promise<boolean> {
    const secret = await blobs.seal(secretId, ctx.now());
    if (secret === null) return false;
    try {
      await store.create(secret);
    } catch (error) {
      // Let a retried (empty) PATCH seal again; the client sees 503 and repeats it.
      await blobs.unseal(secretId).catch(() => undefined);
      throw error;
    }
    metrics.created.inc();
    return true;
  }
}

function parseOffset(raw: string | string[] | undefined): number {
  const value = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new ApiError('invalid_request', 'Upload-Offset must be a non-negative whole number of bytes.');
  }
  return value;
}
