import { constantTimeEqual, fromBase64Url, randomBytes, sha256, toBase64Url } from '@burnlink/core';
import type { FetchLike } from './http.js';

// An in-memory stand-in for the HTTP API, behind a fake `fetch`, for the client's unit tests. It follows
// docs/api.md closely enough to exercise the client's protocol work; the real server is tested by its team
// and by test/client-server.test.ts.

interface Row {
  verifier: Uint8Array;
  linkVerifier: Uint8Array | null;
  kdf: unknown;
  content: string;
  maxViews: number;
  viewsLeft: number;
  attempts: number;
  receipt: string;
  expiresAt: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  body: string;
}

export interface FakeApi {
  fetch: FetchLike;
  requests: RecordedRequest[];
  rows: Map<string, Row>;
  /** Adds a row as if created by a client, e.g. a protocol vector. */
  insert(id: string, row: Partial<Row> & Pick<Row, 'verifier' | 'content'>): void;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const notFound = () => json(404, { error: { code: 'secret_not_found', message: 'unknown secret' } });

export function createFakeApi(maxAttempts = 5): FakeApi {
  const rows = new Map<string, Row>();
  const requests: RecordedRequest[] = [];
  const insert: FakeApi['insert'] = (id, row) => {
    rows.set(id, {
      linkVerifier: null,
      kdf: null,
      maxViews: 1,
      viewsLeft: 1,
      attempts: 0,
      receipt: toBase64Url(randomBytes(16)),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      ...row,
    });
  };

  const handle = async (method: string, path: string, body: Record<string, unknown>) => {
    const secret = /^\/api\/v1\/secrets\/([\w-]+)$/.exec(path);
    const claim = /^\/api\/v1\/secrets\/([\w-]+)\/claim$/.exec(path);
    const receipt = /^\/api\/v1\/receipts\/([\w-]+)(\/burn)?$/.exec(path);
    if (method === 'GET' && path === '/api/v1/config') {
      return json(200, {
        ttl: { min: 60, max: 2_592_000, default: 86_400, choices: [300, 3600, 86_400] },
        max_views: { max: 100, default: 1 },
        max_attempts: maxAttempts,
        max_content_bytes: 262_144,
        // The lowest accepted count, so unit tests stay fast; real servers announce 600 000.
        kdf_iterations: 100_000,
        server_encryption: true,
        key_claim: true,
      });
    }
    if (method === 'POST' && path === '/api/v1/secrets') {
      const id = toBase64Url(randomBytes(16));
      insert(id, {
        verifier: fromBase64Url(String(body.verifier)),
        linkVerifier: typeof body.link_verifier === 'string' ? fromBase64Url(body.link_verifier) : null,
        kdf: body.kdf ?? null,
        content: String(body.content),
        maxViews: Number(body.max_views ?? 1),
        viewsLeft: Number(body.max_views ?? 1),
      });
      const row = rows.get(id)!;
      return json(201, { id, receipt: row.receipt, expires_at: row.expiresAt });
    }
    if (method === 'GET' && secret) {
      const row = rows.get(secret[1]!);
      if (!row) return notFound();
      return json(200, {
        expires_at: row.expiresAt,
        max_views: row.maxViews,
        views_left: row.viewsLeft,
        kdf: row.kdf,
        size: fromBase64Url(row.content).length,
        files: 0,
      });
    }
    if (method === 'POST' && claim) {
      const id = claim[1]!;
      const row = rows.get(id);
      if (!row) return notFound();
      if (row.linkVerifier) {
        const presented = await sha256(fromBase64Url(String(body.link_token ?? '')));
        if (!constantTimeEqual(presented, row.linkVerifier)) return notFound();
      }
      const presented = await sha256(fromBase64Url(String(body.token ?? '')));
      if (!constantTimeEqual(presented, row.verifier)) {
        if (row.kdf === null) return notFound();
        row.attempts += 1;
        if (row.attempts >= maxAttempts) {
          rows.delete(id);
          return json(403, { error: { code: 'secret_locked', message: 'locked' } });
        }
        const left = maxAttempts - row.attempts;
        return json(403, { error: { code: 'wrong_passphrase', message: 'wrong', attempts_left: left } });
      }
      row.viewsLeft -= 1;
      if (row.viewsLeft === 0) rows.delete(id);
      return json(200, { content: row.content, views_left: row.viewsLeft, files: [] });
    }
    if (receipt) {
      const entry = [...rows.entries()].find(([, row]) => row.receipt === receipt[1]);
      if (!entry) return json(404, { error: { code: 'receipt_not_found', message: 'unknown receipt' } });
      if (receipt[2]) {
        rows.delete(entry[0]);
        return new Response(null, { status: 204 });
      }
      return json(200, { state: 'pending', created_at: entry[1].expiresAt, expires_at: entry[1].expiresAt });
    }
    return json(404, { error: { code: 'not_found', message: 'no such route' } });
  };

  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const raw = typeof init?.body === 'string' ? init.body : '';
    requests.push({ method: init?.method ?? 'GET', url: input, body: raw });
    return handle(init?.method ?? 'GET', url.pathname, raw ? JSON.parse(raw) : {});
  };
  return { fetch, requests, rows, insert };
}
