import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The single-page app's routes: each answers `index.html`, which routes on the client. Requests for a secret
 * (`/request` to make one, `/q/:id` for the responder, `/i/:id` the inbox, `/rq/:receipt` its receipt) as the
 * secret pages are. The account pages
 * (`/sign-in`, `/join#<invite>`, `/dashboard`, `/settings`, `/audit`, `/webhooks`, `/policy`, `/domains`) are loaded lazily by the app
 * itself.
 */
export const SPA_ROUTES = [
  '/',
  '/s/:id',
  '/r/:receipt',
  '/request',
  '/q/:id',
  '/i/:id',
  '/rq/:receipt',
  '/sign-in',
  '/join',
  '/dashboard',
  '/settings',
  '/audit',
  '/webhooks',
  '/policy',
  '/domains',
] as const;

/**
 * Serves the built web app (`packages/web/dist`) from the same origin as the API, so the pages need no
 * cross-origin request. Skipped with an info line when the directory has no `index.html` (API-only runs).
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<boolean> {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    app.log.info({ webDir }, 'web app not built: serving the API only');
    return false;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    wildcard: true,
    index: false,
    // Serves `x.js.br` / `x.js.gz` beside `x.js` when the web build emits them (Accept-Encoding permitting).
    preCompressed: true,
    // Hashed assets under /assets/ never change; the page is never stored (it is tiny, and the reveal and
    // receipt pages must not linger in caches); other files revalidate.
    setHeaders(reply, filePath) {
      const immutable = filePath.startsWith(path.join(webDir, 'assets') + path.sep);
      const page = path.basename(filePath) === 'index.html';
      reply.header(
        'cache-control',
        immutable ? 'public, max-age=31536000, immutable' : page ? 'no-store' : 'no-cache',
      );
    },
  });
  for (const url of SPA_ROUTES) {
    app.get(url, { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  }
  return true;
}
