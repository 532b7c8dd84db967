/**
 * What the app sends with a request when someone is signed in (docs/teams.md "Sessions"). The session cookie is
 * HttpOnly; its companion `burnlink_csrf` (`__Host-burnlink_csrf` behind https) is readable, and a state-changing
 * request made with the cookie must echo it in `X-CSRF-Token`. The session is sent only where it means
 * something — the account API, creating, listing and burning secrets, the config (the organisation's policy) —
 * and never when a recipient peeks, asks for a code, reveals or downloads: only the link decides who may read a secret, and the server need not learn who did.
 */

const CSRF_COOKIES = ['__Host-burnlink_csrf', 'burnlink_csrf'] as const;

/** The CSRF token from a `document.cookie` string, or null when there is none (nobody is signed in). */
export function csrfToken(cookies: string): string | null {
  for (const name of CSRF_COOKIES) {
    for (const part of cookies.split(';')) {
      const at = part.indexOf('=');
      if (at > 0 && part.slice(0, at).trim() === name) {
        const value = part.slice(at + 1).trim();
        if (value) return value;
      }
    }
  }
  return null;
}

/** Whether this browser holds a session (possibly ended): costs nothing, sends nothing. */
export const hasSessionCookie = (): boolean => csrfToken(document.cookie) !== null;

/** The account API's top-level paths (docs/teams.md, docs/audit.md, docs/webhooks.md, docs/domains.md): always sent with the session. */
const ACCOUNT_PATH =
  /^\/api\/v1\/(me|keys|members|invites|teams|sessions|passkeys|auth|audit|webhooks|org|domains)(\/|$)/;

/**
 * Whether a request carries the session cookie: the account API, `POST /api/v1/secrets` (the secret is recorded
 * as the signer's) and `POST /api/v1/requests` (likewise a request), the dashboard's list and its burn by id, and the create page's `GET /api/v1/config` (which
 * then carries the organisation's policy). Not peek, claim, code requests, receipts, uploads or files.
 */
export function sendsSession(method: string, path: string): boolean {
  if (ACCOUNT_PATH.test(path) || path === '/api/v1/config') return true;
  if (path === '/api/v1/secrets') return method === 'GET' || method === 'POST';
  // A request is owned by the signed-in requester's organisation; answering it and its inbox go without.
  if (path === '/api/v1/requests') return method === 'POST';
  return method === 'POST' && /^\/api\/v1\/secrets\/[^/]+\/burn$/.test(path);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionInit {
  credentials: RequestCredentials;
  headers: Record<string, string>;
  referrerPolicy: ReferrerPolicy;
}

/**
 * The `credentials`, extra headers and referrer policy of one request to `url` (on this origin) given the
 * page's cookies. With the session, the policy is `same-origin`: under `no-referrer` a browser sends
 * `Origin: null` on a POST, and the server's CSRF check wants this origin. Without it, no referrer at all.
 *
 * @example
 * sessionFor('POST', 'https://b.example/api/v1/keys', 'burnlink_csrf=abc')
 * // → { credentials: 'same-origin', headers: { 'x-csrf-token': 'abc' }, referrerPolicy: 'same-origin' }
 */
export function sessionFor(method: string, url: string, cookies: string): SessionInit {
  const verb = method.toUpperCase();
  if (!sendsSession(verb, new URL(url, 'http://x').pathname))
    return { credentials: 'omit', headers: {}, referrerPolicy: 'no-referrer' };
  const token = SAFE_METHODS.has(verb) ? null : csrfToken(cookies);
  return {
    credentials: 'same-origin',
    headers: token ? { 'x-csrf-token': token } : {},
    referrerPolicy: 'same-origin',
  };
}
