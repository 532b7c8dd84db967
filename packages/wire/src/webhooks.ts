import { type Static, Type } from 'typebox';
import { Count, Id16, IsoTime } from './formats.js';

// Webhook endpoints of an organisation and their delivery log (docs/webhooks.md).

const Person = Type.Object(
  { id: Type.String(), email: Type.String(), name: Type.String() },
  { additionalProperties: false },
);

export const CreateWebhookBody = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: 2048,
      description: 'http:// or https://, no credentials; private, loopback and link-local hosts are refused',
    }),
    events: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 50,
      description: 'Event types (`secret.viewed`), patterns (`secret.*`), or `*` for every event',
    }),
    description: Type.Optional(Type.String({ maxLength: 200, description: 'What the endpoint is for' })),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const WebhookInfo = Type.Object(
  {
    id: Id16('Webhook id'),
    url: Type.String(),
    events: Type.Array(Type.String()),
    description: Type.String(),
    created_at: IsoTime('Registered'),
    created_by: Type.Union([Type.Null(), Person], {
      description: 'Who registered it (null for a key of the organisation or the admin command)',
    }),
    state: Type.Union([Type.Literal('active'), Type.Literal('failing'), Type.Literal('disabled')]),
    disabled_at: Type.Union([Type.Null(), IsoTime('When it was disabled')]),
    disabled_reason: Type.Union([Type.Null(), Type.String()]),
    failing: Type.Union([
      Type.Null(),
      Type.Object(
        {
          since: IsoTime('When the record at the head of its line first failed'),
          attempts: Count('Attempts at that record so far'),
          next_attempt_at: IsoTime('Not before'),
        },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false, description: 'A webhook endpoint; never its signing secret' },
);
export type WebhookInfo = Static<typeof WebhookInfo>;

export const CreateWebhookReply = Type.Object(
  {
    ...WebhookInfo.properties,
    secret: Type.String({
      pattern: '^whsec_[A-Za-z0-9+/]+=*$',
      description: 'The signing secret (Standard Webhooks); shown only in this answer',
    }),
  },
  { additionalProperties: false },
);
export type CreateWebhookReply = Static<typeof CreateWebhookReply>;

export const WebhookListReply = Type.Object(
  { webhooks: Type.Array(WebhookInfo) },
  { additionalProperties: false },
);
export type WebhookListReply = Static<typeof WebhookListReply>;

export const WebhookParams = Type.Object({ id: Id16('Webhook id') });

export const DeliveryInfo = Type.Object(
  {
    id: Count('Delivery log id'),
    message_id: Type.String({
      description: 'The webhook-id header: msg_<record id>, or msg_test_… for a test',
    }),
    record_id: Type.Union([Type.Null(), Count('The audit record delivered')]),
    type: Type.String({ description: 'The event type' }),
    at: IsoTime('When the attempt started'),
    attempt: Count('1 for the first attempt at this record'),
    status: Type.Union([Type.Null(), Type.Integer({ description: 'The HTTP status answered' })]),
    ok: Type.Boolean(),
    error: Type.Union([Type.Null(), Type.String({ description: 'Why it failed, in a few words' })]),
    duration_ms: Count(),
  },
  { additionalProperties: false },
);
export type DeliveryInfo = Static<typeof DeliveryInfo>;

export const TestWebhookReply = Type.Object({ delivery: DeliveryInfo }, { additionalProperties: false });
export type TestWebhookReply = Static<typeof TestWebhookReply>;

export const DeliveryListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Default 50' })) },
  { additionalProperties: false },
);
export type DeliveryListQuery = Static<typeof DeliveryListQuery>;

export const DeliveryListReply = Type.Object(
  { deliveries: Type.Array(DeliveryInfo, { description: 'Newest first' }) },
  { additionalProperties: false },
);
export type DeliveryListReply = Static<typeof DeliveryListReply>;
