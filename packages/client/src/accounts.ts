import { isValidId } from '@burnlink/core';
import { failureFromAnswer, type HttpAnswer, type HttpMethod, isFailure, unexpected } from './http.js';
import { arrayOf, type Check, count, isObject, nullable, shape, string } from './json-shape.js';
import type { Failure } from './results.js';

// The accounts API (docs/teams.md): who am I, my organisation's secrets, API keys. Reply types are local and
// snake_case as on the wire, checked at run time, then turned into camelCase results.
// TODO: use @burnlink/wire's accounts types once packages/wire/src/accounts.ts exists.

/** A person, as the accounts API names them. */
export interface Person {
  id: string;
  email: string;
  name: string;
}

/** `GET /api/v1/me`: who the key (or session) acts as. */
export interface Me {
  ok: true;
  /** Null for a key of the organisation (made by `burnlink admin create-key`). */
  user: Person | null;
  org: { id: string; name: string };
  /** Null for a key of the organisation. */
  role: string | null;
  /** What this caller may do (for a key: its scopes, within its creator's role). */
  scopes: string[];
  teams: { id: string; name: string }[];
  auth: 'session' | 'api_key';
  /** The key in use, when authenticated by one. */
  key: { id: string; name: string } | null;
}

/** One owned secret as listed: metadata only, never content, link or receipt. Times ISO 8601. */
export interface OwnedSecret {
  id: string;
  state: string;
  createdAt: string;
  expiresAt: string;
  maxViews: number | null;
  viewsLeft: number | null;
  creator: Person | null;
  key: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
}

export interface SecretList {
  ok: true;
  secrets: OwnedSecret[];
  /** The cursor of the next page, or null on the last. */
  next: string | null;
}

/** Options of `listSecrets`. */
export interface ListSecretsOptions {
  /** `own` (default on the server), `team` or `org` (owners, admins and auditors). */
  scope?: 'own' | 'team' | 'org';
  /** Only secrets in this state: `pending`, `viewed`, `burned`, `expired`, `locked`. */
  state?: string;
  cursor?: string;
  limit?: number;
}

/** An API key as listed: never the key itself. Times ISO 8601. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface KeyList {
  ok: true;
  keys: ApiKeyInfo[];
}

/** A new key: `key` is shown this once; store it now. */
export interface CreatedKey {
  ok: true;
  id: string;
  key: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
}

/** Options of `createKey`; `expiresIn` in seconds (default 1 year, at most the server's maximum). */
export interface CreateKeyOptions {
  name: string;
  scopes: string[];
  expiresIn?: number;
}

/** A call that answers nothing but success (burn, revoke). */
export interface Done {
  ok: true;
}

/** What the account calls need from the client: a request to its own server, with its key. */
export type AccountRequest = (
  path: string,
  method: HttpMethod,
  json?: unknown,
) => Promise<HttpAnswer | Failure>;

const named = shape<{ id: string; name: string }>({ id: string, name: string });
const person = shape<Person>({ id: string, email: string, name: string });
const time = nullable(string);
const strings = arrayOf(string);

const isMeReply = (value: unknown): value is Record<string, unknown> =>
  isObject(value) &&
  named(value.org) &&
  nullable(person)(value.user ?? null) &&
  nullable(string)(value.role ?? null) &&
  strings(value.scopes) &&
  arrayOf(named)(value.teams ?? []) &&
  (value.auth === 'session' || value.auth === 'api_key') &&
  nullable(named)(value.key ?? null);

const isKeyReply: Check = (value) =>
  isObject(value) &&
  string(value.id) &&
  string(value.name) &&
  strings(value.scopes) &&
  string(value.created_at) &&
  string(value.expires_at) &&
  time(value.last_used_at ?? null) &&
  time(value.revoked_at ?? null);

const isSecretReply: Check = (value) =>
  isObject(value) &&
  isValidId(value.id as string) &&
  string(value.state) &&
  string(value.created_at) &&
  string(value.expires_at) &&
  nullable(count)(value.max_views ?? null) &&
  nullable(count)(value.views_left ?? null) &&
  nullable(person)(value.creator ?? null) &&
  nullable(named)(value.key ?? null) &&
  nullable(named)(value.team ?? null);

/** `GET /api/v1/me`. */
export async function getMe(request: AccountRequest): Promise<Me | Failure> {
  const answer = await request('/api/v1/me', 'GET');
  if (isFailure(answer)) return answer;
  if (answer.status !== 200) return failureFromAnswer(answer, 'create');
  const body = answer.body;
  if (!isMeReply(body)) return unexpected('answer to /me');
  const org = body.org as { id: string; name: string };
  const key = (body.key ?? null) as { id: string; name: string } | null;
  return {
    ok: true,
    user: (body.user ?? null) as Person | null,
    org: { id: org.id, name: org.name },
    role: (body.role ?? null) as string | null,
    scopes: body.scopes as string[],
    teams: ((body.teams ?? []) as { id: string; name: string }[]).map(({ id, name }) => ({ id, name })),
    auth: body.auth as Me['auth'],
    key: key === null ? null : { id: key.id, name: key.name },
  };
}

/** `GET /api/v1/secrets?scope=&state=&cursor=&limit=`. */
export async function listSecrets(
  request: AccountRequest,
  options: ListSecretsOptions,
): Promise<SecretList | Failure> {
  const query = new URLSearchParams();
  if (options.scope !== undefined) query.set('scope', options.scope);
  if (options.state !== undefined) query.set('state', options.state);
  if (options.cursor !== undefined) query.set('cursor', options.cursor);
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  const search = query.size > 0 ? `?${query}` : '';
  const answer = await request(`/api/v1/secrets${search}`, 'GET');
  if (isFailure(answer)) return answer;
  if (answer.status !== 200) return failureFromAnswer(answer, 'create');
  const body = answer.body;
  if (!isObject(body) || !arrayOf(isSecretReply)(body.secrets) || !nullable(string)(body.next ?? null)) {
    return unexpected('list of secrets');
  }
  return {
    ok: true,
    secrets: (body.secrets as Record<string, unknown>[]).map(toOwnedSecret),
    next: (body.next ?? null) as string | null,
  };
}

/** `POST /api/v1/secrets/{id}/burn`. */
export async function burnSecret(request: AccountRequest, id: string): Promise<Done | Failure> {
  if (!isValidId(id)) {
    return { ok: false, reason: 'bad_link', message: 'a secret id is 22 base64url characters' };
  }
  const answer = await request(`/api/v1/secrets/${id}/burn`, 'POST');
  if (isFailure(answer)) return answer;
  if (answer.status !== 204 && answer.status !== 200) return failureFromAnswer(answer, 'secret');
  return { ok: true };
}

/** `POST /api/v1/keys`. */
export async function createKey(
  request: AccountRequest,
  options: CreateKeyOptions,
): Promise<CreatedKey | Failure> {
  const json: Record<string, unknown> = { name: options.name, scopes: options.scopes };
  if (options.expiresIn !== undefined) json.expires_in = options.expiresIn;
  const answer = await request('/api/v1/keys', 'POST', json);
  if (isFailure(answer)) return answer;
  if (answer.status !== 201 && answer.status !== 200) return failureFromAnswer(answer, 'key');
  const body = answer.body;
  if (!isKeyReply(body) || !isObject(body) || !string(body.key)) return unexpected('answer to create key');
  const info = toKeyInfo(body);
  return {
    ok: true,
    id: info.id,
    key: body.key as string,
    name: info.name,
    scopes: info.scopes,
    createdAt: info.createdAt,
    expiresAt: info.expiresAt,
  };
}

/** `GET /api/v1/keys`. */
export async function listKeys(request: AccountRequest): Promise<KeyList | Failure> {
  const answer = await request('/api/v1/keys', 'GET');
  if (isFailure(answer)) return answer;
  if (answer.status !== 200) return failureFromAnswer(answer, 'key');
  const body = answer.body;
  const keys = isObject(body) ? body.keys : body;
  if (!arrayOf(isKeyReply)(keys)) return unexpected('list of keys');
  return { ok: true, keys: (keys as Record<string, unknown>[]).map(toKeyInfo) };
}

/** `DELETE /api/v1/keys/{id}`. */
export async function revokeKey(request: AccountRequest, id: string): Promise<Done | Failure> {
  if (!/^[A-Za-z0-9_-]{16}$/.test(id)) {
    return { ok: false, reason: 'bad_link', message: 'a key id is 16 base64url characters' };
  }
  const answer = await request(`/api/v1/keys/${id}`, 'DELETE');
  if (isFailure(answer)) return answer;
  if (answer.status !== 204 && answer.status !== 200) return failureFromAnswer(answer, 'key');
  return { ok: true };
}

function toKeyInfo(body: Record<string, unknown>): ApiKeyInfo {
  return {
    id: body.id as string,
    name: body.name as string,
    scopes: body.scopes as string[],
    createdAt: body.created_at as string,
    expiresAt: body.expires_at as string,
    lastUsedAt: (body.last_used_at ?? null) as string | null,
    revokedAt: (body.revoked_at ?? null) as string | null,
  };
}

function toOwnedSecret(body: Record<string, unknown>): OwnedSecret {
  const pick = (value: unknown) => {
    const v = value as { id: string; name: string } | null | undefined;
    return v == null ? null : { id: v.id, name: v.name };
  };
  const creator = (body.creator ?? null) as Person | null;
  return {
    id: body.id as string,
    state: body.state as string,
    createdAt: body.created_at as string,
    expiresAt: body.expires_at as string,
    maxViews: (body.max_views ?? null) as number | null,
    viewsLeft: (body.views_left ?? null) as number | null,
    creator: creator === null ? null : { id: creator.id, email: creator.email, name: creator.name },
    key: pick(body.key),
    team: pick(body.team),
  };
}
