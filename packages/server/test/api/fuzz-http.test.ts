import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sendFiles, stageFiles, TUS } from './file-support.js';
import {
  b64u,
  bounded,
  count,
  expectCatalogueError,
  headerValue,
  params,
  pathSegment,
  reportCounts,
  runs,
  TEST_TIMEOUT,
  tally,
} from './fuzz-support.js';
import { rawRequest } from './raw-http.js';
import { claimAndOpen, claimBody, sendSecret, testApp } from './support.js';

// Issue #10, item 6: seeded property tests over the tus routes, the download, the receipts (through `inject`)
// and raw malformed HTTP (over a socket). Each case: no 5xx, every 4xx in the catalogue's shape (HEAD has no
// body), an answer within a bound, and no stored record changed by a rejected request. Each property ends
// with a normal create and claim. fast-check prints the seed and the shrunk counterexample of a failure.

/** A header that is left out, a plausible value, or any value Node lets through. */
const header = (...plausible: string[]) =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 2 },
    ...(plausible.length > 0 ? [{ arbitrary: fc.constantFrom(...plausible), weight: 4 }] : []),
    { arbitrary: headerValue(), weight: 3 },
  );

const numberText = fc.oneof(
  fc.nat().map(String),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('', ' 0', '0x10', '1e3', '-0', '9007199254740992', '999999999999999', '9'.repeat(16), '00'),
);

const withHeaders = (headers: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;

describe('fuzz: tus, download, receipts and raw HTTP (seeded)', () => {
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    ({ app } = await testApp());
    port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
  });
  afterAll(async () => {
    reportCounts();
    await app.close();
  });

  const inject = async (options: InjectOptions) => bounded(app.inject(options));

  /** The server still does the whole normal path: create, claim, open. */
  async function stillServes() {
    const sent = await sendSecret(app, { text: 'still here' });
    const { payload: opened } = await claimAndOpen(app, sent.id, sent.linkKey, null);
    expect(opened?.text).toBe('still here');
  }

  test(
    `tus PATCH/HEAD/DELETE/OPTIONS: ${runs('tus routes')} requests; a rejected one leaves the offset`,
    async () => {
      // A staged upload large enough that accepted PATCHes of a few bytes rarely complete it.
      let staged = await stageFiles(app, [200_000]);
      const offsetOf = async (url: string) => {
        const res = await inject({ method: 'HEAD', url, headers: { 'tus-resumable': '1.0.0' } });
        return res.statusCode === 200 ? Number(res.headers['upload-offset']) : null;
      };
      const request = fc.record({
        method: fc.constantFrom('PATCH', 'PATCH', 'PATCH', 'HEAD', 'DELETE', 'OPTIONS'),
        target: fc.oneof(
          { arbitrary: fc.constant('real'), weight: 3 },
          { arbitrary: pathSegment, weight: 2 },
        ),
        offset: fc.oneof(
          { arbitrary: fc.constant('current'), weight: 3 },
          { arbitrary: header('0', '1', '200000', '199999'), weight: 2 },
          { arbitrary: numberText, weight: 2 },
        ),
        tus: header('1.0.0', '1.0.0', '0.2.2', '1.0'),
        contentType: header(TUS['content-type'], TUS['content-type'], 'application/json', 'text/plain'),
        body: fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 1 },
          { arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 3 },
          { arbitrary: fc.string({ maxLength: 64 }), weight: 1 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          count('tus routes');
          // Each case starts from a live staged upload (the one before may have been cancelled or completed),
          // so that a shrunk counterexample is the request that failed, not what came before it.
          let offset = await offsetOf(staged.uploads[0]?.url as string);
          if (offset === null) {
            staged = await stageFiles(app, [200_000]);
            offset = 0;
          }
          const real = staged.uploads[0]?.url as string;
          const url = r.target === 'real' ? real : `/api/v1/uploads/${r.target}`;
          const res = await inject({
            method: r.method as InjectOptions['method'],
            url,
            headers: withHeaders({
              'upload-offset': r.offset === 'current' ? String(offset) : r.offset,
              'tus-resumable': r.tus,
              'content-type': r.contentType,
            }),
            ...(r.body === undefined ? {} : { payload: Buffer.from(r.body) }),
          });
          const what = `${r.method} ${url}`;
          tally('tus routes', res.statusCode);
          expectCatalogueError(res.statusCode, res.body, what, r.method === 'HEAD');
          const after = await offsetOf(real);
          if (res.statusCode >= 400) {
            // Rejected: the staged upload is where it was.
            expect(after, what).toBe(offset);
          } else if (r.method === 'PATCH' && url === real && res.headers['burnlink-secret'] !== 'ready') {
            expect(after, what).toBe(Number(res.headers['upload-offset']));
          }
        }),
        params('tus routes'),
      );
      await stillServes();
    },
    TEST_TIMEOUT,
  );

  test(
    `GET/HEAD /api/v1/files/:id: ${runs('download')} requests; a rejected one leaves the file and its grant`,
    async () => {
      const claimFile = async () => {
        const sent = await sendFiles(app, [5000], { max_views: 1 });
        const { body } = await claimBody(sent.linkKey, null);
        const res = await inject({ method: 'POST', url: `/api/v1/secrets/${sent.id}/claim`, payload: body });
        const { grant, files } = res.json() as { grant: string; files: { url: string; size: number }[] };
        return { grant, url: files[0]?.url as string, size: files[0]?.size as number };
      };
      let file = await claimFile();
      const stillThere = async () => {
        const res = await inject({
          method: 'HEAD',
          url: file.url,
          headers: { authorization: `Bearer ${file.grant}` },
        });
        return res.statusCode === 200 && Number(res.headers['content-length']) === file.size;
      };
      const request = fc.record({
        method: fc.constantFrom('GET', 'GET', 'HEAD'),
        target: fc.oneof(
          { arbitrary: fc.constant('real'), weight: 3 },
          { arbitrary: pathSegment, weight: 1 },
        ),
        authorization: fc.oneof(
          { arbitrary: fc.constant('grant'), weight: 2 },
          { arbitrary: b64u(0, 40).map((g) => `Bearer ${g}`), weight: 2 },
          { arbitrary: header('Bearer', 'Bearer ', 'Basic Zm9vOmJhcg=='), weight: 2 },
        ),
        range: fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 1 },
          {
            arbitrary: fc
              .tuple(numberText, fc.oneof(numberText, fc.constant('')))
              .map(([a, b]) => `bytes=${a}-${b}`),
            weight: 2,
          },
          {
            arbitrary: header('bytes=0-', 'bytes=-5', 'bytes=0-0,5-6', 'bytes=5000-', 'items=0-1'),
            weight: 2,
          },
        ),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          count('download');
          // Each case starts from a file still there with its grant (a GET before may have used it up).
          if (!(await stillThere())) file = await claimFile();
          const url = r.target === 'real' ? file.url : `/api/v1/files/${r.target}`;
          // The real grant is sent too: a GET the route takes uses the file up (the next case claims a fresh one).
          const res = await inject({
            method: r.method as InjectOptions['method'],
            url,
            headers: withHeaders({
              authorization: r.authorization === 'grant' ? `Bearer ${file.grant}` : r.authorization,
              range: r.range,
            }),
          });
          const what = `${r.method} ${url} range=${JSON.stringify(r.range)}`;
          tally('download', res.statusCode);
          expectCatalogueError(res.statusCode, res.body, what, r.method === 'HEAD');
          if (res.statusCode >= 400) expect(await stillThere(), what).toBe(true);
        }),
        params('download'),
      );
      await stillServes();
    },
    TEST_TIMEOUT,
  );

  describe('receipts', () => {
    let secret: Awaited<ReturnType<typeof sendSecret>>;
    const snapshot = async () => {
      const receipt = await inject({ method: 'GET', url: `/api/v1/receipts/${secret.receipt}` });
      const peek = await inject({ method: 'GET', url: `/api/v1/secrets/${secret.id}` });
      return { receipt: receipt.json(), peek: peek.json() };
    };
    beforeAll(async () => {
      secret = await sendSecret(app, { max_views: 5 });
    });
    const receiptString = fc.oneof(
      { arbitrary: pathSegment, weight: 4 },
      { arbitrary: fc.constant('id'), weight: 1 },
      { arbitrary: b64u(32, 32).map((r) => `${r}x`), weight: 1 },
    );
    const asReceipt = (r: string) => (r === 'id' ? secret.id : r);

    test(
      `GET /api/v1/receipts/:receipt: ${runs('receipt GET')} strings; nothing changes`,
      async () => {
        const before = await snapshot();
        await fc.assert(
          fc.asyncProperty(receiptString, async (r) => {
            count('receipt GET');
            const res = await inject({ method: 'GET', url: `/api/v1/receipts/${asReceipt(r)}` });
            tally('receipt GET', res.statusCode);
            expectCatalogueError(res.statusCode, res.body, r);
            expect(res.statusCode, r).toBe(404);
          }),
          params('receipt GET'),
        );
        expect(await snapshot()).toEqual(before);
        await stillServes();
      },
      TEST_TIMEOUT,
    );

    test(
      `POST /api/v1/receipts/:receipt/burn: ${runs('receipt burn')} strings and bodies; nothing burns`,
      async () => {
        const before = await snapshot();
        const body = fc.oneof(
          fc.constant(undefined),
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
          fc.string({ maxLength: 40 }),
        );
        await fc.assert(
          fc.asyncProperty(receiptString, body, fc.boolean(), async (r, payload, json) => {
            count('receipt burn');
            const res = await inject({
              method: 'POST',
              url: `/api/v1/receipts/${asReceipt(r)}/burn`,
              ...(json ? { headers: { 'content-type': 'application/json' } } : {}),
              ...(payload === undefined ? {} : { payload }),
            });
            tally('receipt burn', res.statusCode);
            expectCatalogueError(res.statusCode, res.body, r);
            expect(res.statusCode, r).toBeGreaterThanOrEqual(400);
          }),
          params('receipt burn'),
        );
        expect(await snapshot()).toEqual(before);
        await stillServes();
      },
      TEST_TIMEOUT,
    );
  });

  test(
    `raw malformed HTTP: ${runs('raw HTTP')} requests over a socket, each answered or closed within 3 s`,
    async () => {
      const secret = await sendSecret(app, { max_views: 5 });
      const before = (await inject({ method: 'GET', url: `/api/v1/secrets/${secret.id}` })).json();
      const bytes = (max: number) =>
        fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b).toString('latin1'));
      // Mostly well-formed request lines, so that the headers and the routes behind them are reached too.
      const token = fc.oneof(
        { arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'HEAD', 'DELETE', 'OPTIONS'), weight: 6 },
        { arbitrary: fc.constantFrom('PUT', 'CONNECT', 'TRACE', 'get', ''), weight: 1 },
        { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 8 }), weight: 1 },
      );
      const target = fc.oneof(
        fc.constantFrom('/', '*', '/api/v1/secrets', '/healthz', '/api/v1/config', 'http://x/', ''),
        pathSegment.map((s) => `/api/v1/secrets/${s}/claim`),
        pathSegment.map((s) => `/api/v1/uploads/${s}`),
        pathSegment.map((s) => `/api/v1/receipts/${s}`),
        bytes(30),
      );
      const version = fc.oneof(
        { arbitrary: fc.constant('HTTP/1.1'), weight: 6 },
        {
          arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', 'http/1.1', 'HTTP/9.9', ''),
          weight: 1,
        },
        { arbitrary: bytes(10), weight: 1 },
      );
      const headerLine = fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            'Host: x',
            'Content-Length: 0',
            'Content-Length: 5',
            'Content-Length: -1',
            'Content-Length: 1, 2',
            'Content-Type: application/json',
            'Transfer-Encoding: chunked',
            'Transfer-Encoding: gzip, chunked',
            'Expect: 100-continue',
            'Connection: keep-alive',
            'Upgrade: websocket',
            ' folded',
            ':',
            'X: \x00',
          ),
        },
        fc.tuple(fc.string({ unit: 'binary-ascii', maxLength: 12 }), bytes(30)).map(([n, v]) => `${n}: ${v}`),
        bytes(40),
        fc.constant(`X-Long: ${'a'.repeat(20_000)}`),
      );
      const request = fc.tuple(
        token,
        target,
        version,
        fc.oneof(
          fc.constant([]),
          fc.array(headerLine, { maxLength: 1 }),
          fc.array(headerLine, { maxLength: 6 }),
        ),
        fc.boolean(),
        fc.oneof(fc.constant(''), bytes(40), fc.constant('{"text":"x"}'), fc.constant('0\r\n\r\n')),
      );
      await fc.assert(
        fc.asyncProperty(request, async ([method, path, http, headers, host, body]) => {
          count('raw HTTP');
          const lines = [...(host ? ['Host: 127.0.0.1'] : []), ...headers, 'Connection: close']
            .map((line) => `${line}\r\n`)
            .join('');
          const raw = `${method} ${path} ${http}\r\n${lines}\r\n${body}`;
          const answer = await rawRequest(port, Buffer.from(raw, 'latin1'), 3_000, { halfClose: true });
          const what = JSON.stringify(raw.slice(0, 300));
          tally('raw HTTP', answer.status);
          if (answer.status === null) return; // closed without an answer (e.g. a body cut short): allowed
          const json = /^application\/json/.test(answer.headers['content-type'] ?? '');
          expect(answer.status, `${what} → ${answer.status} ${answer.body.slice(0, 200)}`).toBeLessThan(500);
          if (answer.status >= 400 && (json || answer.body !== '')) {
            expectCatalogueError(answer.status, answer.body, what, method === 'HEAD');
          }
        }),
        params('raw HTTP'),
      );
      expect((await inject({ method: 'GET', url: `/api/v1/secrets/${secret.id}` })).json()).toEqual(before);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      await stillServes();
    },
    TEST_TIMEOUT,
  );
});
