import { constantTimeEqual, fromBase64Url, randomBytes, sha256, toBase64Url } from '@burnlink/core';
import type { FetchLike } from './http.js';
import { FakeFiles } from './test-fake-files.js';

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
  /** Hidden from peek and claim until every upload is complete. */
  staged: boolean;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** JSON bodies as text; binary bodies as '' (see `bytes`). */
  body: string;
  /** Length of a binary body (PATCH). */
  bytes: number;
  headers: Headers;
}

export interface FakeApi {
  fetch: FetchLike;
  requests: RecordedRequest[];
  rows: Map<string, Row>;
  /** Uploads, blobs and grants; `files.switches` drops or fails requests. */
  files: FakeFiles;
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
  const files = new FakeFiles();
  const live = (id: string) => {
    const row = rows.get(id);
    return row && !row.staged ? row : undefined;
  };
  const insert: FakeApi['insert'] = (id, row) => {
    rows.set(id, {
      linkVerifier: null,
      kdf: null,
      maxViews: 1,
      viewsLeft: 1,
      attempts: 0,
      receipt: toBase64Url(randomBytes(16)),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      staged: false,
      ...row,
    });
  };

  const handle = async (method: string, path: string, body: Record<string, unknown>, init: RequestInit) => {
    const headers = new Headers(init.headers);
    const upload = /^\/api\/v1\/uploads\/([\w-]+)$/.exec(path);
    if (upload) {
      const bytes = init.body instanceof Uint8Array ? init.body : new Uint8Array(0);
      const owner = files.blobs.get(upload[1]!)?.secretId;
      if (method === 'DELETE' && owner && rows.get(owner)?.staged) rows.delete(owner);
      return files.upload(method, upload[1]!, headers, bytes, (id) => {
        rows.get(id)!.staged = false;
      });
    }
    const file = /^\/api\/v1\/files\/([\w-]+)$/.exec(path);
    if (file && method === 'GET') return files.download(file[1]!, headers);
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
        files: { max_files: 10, max_file_bytes: 1_048_576, max_secret_bytes: 2_097_152 },
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
      const sizes = Array.isArray(body.files) ? body.files.map((f: { size: number }) => f.size) : [];
      if (sizes.length === 0) return json(201, { id, receipt: row.receipt, expires_at: row.expiresAt });
      row.staged = true;
      const uploads = files.stage(id, sizes);
      return json(201, { id, receipt: row.receipt, expires_at: row.expiresAt, uploads });
    }
    if (method === 'GET' && secret) {
      const row = live(secret[1]!);
      if (!row) return notFound();
      return json(200, {
        expires_at: row.expiresAt,
        max_views: row.maxViews,
        views_left: row.viewsLeft,
        kdf: row.kdf,
        size: fromBase64Url(row.content).length,
        files: files.of(secret[1]!).length,
      });
    }
    if (method === 'POST' && claim) {
      const id = claim[1]!;
      const row = live(id);
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
      const blobs = files.of(id);
      if (blobs.length === 0)
        return json(200, { content: row.content, views_left: row.viewsLeft, files: [] });
      return json(200, {
        content: row.content,
        views_left: row.viewsLeft,
        files: blobs.map((b) => ({ id: b.id, size: b.size, url: `/api/v1/files/${b.id}` })),
        grant: files.grant(id),
        grant_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      });
    }
    if (receipt) {
      const entry = [...rows.entries()].find(([, row]) => row.receipt === receipt[1]);
      if (!entry) return json(404, { error: { code: 'receipt_not_found', message: 'unknown receipt' } });
      if (receipt[2]) {
        rows.delete(entry[0]);
        files.remove(entry[0]);
        return new Response(null, { status: 204 });
      }
      const row = entry[1];
      return json(200, {
        state: 'pending',
        created_at: row.expiresAt,
        expires_at: row.expiresAt,
        max_views: row.maxViews,
        views_left: row.viewsLeft,
        viewed_at: [],
        failed_attempts: row.attempts,
        max_attempts: maxAttempts,
        passphrase: row.kdf !== null,
        ended_at: null,
        downloads: [],
      });
    }
    return json(404, { error: { code: 'not_found', message: 'no such route' } });
  };

  const fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const raw = typeof init.body === 'string' ? init.body : '';
    const bytes = init.body instanceof Uint8Array ? init.body.length : 0;
    const method = init.method ?? 'GET';
    requests.push({ method, url: input, body: raw, bytes, headers: new Headers(init.headers) });
    return handle(method, url.pathname, raw ? JSON.parse(raw) : {}, init);
  };
  return { fetch, requests, rows, files, insert };
}
