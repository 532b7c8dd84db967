import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { teamsApp } from './teams-support.js';

// An existing Onetime Secret client from the npm registry (v1, form-encoded, Basic auth), unchanged but its URL.
// Loaded as the CommonJS it ships: its `types` point at TypeScript sources that this project's settings refuse.
type Answer = Record<string, unknown> & { metadata_key: string; secret_key: string; value?: string };
interface OtsClient {
  status(): Promise<boolean>;
  share(secret: string, options?: { passphrase?: string; ttl?: number }): Promise<Answer>;
  generate(): Promise<Answer>;
  retrieveSecret(key: string, options?: { passphrase?: string }): Promise<Answer>;
  retrieveMetadata(key: string): Promise<Answer>;
  burn(key: string): Promise<unknown>;
  recentMetadata(): Promise<unknown[]>;
}
const ots = createRequire(import.meta.url)('onetimesecret-api/index.js') as {
  OneTimeSecretApi: new (user: string, key: string, options: { url: string }) => OtsClient;
  NotAuthorizedError: new () => Error;
  UnknownSecretError: new () => Error;
};
const { OneTimeSecretApi, NotAuthorizedError, UnknownSecretError } = ots;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function listening() {
  const teams = await teamsApp();
  app = teams.app;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { teams, url: `http://127.0.0.1:${port}` };
}

describe('the onetimesecret-api client against burnlink', () => {
  test('status, share, metadata, retrieve, burn and recent', async () => {
    const { teams, url } = await listening();
    const { key } = await teams.keyFor(teams.people.member, ['secrets:create', 'secrets:list']);
    const client = new OneTimeSecretApi('member@acme.example', key, { url });

    expect(await client.status()).toBe(true);
    const shared = await client.share('from-the-client', { passphrase: 'pp', ttl: 3600 });
    expect(shared).toMatchObject({ custid: 'member@acme.example', ttl: 3600, state: 'new' });
    const meta = await client.retrieveMetadata(shared.metadata_key);
    expect(meta.state).toBe('new');
    const secret = await client.retrieveSecret(shared.secret_key, { passphrase: 'pp' });
    expect(secret.value).toBe('from-the-client');
    await expect(client.retrieveSecret(shared.secret_key, { passphrase: 'pp' })).rejects.toBeInstanceOf(
      UnknownSecretError,
    );

    const generated = await client.generate();
    expect(generated.value).toHaveLength(12);
    const burned = await client.burn(generated.metadata_key);
    expect(JSON.stringify(burned)).toContain('burned');
    await expect(client.retrieveSecret(generated.secret_key)).rejects.toBeInstanceOf(UnknownSecretError);

    const recent = await client.recentMetadata();
    expect(recent).toHaveLength(2);

    const wrong = new OneTimeSecretApi('member@acme.example', 'bl_wrong', { url });
    await expect(wrong.share('x')).rejects.toBeInstanceOf(NotAuthorizedError);
  });
});
