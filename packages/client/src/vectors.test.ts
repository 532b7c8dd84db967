import { encryptedSize, type FileMeta, fromBase64Url } from '@burnlink/core';
import vectors from '@burnlink/core/vectors/v1.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createClient } from './burnlink-client.js';
import { createFakeApi } from './test-fake-api.js';

// Protocol v1 known-answer vectors (docs/encryption.md): each case's content, served by a fake API exactly as
// a server would store it, must open through the SDK's reveal path, and the claim must carry claim_body.

interface VectorCase {
  name: string;
  inputs: { passphrase: string | null; kdf: unknown; payload: string; id: string };
  outputs: {
    V: string;
    link_verifier: string;
    content: string;
    link: string;
    claim_body: Record<string, string>;
  };
}

describe('protocol v1 vectors through BurnlinkClient.reveal', () => {
  const cases = (vectors as { cases: VectorCase[] }).cases;

  it('has cases to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, vector) => {
    const api = createFakeApi();
    api.insert(vector.inputs.id, {
      verifier: fromBase64Url(vector.outputs.V),
      linkVerifier: vector.inputs.kdf ? fromBase64Url(vector.outputs.link_verifier) : null,
      kdf: vector.inputs.kdf,
      content: vector.outputs.content,
    });
    const payload = JSON.parse(vector.inputs.payload) as { files?: FileMeta[] };
    // A case with files: the server holds one (ciphertext) blob per file of the payload.
    api.files.stage(
      vector.inputs.id,
      (payload.files ?? []).map((file) => encryptedSize(file.size)),
    );
    const client = createClient({ baseUrl: 'https://elsewhere.example', fetch: api.fetch });
    const result = await client.reveal(vector.outputs.link, {
      passphrase: vector.inputs.passphrase ?? undefined,
    });
    if (!result.ok) throw new Error(result.message);
    expect(result).toMatchObject({ ok: true, payload, viewsLeft: 0 });
    expect(result.files.map(({ name, type, size }) => ({ name, type, size }))).toEqual(payload.files ?? []);
    const claim = api.requests.find((r) => r.url.endsWith('/claim'))!;
    expect(claim.url).toBe(`https://burnlink.example/api/v1/secrets/${vector.inputs.id}/claim`);
    expect(JSON.parse(claim.body)).toEqual(vector.outputs.claim_body);
  });
});
