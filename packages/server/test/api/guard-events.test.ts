import { encryptedSize, randomBytes, sealSecret, toBase64Url } from '@burnlink/core';
import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import type { EventOf } from '../../src/service/events.js';
import { patch } from './file-support.js';
import { randomB64u, testApp } from './support.js';
import { createAs, teamsApp } from './teams-support.js';

// Issue 13: each request a guard refuses (rate limits, the upload budget) emits exactly one guard event, for
// the audit trail and the alerts (docs/alerts.md).

/** Every guard event `app` emits, once the handlers queued so far (and a store read) have run. */
function guardEvents(app: FastifyInstance) {
  const tripped: EventOf<'rate_limit.tripped'>[] = [];
  const refused: EventOf<'upload.quota_refused'>[] = [];
  app.burnlinkEvents.on('rate_limit.tripped', (event) => void tripped.push(event));
  app.burnlinkEvents.on('upload.quota_refused', (event) => void refused.push(event));
  // Handlers run in microtasks (the upload's secret is read first, from the memory store): all done by then.
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  return { tripped, refused, settled };
}

const ANONYMOUS = { type: 'anonymous', id: null };

describe('rate_limit.tripped', () => {
  test('one event per refused create, with the bucket, the address and the key that called', async () => {
    const { app, keyFor, orgId } = await teamsApp({ env: { BURNLINK_RATE_LIMITS: 'create=2/min' } });
    const { tripped, settled } = guardEvents(app);
    const key = await keyFor(null, ['secrets:create']);
    const create = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/secrets',
        headers: key.headers,
        payload: { text: 'x' },
        remoteAddress: '192.0.2.10',
      });
    expect((await create()).statusCode).toBe(201);
    expect((await create()).statusCode).toBe(201);
    await settled();
    expect(tripped).toEqual([]);
    expect((await create()).statusCode).toBe(429);
    expect((await create()).statusCode).toBe(429);
    await settled();
    expect(tripped).toHaveLength(2);
    expect(tripped[0]).toEqual({
      type: 'rate_limit.tripped',
      at: expect.any(Number),
      bucket: 'create',
      ip: '192.0.2.10',
      caller: { actor: { type: 'api_key', id: key.id }, orgId, ip: '192.0.2.10' },
    });
  });

  test('a signed-in person is named too', async () => {
    const { app, people, orgId } = await teamsApp({ env: { BURNLINK_RATE_LIMITS: 'create=1/min' } });
    const { tripped, settled } = guardEvents(app);
    expect((await createAs(app, people.member.headers)).statusCode).toBe(201);
    expect((await createAs(app, people.member.headers)).statusCode).toBe(429);
    await settled();
    expect(tripped).toHaveLength(1);
    expect(tripped[0]?.caller).toEqual({
      actor: { type: 'user', id: people.member.userId },
      orgId,
      ip: '127.0.0.1',
    });
  });

  test('claims and lookups: one event per refusal, named by bucket, anonymous callers', async () => {
    const { app } = await testApp({ env: { BURNLINK_RATE_LIMITS: 'claim=1/min,lookups=2/min' } });
    const { tripped, settled } = guardEvents(app);
    const claim = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${randomB64u(16)}/claim`,
        payload: { token: randomB64u(32) },
        remoteAddress: '198.51.100.4',
      });
    expect((await claim()).statusCode).toBe(404);
    const limited = await claim();
    expect(limited.statusCode).toBe(429);
    await settled();
    expect(tripped).toEqual([
      {
        type: 'rate_limit.tripped',
        at: expect.any(Number),
        bucket: 'claim',
        ip: '198.51.100.4',
        caller: { actor: ANONYMOUS, orgId: null, ip: '198.51.100.4' },
      },
    ]);
    // The claim's miss counted one unknown id; a second miss uses the lookups budget up, the next is refused.
    const lookup = () =>
      app.inject({ url: `/api/v1/secrets/${randomB64u(16)}`, remoteAddress: '198.51.100.4' });
    expect((await lookup()).statusCode).toBe(404);
    expect((await lookup()).statusCode).toBe(429);
    await settled();
    expect(tripped).toHaveLength(2);
    expect(tripped[1]).toMatchObject({ bucket: 'lookups', ip: '198.51.100.4' });
  });

  test('off: no limits, no events', async () => {
    const { app } = await testApp({ env: { BURNLINK_RATE_LIMITS: 'off' } });
    const { tripped, settled } = guardEvents(app);
    for (let i = 0; i < 70; i++) await app.inject({ url: `/api/v1/secrets/${randomB64u(16)}` });
    await settled();
    expect(tripped).toEqual([]);
  });
});

describe('upload.quota_refused', () => {
  /** A staged secret with one file of `plainBytes`: its id and upload URL. */
  async function declare(app: FastifyInstance, plainBytes: number) {
    const sealed = await sealSecret({
      v: 1,
      text: '',
      files: [{ name: 'f.bin', type: 'application/octet-stream', size: plainBytes }],
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: {
        verifier: sealed.verifier,
        kdf: null,
        content: toBase64Url(sealed.content),
        files: [{ size: encryptedSize(plainBytes) }],
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { id: string; uploads: { url: string }[] };
    return { id: body.id, url: body.uploads[0]?.url as string };
  }

  test('a PATCH cut at the budget and one refused outright: one event each, naming the secret', async () => {
    const { app } = await testApp({ env: { BURNLINK_UPLOAD_BUDGET: '64KiB/10m' } });
    const { refused, settled } = guardEvents(app);
    const staged = await declare(app, 200_000);
    expect((await patch(app, staged.url, 0, randomBytes(40 * 1024))).statusCode).toBe(204);
    await settled();
    expect(refused).toEqual([]);
    // Crosses the budget: the body is cut (inside the stream) and the PATCH answered 429, one event.
    const cut = await patch(app, staged.url, 40 * 1024, randomBytes(40 * 1024));
    expect(cut.statusCode).toBe(429);
    await settled();
    expect(refused).toEqual([
      {
        type: 'upload.quota_refused',
        at: expect.any(Number),
        ip: '127.0.0.1',
        secretId: staged.id,
        caller: { actor: ANONYMOUS, orgId: null, ip: '127.0.0.1' },
      },
    ]);
    // Over budget: refused before a byte is read, one event more.
    expect((await patch(app, staged.url, 64 * 1024, randomBytes(1024))).statusCode).toBe(429);
    await settled();
    expect(refused).toHaveLength(2);
    expect(refused[1]).toMatchObject({ secretId: staged.id, ip: '127.0.0.1' });
  });

  test('an upload that is not there is refused by the budget with no secret to name', async () => {
    const { app } = await testApp({ env: { BURNLINK_UPLOAD_BUDGET: '64KiB/10m' } });
    const { refused, settled } = guardEvents(app);
    const staged = await declare(app, 200_000);
    expect((await patch(app, staged.url, 0, randomBytes(64 * 1024))).statusCode).toBe(204);
    const gone = staged.url.replace(/[^/]+$/, randomB64u(16));
    expect((await patch(app, gone, 0, randomBytes(1024))).statusCode).toBe(429);
    await settled();
    expect(refused).toHaveLength(1);
    expect(refused[0]?.secretId).toBeNull();
  });
});
