import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import type { Webhook, WebhookDelivery } from '../audit/audit-types.js';
import { ApiError } from '../errors.js';
import {
  CreateWebhookBody,
  CreateWebhookReply,
  DeliveryListQuery,
  DeliveryListReply,
  TestWebhookReply,
  WebhookInfo,
  WebhookListReply,
  WebhookParams,
} from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['webhooks'];
const DEFAULT_DELIVERIES = 50;
const MAX_DELIVERIES = 100;

type Person = { id: string; email: string; name: string };

const webhookInfo = (w: Webhook, people: Map<string, Person>) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  description: w.description,
  created_at: toIso(w.createdAt),
  created_by: w.createdBy === null ? null : (people.get(w.createdBy) ?? null),
  state:
    w.disabledAt !== null
      ? ('disabled' as const)
      : w.failing !== null
        ? ('failing' as const)
        : ('active' as const),
  disabled_at: w.disabledAt === null ? null : toIso(w.disabledAt),
  disabled_reason: w.disabledReason,
  failing:
    w.failing === null
      ? null
      : {
          since: toIso(w.failing.since),
          attempts: w.failing.attempts,
          next_attempt_at: toIso(w.failing.nextAt),
        },
});

const deliveryInfo = (d: WebhookDelivery) => ({
  id: d.id,
  message_id: d.messageId,
  record_id: d.recordId,
  type: d.type,
  at: toIso(d.at),
  attempt: d.attempt,
  status: d.status,
  ok: d.ok,
  error: d.error,
  duration_ms: d.durationMs,
});

/** Webhook endpoints of the caller's organisation and their delivery logs (docs/webhooks.md). */
export function registerWebhookRoutes(app: App, ctx: AppContext): void {
  const { auth, accounts, webhooks } = ctx;
  const people = (list: Webhook[]) => accounts.people(list.map((w) => w.createdBy));

  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: 'Register a webhook endpoint (webhooks:manage); its signing secret is answered only here',
        body: CreateWebhookBody,
        response: { 201: CreateWebhookReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request, 'webhooks:manage');
      const { webhook, secret } = await webhooks.create(principal, request.body, request.ip);
      return reply.code(201).send({ ...webhookInfo(webhook, await people([webhook])), secret });
    },
  );

  app.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: "Your organisation's webhook endpoints (webhooks:manage)",
        response: { 200: WebhookListReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'webhooks:manage');
      const list = await webhooks.list(principal);
      const who = await people(list);
      return { webhooks: list.map((w) => webhookInfo(w, who)) };
    },
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a webhook endpoint and its delivery log',
        params: WebhookParams,
        response: { 204: { type: 'null', description: 'Deleted' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request, 'webhooks:manage');
      await webhooks.delete(principal, request.params.id, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/test',
    {
      schema: {
        tags: TAGS,
        summary: 'Send a webhook.test delivery now and answer how it went (also in the delivery log)',
        params: WebhookParams,
        response: { 200: TestWebhookReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'webhooks:manage');
      return { delivery: deliveryInfo(await webhooks.test(principal, request.params.id)) };
    },
  );

  app.post(
    '/api/v1/webhooks/:id/enable',
    {
      schema: {
        tags: TAGS,
        summary: 'Re-enable a disabled endpoint: it resumes with the event it stopped at',
        params: WebhookParams,
        response: { 200: WebhookInfo, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'webhooks:manage');
      const webhook = await webhooks.enable(principal, request.params.id, request.ip);
      return webhookInfo(webhook, await people([webhook]));
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: TAGS,
        summary: "An endpoint's delivery log, newest first",
        params: WebhookParams,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryListReply, ...errorResponses },
      },
      // A query string is text and the validator never coerces: `limit` is checked and converted here.
      preValidation: async (request) => {
        const query = request.query as Record<string, unknown>;
        if (query.limit === undefined) return;
        const limit =
          typeof query.limit === 'string' && /^[0-9]{1,4}$/.test(query.limit) ? Number(query.limit) : 0;
        if (limit < 1 || limit > MAX_DELIVERIES) {
          throw new ApiError('invalid_request', `limit must be a whole number from 1 to ${MAX_DELIVERIES}.`);
        }
        query.limit = limit;
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'webhooks:manage');
      const list = await webhooks.deliveries(
        principal,
        request.params.id,
        request.query.limit ?? DEFAULT_DELIVERIES,
      );
      return { deliveries: list.map(deliveryInfo) };
    },
  );
}
