/** The account pages: each is a lazily loaded chunk (with its messages and, for passkeys, the WebAuthn code). */
export type AccountPage = 'sign-in' | 'join' | 'dashboard' | 'settings' | 'audit' | 'webhooks' | 'policy';

export type Route =
  | { page: 'create' }
  | { page: 'reveal'; id: string }
  | { page: 'receipt'; receipt: string }
  | { page: AccountPage }
  | { page: 'none' };

const ACCOUNT_PAGES: readonly AccountPage[] = [
  'sign-in',
  'join',
  'dashboard',
  'settings',
  'audit',
  'webhooks',
  'policy',
];

/**
 * The server sends index.html for `/`, `/s/:id`, `/r/:receipt` and the account pages (`/sign-in`,
 * `/join#<invite>`, `/dashboard`, `/settings`, `/audit?<filters>`, `/webhooks`, `/policy`); the path picks the page.
 */
export function route(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'create' };
  const match = /^\/(s|r)\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (match?.[1] === 's') return { page: 'reveal', id: match[2]! };
  if (match?.[1] === 'r') return { page: 'receipt', receipt: match[2]! };
  const account = /^\/([a-z-]+)\/?$/.exec(pathname)?.[1];
  if (account && (ACCOUNT_PAGES as readonly string[]).includes(account))
    return { page: account as AccountPage };
  return { page: 'none' };
}
