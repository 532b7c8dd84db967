import { fromBase64Url, openSecret } from '@burnlink/core';
import { afterEach, describe, expect, it } from 'vitest';
import { recordsOfType } from './audit-support.js';
import { download, patch, sha256hex } from './file-support.js';
import {
  inbox,
  makeRequest,
  openRequest,
  postRespond,
  requestBody,
  respond,
  responseBody,
} from './requests-support.js';
import { claimAndOpen, claimBody, randomB64u, testApp, testClock } from './support.js';

/**
 * Request a secret over HTTP (docs/api.md "Requests"), with the protocol's real steps done here as the
 * clients do them: the requester creates, the responder opens and answers once, the requester reads the
 * inbox and claims the response as a secret; every refusal answers the catalogue's error.
 */

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function app(env: Record<string, string> = {}, clock = testClock()) {
  const built = await testApp({ env, clock });
  apps.push(built.app);
  return built;
}

const code = (res: { json(): { error: { code: string } } }) => res.json().error.code;

describe('a request, its one response, and reading it', () => {
  it('text: create, open, respond, inbox, claim; then read, and the response burned', async () => {
    const { app: a, clock } = await app();
    const request = await makeRequest(a, { ttl: 3600, response_ttl: 600 });
    const opened = await openRequest(a, request);
    expect(opened.res.statusCode).toBe(200);
    expect(opened.description).toBe('the prod DB password, please');
    expect(opened.res.json()).toMatchObject({ response_ttl: 600 });
    expect(opened.res.headers['cache-control']).toBe('no-store');

    const waiting = await inbox(a, request);
    expect(waiting.json()).toMatchObject({
      state: 'waiting',
      answered_at: null,
      read_at: null,
      ended_at: null,
    });
    expect(waiting.json().sealed_key).toBeUndefined();

    clock.advance(1000);
    const response = await respond(a, request, { text: 'hunter2' });
    expect(Date.parse(response.reply.expires_at)).toBe(clock.now() + 600_000);
    // Answered: the request link opens no more; the inbox shows the sealed key and the response's peek.
    expect(code((await openRequest(a, request)).res)).toBe('request_not_found');
    const answered = (await inbox(a, request)).json();
    expect(answered).toMatchObject({ state: 'answered', sealed_key: response.sealedKey, read_at: null });
    expect(answered.answered_at).toBe(new Date(clock.now()).toISOString());
    expect(answered.response).toMatchObject({ max_views: 1, views_left: 1, kdf: null, files: 0 });

    clock.advance(1000);
    const read = await claimAndOpen(a, request.id, response.linkKey, null);
    expect(read.res.statusCode).toBe(200);
    expect(read.payload?.text).toBe('hunter2');
    expect((await claimAndOpen(a, request.id, response.linkKey, null)).res.statusCode).toBe(404);
    const after = (await inbox(a, request)).json();
    expect(after).toMatchObject({ state: 'read', read_at: new Date(clock.now()).toISOString() });
    expect(after.sealed_key).toBeUndefined();
    const receipt = await a.inject({ url: `/api/v1/request-receipts/${request.receipt}` });
    expect(receipt.json()).toMatchObject({ state: 'read', answered_at: answered.answered_at });
  });

  it('with a passphrase and files: tus uploads, then the claim and downloads as for any secret', async () => {
    const { app: a } = await app();
    const request = await makeRequest(a);
    const response = await respond(a, request, {
      text: 'keys',
      passphrase: 'correct horse',
      files: [10, 70_000],
    });
    expect(response.reply.uploads).toHaveLength(2);
    const peek = (await inbox(a, request)).json().response;
    expect(peek).toMatchObject({ files: 2, kdf: response.kdf });
    expect((await claimAndOpen(a, request.id, response.linkKey, response.kdf, 'wrong')).res.statusCode).toBe(
      403,
    );
    const { body, contentKey } = await claimBody(response.linkKey, response.kdf, 'correct horse');
    const claimed = await a.inject({
      method: 'POST',
      url: `/api/v1/secrets/${request.id}/claim`,
      payload: body,
    });
    expect(claimed.statusCode).toBe(200);
    const payload = await openSecret(fromBase64Url(claimed.json().content), contentKey);
    expect(payload).toMatchObject({ text: 'keys', files: [{ size: 10 }, { size: 70_000 }] });
    for (const [i, file] of (claimed.json().files as { url: string }[]).entries()) {
      const got = await download(a, file.url, claimed.json().grant);
      expect(got.statusCode).toBe(200);
      expect(sha256hex(got.rawPayload)).toBe(sha256hex(response.ciphertexts[i] as Uint8Array));
    }
    expect((await inbox(a, request)).json().state).toBe('read');
  });

  it('a response with files is staged until its uploads complete', async () => {
    const { app: a } = await app();
    const request = await makeRequest(a);
    const response = await responseBody(request.respondToken, { text: '', files: [100] });
    const res = await postRespond(a, request.id, response.body);
    expect(res.statusCode).toBe(201);
    expect(res.json().uploads[0]).toMatchObject({ url: expect.stringMatching(/^\/api\/v1\/uploads\//) });
    // Not claimable before its bytes are there; a second response is still refused.
    expect((await claimAndOpen(a, request.id, response.linkKey, null)).res.statusCode).toBe(404);
    expect(code(await postRespond(a, request.id, response.body))).toBe('request_answered');
    // Answered, but nothing to read yet: the inbox holds the key back until the last byte is up.
    const box = (await inbox(a, request)).json();
    expect(box.state).toBe('answered');
    expect(box.sealed_key).toBeUndefined();
    await patch(a, res.json().uploads[0].url, 0, response.ciphertexts[0] as Uint8Array);
    expect((await inbox(a, request)).json().sealed_key).toBe(response.sealedKey);
  });
});

describe('refusals', () => {
  it('bad bodies answer 400 with the catalogue code naming the field', async () => {
    const { app: a } = await app();
    const made = await requestBody();
    const post = (payload: Record<string, unknown>) =>
      a.inject({ method: 'POST', url: '/api/v1/requests', payload });
    expect(code(await post({ ...made.body, ttl: 1 }))).toBe('invalid_ttl');
    const badResponseTtl = await post({ ...made.body, response_ttl: 10 ** 9 });
    expect(badResponseTtl.json().error).toMatchObject({ code: 'invalid_ttl' });
    expect(badResponseTtl.json().error.message).toMatch(/^response_ttl must/);
    expect(code(await post({ ...made.body, public_key: 'short' }))).toBe('invalid_request');
    expect(code(await post({ ...made.body, extra: 1 }))).toBe('invalid_request');
    const { description: _, ...withoutDescription } = made.body;
    expect(code(await post(withoutDescription))).toBe('invalid_request');
    const malformed = await a.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { 'content-type': 'application/json' },
      body: 'x{',
    });
    expect(code(malformed)).toBe('invalid_json');

    const request = await makeRequest(a);
    const response = await responseBody(request.respondToken, { text: 'x' });
    const respondWith = (patch: Record<string, unknown>) =>
      postRespond(a, request.id, { ...response.body, ...patch });
    expect(code(await respondWith({ sealed_key: randomB64u(79) }))).toBe('invalid_sealed_key');
    expect(code(await respondWith({ sealed_key: '***' }))).toBe('invalid_sealed_key');
    expect(code(await respondWith({ token: 'nope' }))).toBe('invalid_token');
    expect(code(await respondWith({ content: '' }))).toBe('invalid_content');
    expect(
      code(await respondWith({ kdf: { name: 'PBKDF2-SHA-256', salt: randomB64u(16), iterations: 1 } })),
    ).toBe('invalid_kdf');
    expect(code(await respondWith({ link_verifier: randomB64u(32) }))).toBe('invalid_verifier');
    expect(code(await respondWith({ files: Array.from({ length: 11 }, () => ({ size: 100 })) }))).toBe(
      'too_many_files',
    );
    expect(
      code(
        await a.inject({
          method: 'POST',
          url: `/api/v1/requests/${request.id}/inbox`,
          payload: { inbox_token: 'x' },
        }),
      ),
    ).toBe('invalid_token');
    // Nothing of that was stored: the request still waits.
    expect((await inbox(a, request)).json().state).toBe('waiting');
  });

  it('content larger than the server takes is refused as for a create', async () => {
    const { app: a } = await app({ BURNLINK_MAX_CONTENT_BYTES: '1024' });
    const request = await makeRequest(a);
    const response = await responseBody(request.respondToken, { text: 'x'.repeat(70_000) });
    expect(code(await postRespond(a, request.id, response.body))).toMatch(/^(content|payload)_too_large$/);
  });

  it('the id alone cannot respond, read the inbox or burn; wrong tokens answer as unknown', async () => {
    const { app: a } = await app();
    const request = await makeRequest(a);
    const wrong = randomB64u(32);
    const response = await responseBody(wrong, { text: 'x' });
    expect(code(await postRespond(a, request.id, response.body))).toBe('request_not_found');
    expect(code(await inbox(a, request, wrong))).toBe('request_not_found');
    expect(code(await inbox(a, request, request.respondToken))).toBe('request_not_found');
    const burn = await a.inject({
      method: 'POST',
      url: `/api/v1/requests/${request.id}/burn`,
      payload: { inbox_token: wrong },
    });
    expect(burn.statusCode).toBe(404);
    expect(code(burn)).toBe('request_not_found');
    const unknown = { ...request, id: randomB64u(16) };
    expect(code(await openRequest(a, unknown).then((o) => o.res))).toBe('request_not_found');
    expect(code(await a.inject({ url: '/api/v1/requests/not-an-id' }))).toBe('request_not_found');
    expect(code(await a.inject({ url: `/api/v1/request-receipts/${randomB64u(16)}` }))).toBe(
      'receipt_not_found',
    );
    expect((await inbox(a, request)).json().state).toBe('waiting');
  });

  it('a second response with the right token is 409 request_answered; the first one stands', async () => {
    const { app: a } = await app();
    const request = await makeRequest(a);
    const first = await respond(a, request, { text: 'first' });
    const second = await responseBody(request.respondToken, { text: 'second' });
    const res = await postRespond(a, request.id, second.body);
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('request_answered');
    expect((await inbox(a, request)).json().sealed_key).toBe(first.sealedKey);
    expect((await claimAndOpen(a, request.id, first.linkKey, null)).payload?.text).toBe('first');
  });

  it('expiry, on an injected clock: the request, then an unread response', async () => {
    const clock = testClock();
    const { app: a } = await app({}, clock);
    const request = await makeRequest(a, { ttl: 3600, response_ttl: 600 });
    clock.advance(3600_000);
    expect(code((await openRequest(a, request)).res)).toBe('request_not_found');
    const late = await responseBody(request.respondToken, { text: 'late' });
    expect(code(await postRespond(a, request.id, late.body))).toBe('request_not_found');
    expect((await inbox(a, request)).json()).toMatchObject({ state: 'expired', ended_at: request.expiresAt });

    const answered = await makeRequest(a, { ttl: 3600, response_ttl: 600 });
    const response = await respond(a, answered, { text: 'unread' });
    clock.advance(600_000);
    expect((await inbox(a, answered)).json()).toMatchObject({ state: 'expired' });
    expect((await inbox(a, answered)).json().sealed_key).toBeUndefined();
    expect((await claimAndOpen(a, answered.id, response.linkKey, null)).res.statusCode).toBe(404);
  });

  it('the response lives at most the server maximum', async () => {
    const clock = testClock();
    const { app: a } = await app({ BURNLINK_MAX_TTL: '1h' }, clock);
    const request = await makeRequest(a, { response_ttl: 3600 });
    const response = await respond(a, request);
    expect(Date.parse(response.reply.expires_at)).toBe(clock.now() + 3600_000);
  });
});

describe('burning', () => {
  it('with the inbox token: a waiting request closes; burning again is 204', async () => {
    const { app: a } = await app();
    const request = await makeRequest(a);
    const burn = () =>
      a.inject({
        method: 'POST',
        url: `/api/v1/requests/${request.id}/burn`,
        payload: { inbox_token: request.inboxToken },
      });
    expect((await burn()).statusCode).toBe(204);
    expect((await burn()).statusCode).toBe(204);
    expect((await inbox(a, request)).json().state).toBe('burned');
    const late = await responseBody(request.respondToken, { text: 'x' });
    expect(code(await postRespond(a, request.id, late.body))).toBe('request_not_found');
    expect(code((await openRequest(a, request)).res)).toBe('request_not_found');
  });

  it('by receipt: an answered request loses its unread response; idempotent', async () => {
    const { app: a } = await app();
    const request = await makeRequest(a);
    const response = await respond(a, request, { text: 'x', files: [1000] });
    const burn = () => a.inject({ method: 'POST', url: `/api/v1/request-receipts/${request.receipt}/burn` });
    expect((await burn()).statusCode).toBe(204);
    expect((await burn()).statusCode).toBe(204);
    expect((await claimAndOpen(a, request.id, response.linkKey, null)).res.statusCode).toBe(404);
    const receipt = (await a.inject({ url: `/api/v1/request-receipts/${request.receipt}` })).json();
    expect(receipt).toMatchObject({ state: 'burned' });
    expect(receipt.ended_at).not.toBeNull();
    expect((await inbox(a, request)).json().state).toBe('burned');
    expect(
      (await a.inject({ method: 'POST', url: `/api/v1/request-receipts/${randomB64u(16)}/burn` })).statusCode,
    ).toBe(404);
  });
});

describe('audit', () => {
  it('created, answered, burned and expired are recorded once each; reading is secret.viewed', async () => {
    const clock = testClock();
    const { app: a } = await app({}, clock);
    const read = await makeRequest(a, { ttl: 3600 });
    const response = await respond(a, read);
    await claimAndOpen(a, read.id, response.linkKey, null);
    const burned = await makeRequest(a, { ttl: 3600 });
    await a.inject({ method: 'POST', url: `/api/v1/request-receipts/${burned.receipt}/burn` });
    await a.inject({ method: 'POST', url: `/api/v1/request-receipts/${burned.receipt}/burn` });
    const expired = await makeRequest(a, { ttl: 60 });
    clock.advance(61_000);
    await a.burnlinkService.sweep();
    await a.burnlinkService.sweep();
    const org = 'public';
    const ids = async (type: string) =>
      (await recordsOfType(a, org, type)).map((record) => record.subject?.id).sort();
    expect(await ids('request.created')).toEqual([read.id, burned.id, expired.id].sort());
    expect(await ids('request.answered')).toEqual([read.id]);
    expect(await ids('request.burned')).toEqual([burned.id]);
    expect(await ids('request.expired')).toEqual([expired.id]);
    expect(await ids('secret.viewed')).toEqual([read.id]);
  });
});

describe('policy', () => {
  it.each([
    ['nobody', { member: false, orgKey: false }],
    ['members', { member: true, orgKey: false }],
    ['everyone', { member: true, orgKey: true }],
  ] as const)('requests: %s', async (rule, allowed) => {
    const { teamsApp } = await import('./teams-support.js');
    const { OPEN_POLICY } = await import('../../src/wire.js');
    const t = await teamsApp();
    apps.push(t.app);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/org/policy',
      headers: t.people.owner.headers,
      payload: { ...OPEN_POLICY, requests: rule },
    });
    expect(put.statusCode, put.body).toBe(200);
    const memberKey = await t.keyFor(t.people.member, ['secrets:create']);
    const orgKey = await t.keyFor(null, ['secrets:create']);
    for (const [who, headers] of [
      ['member', memberKey.headers],
      ['orgKey', orgKey.headers],
    ] as const) {
      const made = await requestBody();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers,
        payload: made.body,
      });
      if (allowed[who]) {
        expect(res.statusCode, `${who}: ${res.body}`).toBe(201);
      } else {
        expect(res.json().error).toMatchObject({ code: 'policy_violation', rule: 'requests' });
      }
    }
    const violations = await recordsOfType(t.app, t.orgId, 'policy.violated');
    expect(violations).toHaveLength(Object.values(allowed).filter((ok) => !ok).length);
  });

  it('max_ttl bounds both lifetimes; anonymous requests need anonymous create', async () => {
    const { teamsApp } = await import('./teams-support.js');
    const { OPEN_POLICY } = await import('../../src/wire.js');
    const t = await teamsApp({ env: { BURNLINK_ANONYMOUS_CREATE: 'off' } });
    apps.push(t.app);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/org/policy',
      headers: t.people.owner.headers,
      payload: { ...OPEN_POLICY, max_ttl: 600 },
    });
    const key = await t.keyFor(t.people.member, ['secrets:create']);
    const made = await requestBody();
    const post = (payload: Record<string, unknown>, headers: Record<string, string> = key.headers) =>
      t.app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload });
    expect((await post({ ...made.body, ttl: 601 })).json().error.rule).toBe('max_ttl');
    expect((await post({ ...made.body, response_ttl: 601 })).json().error.rule).toBe('max_ttl');
    const ok = await post(made.body);
    expect(ok.statusCode).toBe(201);
    expect(Date.parse(ok.json().expires_at)).toBe(t.clock.now() + 600_000);
    expect(code(await post(made.body, {}))).toBe('sign_in_required');
    const readOnly = await t.keyFor(t.people.member, ['secrets:list']);
    expect(code(await post(made.body, readOnly.headers))).toBe('insufficient_scope');
  });
});

describe('pages and rate limits', () => {
  it('the SPA answers /request, /q/:id, /i/:id and /rq/:receipt with the secret pages’ headers', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const webDir = await mkdtemp(join(tmpdir(), 'burnlink-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>burnlink</title><div id="app"></div>');
    try {
      const { app: a } = await app({ BURNLINK_WEB_DIR: webDir });
      const id = randomB64u(16);
      const reveal = await a.inject({ url: `/s/${id}` });
      for (const url of ['/request', `/q/${id}`, `/i/${id}`, `/rq/${randomB64u(16)}`]) {
        const page = await a.inject({ url });
        expect(page.statusCode, url).toBe(200);
        expect(page.body, url).toContain('<div id="app">');
        for (const header of [
          'content-security-policy',
          'referrer-policy',
          'x-content-type-options',
          'x-frame-options',
          'cache-control',
        ]) {
          expect(page.headers[header], `${url} ${header}`).toBe(reveal.headers[header]);
        }
      }
    } finally {
      await rm(webDir, { recursive: true, force: true });
    }
  });

  it('create and respond count as creates; inbox and burn as claims', async () => {
    const { app: a } = await app({ BURNLINK_RATE_LIMITS: 'create=3/1m,claim=2/1m' });
    const request = await makeRequest(a);
    await makeRequest(a);
    await respond(a, request);
    expect(
      code(await a.inject({ method: 'POST', url: '/api/v1/requests', payload: (await requestBody()).body })),
    ).toBe('rate_limited');
    expect((await inbox(a, request)).statusCode).toBe(200);
    const burn = await a.inject({
      method: 'POST',
      url: `/api/v1/requests/${request.id}/burn`,
      payload: { inbox_token: request.inboxToken },
    });
    expect(burn.statusCode).toBe(204);
    expect(code(await inbox(a, request))).toBe('rate_limited');
  });
});
