import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveAccess, encryptBytes, sealSecret, toBase64Url } from '@burnlink/core';
import { afterAll, describe, expect, it } from 'vitest';
import { dropPostgresSchema, postgresAvailable } from '../src/stores/test-backends.js';
import { spawnServer } from './support/spawn-server.js';

/**
 * kill -9 in the moment between "the last byte of the last file is durable in the blob store" and "the
 * SecretStore recorded it" (the old seal window), then the client resumes as the SDK does (HEAD, then PATCH
 * the rest, retrying 409 while the dead process's lease runs out). The secret must come to exist exactly
 * when the resumed PATCH says `Burnlink-Secret: ready`, and its file must download intact.
 */

const FIXTURE = fileURLToPath(new URL('./support/crash-after-blob-write.mjs', import.meta.url));
const PG_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TUS = { 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream' };
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function run(env: Record<string, string>) {
  const crashing = await spawnServer({ script: FIXTURE, env: { ...env, BURNLINK_TEST_CRASH: '1' } });
  const plain = nodeRandomBytes(150_000);
  const sealed = await sealSecret({
    v: 1,
    text: '',
    files: [{ name: 'a.bin', type: '', size: plain.length }],
  });
  const cipher = await encryptBytes(plain, sealed.contentKey);
  const created = await fetch(`${crashing.url}/api/v1/secrets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      verifier: sealed.verifier,
      kdf: null,
      content: toBase64Url(sealed.content),
      files: [{ size: cipher.length }],
    }),
  });
  expect(created.status).toBe(201);
  const { id, uploads } = (await created.json()) as { id: string; uploads: { url: string }[] };
  const uploadPath = uploads[0]?.url as string;
  const died = await fetch(`${crashing.url}${uploadPath}`, {
    method: 'PATCH',
    headers: { ...TUS, 'upload-offset': '0' },
    body: Buffer.from(cipher),
  }).then(
    (res) => `answered ${res.status}`,
    () => 'no answer',
  );
  expect(died).toBe('no answer');
  await crashing.exited;

  const server = await spawnServer({ script: FIXTURE, env });
  try {
    // Until the upload completes, the secret does not exist.
    expect((await fetch(`${server.url}/api/v1/secrets/${id}`)).status).toBe(404);
    let answer: Response | undefined;
    for (let attempt = 0; attempt < 60; attempt++) {
      const head = await fetch(`${server.url}${uploadPath}`, {
        method: 'HEAD',
        headers: { 'tus-resumable': '1.0.0' },
      });
      const offset = Number(head.headers.get('upload-offset'));
      answer = await fetch(`${server.url}${uploadPath}`, {
        method: 'PATCH',
        headers: { ...TUS, 'upload-offset': String(offset) },
        body: Buffer.from(cipher.subarray(offset)),
      });
      if (answer.status !== 409) break;
      await answer.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answer?.status).toBe(204);
    expect(answer?.headers.get('burnlink-secret')).toBe('ready');
    expect((await fetch(`${server.url}/api/v1/secrets/${id}`)).status).toBe(200);

    const access = await deriveAccess(sealed.linkKey, null);
    const claim = await fetch(`${server.url}/api/v1/secrets/${id}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: access.token }),
    });
    const claimed = (await claim.json()) as { grant: string; files: { url: string }[] };
    const file = await fetch(`${server.url}${claimed.files[0]?.url}`, {
      headers: { authorization: `Bearer ${claimed.grant}` },
    });
    expect(file.status).toBe(200);
    expect(sha(new Uint8Array(await file.arrayBuffer()))).toBe(sha(cipher));
  } finally {
    await server.stop();
  }
}

describe('kill -9 between the durable last byte and its record, then a resumed upload', () => {
  it('on SQLite with the filesystem blob store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burnlink-upload-crash-'));
    dirs.push(dir);
    await run({ BURNLINK_DATA_DIR: dir, BURNLINK_TEST_LEASE_MS: '500' });
  }, 60_000);

  it('on PostgreSQL for secrets and blobs', async () => {
    if (!(await postgresAvailable(PG_URL))) return;
    const schema = `crash_${nodeRandomBytes(6).toString('hex')}`;
    const url = `${PG_URL}?schema=${schema}`;
    const dir = await mkdtemp(join(tmpdir(), 'burnlink-upload-crash-'));
    dirs.push(dir);
    try {
      await run({
        BURNLINK_DATA_DIR: dir,
        BURNLINK_STORE: url,
        BURNLINK_BLOB_STORE: url,
        BURNLINK_TEST_LEASE_MS: '500',
      });
    } finally {
      await dropPostgresSchema(PG_URL, schema);
    }
  }, 60_000);
});
