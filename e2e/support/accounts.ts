import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import type { AccountsStore } from '../../packages/server/src/accounts/accounts-store.js';
import { openAccounts } from '../../packages/server/src/accounts/open-accounts.js';
import type { Role } from '../../packages/server/src/accounts/roles.js';

/**
 * Sets up people in the e2e server's accounts store (`DATA_DIR/accounts.db`, SQLite, which the running server
 * shares) and signs a browser context in by giving it a session the store knows: the cookies the server itself
 * would set after a passkey or OpenID Connect sign-in. The sign-in ceremonies have their own tests.
 */
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const newId = () => randomBytes(16).toString('base64url');

let store: Promise<AccountsStore> | null = null;
function accounts(): Promise<AccountsStore> {
  store ??= openAccounts('sqlite:', { dataDir: path.resolve(process.env.BURNLINK_E2E_DATA!) });
  return store;
}

export interface Person {
  userId: string;
  orgId: string;
  name: string;
  email: string;
}

/** A new organisation (unique name) with one person of `role` in it. */
export async function newOrg(role: Role = 'owner', name = 'Ada Lovelace'): Promise<Person> {
  const store = await accounts();
  const now = Date.now();
  const orgId = newId();
  await store.createOrg({ id: orgId, name: `Org ${orgId.slice(0, 6)}`, createdAt: now, joinDomains: [] });
  return addPerson(orgId, role, name);
}

export async function addPerson(orgId: string, role: Role, name: string): Promise<Person> {
  const store = await accounts();
  const now = Date.now();
  const userId = newId();
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${userId.slice(0, 6).toLowerCase()}@example.com`;
  await store.createUser({ id: userId, email, name, createdAt: now });
  await store.addMember({ orgId, userId, role, createdAt: now });
  return { userId, orgId, name, email };
}

export async function addTeam(orgId: string, name: string, members: string[]): Promise<string> {
  const store = await accounts();
  const id = newId();
  await store.createTeam({ id, orgId, name, createdAt: Date.now() });
  for (const userId of members) await store.addTeamMember(id, userId);
  return id;
}

/** Signs `context` in as `person` (a session of a day), as the server's own sign-in would. */
export async function signIn(context: BrowserContext, baseURL: string, person: Person): Promise<void> {
  const store = await accounts();
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const now = Date.now();
  await store.createSession({
    idHash: sha256Hex(token),
    userId: person.userId,
    orgId: person.orgId,
    csrfHash: sha256Hex(csrf),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + 86_400_000,
    label: 'Chrome on Linux',
  });
  await context.addCookies([
    { name: 'burnlink_session', value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' },
    { name: 'burnlink_csrf', value: csrf, url: baseURL, sameSite: 'Lax' },
  ]);
}
