export type Route =
  | { page: 'create' }
  | { page: 'reveal'; id: string }
  | { page: 'receipt'; receipt: string }
  | { page: 'none' };

/** The server sends index.html for `/`, `/s/:id` and `/r/:receipt`; the path picks the page. */
export function route(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'create' };
  const match = /^\/(s|r)\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (match?.[1] === 's') return { page: 'reveal', id: match[2]! };
  if (match?.[1] === 'r') return { page: 'receipt', receipt: match[2]! };
  return { page: 'none' };
}
