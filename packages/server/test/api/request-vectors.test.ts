import { createHash } from 'node:crypto';
import vectors from '@burnlink/core/vectors/requests-v1.json' with { type: 'json' };
import { describe, expect, test } from 'vitest';
import { testApp } from './support.js';

interface RequestVectorCase {
  name: string;
  inputs: { id: string; receipt: string };
  outputs: {
    create_body: {
      public_key: string;
      description: string;
      respond_verifier: string;
      inbox_verifier: string;
    };
    respond_body: { files?: Array<{ size: number }> };
    files?: string[];
    sealed_key: string;
    content: string;
    inbox_body: Record<string, string>;
    claim_body: Record<string, string>;
  };
}

const b = (text: string) => Buffer.from(text, 'base64url');

// "Request a secret" vectors (docs/encryption.md "Requests") through the server: the vector's request is put
// into the store under its id (the sealed key is bound to that id), then its exact respond_body is accepted (the
// respond token checks against respond_verifier), its files upload, its inbox_body opens the inbox with its
// sealed_key, and its claim_body claims its content.
describe('request vectors through the HTTP API', () => {
  for (const vector of (vectors as unknown as { cases: RequestVectorCase[] }).cases) {
    test(vector.name, async () => {
      const { app, store, clock } = await testApp();
      const { id } = vector.inputs;
      const now = clock.now();
      await store.createRequest({
        id,
        receiptHash: createHash('sha256').update(vector.inputs.receipt).digest('base64url'),
        publicKey: b(vector.outputs.create_body.public_key),
        description: b(vector.outputs.create_body.description),
        respondVerifier: b(vector.outputs.create_body.respond_verifier),
        inboxVerifier: b(vector.outputs.create_body.inbox_verifier),
        createdAt: now,
        expiresAt: now + 3_600_000,
        responseTtlMs: 3_600_000,
        receiptRetentionMs: 0,
        owner: null,
      });
      const open = await app.inject({ method: 'GET', url: `/api/v1/requests/${id}` });
      expect(open.json()).toMatchObject({
        public_key: vector.outputs.create_body.public_key,
        description: vector.outputs.create_body.description,
      });

      const responded = await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${id}/respond`,
        payload: vector.outputs.respond_body,
      });
      expect(responded.statusCode).toBe(201);
      const uploads = (responded.json().uploads ?? []) as Array<{ url: string; size: number }>;
      expect(uploads.map((u) => u.size)).toEqual(
        (vector.outputs.respond_body.files ?? []).map((f) => f.size),
      );
      for (const [i, upload] of uploads.entries()) {
        const patched = await app.inject({
          method: 'PATCH',
          url: upload.url,
          headers: {
            'tus-resumable': '1.0.0',
            'content-type': 'application/offset+octet-stream',
            'upload-offset': '0',
          },
          payload: b(vector.outputs.files![i]!),
        });
        expect(patched.statusCode).toBe(204);
      }

      const inbox = await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${id}/inbox`,
        payload: vector.outputs.inbox_body,
      });
      expect(inbox.json()).toMatchObject({ state: 'answered', sealed_key: vector.outputs.sealed_key });
      const claim = await app.inject({
        method: 'POST',
        url: `/api/v1/secrets/${id}/claim`,
        payload: vector.outputs.claim_body,
      });
      expect(claim.statusCode).toBe(200);
      expect(claim.json()).toMatchObject({ content: vector.outputs.content, views_left: 0 });
    });
  }
});
