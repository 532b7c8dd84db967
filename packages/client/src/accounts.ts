import { isValidId } from '@burnlink/core';
import type {
  CreateKeyBody,
  CreateKeyReply,
  KeyListReply,
  ListScope,
  MeReply,
  OwnedSecretInfo,
  ReceiptState,
  Role,
  Scope,
  SecretListReply,
  ApiKeyInfo as WireKeyInfo,
} from '@burnlink/wire';
import { failureFromAnswer, type HttpAnswer, type HttpMethod, isFailure, unexpected } from './http.js';
import { arrayOf, boolean, count, nullable, oneOf, shape, string } from './json-shape.js';
import type { Failure } from './results.js';

// The accounts API (docs/teams.md): who am I, my organisation's secrets, API keys. Replies are checked at run
// time against @burnlink/wire's types (snake_case), then turned into camelCase results.

/** A person, as the accounts API names them. */
export interface Person {
  id: string;
  email: string;
  name: string;
}

/** `GET /api/v1/me`: who the key (or session) acts as. */
export interface Me {
  ok: true;
  auth: 'session' | 'api_key';
  /** Null for a key of the organisation (made by `burnlink admin create-key`). */
  user: Person | null;
  org: { id: string; name: string };
  /** Null for a key of the organisation. */
  role: Role | null;
  /** What this caller may do (for a key: its scopes, within its creator's role). */
  scopes: Scope[];
  /** Which secrets `secrets:list` and `secrets:burn` reach: own and team, or the whole organisation. */
  reach: 'own_and_team' | 'org';
  teams: { id: string; name: string }[];
  /** Every organisation the person belongs to. */
  orgs: { id: string; name: string; role: Role }[];
  /** The key in use, when authenticated by one. */
  key: { id: string; name: string; expiresAt: string } | null;
}

/** One owned secret as listed: metadata only, never content, link or receipt. Times ISO 8601. */
export interface OwnedSecret {
  id: string;
  state: ReceiptState;
  createdAt: string;
  expiresAt: string;
  maxViews: number | null;
  viewsLeft: number | null;
  viewedAt: string[];
  passphrase: boolean | null;
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
  /** `own` (the default), `team` or `org` (owners, admins and auditors). */
  scope?: ListScope;
  /** Only secrets in this state. */
  state?: ReceiptState;
  cursor?: string;
  /** 1–200 per page (default 50). */
  limit?: number;
}

/** An API key as listed: never the key itself. Times ISO 8601. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
  /** Null for a key of the organisation. */
  createdBy: Person | null;
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
  scopes: Scope[];
  createdAt: string;
  expiresAt: string;
}

/** Options of `createKey`; `expiresIn` in seconds (default 1 year, at most the server's maximum). */
export interface CreateKeyOptions {
  name: string;
  scopes: Scope[];
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

const ref = shape<{ id: string; name: string }>({ id: string, name: string });
const person = shape<Person>({ id: string, email: string, name: string });
const strings = arrayOf(string);
const time = nullable(string);

const isMeReply = shape<MeReply>({
  auth: oneOf({ session: true, api_key: true }),
  user: nullable(person),
  org: ref,
  role: nullable(string),
  scopes: strings,
  reach: oneOf({ own_and_team: true, org: true }),
  teams: arrayOf(ref),
  orgs: arrayOf(shape<MeReply['orgs'][number]>({ id: string, name: string, role: string })),
  key: nullable(shape<NonNullable<MeReply['key']>>({ id: string, name: string, expires_at: string })),
});

const isKeyInfo = shape<WireKeyInfo>({
  id: string,
  name: string,
  scopes: strings,
  created_at: string,
  expires_at: string,
  last_used_at: time,
  revoked_at: time,
  state: oneOf({ active: true, expired: true, revoked: true }),
  created_by: nullable(person),
});

const isCreateKeyReply = shape<CreateKeyReply>({
  id: string,
  key: string,
  name: string,
  scopes: strings,
  created_at: string,
  expires_at: string,
});

const isOwnedSecret = shape<OwnedSecretInfo>({
  id: (value) => typeof value === 'string' && isValidId(value),
  state: string,
  created_at: string,
  expires_at: string,
  max_views: nullable(count),
  views_left: nullable(count),
  viewed_at: strings,
  passphrase: nullable(boolean),
  creator: nullable(person),
  key: nullable(ref),
  team: nullable(ref),
});

const isSecretList = shape<SecretListReply>({ secrets: arrayOf(isOwnedSecret), next: nullable(string) });
const isKeyList = shape<KeyListReply>({ keys: arrayOf(isKeyInfo) });

/** `GET /api/v1/me`. */
export async function getMe(request: AccountRequest): Promise<Me | Failure> {
  const answer = await request('/api/v1/me', 'GET');
  if (isFailure(answer)) return answer;
  if (answer.status !== 200) return failureFromAnswer(answer, 'create');
  const body = answer.body;
  if (!isMeReply(body)) return unexpected('answer to /me');
  return {
    ok: true,
    auth: body.auth,
    user: body.user === null ? null : copyPerson(body.user),
    org: { id: body.org.id, name: body.org.name },
    role: body.role,
    scopes: body.scopes,
    reach: body.reach,
    teams: body.teams.map(({ id, name }) => ({ id, name })),
    orgs: body.orgs.map(({ id, name, role }) => ({ id, name, role })),
    key: body.key === null ? null : { id: body.key.id, name: body.key.name, expiresAt: body.key.expires_at },
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
  if (!isSecretList(body)) return unexpected('list of secrets');
  return { ok: true, secrets: body.secrets.map(toOwnedSecret), next: body.next };
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
  const json: CreateKeyBody = { name: options.name, scopes: options.scopes };
  if (options.expiresIn !== undefined) json.expires_in = options.expiresIn;
  const answer = await request('/api/v1/keys', 'POST', json);
  if (isFailure(answer)) return answer;
  if (answer.status !== 201 && answer.status !== 200) return failureFromAnswer(answer, 'key');
  const body = answer.body;
  if (!isCreateKeyReply(body)) return unexpected('answer to create key');
  return {
    ok: true,
    id: body.id,
    key: body.key,
    name: body.name,
    scopes: body.scopes,
    createdAt: body.created_at,
    expiresAt: body.expires_at,
  };
}

/** `GET /api/v1/keys`. */
export async function listKeys(request: AccountRequest): Promise<KeyList | Failure> {
  const answer = await request('/api/v1/keys', 'GET');
  if (isFailure(answer)) return answer;
  if (answer.status !== 200) return failureFromAnswer(answer, 'key');
  const body = answer.body;
  if (!isKeyList(body)) return unexpected('list of keys');
  return { ok: true, keys: body.keys.map(toKeyInfo) };
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

function copyPerson(p: Person): Person {
  return { id: p.id, email: p.email, name: p.name };
}

function toKeyInfo(body: WireKeyInfo): ApiKeyInfo {
  return {
    id: body.id,
    name: body.name,
    scopes: body.scopes,
    createdAt: body.created_at,
    expiresAt: body.expires_at,
    lastUsedAt: body.last_used_at,
    revokedAt: body.revoked_at,
    state: body.state,
    createdBy: body.created_by === null ? null : copyPerson(body.created_by),
  };
}

function toOwnedSecret(body: OwnedSecretInfo): OwnedSecret {
  return {
    id: body.id,
    state: body.state,
    createdAt: body.created_at,
    expiresAt: body.expires_at,
    maxViews: body.max_views,
    viewsLeft: body.views_left,
    viewedAt: [...body.viewed_at],
    passphrase: body.passphrase,
    creator: body.creator === null ? null : copyPerson(body.creator),
    key: body.key === null ? null : { id: body.key.id, name: body.key.name },
    team: body.team === null ? null : { id: body.team.id, name: body.team.name },
  };
}
