import type { ReceiptInfo, ReceiptState } from '../../stores/secret-store.js';

/** OTS's metadata states for burnlink's receipt states (docs/ots-compat.md). */
const STATES: Record<ReceiptState, string> = {
  pending: 'new',
  viewed: 'received',
  burned: 'burned',
  expired: 'expired',
  locked: 'burned',
};

export const otsState = (state: ReceiptState): string => STATES[state];

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** OTS's metadata object (v1 `share`, `private/:key`) from what the receipt tells. */
export function metadataObject(
  custid: string,
  metadataKey: string,
  info: ReceiptInfo,
  now: number,
  retentionMs: number,
): Record<string, unknown> {
  const ended = info.state !== 'pending';
  const lastViewed = info.viewedAt.at(-1);
  const updated = info.endedAt ?? lastViewed ?? info.createdAt;
  return {
    custid,
    metadata_key: metadataKey,
    ttl: seconds(info.expiresAt - info.createdAt),
    metadata_ttl: Math.max(0, seconds(info.expiresAt + retentionMs - now)),
    // As OTS v1: no secret_ttl once the secret is gone (received, burned, expired).
    ...(ended ? {} : { secret_ttl: Math.max(0, seconds(info.expiresAt - now)) }),
    state: otsState(info.state),
    created: seconds(info.createdAt),
    updated: seconds(updated),
    ...(lastViewed === undefined ? {} : { received: seconds(lastViewed) }),
    recipient: [],
    passphrase_required: info.hasPassphrase,
  };
}
