import { type Static, Type } from 'typebox';
import { Count, Id16, IsoTime } from './formats.js';

// GET /api/v1/receipts/{receipt} and POST /api/v1/receipts/{receipt}/burn (docs/api.md).

export const ReceiptParams = Type.Object({ receipt: Id16('Receipt token (from the receipt link)') });
export type ReceiptParams = Static<typeof ReceiptParams>;

/** Where a secret stands, as its sender sees it. */
export const ReceiptState = Type.Union([
  Type.Literal('pending'),
  Type.Literal('viewed'),
  Type.Literal('burned'),
  Type.Literal('expired'),
  Type.Literal('locked'),
]);
export type ReceiptState = Static<typeof ReceiptState>;

/** A completed file download: `file` is the file's index in the payload (names travel encrypted). */
export const ReceiptDownload = Type.Object(
  { file: Count('File index'), at: IsoTime('Download completed') },
  { additionalProperties: false },
);
export type ReceiptDownload = Static<typeof ReceiptDownload>;

export const ReceiptReply = Type.Object(
  {
    state: ReceiptState,
    created_at: IsoTime('When the secret was created'),
    expires_at: IsoTime('When the secret expires (or expired)'),
    max_views: Count(),
    views_left: Count(),
    viewed_at: Type.Array(IsoTime('One entry per view')),
    failed_attempts: Count(),
    max_attempts: Count(),
    passphrase: Type.Boolean(),
    ended_at: Type.Union([Type.Null(), IsoTime('When the secret was burned, locked or expired')]),
    downloads: Type.Array(ReceiptDownload, { description: 'Completed file downloads, oldest first' }),
  },
  { additionalProperties: false },
);
export type ReceiptReply = Static<typeof ReceiptReply>;
