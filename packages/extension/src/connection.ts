import { type BurnlinkClient, createClient, type FetchLike, type ServerLimits } from '@burnlink/client';
import { type Problem, problemFor } from './problems.js';
import { hasServerPermission, loadSettings, type Settings } from './settings.js';

/** A configured server that answered its config: what the pages need to create a secret. */
export interface Connection {
  ok: true;
  client: BurnlinkClient;
  limits: ServerLimits;
  settings: Settings;
}

/**
 * Every request of the extension: no cookies (a session of the web app in this browser must not turn into
 * the extension's identity; the API key is the only credential), no cache, no referrer. Upload chunks go as
 * a Blob, as in the web app.
 */
const extensionFetch: FetchLike = (input, init) =>
  fetch(input, {
    ...init,
    ...(init?.body instanceof Uint8Array ? { body: new Blob([init.body as Uint8Array<ArrayBuffer>]) } : {}),
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });

/**
 * Reads the settings, checks the host permission and reads the server's limits (`GET /api/v1/config`),
 * answering a {@link Problem} the page can show when any of it is missing.
 */
export async function connect(): Promise<Connection | { ok: false; problem: Problem }> {
  const settings = await loadSettings();
  if (settings.serverUrl === '') return fail({ key: 'errNotConfigured', settings: true });
  if (!globalThis.crypto?.subtle) return fail({ key: 'errNoCrypto' });
  const origin = new URL(settings.serverUrl).origin;
  if (!(await hasServerPermission(settings.serverUrl))) {
    return fail({ key: 'errNoPermission', subs: [origin], settings: true });
  }
  const client = createClient({
    baseUrl: settings.serverUrl,
    fetch: extensionFetch,
    ...(settings.apiKey !== '' ? { apiKey: settings.apiKey } : {}),
  });
  const limits = await client.config();
  if (!limits.ok) return fail(problemFor(limits, origin));
  return { ok: true, client, limits, settings };
}

const fail = (problem: Problem) => ({ ok: false as const, problem });

/**
 * The lifetime and views a new secret gets unless the user picks others: the saved defaults when the server
 * allows them, else the server's.
 */
export function defaultChoices(connection: Connection): { ttl: number; views: number } {
  const { limits, settings } = connection;
  const ttl =
    settings.ttl !== null && settings.ttl >= limits.ttl.min && settings.ttl <= limits.ttl.max
      ? settings.ttl
      : limits.ttl.default;
  const views =
    settings.views !== null && settings.views >= 1 && settings.views <= limits.maxViews.max
      ? settings.views
      : limits.maxViews.default;
  return { ttl, views };
}
