import { type Static, Type } from 'typebox';
import { Id16 } from './formats.js';

// The tus 1.0.0 core protocol plus `termination` and `expiration` on /api/v1/uploads/{id} (docs/api.md "Files"). Uploads are
// created by the create request with `files`, never by a tus POST. Header names are lowercase, as `fetch`
// `Headers` and Node give them; other headers may be present.

/** The tus version the server speaks. */
export const TUS_VERSION = '1.0.0';
/** The content type of a PATCH body. */
export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';

const Bytes = (description: string) => Type.String({ pattern: '^\\d{1,15}$', description });
const TusResumable = Type.Literal(TUS_VERSION);
/** tus expiration: when the unfinished upload expires without progress (RFC 7231 date); absent once live. */
const UploadExpires = Type.Optional(
  Type.String({
    pattern: '^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$',
    description: 'When the unfinished upload expires unless a PATCH makes progress (RFC 7231 date)',
  }),
);

export const UploadParams = Type.Object({ id: Id16('Upload (blob) id') });
export type UploadParams = Static<typeof UploadParams>;

/** Request headers of HEAD and DELETE. */
export const UploadHeaders = Type.Object({ 'tus-resumable': TusResumable });
export type UploadHeaders = Static<typeof UploadHeaders>;

/** Request headers of a PATCH that appends bytes at `upload-offset`. */
export const UploadPatchHeaders = Type.Object({
  'tus-resumable': TusResumable,
  'content-type': Type.Literal(UPLOAD_CONTENT_TYPE),
  'upload-offset': Bytes('Where the upload stands (HEAD tells it)'),
});
export type UploadPatchHeaders = Static<typeof UploadPatchHeaders>;

/** Headers of `OPTIONS /api/v1/uploads` (204). */
export const UploadOptionsReplyHeaders = Type.Object({
  'tus-resumable': TusResumable,
  'tus-version': TusResumable,
  'tus-extension': Type.Literal('termination,expiration'),
  'tus-max-size': Bytes('Largest ciphertext of one file'),
});
export type UploadOptionsReplyHeaders = Static<typeof UploadOptionsReplyHeaders>;

/** Headers of a HEAD (200): how far the upload is. */
export const UploadHeadReplyHeaders = Type.Object({
  'tus-resumable': TusResumable,
  'upload-offset': Bytes('Bytes stored so far'),
  'upload-length': Bytes('Declared ciphertext length'),
  'upload-expires': UploadExpires,
});
export type UploadHeadReplyHeaders = Static<typeof UploadHeadReplyHeaders>;

/**
 * Headers of a PATCH (204). `burnlink-secret: ready` when this PATCH completed the secret's last file: the
 * secret exists from then on.
 */
export const UploadPatchReplyHeaders = Type.Object({
  'tus-resumable': TusResumable,
  'upload-offset': Bytes('The new offset'),
  'burnlink-secret': Type.Optional(Type.Literal('ready')),
  'upload-expires': UploadExpires,
});
export type UploadPatchReplyHeaders = Static<typeof UploadPatchReplyHeaders>;
