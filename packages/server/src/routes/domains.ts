import type { App, AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import {
  AddDomainBody,
  AllowedDomainQuery,
  AllowedDomainReply,
  DomainInfo,
  DomainListReply,
  DomainParams,
} from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['domains'];

/**
 * Custom domains of the caller's organisation (`domains:manage`, docs/domains.md), and the public answer to
 * Caddy's on-demand TLS `ask`.
 */
export function registerDomainRoutes(app: App, ctx: AppContext): void {
  const { auth, domains } = ctx;

  app.post(
    '/api/v1/domains',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a custom domain (domains:manage); it is pending until its TXT record is found',
        body: AddDomainBody,
        response: { 201: DomainInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request, 'domains:manage');
      const record = await domains.add(principal, request.body.name);
      return reply.code(201).send(domains.toInfo(record));
    },
  );

  app.get(
    '/api/v1/domains',
    {
      schema: {
        tags: TAGS,
        summary: "Your organisation's custom domains, oldest first (domains:manage)",
        response: { 200: DomainListReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'domains:manage');
      return { domains: (await domains.list(principal)).map((d) => domains.toInfo(d)) };
    },
  );

  app.post(
    '/api/v1/domains/:id/verify',
    {
      schema: {
        tags: TAGS,
        summary: "Check the domain's TXT record now and answer the domain after the check",
        params: DomainParams,
        response: { 200: DomainInfo, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'domains:manage');
      return domains.toInfo(await domains.verify(principal, request.params.id));
    },
  );

  app.delete(
    '/api/v1/domains/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a custom domain: it is no longer served',
        params: DomainParams,
        response: { 204: { type: 'null', description: 'Removed' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request, 'domains:manage');
      await domains.remove(principal, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/domains/allowed',
    {
      schema: {
        tags: TAGS,
        summary: "Caddy's on-demand TLS ask: 200 only for an active custom domain, else 404 (public)",
        querystring: AllowedDomainQuery,
        response: { 200: AllowedDomainReply, ...errorResponses },
      },
      // Whatever Caddy asks about, the answer is yes or no: a query that fails the schema is a "no" as well.
      attachValidation: true,
    },
    async (request) => {
      const { domain } = request.query;
      if (
        request.validationError !== undefined ||
        typeof domain !== 'string' ||
        !(await domains.isAllowed(domain))
      ) {
        throw new ApiError('domain_not_found', 'No active custom domain of that name.');
      }
      return { allowed: true as const };
    },
  );
}
