import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { testApp } from './support.js';
import { teamsApp } from './teams-support.js';

const basic = (user: string, key: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`,
});

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('Onetime Secret API v2', () => {
  test('conceal (JSON, nested) → status → receipt → reveal → revealed, unknown', async () => {
    ({ app } = await testApp());
    const res = await app.inject({
      method: 'POST',
      url: '/api/v2/secret/conceal',
      payload: { secret: { secret: 'v2-hunter2', ttl: 3600, recipient: 'bob@example.com' } },
    });
    expect(res.statusCode).toBe(200);
    const { success, record, details } = res.json();
    expect(success).toBe(true);
    expect(details).toMatchObject({ kind: 'conceal', recipient: ['bob@example.com'] });
    expect(record.receipt).toMatchObject({ state: 'shared', lifespan: 3600, has_passphrase: false });
    expect(record.metadata).toEqual(record.receipt);
    expect(record.secret).toMatchObject({ state: 'new', secret_ttl: 3600 });
    expect(JSON.stringify(record)).not.toContain('v2-hunter2');
    const secretKey = record.secret.key as string;
    const receiptKey = record.receipt.key as string;

    const status = await app.inject({ method: 'GET', url: `/api/v2/secret/${secretKey}/status` });
    expect(status.json().record).toMatchObject({ state: 'new' });
    const receipt = await app.inject({ method: 'GET', url: `/api/v2/receipt/${receiptKey}` });
    expect(receipt.json().record).toMatchObject({ state: 'shared', is_revealed: false });

    const reveal = await app.inject({
      method: 'POST',
      url: `/api/v2/secret/${secretKey}/reveal`,
      payload: { continue: true },
    });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json().record).toMatchObject({ secret_value: 'v2-hunter2', state: 'revealed' });
    expect(reveal.json().details.show_secret).toBe(true);

    const again = await app.inject({ method: 'POST', url: `/api/v2/secret/${secretKey}/reveal` });
    expect(again.statusCode).toBe(404);
    expect(again.json().message).toBe('Unknown secret');
    const gone = await app.inject({ method: 'GET', url: `/api/v2/secret/${secretKey}/status` });
    expect(gone.json().record).toEqual({ state: 'unknown' });
    const after = await app.inject({ method: 'GET', url: `/api/v2/receipt/${receiptKey}` });
    expect(after.json().record).toMatchObject({ state: 'revealed', is_revealed: true, is_received: true });
  });

  test('form fields secret[…], a passphrase, generate and burn on the guest routes', async () => {
    ({ app } = await testApp());
    const made = await app.inject({
      method: 'POST',
      url: '/api/v2/guest/secret/conceal',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'secret%5Bsecret%5D=formed&secret%5Bpassphrase%5D=pp&secret%5Bttl%5D=600',
    });
    expect(made.statusCode).toBe(200);
    const { record } = made.json();
    expect(record.receipt).toMatchObject({ has_passphrase: true, lifespan: 600 });
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/v2/guest/secret/${record.secret.key}/reveal`,
      payload: { passphrase: 'no' },
    });
    expect(wrong.statusCode).toBe(404);
    const right = await app.inject({
      method: 'POST',
      url: `/api/v2/guest/secret/${record.secret.key}/reveal`,
      payload: { passphrase: 'pp', continue: true },
    });
    expect(right.json().record.secret_value).toBe('formed');

    const generated = await app.inject({
      method: 'POST',
      url: '/api/v2/guest/secret/generate',
      payload: { secret: {} },
    });
    expect(generated.statusCode).toBe(200);
    const gen = generated.json().record;
    expect(gen.secret.secret_value).toHaveLength(12);
    const burn = await app.inject({ method: 'POST', url: `/api/v2/guest/receipt/${gen.receipt.key}/burn` });
    expect(burn.statusCode).toBe(200);
    expect(burn.json().record).toMatchObject({ state: 'burned', is_burned: true });
    const reveal = await app.inject({ method: 'POST', url: `/api/v2/guest/secret/${gen.secret.key}/reveal` });
    expect(reveal.statusCode).toBe(404);
  });

  test('guest routes never look at credentials, even malformed ones', async () => {
    ({ app } = await testApp());
    const res = await app.inject({
      method: 'POST',
      url: '/api/v2/guest/secret/conceal',
      headers: { authorization: 'Basic !!!' },
      payload: { secret: { secret: 'x' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().record.receipt.custid).toBeNull();
  });

  test('bad bodies are OTS-shaped 400s', async () => {
    ({ app } = await testApp());
    for (const payload of [{ secret: 'flat' }, { secret: [] }, {}, { secret: { secret: 5 } }]) {
      const res = await app.inject({ method: 'POST', url: '/api/v2/secret/conceal', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().message).toBeTypeOf('string');
    }
    const unknown = await app.inject({ method: 'GET', url: '/api/v2/receipt/nothing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ message: 'Unknown secret' });
  });

  test('with a key the secret is the organisation’s; guest routes ignore the key; a bad key is 401', async () => {
    const teams = await teamsApp({ env: { BURNLINK_ANONYMOUS_CREATE: 'off' } });
    app = teams.app;
    const { key } = await teams.keyFor(teams.people.member, ['secrets:create', 'secrets:list']);
    const made = await app.inject({
      method: 'POST',
      url: '/api/v2/secret/conceal',
      headers: basic('me@acme.example', key),
      payload: { secret: { secret: 'x' } },
    });
    expect(made.statusCode).toBe(200);
    expect(made.json().record.receipt.custid).toBe('me@acme.example');
    const recent = await app.inject({
      method: 'GET',
      url: '/api/v1/private/recent',
      headers: basic('me', key),
    });
    expect(recent.json()).toHaveLength(1);
    const guest = await app.inject({
      method: 'POST',
      url: '/api/v2/guest/secret/conceal',
      headers: basic('me', key),
      payload: { secret: { secret: 'x' } },
    });
    expect(guest.statusCode).toBe(401);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v2/secret/conceal',
      headers: basic('me', 'bl_nope'),
      payload: { secret: { secret: 'x' } },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ message: 'Not authorized' });
  });

  test('BURNLINK_OTS_API=off: no v2 routes either', async () => {
    ({ app } = await testApp({ env: { BURNLINK_OTS_API: 'off' } }));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v2/guest/secret/conceal',
      payload: { secret: { secret: 'x' } },
    });
    expect(res.statusCode).toBe(404);
  });
});
