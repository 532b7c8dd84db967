import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, test } from 'vitest';
import type { LifecycleEvent } from '../../src/service/events.js';
import { LifecycleEvents } from '../../src/service/events.js';
import { testClock } from './support.js';
import { teamsApp } from './teams-support.js';
import { webhookReceiver } from './webhook-support.js';

const ALLOW_PRIVATE = { BURNLINK_WEBHOOK_ALLOW_PRIVATE: 'on' };
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

async function setup(env: Record<string, string> = ALLOW_PRIVATE) {
  const events = new LifecycleEvents();
  const seen: LifecycleEvent[] = [];
  for (const type of ['webhook.created', 'webhook.deleted', 'webhook.enabled'] as const) {
    events.on(type, (event) => {
      seen.push(event);
    });
  }
  const t = await teamsApp({ env, events, clock: testClock(Date.now()), webhooks: { autoStart: false } });
  const receiver = await webhookReceiver();
  cleanups.push(
    () => t.app.close(),
    () => receiver.close(),
  );
  const create = (who: { headers: Record<string, string> }, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: who.headers, payload: body });
  return { ...t, receiver, create, seen };
}

describe('webhook endpoints (docs/webhooks.md)', () => {
  test('an admin registers, lists and deletes an endpoint; the secret is answered only at creation', async () => {
    const { app, people, receiver, create, seen, orgId } = await setup();
    const res = await create(people.admin, {
      url: receiver.url,
      events: ['secret.viewed', 'alert.*'],
      description: 'Rotate on view',
    });
    expect(res.statusCode).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({
      url: receiver.url,
      events: ['secret.viewed', 'alert.*'],
      description: 'Rotate on view',
      created_by: { id: people.admin.userId, email: people.admin.email, name: 'admin' },
      state: 'active',
      disabled_at: null,
      disabled_reason: null,
      failing: null,
    });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    const list = await app.inject({ url: '/api/v1/webhooks', headers: people.owner.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().webhooks).toHaveLength(1);
    expect(list.json().webhooks[0].id).toBe(made.id);
    expect(list.body).not.toContain(made.secret);
    expect(list.json().webhooks[0]).not.toHaveProperty('secret');

    const gone = await app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${made.id}`,
      headers: people.admin.headers,
    });
    expect(gone.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${made.id}`,
      headers: people.admin.headers,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('webhook_not_found');
    expect((await app.inject({ url: '/api/v1/webhooks', headers: people.admin.headers })).json()).toEqual({
      webhooks: [],
    });
    await Promise.resolve();
    expect(seen.map((e) => e.type)).toEqual(['webhook.created', 'webhook.deleted']);
    expect(seen[0]).toMatchObject({
      orgId,
      webhookId: made.id,
      caller: { actor: { type: 'user', id: people.admin.userId }, orgId },
    });
  });

  test('members and auditors may not manage webhooks; a key needs webhooks:manage', async () => {
    const { app, people, receiver, create, keyFor } = await setup();
    for (const who of [people.member, people.auditor]) {
      const res = await create(who, { url: receiver.url, events: ['*'] });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('insufficient_scope');
      expect(res.json().error.message).toContain('webhooks:manage');
      expect((await app.inject({ url: '/api/v1/webhooks', headers: who.headers })).statusCode).toBe(403);
    }
    const weak = await keyFor(people.owner, ['secrets:create']);
    expect((await create(weak, { url: receiver.url, events: ['*'] })).statusCode).toBe(403);
    const strong = await keyFor(people.owner, ['webhooks:manage']);
    const made = await create(strong, { url: receiver.url, events: ['*'] });
    expect(made.statusCode).toBe(201);
    expect(made.json().created_by).toMatchObject({ id: people.owner.userId });
    expect((await app.inject({ url: '/api/v1/webhooks' })).statusCode).toBe(401);
  });

  test('another organisation cannot see, test or delete the endpoint', async () => {
    const { app, people, receiver, create, accounts, signIn } = await setup();
    const made = (await create(people.owner, { url: receiver.url, events: ['*'] })).json();
    const otherOrg = 'other-org-0000000000001';
    await accounts.createOrg({ id: otherOrg, name: 'Other', createdAt: Date.now(), joinDomains: [] });
    await accounts.addMember({ orgId: otherOrg, userId: people.owner.userId, role: 'owner', createdAt: 0 });
    const { sessionToken, csrfToken } = await signIn(people.owner.userId, otherOrg);
    const headers = {
      cookie: `burnlink_session=${sessionToken}; burnlink_csrf=${csrfToken}`,
      origin: 'http://localhost',
      'x-csrf-token': csrfToken,
    };
    expect((await app.inject({ url: '/api/v1/webhooks', headers })).json()).toEqual({ webhooks: [] });
    for (const [method, url] of [
      ['DELETE', `/api/v1/webhooks/${made.id}`],
      ['POST', `/api/v1/webhooks/${made.id}/test`],
      ['POST', `/api/v1/webhooks/${made.id}/enable`],
      ['GET', `/api/v1/webhooks/${made.id}/deliveries`],
    ] as const) {
      const res = await app.inject({ method, url, headers });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('webhook_not_found');
    }
    expect(receiver.received).toHaveLength(0);
  });

  test.each([
    [{ url: 'ftp://hooks.example/x', events: ['*'] }, 'url must use http or https, not ftp'],
    [{ url: 'https://me:pw@hooks.example/x', events: ['*'] }, 'url must not carry a user name or password'],
    [{ url: 'not a url', events: ['*'] }, 'url must be an absolute http:// or https:// URL'],
    [{ url: `https://hooks.example/${'a'.repeat(2100)}`, events: ['*'] }, 'url must NOT have more than 2048'],
    [{ url: 'https://hooks.example/x', events: [] }, 'events must NOT have fewer than 1'],
    [{ url: 'https://hooks.example/x' }, 'events is required'],
    [{ url: 'https://hooks.example/x', events: ['*'], description: 'd'.repeat(201) }, 'description must NOT'],
    [{ url: 'https://hooks.example/x', events: ['*'], secret: 'mine' }, 'Unknown field "secret"'],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const { people, create } = await setup();
    const res = await create(people.admin, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.message).toContain(message);
  });

  test('unknown event types are refused, listing what is allowed', async () => {
    const { people, receiver, create } = await setup();
    const res = await create(people.admin, {
      url: receiver.url,
      events: ['secret.viewed', 'secret.read', 'nope.*'],
    });
    expect(res.statusCode).toBe(400);
    const { message } = res.json().error;
    expect(message).toContain('events has unknown event types: secret.read, nope.*');
    expect(message).toContain('"*"');
    expect(message).toContain('secret.*');
    expect(message).toContain('alert.*');
    expect(message).toContain('member.role_changed');
    for (const ok of [['*'], ['secret.*', 'alert.webhook_disabled'], ['key.created']]) {
      expect((await create(people.admin, { url: receiver.url, events: ok })).statusCode).toBe(201);
    }
  });

  test('private, loopback and link-local targets are refused unless BURNLINK_WEBHOOK_ALLOW_PRIVATE=on', async () => {
    const { people, create, receiver } = await setup({});
    for (const url of [
      receiver.url,
      'http://localhost/x',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/x',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[fd00::1]/x',
      'http://100.64.0.1/x',
      'http://0.0.0.0/x',
      'http://2130706433/x',
      'http://0x7f.1/x',
      'http://[::ffff:a9fe:a9fe]/x',
    ]) {
      const res = await create(people.admin, { url, events: ['*'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('webhook_target_refused');
      expect(res.json().error.message).toMatch(
        /url refused: .* (is|resolves to) an? .*BURNLINK_WEBHOOK_ALLOW_PRIVATE/,
      );
    }
    const res = await create(people.admin, { url: 'https://no-such-host.invalid/x', events: ['*'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'webhook_target_refused',
      message: 'url refused: no-such-host.invalid does not resolve; register an endpoint that does.',
    });
  });

  test('at most 20 endpoints per organisation', async () => {
    const { people, receiver, create } = await setup();
    for (let i = 0; i < 20; i += 1) {
      expect((await create(people.admin, { url: receiver.url, events: ['*'] })).statusCode).toBe(201);
    }
    const res = await create(people.admin, { url: receiver.url, events: ['*'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('too_many_webhooks');
  });

  test('/test sends a signed webhook.test at once and logs it; /deliveries lists attempts newest first', async () => {
    const { app, people, receiver, create } = await setup();
    const made = (await create(people.admin, { url: receiver.url, events: ['secret.viewed'] })).json();
    const test1 = await app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${made.id}/test`,
      headers: people.admin.headers,
    });
    expect(test1.statusCode).toBe(200);
    const { delivery } = test1.json();
    expect(delivery).toMatchObject({
      type: 'webhook.test',
      record_id: null,
      attempt: 1,
      status: 200,
      ok: true,
      error: null,
    });
    expect(delivery.message_id).toMatch(/^msg_test_/);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    const payload = new Webhook(made.secret).verify(got?.body ?? '', got?.headers as Record<string, string>);
    expect(payload).toMatchObject({ type: 'webhook.test', data: { webhook_id: made.id } });
    expect(got?.headers['webhook-id']).toBe(delivery.message_id);

    receiver.answer(() => 503);
    const test2 = await app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${made.id}/test`,
      headers: people.admin.headers,
    });
    expect(test2.json().delivery).toMatchObject({ ok: false, status: 503, error: 'HTTP 503' });

    const log = await app.inject({
      url: `/api/v1/webhooks/${made.id}/deliveries?limit=1`,
      headers: people.admin.headers,
    });
    expect(log.statusCode).toBe(200);
    expect(log.json().deliveries).toEqual([test2.json().delivery]);
    const all = await app.inject({
      url: `/api/v1/webhooks/${made.id}/deliveries`,
      headers: people.admin.headers,
    });
    expect(all.json().deliveries.map((d: { ok: boolean }) => d.ok)).toEqual([false, true]);
    for (const limit of ['0', '101', 'x']) {
      const bad = await app.inject({
        url: `/api/v1/webhooks/${made.id}/deliveries?limit=${limit}`,
        headers: people.admin.headers,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toBe('limit must be a whole number from 1 to 100.');
    }
  });

  test('an unknown or malformed id answers webhook_not_found', async () => {
    const { app, people } = await setup();
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope', '%ff']) {
      const res = await app.inject({
        method: 'DELETE',
        url: `/api/v1/webhooks/${id}`,
        headers: people.admin.headers,
      });
      expect(res.statusCode, id).toBe(404);
      expect(res.json().error.code).toBe('webhook_not_found');
    }
  });
});
