import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsStore } from '../accounts/accounts-store.js';
import type { Session } from '../accounts/accounts-types.js';
import type { Role } from '../accounts/roles.js';
import type { AccountsConfig } from '../config.js';
import { matchesTokenHash, tokenHashHex } from '../tokens.js';
import { cookieNames, readCookie, setCookie } from './cookies.js';

/** A session's last-seen time is written at most this often (it only feeds the idle timeout and the list). */
export const SESSION_TOUCH_MS = 60_000;

/** The public id of a session in "my sessions": a prefix of its hash (the token itself is never shown). */
export const publicSessionId = (session: Session) => session.idHash.slice(0, 16);

export interface SessionDeps {
  accounts: AccountsStore;
  config: AccountsConfig;
  /** `BURNLINK_PUBLIC_URL`, or null to take the origin from each request. */
  publicUrl: string | null;
  now: () => number;
  /** The request's origin when it came in on a verified custom domain, else null (domains/host-resolver.ts). */
  domainOrigin?: (request: FastifyRequest) => string | null;
}

/**
 * Server-side sessions in the accounts store, carried by two cookies: the HttpOnly session token and a CSRF
 * token the page echoes in `X-CSRF-Token` (docs/teams.md). The store keeps SHA-256 of both, never a token.
 *
 * @example
 * const { csrfToken } = await sessions.issue(request, reply, { userId, orgId });
 * const session = await sessions.read(request); // null when absent, unknown, idle too long or past its end
 */
export class Sessions {
  readonly #deps: SessionDeps;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  /** Behind https (the public URL says so, or the request came over https as trust-proxy resolves it). */
  secure(request: FastifyRequest): boolean {
    const { publicUrl } = this.#deps;
    return publicUrl !== null ? publicUrl.startsWith('https:') : request.protocol === 'https';
  }

  /**
   * The origin the page was served from, which `Origin` must equal on cookie-authenticated changes: the
   * verified custom domain the request came in on, else the instance's origin. (Cookies are per host, so a
   * session made on a custom domain is that domain's.)
   */
  origin(request: FastifyRequest): string {
    const domain = this.#deps.domainOrigin?.(request) ?? null;
    if (domain !== null) return domain;
    if (this.#deps.publicUrl !== null) return this.#deps.publicUrl;
    // As a browser writes `Origin`: without a default port, which a Host header may carry (`example.com:443`).
    const written = `${request.protocol}://${request.host}`;
    try {
      return new URL(written).origin;
    } catch {
      return written;
    }
  }

  /**
   * Starts a session for a person in an organisation and sets both cookies. A session the browser still
   * carried (another person's, or the same person's) ends here: one browser holds one live session.
   */
  async issue(
    request: FastifyRequest,
    reply: FastifyReply,
    who: { userId: string; orgId: string },
  ): Promise<{ csrfToken: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.#deps.now();
    const session: Session = {
      idHash: tokenHashHex(token),
      userId: who.userId,
      orgId: who.orgId,
      csrfHash: tokenHashHex(csrfToken),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.#deps.config.sessionMaxMs,
      label: deviceLabel(request.headers['user-agent']),
    };
    const secure = this.secure(request);
    const names = cookieNames(secure);
    const previous = readCookie(request.headers.cookie, names.session);
    if (previous !== null && previous.length === 43)
      await this.#deps.accounts.deleteSession(tokenHashHex(previous));
    await this.#deps.accounts.createSession(session);
    const maxAge = Math.floor(this.#deps.config.sessionMaxMs / 1000);
    reply.header('set-cookie', [
      setCookie(names.session, token, { httpOnly: true, secure, maxAge }),
      setCookie(names.csrf, csrfToken, { httpOnly: false, secure, maxAge }),
    ]);
    return { csrfToken, session };
  }

  /** The request's live session, or null. An idle or ended one is deleted on the way. */
  async read(request: FastifyRequest): Promise<Session | null> {
    return (await this.readWithRole(request))?.session ?? null;
  }

  /** `read`, with the person's role in the session's organisation (null when no longer a member), in one read. */
  async readWithRole(request: FastifyRequest): Promise<{ session: Session; role: Role | null } | null> {
    const token = readCookie(request.headers.cookie, cookieNames(this.secure(request)).session);
    if (token === null || token.length !== 43) return null;
    const idHash = tokenHashHex(token);
    const found = await this.#deps.accounts.sessionWithRole(idHash);
    if (found === null) return null;
    const { session } = found;
    const now = this.#deps.now();
    if (now >= session.expiresAt || now - session.lastSeenAt >= this.#deps.config.sessionIdleMs) {
      await this.#deps.accounts.deleteSession(idHash);
      return null;
    }
    if (now - session.lastSeenAt >= SESSION_TOUCH_MS) {
      await this.#deps.accounts.touchSession(idHash, now);
      session.lastSeenAt = now;
    }
    return found;
  }

  /**
   * The CSRF check of a cookie-authenticated change: `Origin` (or, without it, `Referer`'s origin) equals the
   * instance's origin, and `X-CSRF-Token` hashes to the session's CSRF hash (compared in constant time).
   */
  csrfOk(request: FastifyRequest, session: Session): boolean {
    const origin = request.headers.origin ?? refererOrigin(request.headers.referer);
    if (origin !== this.origin(request)) return false;
    const presented = request.headers['x-csrf-token'];
    if (typeof presented !== 'string' || presented.length !== 43) return false;
    return matchesTokenHash(presented, session.csrfHash);
  }

  /** Ends the request's session (if any) and clears both cookies. */
  async end(request: FastifyRequest, reply: FastifyReply, session: Session | null): Promise<void> {
    if (session !== null) await this.#deps.accounts.deleteSession(session.idHash);
    this.clearCookies(request, reply);
  }

  clearCookies(request: FastifyRequest, reply: FastifyReply): void {
    const secure = this.secure(request);
    const names = cookieNames(secure);
    reply.header('set-cookie', [
      setCookie(names.session, '', { httpOnly: true, secure, maxAge: 0 }),
      setCookie(names.csrf, '', { httpOnly: false, secure, maxAge: 0 }),
    ]);
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** "Firefox on Linux": enough to tell one's devices apart, nothing more of the user agent is kept. */
export function deviceLabel(userAgent: string | undefined): string {
  if (userAgent === undefined) return '';
  const browser = (
    [
      [/Edg\//, 'Edge'],
      [/Firefox\//, 'Firefox'],
      [/Chrom(e|ium)\//, 'Chrome'],
      [/Safari\//, 'Safari'],
      [/curl\//, 'curl'],
    ] as const
  ).find(([pattern]) => pattern.test(userAgent))?.[1];
  const os = (
    [
      [/Windows/, 'Windows'],
      [/Android/, 'Android'],
      [/iPhone|iPad/, 'iOS'],
      [/Mac OS X/, 'macOS'],
      [/Linux/, 'Linux'],
    ] as const
  ).find(([pattern]) => pattern.test(userAgent))?.[1];
  return [browser, os].filter(Boolean).join(' on ');
}
