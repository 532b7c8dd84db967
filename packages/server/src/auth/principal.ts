import type { FastifyRequest } from 'fastify';
import type { AccountsStore } from '../accounts/accounts-store.js';
import type { ApiKey, Session } from '../accounts/accounts-types.js';
import { type Reach, ROLE_REACH, ROLE_SCOPES, type Role, type Scope } from '../accounts/roles.js';
import { ApiError } from '../errors.js';
import type { Caller } from '../service/events.js';
import { apiKeyMatches, parseApiKey } from './api-key-format.js';
import type { Sessions } from './sessions.js';

/** A key's last-used time is written at most this often ("coarse", docs/teams.md). */
export const KEY_TOUCH_MS = 3_600_000;

/** Who is calling: a person through a session, or an API key (of a person, or of the organisation). */
export interface Principal {
  via: 'session' | 'api_key';
  orgId: string;
  /** The person (the key's creator for a key); null for a key made by `burnlink admin create-key`. */
  userId: string | null;
  /** The person's role in `orgId`; null for a key of the organisation. */
  role: Role | null;
  /** What this caller may do: the role's scopes, intersected with the key's for a key. */
  scopes: ReadonlySet<Scope>;
  reach: Reach;
  key: ApiKey | null;
  session: Session | null;
  /** The client address of the request (`request.ip`), for the audit trail. */
  ip: string | null;
}

export interface AuthDeps {
  accounts: AccountsStore;
  sessions: Sessions;
  now: () => number;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const resolved = new WeakMap<FastifyRequest, Principal | null>();

/**
 * The id of the API key that authenticated this request, once `Authenticator.principal` has verified it; else
 * null (no key, not yet resolved, or a session). Rate limits count per key by it: a key that merely looks like
 * one must not buy a fresh budget.
 */
export function verifiedKeyId(request: FastifyRequest): string | null {
  return resolved.get(request)?.key?.id ?? null;
}

/**
 * The caller `Authenticator.principal` resolved for this request, or null (anonymous, or not resolved yet). Never
 * resolves: the guards' events (rate limits, upload budget) name whoever is already known, at no cost.
 */
export function resolvedPrincipal(request: FastifyRequest): Principal | null {
  return resolved.get(request) ?? null;
}

/**
 * Resolves the caller of a request once: `Authorization: Bearer bl_…` first (a bad key is 401
 * `invalid_api_key`, never anonymous), else the session cookie (a cookie-authenticated change must pass the
 * CSRF check, else 403 `csrf_failed`), else null (anonymous). Routes that need no identity never call it, so
 * anonymous create and claim pay nothing.
 *
 * @example
 * const who = await auth.principal(request);            // null when anonymous
 * const who = await auth.require(request, 'secrets:list'); // 401 / 403 insufficient_scope
 */
export class Authenticator {
  readonly #deps: AuthDeps;

  constructor(deps: AuthDeps) {
    this.#deps = deps;
  }

  get sessions(): Sessions {
    return this.#deps.sessions;
  }

  async principal(request: FastifyRequest): Promise<Principal | null> {
    if (resolved.has(request)) return resolved.get(request) ?? null;
    const principal = await this.#resolve(request);
    resolved.set(request, principal);
    return principal;
  }

  /** The caller, who must hold `scope` (when given); 401 `unauthenticated` when anonymous. */
  async require(request: FastifyRequest, scope?: Scope): Promise<Principal> {
    const principal = await this.principal(request);
    if (principal === null) throw new ApiError('unauthenticated');
    if (scope !== undefined) requireScope(principal, scope);
    return principal;
  }

  /** A caller signed in with a session (passkeys, sessions and sign-out are a person's, not a key's). */
  async requireSession(request: FastifyRequest): Promise<Principal & { session: Session; userId: string }> {
    const principal = await this.require(request);
    if (principal.session === null || principal.userId === null) {
      throw new ApiError('unauthenticated', 'This needs a signed-in session, not an API key.');
    }
    return principal as Principal & { session: Session; userId: string };
  }

  async #resolve(request: FastifyRequest): Promise<Principal | null> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return this.#fromKey(authorization, request.ip);
    const found = await this.#deps.sessions.readWithRole(request);
    if (found === null) return null;
    const { session, role } = found;
    if (UNSAFE.has(request.method) && !this.#deps.sessions.csrfOk(request, session)) {
      throw new ApiError('csrf_failed');
    }
    // No longer a member of the session's organisation: the session is worth nothing.
    if (role === null) return null;
    return {
      via: 'session',
      orgId: session.orgId,
      userId: session.userId,
      role,
      scopes: new Set(ROLE_SCOPES[role]),
      reach: ROLE_REACH[role],
      key: null,
      session,
      ip: request.ip,
    };
  }

  async #fromKey(authorization: string, ip: string): Promise<Principal> {
    const [kind, text] = authorization.split(' ', 2);
    if (kind?.toLowerCase() !== 'bearer' || text === undefined) {
      throw new ApiError('invalid_api_key', 'Send the API key as Authorization: Bearer bl_….');
    }
    const presented = text.trim();
    const parsed = parseApiKey(presented);
    if (parsed === null) throw new ApiError('invalid_api_key');
    const { accounts, now } = this.#deps;
    const found = await accounts.keyWithRole(parsed.id);
    if (found === null || !apiKeyMatches(presented, found.key.hash)) throw new ApiError('invalid_api_key');
    const { key } = found;
    const at = now();
    if (key.revokedAt !== null || at >= key.expiresAt) throw new ApiError('invalid_api_key');
    let role: Role | null = null;
    let scopes = new Set(key.scopes);
    let reach: Reach = 'org';
    if (key.createdBy !== null) {
      // A key of someone who left the organisation stops working.
      if (found.role === null) throw new ApiError('invalid_api_key');
      role = found.role;
      const granted = ROLE_SCOPES[found.role];
      scopes = new Set(key.scopes.filter((scope) => granted.includes(scope)));
      reach = ROLE_REACH[found.role];
    }
    if (key.lastUsedAt === null || at - key.lastUsedAt >= KEY_TOUCH_MS) await accounts.touchKey(key.id, at);
    return {
      via: 'api_key',
      orgId: key.orgId,
      userId: key.createdBy,
      role,
      scopes,
      reach,
      key,
      session: null,
      ip,
    };
  }
}

export function requireScope(principal: Principal, scope: Scope): void {
  if (!principal.scopes.has(scope)) {
    throw new ApiError(
      'insufficient_scope',
      `This needs the scope ${scope}, which this caller does not have.`,
    );
  }
}

/**
 * Who a step's events name (the audit trail's actor): the person for a session, the key for an API key (a
 * person's key too: the trail tells the key from its maker), in the caller's organisation.
 */
export function callerOf(principal: Principal): Caller {
  return {
    actor:
      principal.via === 'api_key'
        ? { type: 'api_key', id: principal.key?.id ?? null }
        : { type: 'user', id: principal.userId },
    orgId: principal.orgId,
    ip: principal.ip,
  };
}

/** `callerOf` the principal, or an anonymous caller from the request's address. */
export function requestCaller(request: FastifyRequest, principal: Principal | null): Caller {
  return principal === null
    ? { actor: { type: 'anonymous', id: null }, orgId: null, ip: request.ip }
    : callerOf(principal);
}

/**
 * The caller of a request that needs no identity (a claim, a download, a burn by receipt): whoever the request
 * proves to be, else anonymous. A bad key or a failed CSRF check here means anonymous, never a refusal: the
 * link or receipt alone decides these steps.
 */
export async function optionalCaller(auth: Authenticator, request: FastifyRequest): Promise<Caller> {
  if (request.headers.authorization === undefined && request.headers.cookie === undefined)
    return requestCaller(request, null);
  const principal = await auth.principal(request).catch(() => null);
  return requestCaller(request, principal);
}
