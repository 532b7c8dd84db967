import type {
  RequestCreated,
  RequestInbox,
  RequestPublic,
  RequestReceiptReply,
  RequestResponded,
  RequestState,
} from '@burnlink/wire';
import { arrayOf, type Check, count, nullable, oneOf, optional, shape, string } from './json-shape.js';
import { decodePeek } from './replies.js';
import type { RequestReceipt } from './request-results.js';
import type { SecretInfo } from './results.js';

// The request routes' JSON replies (docs/api.md "Requests"), checked at run time; see replies.ts.

const STATES: Record<RequestState, true> = {
  waiting: true,
  answered: true,
  read: true,
  expired: true,
  burned: true,
};

export const isRequestCreated = shape<RequestCreated>({ id: string, receipt: string, expires_at: string });

export const isRequestPublic = shape<RequestPublic>({
  public_key: string,
  description: string,
  expires_at: string,
  response_ttl: count,
});

export const isRequestResponded = shape<RequestResponded>({
  expires_at: string,
  uploads: optional(arrayOf(shape({ id: string, url: string, size: count }))),
});

const times = {
  state: oneOf(STATES),
  created_at: string,
  expires_at: string,
  answered_at: nullable(string),
  read_at: nullable(string),
  ended_at: nullable(string),
};

const isReceiptReply = shape<RequestReceiptReply>(times);
const anything: Check = () => true;
const isInbox = shape<RequestInbox>({ ...times, sealed_key: optional(string), response: optional(anything) });

export function decodeRequestReceipt(body: unknown): RequestReceipt | null {
  if (!isReceiptReply(body)) return null;
  return {
    ok: true,
    state: body.state,
    createdAt: body.created_at,
    expiresAt: body.expires_at,
    answeredAt: body.answered_at,
    readAt: body.read_at,
    endedAt: body.ended_at,
  };
}

/** The inbox reply: its times, and once answered the sealed key and the response secret's peek. */
export function decodeInbox(
  id: string,
  body: unknown,
): { receipt: RequestReceipt; sealedKey: string | null; response: SecretInfo | null } | null {
  if (!isInbox(body)) return null;
  const receipt = decodeRequestReceipt({
    state: body.state,
    created_at: body.created_at,
    expires_at: body.expires_at,
    answered_at: body.answered_at,
    read_at: body.read_at,
    ended_at: body.ended_at,
  });
  if (receipt === null) return null;
  const response = body.response === undefined ? null : decodePeek(id, body.response);
  if (body.response !== undefined && response === null) return null;
  if (body.state === 'answered' && (body.sealed_key === undefined || response === null)) return null;
  return { receipt, sealedKey: body.sealed_key ?? null, response };
}
