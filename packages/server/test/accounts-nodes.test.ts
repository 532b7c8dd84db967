import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { openPostgresAccounts } from '../src/accounts/postgres-accounts-store.js';
import { openPostgresStore } from '../src/stores/postgres-store.js';
import { dropPostgresSchema, postgresAvailable } from '../src/stores/test-backends.js';
import { testApp } from './api/support.js';
import { createAs, teamsApp } from './api/teams-support.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Several nodes, one PostgreSQL database for secrets and accounts (the scale-out setup): what one node decides
 * about a key, a session or a membership holds on the others at once — nothing is cached per node.
 */
describe.runIf(await postgresAvailable(POSTGRES_URL))('accounts across nodes on PostgreSQL', () => {
  const schema = `bltest_nodes_${randomBytes(6).toString('hex')}`;
  const url = `${POSTGRES_URL}?schema=${schema}`;
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.allSettled(opened.map((s) => s.close()));
    await dropPostgresSchema(POSTGRES_URL, schema);
  });

  async function node() {
    const store = await openPostgresStore(url);
    opened.push(store);
    return store;
  }

  test('a key revoked, a member removed or a person signed out on one node is refused on the other', async () => {
    const accountsA = await openPostgresAccounts(url);
    const accountsB = await openPostgresAccounts(url);
    opened.push(accountsA, accountsB);
    const a = await teamsApp({ accounts: accountsA, store: await node() });
    // Node B: its own pools on the same database; the organisation and people are the ones A made.
    const b = await testApp({ accounts: accountsB, store: await node(), clock: a.clock });
    const key = await a.keyFor(a.people.member, ['secrets:create', 'secrets:list']);

    const made = await createAs(b.app, key.headers);
    expect(made.statusCode).toBe(201);
    const listed = await a.app.inject({ url: '/api/v1/secrets', headers: key.headers });
    expect(listed.json().secrets.map((s: { id: string }) => s.id)).toEqual([made.json().id]);

    expect(
      (
        await a.app.inject({
          method: 'DELETE',
          url: `/api/v1/keys/${key.id}`,
          headers: a.people.member.headers,
        })
      ).statusCode,
    ).toBe(204);
    const refused = await createAs(b.app, key.headers);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('invalid_api_key');

    expect((await b.app.inject({ url: '/api/v1/me', headers: a.member2.headers })).statusCode).toBe(200);
    await a.app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${a.member2.userId}`,
      headers: a.people.admin.headers,
    });
    expect((await b.app.inject({ url: '/api/v1/me', headers: a.member2.headers })).statusCode).toBe(401);

    await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere',
      headers: a.people.auditor.headers,
    });
    expect((await b.app.inject({ url: '/api/v1/me', headers: a.people.auditor.headers })).statusCode).toBe(
      401,
    );
  });
});
