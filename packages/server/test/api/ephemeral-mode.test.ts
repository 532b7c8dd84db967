import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  decryptBytes,
  deriveAccess,
  encryptBytes,
  randomBytes,
  sealSecret,
  toBase64Url,
} from '@burnlink/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { spawnServer } from '../support/spawn-server.js';
import { logCapture, testApp } from './support.js';

/** BURNLINK_MODE=ephemeral (docs/operations.md, "Ephemeral mode"): memory only, no trace of requests. */
describe('ephemeral mode, as the built server runs it', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'burnlink-ephemeral-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  test('says what it means at start, keeps secrets and files in memory, logs no request', async () => {
    // A data directory that does not exist yet: every other mode would create it on start.
    const dataDir = path.join(root, 'data');
    const server = await spawnServer({
      env: { BURNLINK_MODE: 'ephemeral', BURNLINK_DATA_DIR: dataDir, BURNLINK_LOG_LEVEL: 'trace' },
    });
    const json = { 'content-type': 'application/json' };
    let id = '';
    let fileId = '';
    try {
      const created = await fetch(`${server.url}/api/v1/secrets`, {
        method: 'POST',
        headers: json,
        body: '{"text":"ephemeral-marker"}',
      });
      expect(created.status).toBe(201);
      const secret = (await created.json()) as { id: string; link: string; receipt: string };
      id = secret.id;
      expect((await fetch(`${server.url}/api/v1/secrets/${id}`)).status).toBe(200);
      const claimed = await fetch(`${server.url}/api/v1/secrets/${id}/claim`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ key: secret.link.split('#')[1] }),
      });
      expect((await claimed.json()).text).toBe('ephemeral-marker');
      expect((await fetch(`${server.url}/api/v1/secrets/${id}`)).status).toBe(404);
      const receipt = await fetch(`${server.url}/api/v1/receipts/${secret.receipt}`);
      expect(await receipt.json()).toMatchObject({ state: 'viewed' });

      // A file: uploaded, claimed and downloaded whole, its bytes held in memory.
      const plain = randomBytes(200_000);
      const sealed = await sealSecret({
        v: 1,
        text: '',
        files: [{ name: 'f.bin', type: '', size: plain.length }],
      });
      const ciphertext = await encryptBytes(plain, sealed.contentKey);
      const staged = await fetch(`${server.url}/api/v1/secrets`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          verifier: sealed.verifier,
          kdf: null,
          content: toBase64Url(sealed.content),
          files: [{ size: ciphertext.length }],
        }),
      });
      expect(staged.status).toBe(201);
      const { id: withFile, uploads } = (await staged.json()) as { id: string; uploads: { url: string }[] };
      const upload = await fetch(`${server.url}${uploads[0]?.url}`, {
        method: 'PATCH',
        headers: {
          'tus-resumable': '1.0.0',
          'content-type': 'application/offset+octet-stream',
          'upload-offset': '0',
        },
        body: Buffer.from(ciphertext),
      });
      expect(upload.headers.get('burnlink-secret')).toBe('ready');
      const { token } = await deriveAccess(sealed.linkKey, null);
      const fileClaim = await fetch(`${server.url}/api/v1/secrets/${withFile}/claim`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ token }),
      });
      const { files, grant } = (await fileClaim.json()) as { files: { url: string }[]; grant: string };
      fileId = files[0]?.url.split('/').pop() ?? '';
      const download = await fetch(`${server.url}${files[0]?.url}`, {
        headers: { authorization: `Bearer ${grant}` },
      });
      expect(download.status).toBe(200);
      const bytes = await decryptBytes(new Uint8Array(await download.arrayBuffer()), sealed.contentKey);
      const hash = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
      expect(hash(bytes)).toBe(hash(plain));

      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // One line at info says what the mode means.
    const said = lines.filter((line) => /ephemeral/.test(String(line.msg)));
    expect(said).toEqual([
      expect.objectContaining({
        level: 30,
        msg:
          'ephemeral mode — secrets, accounts and files are kept in memory only; no audit trail, no request ' +
          'logs; a restart forgets everything',
      }),
    ]);
    // Even at trace, no line says that a request happened: no request line, no request counter, no route.
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.msg).not.toBe('request');
      expect(line).not.toHaveProperty('reqId');
      expect(line).not.toHaveProperty('route');
    }
    for (const marker of [id, fileId, 'ephemeral-marker', '/api/v1/']) {
      expect(server.output()).not.toContain(marker);
    }
    // Nothing was written: not a database, not a blob, not even the data directory.
    expect(existsSync(dataDir)).toBe(false);
  });

  test('a variable set against the mode stops the start, naming both', async () => {
    const error = await spawnServer({
      env: { BURNLINK_MODE: 'ephemeral', BURNLINK_STORE: 'sqlite:', BURNLINK_DATA_DIR: root },
    }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/exited with code 2/);
    expect(error?.message).toMatch(
      /BURNLINK_STORE: conflicts with BURNLINK_MODE=ephemeral, which keeps secrets in memory only/,
    );
  });
});

describe('ephemeral mode, in the app', () => {
  // The lines written while serving (the app's start, without a built web app, says so first).
  const requestTime = (lines: string[]) =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => !('webDir' in line));
  // A store that fails unexpectedly: the error is logged (operators need it), the request it happened in is not.
  const failingStore = () => {
    const store = new MemoryStore();
    store.peek = async () => {
      throw new Error('store-failure-marker');
    };
    return store;
  };

  test('an unexpected error is still logged, without the request', async () => {
    const log = logCapture();
    const { app } = await testApp({
      env: { BURNLINK_MODE: 'ephemeral' },
      logStream: log.stream,
      store: failingStore(),
    });
    const res = await app.inject({ url: '/api/v1/secrets/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(res.statusCode).toBe(500);
    await app.inject({ url: '/healthz' });
    await app.close();
    const lines = requestTime(log.lines);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'request failed',
        err: expect.objectContaining({ message: 'store-failure-marker' }),
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('reqId');
    expect(lines[0]).not.toHaveProperty('route');
  });

  test('standard mode, for contrast: the same error names its route, and each request has a line', async () => {
    const log = logCapture();
    const { app } = await testApp({ logStream: log.stream, store: failingStore() });
    await app.inject({ url: '/api/v1/secrets/AAAAAAAAAAAAAAAAAAAAAA' });
    await app.close();
    const lines = requestTime(log.lines);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request failed',
        route: '/api/v1/secrets/:id',
        reqId: expect.anything(),
      }),
      expect.objectContaining({ msg: 'request', route: '/api/v1/secrets/:id', status: 500 }),
    ]);
  });
});
