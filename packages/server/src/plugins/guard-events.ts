import type { FastifyRequest } from 'fastify';
import { requestCaller, resolvedPrincipal } from '../auth/principal.js';
import type { Caller, LifecycleEvents } from '../service/events.js';

/**
 * Where the guards that protect the service (rate limits, the upload budget) report a refusal: the app's event
 * bus and clock. Each refused request emits exactly one guard event (`rate_limit.tripped`,
 * `upload.quota_refused`), which the audit trail records and the alert monitor counts (docs/alerts.md).
 */
export interface GuardEvents {
  events: LifecycleEvents;
  now: () => number;
}

/**
 * The caller of a refused request as far as it is known at no cost: the API key or session the route had
 * already resolved before the guard ran (the create route does), else anonymous; and the client address
 * (`request.ip`, which honours `BURNLINK_TRUST_PROXY`).
 */
export function guardCaller(request: FastifyRequest): Caller {
  return requestCaller(request, resolvedPrincipal(request));
}
