import type { RequestState as WireRequestState } from '@burnlink/wire';

/** Where a request stands: `waiting`, `answered` (not read yet), `read`, `expired` or `burned`. */
export type RequestState = WireRequestState;

/**
 * A created request. Hand `requestLink` to whoever should answer; keep `inboxLink` (it reads the response) and
 * `receiptLink` (status and burn) to yourself. Both links carry a key in their `#fragment`.
 *
 * @example
 * ```ts
 * const made = await client.createRequest({ description: 'the staging DB password' });
 * if (made.ok) console.log(made.requestLink, made.inboxLink);
 * ```
 */
export interface CreatedRequest {
  ok: true;
  id: string;
  requestLink: string;
  inboxLink: string;
  receipt: string;
  receiptLink: string;
  /** When the request stops accepting a response (ISO 8601). */
  expiresAt: string;
}

/**
 * A waiting request as its responder sees it: the decrypted description and how long the response will wait.
 *
 * @example
 * ```ts
 * const opened = await client.openRequest(requestLink);
 * if (opened.ok) console.log(opened.description);
 * ```
 */
export interface OpenedRequest {
  ok: true;
  id: string;
  description: string;
  /** When the request stops accepting a response (ISO 8601). */
  expiresAt: string;
  /** Seconds the response waits to be read once given. */
  responseTtl: number;
}

/**
 * The response was given: it waits to be read until `expiresAt` (ISO 8601).
 *
 * @example
 * ```ts
 * const r = await client.respond(requestLink, { text: 'hunter2' });
 * ```
 */
export interface Responded {
  ok: true;
  expiresAt: string;
}

/**
 * A request as its requester sees it through the inbox link: the state, its times (ISO 8601, null until they
 * happen) and, while answered and unread, what the response holds (never its content).
 *
 * @example
 * ```ts
 * const box = await client.inbox(inboxLink);
 * if (box.ok && box.state === 'answered') await client.readResponse(inboxLink);
 * ```
 */
export interface InboxStatus extends RequestReceipt {
  /** While answered: whether reading needs a passphrase, the content's size in bytes, the number of files. */
  response: null | { passphrase: boolean; size: number; files: number };
}

/**
 * A request's receipt: its state and times (ISO 8601), without anything of its content.
 *
 * @example
 * ```ts
 * const r = await client.requestReceipt(made.receiptLink);
 * if (r.ok) console.log(r.state, r.answeredAt);
 * ```
 */
export interface RequestReceipt {
  ok: true;
  state: RequestState;
  createdAt: string;
  expiresAt: string;
  answeredAt: string | null;
  readAt: string | null;
  endedAt: string | null;
}
