import type { ReceiptInfo, ReceiptState } from '../../stores/secret-store.js';

/** OTS v2's receipt states (v0.24 vocabulary) for burnlink's receipt states (docs/ots-compat.md). */
const V2_STATES: Record<ReceiptState, string> = {
  pending: 'shared',
  viewed: 'revealed',
  burned: 'burned',
  expired: 'expired',
  locked: 'burned',
};

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** OTS v2's receipt record (`record` of `GET /api/v2/receipt/:id`, `record.receipt` of conceal). */
export function receiptRecord(
  custid: string | null,
  receipt: string,
  info: ReceiptInfo,
  now: number,
  retentionMs: number,
): Record<string, unknown> {
  const lifespan = seconds(info.expiresAt - info.createdAt);
  const revealed = info.viewedAt.at(-1);
  const state = V2_STATES[info.state];
  const receiptTtl = Math.max(0, seconds(info.expiresAt + retentionMs - now));
  return {
    identifier: receipt,
    key: receipt,
    custid,
    state,
    secret_ttl: info.state === 'pending' ? Math.max(0, seconds(info.expiresAt - now)) : 0,
    metadata_ttl: receiptTtl,
    receipt_ttl: receiptTtl,
    lifespan,
    share_domain: '',
    created: seconds(info.createdAt),
    updated: seconds(info.endedAt ?? revealed ?? info.createdAt),
    revealed: revealed === undefined ? null : seconds(revealed),
    received: revealed === undefined ? null : seconds(revealed),
    burned: info.state === 'burned' || info.state === 'locked' ? seconds(info.endedAt ?? now) : null,
    is_viewed: revealed !== undefined,
    is_received: state === 'revealed',
    is_revealed: state === 'revealed',
    is_burned: state === 'burned',
    is_expired: state === 'expired',
    has_passphrase: info.hasPassphrase,
  };
}

/** OTS v2's secret record: what conceal and reveal return about the secret itself. */
export function secretRecord(
  secretKey: string,
  id: string,
  state: string,
  info: { createdAt?: number; expiresAt: number; hasPassphrase: boolean | null },
  now: number,
): Record<string, unknown> {
  return {
    identifier: secretKey,
    key: secretKey,
    shortid: id.slice(0, 8),
    state,
    secret_ttl: Math.max(0, seconds(info.expiresAt - now)),
    lifespan: info.createdAt === undefined ? null : seconds(info.expiresAt - info.createdAt),
    has_passphrase: info.hasPassphrase,
    ...(info.createdAt === undefined ? {} : { created: seconds(info.createdAt) }),
  };
}
