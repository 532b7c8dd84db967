import vectors from '@burnlink/core/vectors/v1.json' with { type: 'json' };
import { describe, expect, test } from 'vitest';
import { testApp } from './support.js';

interface VectorCase {
  name: string;
  inputs: { passphrase: string | null; payload: string };
  outputs: { link: string; create_body: Record<string, unknown> };
}

// Protocol v1 known-answer vectors (docs/encryption.md) through the server's own protocol code: a secret
// created with a vector's exact create body opens through the key claim (the curl path), where the server
// derives the tokens from the link key and passphrase and decrypts, as a client would.
describe('protocol v1 vectors through the server-side key claim', () => {
  for (const vector of (vectors as { cases: VectorCase[] }).cases) {
    test(vector.name, async () => {
      const { app } = await testApp();
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/secrets',
        payload: vector.outputs.create_body,
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json();
      const key = vector.outputs.link.split('#')[1];
      const claim = await app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${id}/claim`,
        payload: vector.inputs.passphrase === null ? { key } : { key, passphrase: vector.inputs.passphrase },
      });
      expect(claim.statusCode).toBe(200);
      const payload = JSON.parse(vector.inputs.payload);
      expect(claim.json()).toMatchObject({ text: payload.text, views_left: 0 });
      if (payload.context) expect(claim.json().context).toEqual(payload.context);
    });
  }
});
