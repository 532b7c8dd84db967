import { encryptedSize, type FileMeta } from '@burnlink/core';
import vectors from '@burnlink/core/vectors/requests-v1.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createClient } from './burnlink-client.js';

// "Request a secret" known-answer vectors (docs/encryption.md "Requests") through the SDK: a stand-in for the
// server answers each case's replies, and the SDK must decrypt the vector's description (openRequest), send
// exactly its inbox_body and claim_body, and open its response (readResponse).

interface RequestVectorCase {
  name: string;
  inputs: { id: string; description: string; response: { passphrase: string | null; payload: string } };
  outputs: {
    public_key: string;
    description: string;
    request_link: string;
    inbox_link: string;
    sealed_key: string;
    content: string;
    respond_body: { kdf: unknown; files?: Array<{ size: number }> };
    inbox_body: Record<string, string>;
    claim_body: Record<string, string>;
  };
}

const ORIGIN = 'https://burnlink.example';
const cases = (vectors as unknown as { cases: RequestVectorCase[] }).cases;

/** Answers the request, inbox and claim routes of one vector case; records what was posted. */
function serverFor(vector: RequestVectorCase) {
  const posted = new Map<string, unknown>();
  const { id } = vector.inputs;
  const payload = JSON.parse(vector.inputs.response.payload) as { files?: FileMeta[] };
  const files = (payload.files ?? []).map((file, i) => ({
    id: `file${i}`.padEnd(22, 'A'),
    size: encryptedSize(file.size, 100),
    url: `/api/v1/files/file${i}`,
  }));
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = async (url: string, init?: RequestInit) => {
    const path = url.slice(ORIGIN.length);
    if (init?.body) posted.set(path, JSON.parse(String(init.body)));
    const times = { created_at: '2026-12-05T00:00:00.000Z', expires_at: '2026-12-06T00:00:00.000Z' };
    if (path === `/api/v1/requests/${id}` && init?.method === 'GET') {
      return json(200, {
        public_key: vector.outputs.public_key,
        description: vector.outputs.description,
        expires_at: times.expires_at,
        response_ttl: 86_400,
      });
    }
    if (path === `/api/v1/requests/${id}/inbox`) {
      return json(200, {
        state: 'answered',
        ...times,
        answered_at: '2026-12-05T01:00:00.000Z',
        read_at: null,
        ended_at: null,
        sealed_key: vector.outputs.sealed_key,
        response: {
          expires_at: times.expires_at,
          max_views: 1,
          views_left: 1,
          kdf: vector.outputs.respond_body.kdf,
          size: 100,
          files: files.length,
        },
      });
    }
    if (path === `/api/v1/secrets/${id}/claim`) {
      return json(200, {
        content: vector.outputs.content,
        views_left: 0,
        ...(files.length > 0 ? { files, grant: 'g'.repeat(43), grant_expires_at: times.expires_at } : {}),
      });
    }
    return json(404, { error: { code: 'not_found', message: 'no such route in this stand-in' } });
  };
  return { fetch, posted };
}

describe('request vectors through the SDK', () => {
  it('has cases to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, vector) => {
    const server = serverFor(vector);
    const client = createClient({ baseUrl: 'https://elsewhere.example', fetch: server.fetch });
    const opened = await client.openRequest(vector.outputs.request_link);
    expect(opened).toMatchObject({ ok: true, id: vector.inputs.id, description: vector.inputs.description });

    const read = await client.readResponse(vector.outputs.inbox_link, {
      passphrase: vector.inputs.response.passphrase ?? undefined,
    });
    if (!read.ok) throw new Error(read.message);
    expect(read.payload).toEqual(JSON.parse(vector.inputs.response.payload));
    expect(read.viewsLeft).toBe(0);
    const id = vector.inputs.id;
    expect(server.posted.get(`/api/v1/requests/${id}/inbox`)).toEqual(vector.outputs.inbox_body);
    expect(server.posted.get(`/api/v1/secrets/${id}/claim`)).toEqual(vector.outputs.claim_body);
  });

  it('a wrong passphrase sends another claim token', async () => {
    const vector = cases.find((c) => c.inputs.response.passphrase !== null)!;
    const server = serverFor(vector);
    const client = createClient({ baseUrl: ORIGIN, fetch: server.fetch });
    await client.readResponse(vector.outputs.inbox_link, { passphrase: 'not it' });
    const claim = server.posted.get(`/api/v1/secrets/${vector.inputs.id}/claim`) as { token: string };
    expect(claim.token).not.toBe(vector.outputs.claim_body.token);
  });
});
