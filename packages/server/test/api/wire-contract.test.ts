import * as wire from '@burnlink/wire';
import {
  ClaimReply,
  ConfigReply,
  CreateReply,
  ErrorBody,
  FileReplyHeaders,
  HealthReply,
  PeekReply,
  ReceiptReply,
  UploadHeadReplyHeaders,
  UploadOptionsReplyHeaders,
  UploadPatchReplyHeaders,
} from '@burnlink/wire';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, test } from 'vitest';
import { download, patch, sendFiles, stageFiles, TUS } from './file-support.js';
import { claimBody, randomB64u, sendSecret, testApp } from './support.js';

// Every answer of every route, checked against @burnlink/wire — the contract the SDK and the web app are typed
// with. Replies name every field, so a field the server sends and the contract does not name fails here, as
// does a missing field, a wrong format (times, ids) or an error body of another shape.

/** Lists every violation (path and rule), so that a failure says which field drifted. */
function violations(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((e) => `${e.instancePath || '/'} ${e.message}`);
}

function expectBody(schema: TSchema, res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(violations(schema, res.json())).toEqual([]);
}

function expectHeaders(schema: TSchema, res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(violations(schema, res.headers)).toEqual([]);
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expectBody(ErrorBody, res, status);
  expect(res.json().error.code).toBe(code);
}

const claim = (app: FastifyInstance, id: string, payload: object) =>
  app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload });

describe('replies follow the wire contract', () => {
  test('create, peek, claim and the receipt of a client-encrypted secret, to its end', async () => {
    const { app } = await testApp();
    const sealed = await sendSecret(app, { max_views: 2 });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { verifier: randomB64u(32), kdf: null, content: randomB64u(100), ttl: 600 },
    });
    expectBody(CreateReply, created, 201);

    expectBody(PeekReply, await app.inject({ url: `/api/v1/secrets/${sealed.id}` }), 200);
    const receipt = () => app.inject({ url: `/api/v1/receipts/${sealed.receipt}` });
    expectBody(ReceiptReply, await receipt(), 200);

    const { body } = await claimBody(sealed.linkKey, null);
    expectBody(ClaimReply, await claim(app, sealed.id, body), 200);
    expectBody(ReceiptReply, await receipt(), 200);
    expectBody(ClaimReply, await claim(app, sealed.id, body), 200);
    const viewed = await receipt();
    expectBody(ReceiptReply, viewed, 200);
    expect(viewed.json()).toMatchObject({ state: 'viewed', views_left: 0, ended_at: null });

    const burn = await app.inject({ method: 'POST', url: `/api/v1/receipts/${created.json().receipt}/burn` });
    expect(burn.statusCode).toBe(204);
    expect(burn.body).toBe('');
    const burned = await app.inject({ url: `/api/v1/receipts/${created.json().receipt}` });
    expectBody(ReceiptReply, burned, 200);
    expect(burned.json().state).toBe('burned');
  });

  test('a passphrase secret: peek with kdf, wrong tries with attempts_left, locked', async () => {
    const { app } = await testApp({ env: { BURNLINK_MAX_ATTEMPTS: '2' } });
    const sealed = await sendSecret(app, { passphrase: 'right' });
    const peek = await app.inject({ url: `/api/v1/secrets/${sealed.id}` });
    expectBody(PeekReply, peek, 200);
    expect(peek.json().kdf).not.toBeNull();

    const wrong = (await claimBody(sealed.linkKey, sealed.kdf, 'wrong')).body;
    const first = await claim(app, sealed.id, wrong);
    expectError(first, 403, 'wrong_passphrase');
    expect(first.json().error.attempts_left).toBe(1);
    expectError(await claim(app, sealed.id, wrong), 403, 'secret_locked');
    const locked = await app.inject({ url: `/api/v1/receipts/${sealed.receipt}` });
    expectBody(ReceiptReply, locked, 200);
    expect(locked.json()).toMatchObject({ state: 'locked', passphrase: true, failed_attempts: 2 });
  });

  test('server-encrypted create with its links, and the key claim with text and context', async () => {
    const { app } = await testApp();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { text: 'from curl', context: { username: 'deploy' } },
    });
    expectBody(CreateReply, created, 201);
    const { id, link } = created.json();
    const claimed = await claim(app, id, { key: link.split('#')[1] });
    expectBody(ClaimReply, claimed, 200);
    expect(claimed.json()).toMatchObject({ text: 'from curl', context: { username: 'deploy' } });
  });

  test('files: create with uploads, the tus headers, the claim with a grant, downloads and their log', async () => {
    const { app } = await testApp();
    const staged = await stageFiles(app, [70_000]);
    const options = await app.inject({ method: 'OPTIONS', url: '/api/v1/uploads' });
    expectHeaders(UploadOptionsReplyHeaders, options, 204);
    const url = staged.uploads[0]!.url;
    const half = 35_000;
    expectHeaders(
      UploadPatchReplyHeaders,
      await patch(app, url, 0, staged.ciphertexts[0]!.subarray(0, half)),
      204,
    );
    const head = await app.inject({
      method: 'HEAD',
      url,
      headers: { 'tus-resumable': TUS['tus-resumable'] },
    });
    expectHeaders(UploadHeadReplyHeaders, head, 200);
    expect(head.headers['upload-offset']).toBe(String(half));
    const last = await patch(app, url, half, staged.ciphertexts[0]!.subarray(half));
    expectHeaders(UploadPatchReplyHeaders, last, 204);
    expect(last.headers['burnlink-secret']).toBe('ready');

    const sent = await sendFiles(app, [10, 0], { text: 'two files', max_views: 2 });
    const created = await app.inject({ url: `/api/v1/secrets/${sent.id}` });
    expectBody(PeekReply, created, 200);
    const claimed = await claim(app, sent.id, (await claimBody(sent.linkKey, null)).body);
    expectBody(ClaimReply, claimed, 200);
    const { files, grant } = claimed.json();
    expectHeaders(FileReplyHeaders, await download(app, files[0].url, grant, 'bytes=0-4'), 206);
    expectHeaders(FileReplyHeaders, await download(app, files[0].url, grant), 200);
    const receipt = await app.inject({ url: `/api/v1/receipts/${sent.receipt}` });
    expectBody(ReceiptReply, receipt, 200);
    expect(receipt.json().downloads).toEqual([{ file: 0, at: expect.any(String) }]);
  });

  test('config, health and readiness', async () => {
    const { app } = await testApp();
    expectBody(ConfigReply, await app.inject({ url: '/api/v1/config' }), 200);
    expectBody(HealthReply, await app.inject({ url: '/healthz' }), 200);
    expectBody(HealthReply, await app.inject({ url: '/readyz' }), 200);
  });
});

test('every JSON answer the API documents is a schema of the contract, not one of its own', async () => {
  const { app } = await testApp();
  const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
  };
  const contract = new Set(
    Object.values(wire)
      .filter((value) => typeof value === 'object')
      .map((schema) => JSON.stringify(asOpenApi(schema))),
  );
  const documented: string[] = [];
  const foreign: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const schema = response.content?.['application/json']?.schema;
        if (schema === undefined) continue;
        const where = `${method.toUpperCase()} ${path} ${status}`;
        documented.push(where);
        if (!contract.has(JSON.stringify(schema))) foreign.push(where);
      }
    }
  }
  expect(documented).toContain('GET /api/v1/secrets/{id} 200');
  expect(foreign).toEqual([]);
});

interface OpenApiResponse {
  content?: Record<string, { schema?: unknown }>;
}

/** A schema as @fastify/swagger writes it into the document: `const: x` becomes `enum: [x]`. */
function asOpenApi(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, node) => {
    if (typeof node !== 'object' || node === null || !('const' in node)) return node;
    const { const: only, ...rest } = node;
    return { ...rest, enum: [only] };
  });
}

describe('error answers follow the wire contract', () => {
  test.each([
    ['unknown secret', 'GET', `/api/v1/secrets/${'A'.repeat(22)}`, undefined, 404, 'secret_not_found'],
    ['unknown receipt', 'GET', `/api/v1/receipts/${'A'.repeat(22)}`, undefined, 404, 'receipt_not_found'],
    [
      'burn of an unknown receipt',
      'POST',
      `/api/v1/receipts/${'A'.repeat(22)}/burn`,
      undefined,
      404,
      'receipt_not_found',
    ],
    ['unknown route', 'GET', '/api/v1/nothing', undefined, 404, 'route_not_found'],
    ['ttl out of range', 'POST', '/api/v1/secrets', { text: 'x', ttl: 1 }, 400, 'invalid_ttl'],
    ['unknown field', 'POST', '/api/v1/secrets', { text: 'x', colour: 'red' }, 400, 'invalid_request'],
    ['unknown upload', 'HEAD', `/api/v1/uploads/${'A'.repeat(22)}`, undefined, 404, null],
    ['file without grant', 'GET', `/api/v1/files/${'A'.repeat(22)}`, undefined, 404, 'file_not_found'],
  ] as const)('%s', async (_name, method, url, payload, status, code) => {
    const { app } = await testApp();
    const res = await app.inject({ method, url, ...(payload ? { payload } : {}) });
    if (code === null) {
      // A HEAD answers without a body, as HTTP wants.
      expect(res.statusCode).toBe(status);
      expect(res.body).toBe('');
    } else {
      expectError(res, status, code);
    }
  });

  test('malformed JSON, another content type, an upload at the wrong offset, a bad range', async () => {
    const { app } = await testApp();
    const post = (payload: string, type: string) =>
      app.inject({ method: 'POST', url: '/api/v1/secrets', payload, headers: { 'content-type': type } });
    expectError(await post('{"text":', 'application/json'), 400, 'invalid_json');
    expectError(await post('x', 'text/plain'), 415, 'unsupported_media_type');
    const staged = await stageFiles(app, [100]);
    expectError(
      await patch(app, staged.uploads[0]!.url, 7, new Uint8Array(3)),
      409,
      'upload_offset_mismatch',
    );
    const sent = await sendFiles(app, [100]);
    const { files, grant } = (await claim(app, sent.id, (await claimBody(sent.linkKey, null)).body)).json();
    expectError(await download(app, files[0].url, grant, 'bytes=9999-'), 416, 'range_not_satisfiable');
  });

  test('a content too large for the server', async () => {
    const { app } = await testApp({ env: { BURNLINK_MAX_CONTENT_BYTES: '1KiB' } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { text: 'x'.repeat(2000) },
    });
    expectError(res, 413, 'content_too_large');
  });
});
