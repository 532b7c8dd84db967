import type { ApiKey } from '../accounts/accounts-types.js';
import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import {
  ApiKeyInfo,
  CreateKeyBody,
  CreateKeyReply,
  KeyListReply,
  KeyParams,
  MeReply,
  ShortenKeyBody,
} from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['accounts'];

/** GET /api/v1/me and the API keys: POST, GET, PATCH and DELETE /api/v1/keys (docs/teams.md). */
export function registerAccountRoutes(app: App, ctx: AppContext): void {
  const { auth, accounts, now } = ctx;

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: TAGS,
        summary: 'Who is calling: person, organisation, role, scopes, teams',
        response: { 200: MeReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request);
      const { org, user, teams, orgs } = await accounts.me(principal);
      return {
        auth: principal.via,
        user: user === null ? null : { id: user.id, email: user.email, name: user.name },
        org: { id: principal.orgId, name: org?.name ?? '' },
        role: principal.role,
        scopes: [...principal.scopes],
        reach: principal.reach,
        teams,
        orgs,
        key:
          principal.key === null
            ? null
            : { id: principal.key.id, name: principal.key.name, expires_at: toIso(principal.key.expiresAt) },
      };
    },
  );

  app.post(
    '/api/v1/keys',
    {
      schema: {
        tags: TAGS,
        summary: 'Create an API key (shown once) with at most your own scopes',
        body: CreateKeyBody,
        response: { 201: CreateKeyReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      const body = request.body;
      const { key, secret } = await accounts.createKey(principal, {
        name: body.name,
        scopes: body.scopes,
        expiresInSeconds: body.expires_in,
      });
      return reply.code(201).send({
        id: key.id,
        key: secret,
        name: key.name,
        scopes: key.scopes,
        created_at: toIso(key.createdAt),
        expires_at: toIso(key.expiresAt),
      });
    },
  );

  app.get(
    '/api/v1/keys',
    {
      schema: {
        tags: TAGS,
        summary: 'Your API keys; every key of the organisation with keys:manage',
        response: { 200: KeyListReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request);
      const keys = await accounts.listKeys(principal);
      const people = await accounts.people(keys.map((k) => k.createdBy));
      return { keys: keys.map((key) => keyInfo(key, now(), people)) };
    },
  );

  app.patch(
    '/api/v1/keys/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Shorten a key (rotation: both keys work until the old one expires)',
        params: KeyParams,
        body: ShortenKeyBody,
        response: { 200: ApiKeyInfo, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request);
      const key = await accounts.shortenKey(principal, request.params.id, request.body.expires_in);
      return keyInfo(key, now(), await accounts.people([key.createdBy]));
    },
  );

  app.delete(
    '/api/v1/keys/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Revoke a key now',
        params: KeyParams,
        response: { 204: { type: 'null', description: 'Revoked (or already revoked)' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      await accounts.revokeKey(principal, request.params.id);
      return reply.code(204).send(null);
    },
  );
}

type People = Map<string, { id: string; email: string; name: string }>;

function keyInfo(key: ApiKey, now: number, people: People) {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    created_at: toIso(key.createdAt),
    expires_at: toIso(key.expiresAt),
    last_used_at: key.lastUsedAt === null ? null : toIso(key.lastUsedAt),
    revoked_at: key.revokedAt === null ? null : toIso(key.revokedAt),
    state:
      key.revokedAt !== null
        ? ('revoked' as const)
        : now >= key.expiresAt
          ? ('expired' as const)
          : ('active' as const),
    created_by: key.createdBy === null ? null : (people.get(key.createdBy) ?? null),
  };
}
