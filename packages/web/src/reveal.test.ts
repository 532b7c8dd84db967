import { parseSecretLink } from '@burnlink/core';
import vectors from '@burnlink/core/vectors/v1.json' with { type: 'json' };
import { afterEach, describe, expect, test, vi } from 'vitest';
import { revealSecret } from './reveal.js';

interface VectorCase {
  name: string;
  inputs: {
    passphrase: string | null;
    kdf: { name: 'PBKDF2-SHA-256'; salt: string; iterations: number } | null;
    payload: string;
  };
  outputs: { link: string; content: string; claim_body: Record<string, string> };
}

/** A fetch that answers one claim with `content` and records what the page sent. */
function fakeServer(content: string, status = 200) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)) });
    const body =
      status === 200 ? { content, views_left: 0, files: [] } : { error: { code: 'secret_not_found' } };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

// Protocol v1 known-answer vectors (docs/encryption.md) through the browser's reveal path: the page must send
// exactly the vector's claim body and open exactly the vector's payload.
describe('protocol v1 vectors through the web reveal', () => {
  for (const vector of (vectors as { cases: VectorCase[] }).cases) {
    test(vector.name, async () => {
      const { id, key } = parseSecretLink(vector.outputs.link);
      const sent = fakeServer(vector.outputs.content);
      const result = await revealSecret(id, key, vector.inputs.kdf, vector.inputs.passphrase ?? undefined);
      expect(sent).toEqual([{ url: `/api/v1/secrets/${id}/claim`, body: vector.outputs.claim_body }]);
      expect(result).toEqual({ ok: true, payload: JSON.parse(vector.inputs.payload), viewsLeft: 0 });
    });
  }

  test('a wrong passphrase sends a different token and cannot open the content', async () => {
    const vector = (vectors as { cases: VectorCase[] }).cases.find(
      (c) => c.inputs.passphrase && c.inputs.kdf,
    )!;
    const { id, key } = parseSecretLink(vector.outputs.link);
    const sent = fakeServer(vector.outputs.content);
    const result = await revealSecret(id, key, vector.inputs.kdf, `${vector.inputs.passphrase}x`);
    expect(sent).toHaveLength(1);
    expect((sent[0]!.body as { token: string }).token).not.toBe(vector.outputs.claim_body.token);
    expect(result).toEqual({ ok: false, error: { kind: 'decrypt-failed' } });
  });

  test('a gone secret is reported as not found', async () => {
    const vector = (vectors as { cases: VectorCase[] }).cases[0]!;
    const { id, key } = parseSecretLink(vector.outputs.link);
    fakeServer('', 404);
    expect(await revealSecret(id, key, null)).toEqual({ ok: false, error: { kind: 'not-found' } });
  });
});
