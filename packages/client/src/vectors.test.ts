import {
  encryptedSize,
  type FileMeta,
  fromBase64Url,
  type KdfParams,
  randomBytes,
  toBase64Url,
} from '@burnlink/core';
import vectors from '@burnlink/core/vectors/v1.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/support/test-server.js';
import { createClient } from './burnlink-client.js';

// Protocol v1 known-answer vectors (docs/encryption.md): each case's record is put into the real app's store
// exactly as a server would keep it (its id, verifiers and content); the SDK's reveal must send claim_body,
// pass the server's token check, and open the payload.

interface VectorCase {
  name: string;
  inputs: { passphrase: string | null; kdf: KdfParams | null; payload: string; id: string };
  outputs: {
    V: string;
    link_verifier: string;
    content: string;
    link: string;
    claim_body: Record<string, string>;
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('protocol v1 vectors through BurnlinkClient.reveal', () => {
  const cases = (vectors as { cases: VectorCase[] }).cases;

  it('has cases to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, vector) => {
    const payload = JSON.parse(vector.inputs.payload) as { files?: FileMeta[] };
    // Cases may share an id (the same secret with its passphrase written two ways); a store never takes an id
    // twice, so each case is planted under a fresh one. The id is not an input of any derivation.
    const id = toBase64Url(randomBytes(16));
    await plant({ ...vector, inputs: { ...vector.inputs, id } }, payload);
    const link = vector.outputs.link
      .replace('https://burnlink.example', server.url)
      .replace(vector.inputs.id, id);
    const client = createClient({ baseUrl: 'https://elsewhere.example' });
    const result = await client.reveal(link, { passphrase: vector.inputs.passphrase ?? undefined });
    if (!result.ok) throw new Error(result.message);
    expect(result).toMatchObject({ ok: true, payload, viewsLeft: 0 });
    expect(result.files.map(({ name, type, size }) => ({ name, type, size }))).toEqual(payload.files ?? []);
    const claim = server.proxy.seen.find((r) => r.url === `/api/v1/secrets/${id}/claim`)!;
    expect(JSON.parse(claim.body)).toEqual(vector.outputs.claim_body);
  });

  it('a wrong passphrase sends another token, which the server refuses', async () => {
    const vector = cases.find((c) => c.inputs.passphrase !== null && c.inputs.kdf !== null)!;
    const id = toBase64Url(randomBytes(16));
    await plant({ ...vector, inputs: { ...vector.inputs, id } }, JSON.parse(vector.inputs.payload));
    const link = vector.outputs.link
      .replace('https://burnlink.example', server.url)
      .replace(vector.inputs.id, id);
    const result = await createClient({ baseUrl: server.url }).reveal(link, {
      passphrase: `${vector.inputs.passphrase}x`,
    });
    expect(result).toMatchObject({ ok: false, reason: 'wrong_passphrase', attemptsLeft: 4 });
    const claim = server.proxy.seen.find((r) => r.url === `/api/v1/secrets/${id}/claim`)!;
    expect(JSON.parse(claim.body).token).not.toBe(vector.outputs.claim_body.token);
  });
});

/**
 * Puts the vector's record into the app's store, exactly as a server keeps a created secret. A record with
 * files is staged until each upload is recorded complete, as the upload route would (the bytes themselves are
 * not needed to reveal).
 */
async function plant(vector: VectorCase, payload: { files?: FileMeta[] }) {
  const now = Date.now();
  const files = (payload.files ?? []).map((file) => ({
    id: toBase64Url(randomBytes(16)),
    size: encryptedSize(file.size),
  }));
  await server.store.create({
    id: vector.inputs.id,
    verifier: fromBase64Url(vector.outputs.V),
    linkVerifier: vector.inputs.kdf ? fromBase64Url(vector.outputs.link_verifier) : null,
    kdf: vector.inputs.kdf,
    content: fromBase64Url(vector.outputs.content),
    files,
    createdAt: now,
    expiresAt: now + 3_600_000,
    maxViews: 1,
    maxAttempts: 5,
    receiptHash: toBase64Url(randomBytes(32)),
    receiptRetentionMs: 0,
  });
  for (const file of files) {
    const lease = { id: toBase64Url(randomBytes(12)), until: now + 60_000 };
    await server.store.startUpload(file.id, 0, lease, now);
    await server.store.finishUpload(file.id, lease.id, file.size, now);
  }
}
