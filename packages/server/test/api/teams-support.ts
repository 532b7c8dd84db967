import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AccountsStore } from '../../src/accounts/accounts-store.js';
import { MemoryAccountsStore } from '../../src/accounts/memory-accounts-store.js';
import { ROLES, type Role, type Scope } from '../../src/accounts/roles.js';
import { newApiKey } from '../../src/auth/api-key-format.js';
import { newRandomId } from '../../src/tokens.js';
import { type TestAppOptions, testApp } from './support.js';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The origin a browser would send to an `app.inject` app (whose default Host is `localhost:80`): browsers leave
 * out the default port.
 */
export const ORIGIN = 'http://localhost';

export interface SignedIn {
  userId: string;
  role: Role;
  email: string;
  /** Headers of a cookie-authenticated request that passes the CSRF check. */
  headers: Record<string, string>;
  /** The same cookies without the CSRF header and Origin. */
  cookieOnly: Record<string, string>;
  sessionToken: string;
  csrfToken: string;
}

/**
 * An app with one organisation ("Acme") and a signed-in person of each role (plus a second member), made
 * directly in the accounts store, as the sign-in routes would.
 */
export async function teamsApp(options: TestAppOptions & { accounts?: AccountsStore } = {}) {
  const accounts = options.accounts ?? new MemoryAccountsStore();
  const built = await testApp({ ...options, accounts });
  const now = built.clock.now;
  const orgId = newRandomId();
  await accounts.createOrg({ id: orgId, name: 'Acme', createdAt: now(), joinDomains: [] });

  const signIn = async (
    userId: string,
    inOrg = orgId,
  ): Promise<{ sessionToken: string; csrfToken: string }> => {
    const sessionToken = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await accounts.createSession({
      idHash: sha256Hex(sessionToken),
      userId,
      orgId: inOrg,
      csrfHash: sha256Hex(csrfToken),
      createdAt: now(),
      lastSeenAt: now(),
      expiresAt: now() + built.config.accounts.sessionMaxMs,
      label: 'Test on Linux',
    });
    return { sessionToken, csrfToken };
  };

  const person = async (role: Role, label: string = role): Promise<SignedIn> => {
    const userId = newRandomId();
    const email = `${label}@acme.example`;
    await accounts.createUser({ id: userId, email, name: label, createdAt: now() });
    await accounts.addMember({ orgId, userId, role, createdAt: now() });
    const { sessionToken, csrfToken } = await signIn(userId);
    const cookie = `burnlink_session=${sessionToken}; burnlink_csrf=${csrfToken}`;
    return {
      userId,
      role,
      email,
      sessionToken,
      csrfToken,
      cookieOnly: { cookie },
      headers: { cookie, origin: ORIGIN, 'x-csrf-token': csrfToken },
    };
  };

  const people = {} as Record<Role, SignedIn>;
  for (const role of ROLES) people[role] = await person(role);
  const member2 = await person('member', 'member2');

  /** An API key of `who` (or of the organisation, with `null`) with these scopes, made in the store. */
  const keyFor = async (who: SignedIn | null, scopes: Scope[], lifetimeMs = 86_400_000) => {
    const made = newApiKey();
    await accounts.createKey({
      id: made.id,
      orgId,
      createdBy: who?.userId ?? null,
      name: 'test',
      scopes,
      hash: made.hash,
      createdAt: now(),
      expiresAt: now() + lifetimeMs,
      lastUsedAt: null,
      revokedAt: null,
    });
    return { id: made.id, key: made.key, headers: { authorization: `Bearer ${made.key}` } };
  };

  return { ...built, accounts, orgId, people, member2, person, signIn, keyFor };
}

/** A server-encrypted create as `headers` (so the test needs no client crypto). */
export async function createAs(
  app: FastifyInstance,
  headers: Record<string, string>,
  extra: Record<string, unknown> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/secrets',
    headers,
    payload: { text: 'hunter2', ...extra },
  });
}

/** The id and link key of a secret link (`…/s/ID#KEY`). */
export function linkParts(link: string): { id: string; key: string } {
  const match = /\/s\/([A-Za-z0-9_-]+)#([A-Za-z0-9_-]+)$/.exec(link);
  if (match === null) throw new Error(`not a secret link: ${link}`);
  return { id: match[1] as string, key: match[2] as string };
}

/** An API key made through `POST /api/v1/keys` by `who` (name `ci` unless given); throws unless 201. */
export async function keyThroughApi(
  app: FastifyInstance,
  who: { headers: Record<string, string> },
  body: Record<string, unknown>,
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: who.headers,
    payload: { name: 'ci', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/v1/keys answered ${res.statusCode}: ${res.body}`);
  const reply = res.json() as { id: string; key: string; expires_at: string };
  return { ...reply, headers: { authorization: `Bearer ${reply.key}` } };
}

/** A team made by `admin` through the API, with these members; throws unless every step succeeds. */
export async function teamThroughApi(
  app: FastifyInstance,
  admin: SignedIn,
  name: string,
  members: SignedIn[],
): Promise<string> {
  const team = await app.inject({
    method: 'POST',
    url: '/api/v1/teams',
    headers: admin.headers,
    payload: { name },
  });
  if (team.statusCode !== 201) throw new Error(`POST /api/v1/teams answered ${team.statusCode}`);
  const { id } = team.json() as { id: string };
  for (const who of members) {
    const added = await app.inject({
      method: 'PUT',
      url: `/api/v1/teams/${id}/members/${who.userId}`,
      headers: admin.headers,
    });
    if (added.statusCode !== 204) throw new Error(`adding a team member answered ${added.statusCode}`);
  }
  return id;
}
