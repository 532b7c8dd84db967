import type { FastifyReply, FastifyRequest } from 'fastify';
import type * as client from 'openid-client';
import { type AccountsService, inviteTokenHash } from '../accounts/accounts-service.js';
import { AccountsConflictError, type AccountsStore } from '../accounts/accounts-store.js';
import type { User } from '../accounts/accounts-types.js';
import type { AccountsConfig } from '../config.js';
import { ApiError } from '../errors.js';
import type { LifecycleEvents } from '../service/events.js';
import { newRandomId } from '../tokens.js';
import type { Ceremonies } from './ceremonies.js';
import type { Authenticator } from './principal.js';
import type { SignInThrottle } from './sign-in-throttle.js';

/** Loaded at the first sign-in: an install without an identity provider never pays its memory. */
const openid = () => import('openid-client');

/** How long a person may take at the provider, from the redirect to the callback. */
export const OIDC_CEREMONY_MS = 10 * 60_000;
/** How long the provider may take to answer discovery or the token request, in seconds. */
export const OIDC_TIMEOUT_S = 10;
export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
export const DEFAULT_RETURN_TO = '/dashboard';

export type OidcProviderConfig = NonNullable<AccountsConfig['oidc']>;

export interface OidcServiceDeps {
  provider: OidcProviderConfig;
  accounts: AccountsService;
  auth: Authenticator;
  ceremonies: Ceremonies;
  throttle: SignInThrottle;
  events: LifecycleEvents;
  now: () => number;
}

interface OidcState {
  state: string;
  nonce: string;
  verifier: string;
  /** SHA-256 of the invite token (joining), never the token. */
  inviteHash: string | null;
  returnTo: string;
}

/** Why a sign-in ends on the sign-in page: `/sign-in?error=CODE` (the page explains each). */
export type OidcProblem =
  | 'sign_in_failed'
  | 'no_account'
  | 'provider_unavailable'
  | 'invite_not_found'
  | 'account_exists'
  | 'rate_limited';

class OidcFailure extends Error {
  constructor(
    readonly problem: OidcProblem,
    readonly reason: string,
  ) {
    super(problem);
  }
}

export const signInPage = (problem: OidcProblem) => `/sign-in?error=${problem}`;

/**
 * Sign-in with OpenID Connect (authorization code flow with PKCE S256, state and nonce, through
 * `openid-client`; docs/teams.md "Signing in"). The provider's discovery document is fetched at the first
 * sign-in and kept (fetched again after a failure). Every outcome is a redirect: to `return_to` when signed
 * in, else to the sign-in page with an error code — a provider that is down is `provider_unavailable`, never a
 * 500. Nothing the provider hands over is stored but the identity's (issuer, subject) and the person's email
 * and name: no token.
 */
export class OidcService {
  readonly #d: OidcServiceDeps;
  readonly #store: AccountsStore;
  #discovered: Promise<client.Configuration> | null = null;

  constructor(deps: OidcServiceDeps) {
    this.#d = deps;
    this.#store = deps.accounts.store;
  }

  get name(): string {
    return this.#d.provider.name;
  }

  /** Answers where to send the browser: the provider's authorization endpoint, or the sign-in page. */
  async start(
    request: FastifyRequest,
    reply: FastifyReply,
    query: { invite?: string | undefined; return_to?: string | undefined },
  ): Promise<string> {
    if (this.#d.throttle.retryAfterSeconds(request.ip) > 0) return signInPage('rate_limited');
    let inviteHash: string | null = null;
    if (query.invite !== undefined) {
      inviteHash = inviteTokenHash(query.invite);
      if ((await this.#d.accounts.liveInvite(inviteHash)) === null) return signInPage('invite_not_found');
    }
    let configuration: client.Configuration;
    try {
      configuration = await this.#configuration();
    } catch {
      return signInPage('provider_unavailable');
    }
    const verifier = (await openid()).randomPKCECodeVerifier();
    const state: OidcState = {
      state: (await openid()).randomState(),
      nonce: (await openid()).randomNonce(),
      verifier,
      inviteHash,
      returnTo: safeReturnTo(query.return_to),
    };
    await this.#d.ceremonies.start(request, reply, 'oidc', state, OIDC_CEREMONY_MS);
    return (await openid())
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.#redirectUri(request),
        scope: 'openid email profile',
        code_challenge: await (await openid()).calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: state.state,
        nonce: state.nonce,
      })
      .toString();
  }

  /** The provider sent the browser back: finish the ceremony once, find or make the person, sign them in. */
  async callback(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    const address = request.ip;
    if (this.#d.throttle.retryAfterSeconds(address) > 0) return signInPage('rate_limited');
    try {
      const state = await this.#d.ceremonies.finish<OidcState>(request, reply, 'oidc');
      if (state === null) throw new OidcFailure('sign_in_failed', 'no_ceremony');
      const claims = await this.#exchange(request, state);
      const who = await this.#person(claims, state);
      await this.#d.auth.sessions.issue(request, reply, who);
      this.#d.events.emit({
        type: 'session.signed_in',
        at: this.#d.now(),
        ...who,
        method: 'oidc',
        caller: { actor: { type: 'user', id: who.userId }, orgId: who.orgId, ip: address },
      });
      return state.returnTo;
    } catch (error) {
      const failure =
        error instanceof OidcFailure
          ? error
          : error instanceof ApiError && error.code === 'invite_not_found'
            ? new OidcFailure('invite_not_found', 'invite')
            : null;
      if (failure === null) throw error;
      // A provider that is down is nobody's failed attempt.
      if (failure.problem !== 'provider_unavailable') this.#d.throttle.fail(address);
      this.#d.events.emit({
        type: 'session.sign_in_failed',
        at: this.#d.now(),
        method: 'oidc',
        reason: failure.reason,
        caller: { actor: { type: 'anonymous', id: null }, orgId: null, ip: address },
      });
      return signInPage(failure.problem);
    }
  }

  async #exchange(request: FastifyRequest, state: OidcState): Promise<client.IDToken> {
    let configuration: client.Configuration;
    try {
      configuration = await this.#configuration();
    } catch {
      throw new OidcFailure('provider_unavailable', 'discovery');
    }
    const currentUrl = new URL(request.url, this.#d.auth.sessions.origin(request));
    try {
      const tokens = await (await openid()).authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: state.verifier,
        expectedState: state.state,
        expectedNonce: state.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (claims === undefined) throw new OidcFailure('sign_in_failed', 'no_id_token');
      if (claims.email !== undefined || tokens.access_token === undefined) return claims;
      // Providers that keep the ID token small (oidc-provider by default, some Okta and Entra setups) hand
      // the email and name out at the userinfo endpoint instead; the subject must match the ID token's.
      const info = await (await openid()).fetchUserInfo(configuration, tokens.access_token, claims.sub);
      return {
        ...claims,
        email: info.email,
        email_verified: info.email_verified,
        name: claims.name ?? info.name,
      };
    } catch (error) {
      if (error instanceof OidcFailure) throw error;
      throw unreachable(error)
        ? new OidcFailure('provider_unavailable', 'token_request')
        : new OidcFailure('sign_in_failed', 'verification');
    }
  }

  /**
   * The person behind the identity: already linked; else the invite's person; else a new member of every
   * organisation that lets the verified email's domain join; else no account (nothing is created).
   */
  async #person(claims: client.IDToken, state: OidcState): Promise<{ userId: string; orgId: string }> {
    const issuer = claims.iss;
    const subject = claims.sub;
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
    const name = (typeof claims.name === 'string' && claims.name.trim()) || email?.split('@')[0] || '';
    const linked = await this.#store.findIdentity(issuer, subject);
    if (state.inviteHash !== null) {
      await this.#refuseTakeover(state.inviteHash, linked?.userId ?? null);
      const joined = await this.#d.accounts.acceptInviteByHash(state.inviteHash, { name });
      if (linked !== null && linked.userId !== joined.userId) {
        // The identity belongs to someone else: the invite is used, but it does not merge two people.
        throw new OidcFailure('sign_in_failed', 'identity_of_another');
      }
      if (linked === null) await this.#link(issuer, subject, joined.userId);
      return joined;
    }
    if (linked !== null) {
      const [first] = await this.#store.membershipsOf(linked.userId);
      if (first === undefined) throw new OidcFailure('no_account', 'no_organisation');
      return { userId: linked.userId, orgId: first.orgId };
    }
    const domain = email?.split('@')[1];
    // Some providers send the flag as the string "true".
    const verified = claims.email_verified === true || claims.email_verified === 'true';
    if (email === null || !verified || domain === undefined) {
      throw new OidcFailure('no_account', 'no_account');
    }
    const orgs = await this.#store.orgsJoinableBy(domain);
    if (orgs.length === 0) throw new OidcFailure('no_account', 'no_account');
    const user = await this.#userByEmail(email, name);
    for (const org of orgs) await this.#join(org.id, user.id);
    await this.#link(issuer, subject, user.id);
    const [first] = await this.#store.membershipsOf(user.id);
    return { userId: user.id, orgId: first?.orgId ?? (orgs[0] as { id: string }).id };
  }

  /**
   * An invite's holder may link their identity to the invite's person only when that person is new here (no
   * passkey, no identity) or is already this identity: otherwise an invite from another organisation's admin
   * to someone's address would hand that admin their account.
   */
  async #refuseTakeover(inviteHash: string, linkedUserId: string | null): Promise<void> {
    const invite = await this.#d.accounts.liveInvite(inviteHash);
    if (invite === null) throw new OidcFailure('invite_not_found', 'invite');
    const person = await this.#store.findUserByEmail(invite.email);
    if (person !== null && person.id === linkedUserId) return;
    // The identity is someone else's: the invite is not used, and two people are never merged.
    if (linkedUserId !== null) throw new OidcFailure('sign_in_failed', 'identity_of_another');
    if (person === null) return;
    const [passkeys, identities] = await Promise.all([
      this.#store.listPasskeys(person.id),
      this.#store.listIdentities(person.id),
    ]);
    if (passkeys.length > 0 || identities.length > 0) {
      throw new OidcFailure('account_exists', 'invite_for_existing_account');
    }
  }

  async #userByEmail(email: string, name: string): Promise<User> {
    const found = await this.#store.findUserByEmail(email);
    if (found !== null) return found;
    const user: User = { id: newRandomId(), email, name: name.slice(0, 100), createdAt: this.#d.now() };
    try {
      await this.#store.createUser(user);
      return user;
    } catch (error) {
      if (!(error instanceof AccountsConflictError)) throw error;
      const raced = await this.#store.findUserByEmail(email);
      if (raced === null) throw error;
      return raced;
    }
  }

  async #join(orgId: string, userId: string): Promise<void> {
    if ((await this.#store.getMember(orgId, userId)) !== null) return;
    try {
      await this.#store.addMember({ orgId, userId, role: 'member', createdAt: this.#d.now() });
    } catch (error) {
      if (error instanceof AccountsConflictError) return;
      throw error;
    }
    this.#d.events.emit({
      type: 'member.added',
      at: this.#d.now(),
      orgId,
      userId,
      role: 'member',
    });
  }

  async #link(issuer: string, subject: string, userId: string): Promise<void> {
    try {
      await this.#store.linkIdentity({ issuer, subject, userId });
    } catch (error) {
      if (!(error instanceof AccountsConflictError)) throw error;
      const linked = await this.#store.findIdentity(issuer, subject);
      if (linked?.userId !== userId) throw new OidcFailure('sign_in_failed', 'identity_of_another');
    }
  }

  #configuration(): Promise<client.Configuration> {
    if (this.#discovered === null) {
      const { issuer, clientId, clientSecret } = this.#d.provider;
      const discover = async (url: URL) => {
        const oidc = await openid();
        return oidc.discovery(url, clientId, clientSecret, undefined, {
          timeout: OIDC_TIMEOUT_S,
          // http is accepted for an issuer on the loopback interface only (the configuration checks).
          ...(url.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        });
      };
      this.#discovered = discover(new URL(issuer))
        .catch((error: unknown) => {
          // The configuration drops a trailing slash, which some issuers (Authentik, Auth0) have: the
          // discovery document then names the issuer with it. Try that spelling once.
          const code = (error as { code?: unknown }).code;
          if (typeof code !== 'string' || !code.startsWith('OAUTH_JSON_ATTRIBUTE_COMPARISON')) throw error;
          return discover(new URL(`${issuer}/`));
        })
        .catch((error: unknown) => {
          this.#discovered = null;
          throw error;
        });
    }
    return this.#discovered;
  }

  #redirectUri(request: FastifyRequest): string {
    return `${this.#d.auth.sessions.origin(request)}${CALLBACK_PATH}`;
  }
}

/** A same-origin path (`/…`, not `//host` nor `/\host`), else the dashboard. */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return DEFAULT_RETURN_TO;
  }
  try {
    const url = new URL(value, 'http://burnlink.invalid');
    if (url.origin !== 'http://burnlink.invalid') return DEFAULT_RETURN_TO;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_RETURN_TO;
  }
}

/** The provider could not be reached or failed (network, timeout, 5xx), as opposed to refusing this sign-in. */
function unreachable(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  const cause = (error as { cause?: unknown } | null)?.cause;
  const status = (cause as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 500;
}
