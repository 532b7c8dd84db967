import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { claimAndOpen, logCapture, sendSecret, testApp } from './support.js';

let webDir: string;
beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(
    path.join(webDir, 'index.html'),
    '<!doctype html><title>burnlink</title><div id="app"></div>',
  );
  await writeFile(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
});
afterAll(() => rm(webDir, { recursive: true, force: true }));

const EXPECTED_CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data: blob:;connect-src 'self';" +
  "font-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

describe('security headers', () => {
  test('on API answers, errors, pages and assets', async () => {
    const { app } = await testApp({ env: { BURNLINK_WEB_DIR: webDir } });
    const secret = await sendSecret(app);
    const responses = {
      create: await app.inject({ method: 'POST', url: '/api/v1/secrets', payload: { text: 'x' } }),
      peek: await app.inject({ url: `/api/v1/secrets/${secret.id}` }),
      error: await app.inject({ url: '/api/v1/secrets/unknown' }),
      routeNotFound: await app.inject({ url: '/api/v1/nope' }),
      home: await app.inject({ url: '/' }),
      reveal: await app.inject({ url: `/s/${secret.id}` }),
      receiptPage: await app.inject({ url: `/r/${secret.receipt}` }),
      signIn: await app.inject({ url: '/sign-in' }),
      join: await app.inject({ url: '/join' }),
      dashboard: await app.inject({ url: '/dashboard' }),
      settings: await app.inject({ url: '/settings' }),
      audit: await app.inject({ url: '/audit?type=secret.*' }),
      webhooks: await app.inject({ url: '/webhooks' }),
      request: await app.inject({ url: '/request' }),
      respond: await app.inject({ url: `/q/${secret.id}` }),
      inbox: await app.inject({ url: `/i/${secret.id}` }),
      requestReceipt: await app.inject({ url: `/rq/${secret.receipt}` }),
      asset: await app.inject({ url: '/assets/app-1234.js' }),
    };
    for (const [name, res] of Object.entries(responses)) {
      expect(res.headers['content-security-policy'], name).toBe(EXPECTED_CSP);
      expect(res.headers['referrer-policy'], name).toBe('no-referrer');
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['x-frame-options'], name).toBe('DENY');
    }
    for (const name of [
      'create',
      'peek',
      'error',
      'routeNotFound',
      'reveal',
      'receiptPage',
      'home',
      'signIn',
      'join',
      'dashboard',
      'settings',
      'audit',
      'webhooks',
      'request',
      'respond',
      'inbox',
      'requestReceipt',
    ] as const) {
      expect(responses[name].headers['cache-control'], name).toBe('no-store');
    }
    expect(responses.home.statusCode).toBe(200);
    expect(responses.reveal.body).toContain('<div id="app">');
    expect(responses.receiptPage.headers['content-type']).toMatch(/^text\/html/);
    // The account pages are the same app: index.html, never stored (the join page's invite sits in its #fragment).
    // So are the request pages (their keys sit in the #fragment too).
    for (const name of [
      'signIn',
      'join',
      'dashboard',
      'settings',
      'audit',
      'webhooks',
      'request',
      'respond',
      'inbox',
      'requestReceipt',
    ] as const) {
      expect(responses[name].statusCode, name).toBe(200);
      expect(responses[name].body, name).toContain('<div id="app">');
    }
    expect(responses.asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // A GET of the reveal page (what link unfurlers do) never consumes the secret.
    expect((await app.inject({ url: `/api/v1/secrets/${secret.id}` })).json().views_left).toBe(1);
  });

  test('without a built web app the API still runs and / is a JSON 404', async () => {
    const { app } = await testApp();
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
  });
});

describe('logs (promise 7)', () => {
  test('one line per request with the route pattern; no id, token, receipt, key, text or address', async () => {
    const log = logCapture();
    const { app } = await testApp({ logStream: log.stream });
    const secret = await sendSecret(app, { text: 'plaintext-marker', passphrase: 'passphrase-marker' });
    await app.inject({ url: `/api/v1/secrets/${secret.id}` });
    const wrong = await claimAndOpen(app, secret.id, secret.linkKey, secret.kdf, 'wrong-marker');
    const right = await claimAndOpen(app, secret.id, secret.linkKey, secret.kdf, 'passphrase-marker');
    expect(right.payload?.text).toBe('plaintext-marker');
    await app.inject({ url: `/api/v1/receipts/${secret.receipt}` });
    const server = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { text: 'server-marker', passphrase: 'server-pass-marker' },
      headers: { 'user-agent': 'agent-marker', 'x-forwarded-for': '203.0.113.9' },
    });
    const { id, link, receipt } = server.json();
    const key = link.split('#')[1];
    await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/claim`,
      payload: { key, passphrase: 'server-pass-marker' },
    });
    await app.inject({ method: 'POST', url: '/api/v1/secrets', payload: '{"text":"json-error-marker",' });
    await app.close();

    const text = log.text();
    const requestLines = log.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requestLines.length).toBe(8);
    expect(requestLines.map((l) => l.route)).toContain('/api/v1/secrets/:id/claim');
    for (const line of requestLines) {
      expect(Object.keys(line).sort()).toEqual(
        ['level', 'method', 'ms', 'msg', 'pid', 'reqId', 'route', 'status', 'time', 'hostname'].sort(),
      );
    }
    expect(wrong.res.statusCode).toBe(403);
    const forbidden = [
      secret.id,
      secret.receipt,
      Buffer.from(secret.linkKey).toString('base64url'),
      id,
      receipt,
      key,
      'plaintext-marker',
      'passphrase-marker',
      'wrong-marker',
      'server-marker',
      'server-pass-marker',
      'json-error-marker',
      'agent-marker',
      '203.0.113.9',
      '127.0.0.1',
    ];
    for (const value of forbidden) expect(text, value).not.toContain(value);
  });
});
