import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OpenID Provider (`oidc-provider`) on a loopback port, for the sign-in tests (Vitest and Playwright):
 * one confidential client, accounts from a table (the login form takes any password), consent granted
 * without asking. `login` drives its login form with fetch, as a browser would, and answers the redirect
 * back to the relying party.
 */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Follows `authorizationUrl` through the login form as `accountId`; answers the callback URL (with code). */
  login(authorizationUrl: string, accountId: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startProvider(options: {
  redirectUris: string[];
  accounts?: Record<string, TestAccount>;
  /** Serve under this path, ending in `/` (the issuer then ends in a slash, as Authentik's does). */
  path?: string;
}): Promise<TestProvider> {
  const accounts = new Map(Object.entries(options.accounts ?? {}));
  let handler: Parameters<typeof createServer>[1] = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const prefix = options.path ?? '';
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  const clientId = 'burnlink';
  const clientSecret = 'test-client-secret-that-is-long-enough';
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-for-the-provider-only'] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (account === undefined) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // Consent is granted at once (a first-party client): the login form is the only interaction.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId as string;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session?.accountId as string });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  // oidc-provider's own warnings about development keys and interactions are expected here.
  provider.on('server_error', () => {});
  const callback = provider.callback();
  handler = (req, res) => {
    // Mounted under a path: the provider sees the rest (its URLs come from the issuer).
    if (prefix && req.url?.startsWith(prefix)) req.url = req.url.slice(prefix.length - 1);
    callback(req, res);
  };

  async function login(authorizationUrl: string, accountId: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const keep = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
    };
    let url = new URL(authorizationUrl);
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== new URL(issuer).origin) return url;
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
      keep(res);
      const location = res.headers.get('location');
      if (location !== null) {
        url = new URL(location, url);
        continue;
      }
      if (res.status !== 200) throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
      // The login form: post it, then follow where it leads.
      const action = (await res.text()).match(/action="([^"]+)"/)?.[1];
      if (action === undefined) throw new Error('no login form at the provider');
      const posted = await fetch(new URL(action, url), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'any' }),
      });
      keep(posted);
      url = new URL(posted.headers.get('location') as string, url);
    }
    throw new Error('too many redirects at the provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    login,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
