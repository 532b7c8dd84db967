import { createHmac, hash, timingSafeEqual } from 'node:crypto';

/** Slack refuses replays older than this; so do we (docs/slack.md). */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 300;

export interface SignedRequest {
  /** `X-Slack-Request-Timestamp`: seconds since the epoch, as sent. */
  timestamp: string | undefined;
  /** `X-Slack-Signature`: `v0=` and the hex HMAC. */
  signature: string | undefined;
  /** The body exactly as received, before any parsing. */
  rawBody: string;
}

/**
 * Slack's request signing (version 0): `v0=` HMAC-SHA256, keyed with the app's signing secret, of
 * `v0:{timestamp}:{raw body}`. True only for a well-formed timestamp within 5 minutes of `nowMs` and a
 * signature that matches, compared in constant time.
 *
 * @example verifySlackSignature({ timestamp, signature, rawBody }, signingSecret, Date.now())
 */
export function verifySlackSignature(request: SignedRequest, signingSecret: string, nowMs: number): boolean {
  const { timestamp, signature, rawBody } = request;
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SLACK_SIGNATURE_WINDOW_SECONDS) return false;
  const expected = slackSignature(signingSecret, timestamp, rawBody);
  return constantTimeEqual(signature, expected);
}

/** The `X-Slack-Signature` value Slack sends for `rawBody` at `timestamp`. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  const mac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return `v0=${mac}`;
}

/** Equal strings, compared in constant time whatever their lengths (both are hashed to 32 bytes first). */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(hash('sha256', a, 'buffer'), hash('sha256', b, 'buffer'));
}
