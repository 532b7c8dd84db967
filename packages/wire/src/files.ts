import { type Static, Type } from 'typebox';
import { Id16 } from './formats.js';

// GET /api/v1/files/{id}: the ciphertext of one file, for the holder of a claim's download grant
// (docs/api.md "Files"). Header names are lowercase; other headers may be present.

export const FileParams = Type.Object({ id: Id16('File id (from the claim reply)') });
export type FileParams = Static<typeof FileParams>;

/** Request headers: the grant, and a Range to resume. */
export const FileRequestHeaders = Type.Object({
  authorization: Type.String({ pattern: '^Bearer [A-Za-z0-9_-]{43}$', description: 'Bearer <grant>' }),
  range: Type.Optional(Type.String({ pattern: '^bytes=\\d{1,15}-\\d{0,15}$' })),
});
export type FileRequestHeaders = Static<typeof FileRequestHeaders>;

/** Headers of a download: 200 (the whole file) or 206 with `content-range`. */
export const FileReplyHeaders = Type.Object({
  'content-type': Type.Literal('application/octet-stream'),
  'content-length': Type.String({ pattern: '^\\d{1,15}$' }),
  'accept-ranges': Type.Literal('bytes'),
  'content-disposition': Type.Literal('attachment'),
  'content-range': Type.Optional(Type.String({ pattern: '^bytes \\d{1,15}-\\d{1,15}/\\d{1,15}$' })),
});
export type FileReplyHeaders = Static<typeof FileReplyHeaders>;
