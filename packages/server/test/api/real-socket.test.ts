import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deriveAccess, fromBase64Url, openSecret } from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../../src/stores/open-store.js';
import type { SecretAndRequestStore } from '../../src/stores/request-store.js';
import { sendSecret, testApp } from './support.js';

/** Over a real TCP socket: what inject cannot show (concurrency, keep-alive, the listening server). */
describe.each(['memory', 'sqlite'] as const)('over a real socket, on the %s store', (backend) => {
  let app: Awaited<ReturnType<typeof testApp>>['app'];
  let base: string;
  let dataDir: string;
  let store: SecretAndRequestStore;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-api-'));
    store = await openStore(backend === 'memory' ? 'memory:' : 'sqlite:', { dataDir });
    ({ app } = await testApp({ store }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function concurrentClaims(maxViews: number, clients: number) {
    const secret = await sendSecret(app, { text: `views-${maxViews}`, max_views: maxViews });
    const { token, contentKey } = await deriveAccess(secret.linkKey, null);
    const responses = await Promise.all(
      Array.from({ length: clients }, () =>
        fetch(`${base}/api/v1/secrets/${secret.id}/claim`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token }),
        }).then(async (res) => ({ status: res.status, body: await res.json() })),
      ),
    );
    return { responses, contentKey };
  }

  test('200 concurrent claims of a 1-view secret: exactly one 200', async () => {
    const { responses, contentKey } = await concurrentClaims(1, 200);
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(responses.filter((r) => r.status === 404)).toHaveLength(199);
    const payload = await openSecret(fromBase64Url(ok[0]?.body.content), contentKey);
    expect(payload.text).toBe('views-1');
  });

  test('200 concurrent claims of a 3-view secret: exactly three 200s', async () => {
    const { responses } = await concurrentClaims(3, 200);
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(3);
    expect(ok.map((r) => r.body.views_left).sort()).toEqual([0, 1, 2]);
    expect(responses.filter((r) => r.status === 404)).toHaveLength(197);
  });

  test('curl-style create and key claim, with security headers', async () => {
    const created = await fetch(`${base}/api/v1/secrets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"over the wire"}',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { id, link } = await created.json();
    expect(link.startsWith(`${base}/s/${id}#`)).toBe(true);
    const claimed = await fetch(`${base}/api/v1/secrets/${id}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: link.split('#')[1] }),
    });
    expect(await claimed.json()).toEqual({ text: 'over the wire', views_left: 0 });
    expect(claimed.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
