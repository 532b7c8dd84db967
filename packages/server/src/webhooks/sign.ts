import { createHmac, randomBytes } from 'node:crypto';
import type { AuditEvent } from '@burnlink/wire';
import { auditEventOf } from '../audit/audit-export.js';
import type { AuditRecord } from '../audit/audit-types.js';

/**
 * Standard Webhooks signing (docs/webhooks.md): each delivery carries `webhook-id`, `webhook-timestamp`
 * (seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the base64
 * part of the secret. Computed with node:crypto rather than the `standardwebhooks` package's pure-JavaScript
 * HMAC (a third of a delivery's CPU in bench/audit.js); sign.test.ts holds it equal to that package's `sign`
 * and its verifier, which the tests and examples/rotate-on-view use.
 */

/** The prefix of a signing secret (the Standard Webhooks convention). */
export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

/** The event an audit record becomes in a delivery: the AuditEvent of `GET /api/v1/audit` without the chain. */
export type WebhookEventData = Omit<AuditEvent, 'prev_hash' | 'hash'>;

/** The JSON body of a delivery. */
export interface WebhookPayload {
  type: string;
  /** When the event happened (ISO 8601). */
  timestamp: string;
  data: WebhookEventData | Record<string, unknown>;
}

/** A message ready to send: its id, the exact body bytes, and what it is about. */
export interface WebhookMessage {
  /** `msg_<audit record id>`, or `msg_test_<random>` for a test: receivers dedupe by it. */
  id: string;
  type: string;
  /** The audit record, or null for a test. */
  recordId: number | null;
  body: string;
}

/** The wire shape of an audit record inside a delivery: the API's, without `prev_hash`/`hash` (the chain stays in the trail). */
export function eventData(record: AuditRecord): WebhookEventData {
  const { prev_hash: _prev, hash: _hash, ...data } = auditEventOf(record);
  return data;
}

/** The message that delivers an audit record. */
export function recordMessage(record: AuditRecord): WebhookMessage {
  const payload: WebhookPayload = {
    type: record.type,
    timestamp: new Date(record.at).toISOString(),
    data: eventData(record),
  };
  return { id: `msg_${record.id}`, type: record.type, recordId: record.id, body: JSON.stringify(payload) };
}

/** The message of `POST /api/v1/webhooks/{id}/test`: type `webhook.test`, never an audit record. */
export function testMessage(webhookId: string, orgId: string, at: number): WebhookMessage {
  const payload: WebhookPayload = {
    type: 'webhook.test',
    timestamp: new Date(at).toISOString(),
    data: { webhook_id: webhookId, org: orgId, message: 'A test delivery from burnlink.' },
  };
  return {
    id: `msg_test_${randomBytes(12).toString('base64url')}`,
    type: 'webhook.test',
    recordId: null,
    body: JSON.stringify(payload),
  };
}

/** The HMAC key of a secret: the bytes of its base64 part (after `whsec_`), decoded once per secret. */
const keys = new Map<string, Buffer>();
function signingKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (key === undefined) {
    key = Buffer.from(
      secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
      'base64',
    );
    if (keys.size >= 1000) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/** The three Standard Webhooks headers of `message`, signed with `secret` at `sentAt` (ms; sent in seconds). */
export function signatureHeaders(
  secret: string,
  message: Pick<WebhookMessage, 'id' | 'body'>,
  sentAt: number,
): { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string } {
  const timestamp = String(Math.floor(sentAt / 1000));
  const signature = createHmac('sha256', signingKey(secret))
    .update(`${message.id}.${timestamp}.${message.body}`, 'utf8')
    .digest('base64');
  return { 'webhook-id': message.id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
