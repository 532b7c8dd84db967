/** The account pages: each is a lazily loaded chunk (with its messages and, for passkeys, the WebAuthn code). */
export type AccountPage =
  | 'sign-in'
  | 'join'
  | 'dashboard'
  | 'settings'
  | 'audit'
  | 'webhooks'
  | 'policy'
  | 'domains';

/**
 * The request-a-secret pages (`/request`, `/q/{id}`, `/i/{id}`, `/rq/{receipt}`): lazily loaded like the account
 * pages; `param` is the id or receipt from the path ('' for `/request`).
 */
export type RequestPage = 'request' | 'respond' | 'inbox' | 'request-receipt';

/** Every lazily loaded page: the account pages, the request pages and a secret's receipt (`/r/{receipt}`). */
export type LazyPage = AccountPage | RequestPage | 'receipt';

export type Route =
  | { page: 'create' }
  | { page: 'reveal'; id: string }
  | { page: 'receipt'; receipt: string }
  | { page: AccountPage }
  | { page: RequestPage; param: string }
  | { page: 'none' };

const ACCOUNT_PAGES: readonly AccountPage[] = [
  'sign-in',
  'join',
  'dashboard',
  'settings',
  'audit',
  'webhooks',
  'policy',
  'domains',
];

const REQUEST_PATHS: Record<string, RequestPage> = { q: 'respond', i: 'inbox', rq: 'request-receipt' };

/**
 * The server sends index.html for `/`, `/s/:id`, `/r/:receipt` and the account pages (`/sign-in`,
 * `/join#<invite>`, `/dashboard`, `/settings`, `/audit?<filters>`, `/webhooks`, `/policy`, `/domains`) and the request pages
 * (`/request`, `/q/:id`, `/i/:id`, `/rq/:receipt`); the path picks the page.
 */
export function route(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'create' };
  const match = /^\/(s|r|q|i|rq)\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (match?.[1] === 's') return { page: 'reveal', id: match[2]! };
  if (match?.[1] === 'r') return { page: 'receipt', receipt: match[2]! };
  if (match) return { page: REQUEST_PATHS[match[1]!]!, param: match[2]! };
  if (/^\/request\/?$/.test(pathname)) return { page: 'request', param: '' };
  const account = /^\/([a-z-]+)\/?$/.exec(pathname)?.[1];
  if (account && (ACCOUNT_PAGES as readonly string[]).includes(account))
    return { page: account as AccountPage };
  return { page: 'none' };
}
