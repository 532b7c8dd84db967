import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsStore } from '../accounts/accounts-store.js';
import type { Challenge } from '../accounts/accounts-types.js';
import { newRandomId } from '../tokens.js';
import { readCookie, setCookie } from './cookies.js';
import type { Sessions } from './sessions.js';

export type CeremonyKind = 'passkey' | 'oidc';

/** The cookie that carries a ceremony's id: `burnlink_passkey`, or `__Host-burnlink_passkey` behind https. */
export function ceremonyCookieName(kind: CeremonyKind, secure: boolean): string {
  return `${secure ? '__Host-' : ''}burnlink_${kind}`;
}

/**
 * Sign-in ceremonies in progress (a WebAuthn challenge, an OpenID Connect state, nonce and PKCE verifier):
 * their state is kept in the accounts store, single-use, so that whichever node gets the answer finishes it
 * once; the browser holds only the random id, in a short-lived HttpOnly, SameSite=Lax cookie.
 *
 * @example
 * await ceremonies.start(request, reply, 'passkey-sign-in', { challenge }, 300_000);
 * const state = await ceremonies.finish<{ challenge: string }>(request, reply, 'passkey-sign-in'); // null: none
 */
export class Ceremonies {
  readonly #store: AccountsStore;
  readonly #sessions: Sessions;
  readonly #now: () => number;

  constructor(deps: { store: AccountsStore; sessions: Sessions; now: () => number }) {
    this.#store = deps.store;
    this.#sessions = deps.sessions;
    this.#now = deps.now;
  }

  async start(
    request: FastifyRequest,
    reply: FastifyReply,
    purpose: Challenge['purpose'],
    payload: unknown,
    ttlMs: number,
  ): Promise<void> {
    const id = newRandomId();
    await this.#store.putChallenge({
      id,
      purpose,
      payload: JSON.stringify(payload),
      expiresAt: this.#now() + ttlMs,
    });
    const secure = this.#sessions.secure(request);
    const name = ceremonyCookieName(kindOf(purpose), secure);
    reply.header(
      'set-cookie',
      setCookie(name, id, { httpOnly: true, secure, maxAge: Math.ceil(ttlMs / 1000) }),
    );
  }

  /**
   * Takes the request's ceremony of `purpose` (it can be finished once, on any node) and clears its cookie.
   * Null when there is none: no cookie, unknown, already finished, expired, or one of another purpose.
   */
  async finish<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    purpose: Challenge['purpose'],
  ): Promise<T | null> {
    const secure = this.#sessions.secure(request);
    const name = ceremonyCookieName(kindOf(purpose), secure);
    const id = readCookie(request.headers.cookie, name);
    reply.header('set-cookie', setCookie(name, '', { httpOnly: true, secure, maxAge: 0 }));
    if (id === null || id.length === 0 || id.length > 64) return null;
    const challenge = await this.#store.takeChallenge(id, this.#now());
    if (challenge === null || challenge.purpose !== purpose) return null;
    try {
      return JSON.parse(challenge.payload) as T;
    } catch {
      return null;
    }
  }
}

const kindOf = (purpose: Challenge['purpose']): CeremonyKind => (purpose === 'oidc' ? 'oidc' : 'passkey');
