import { toBase64Url } from '@burnlink/core';
import { parseInboxLink, parseRequestLink } from '@burnlink/core/requests';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/support/test-server.js';
import { createClient } from './burnlink-client.js';
import { fileSourceFromBytes } from './files/file-source.js';

// "Request a secret" through the SDK against the real app (docs/api.md "Requests"), behind the recording proxy.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const client = () => createClient({ baseUrl: server.url });

function collect() {
  const chunks: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk.slice()) });
  return { sink, bytes: () => Buffer.concat(chunks) };
}

describe('request a secret through the SDK', () => {
  it('request → open → respond with text and a file → inbox → read once; no key ever reaches the server', async () => {
    const requester = client();
    const made = await requester.createRequest({ description: 'the staging DB password ✓', ttl: 3600 });
    if (!made.ok) throw new Error(made.message);
    expect(made.requestLink).toMatch(new RegExp(`^${server.url}/q/${made.id}#`));
    expect(made.inboxLink).toMatch(new RegExp(`^${server.url}/i/${made.id}#`));
    expect(made.receiptLink).toBe(`${server.url}/rq/${made.receipt}`);

    expect(await requester.inbox(made.inboxLink)).toMatchObject({
      ok: true,
      state: 'waiting',
      response: null,
    });
    expect(await requester.readResponse(made.inboxLink)).toMatchObject({
      ok: false,
      reason: 'invalid_request',
      code: 'request_waiting',
    });

    const responder = createClient({ baseUrl: 'https://elsewhere.example' });
    expect(await responder.openRequest(made.requestLink)).toMatchObject({
      ok: true,
      id: made.id,
      description: 'the staging DB password ✓',
    });
    const file = new Uint8Array(100_000).map((_, i) => i % 251);
    const answered = await responder.respond(
      made.requestLink,
      { text: 'hunter2', files: [fileSourceFromBytes(file, 'dump.bin')], passphrase: 'horse' },
      { chunkBytes: 30_000 },
    );
    expect(answered).toMatchObject({ ok: true });

    const box = await requester.inbox(made.inboxLink);
    expect(box).toMatchObject({ ok: true, state: 'answered', response: { passphrase: true, files: 1 } });
    expect(await requester.readResponse(made.inboxLink)).toMatchObject({ reason: 'passphrase_required' });
    const read = await requester.readResponse(made.inboxLink, { passphrase: 'horse' });
    if (!read.ok) throw new Error(read.message);
    expect(read.payload.text).toBe('hunter2');
    expect(read.files.map((f) => f.name)).toEqual(['dump.bin']);
    const out = collect();
    expect(await read.files[0]!.download(out.sink)).toEqual({ ok: true });
    expect(out.bytes()).toEqual(Buffer.from(file));

    expect(await requester.inbox(made.inboxLink)).toMatchObject({ ok: true, state: 'read' });
    expect(await requester.requestReceipt(made.receiptLink)).toMatchObject({ ok: true, state: 'read' });
    expect(await requester.readResponse(made.inboxLink, { passphrase: 'horse' })).toMatchObject({
      ok: false,
      reason: 'not_found',
    });

    // What the server received: never Q, S, the passphrase or the plaintext.
    const wire = server.proxy.seen.map((r) => `${r.url} ${r.body}`).join('\n');
    expect(wire).not.toContain(toBase64Url(parseRequestLink(made.requestLink).key));
    expect(wire).not.toContain(toBase64Url(parseInboxLink(made.inboxLink).key));
    expect(wire).not.toContain('hunter2');
    expect(wire).not.toContain('horse');
    expect(wire).not.toContain('staging DB');
  });

  it('a request takes one answer: the second is request_answered, and a wrong link request_not_found', async () => {
    const made = await client().createRequest({ description: 'once' });
    if (!made.ok) throw new Error(made.message);
    expect(await client().respond(made.requestLink, { text: 'first' })).toMatchObject({ ok: true });
    expect(await client().respond(made.requestLink, { text: 'second' })).toMatchObject({
      ok: false,
      reason: 'request_answered',
    });
    expect(await client().openRequest(made.requestLink)).toMatchObject({
      ok: false,
      reason: 'request_answered',
    });
    const read = await client().readResponse(made.inboxLink);
    expect(read).toMatchObject({ ok: true, payload: { text: 'first' } });
    // Another request's inbox key does not open this inbox.
    const other = await client().createRequest({ description: 'other' });
    if (!other.ok) throw new Error(other.message);
    const forged = `${server.url}/i/${made.id}#${other.inboxLink.split('#')[1]}`;
    expect(await client().inbox(forged)).toMatchObject({ ok: false, reason: 'request_not_found' });
  });

  it('burns by inbox link or by receipt; the responder then finds nothing', async () => {
    for (const by of ['inbox', 'receipt'] as const) {
      const made = await client().createRequest({ description: `burn by ${by}` });
      if (!made.ok) throw new Error(made.message);
      expect(await client().burnRequest(by === 'inbox' ? made.inboxLink : made.receipt)).toEqual({
        ok: true,
      });
      expect(await client().requestReceipt(made.receiptLink)).toMatchObject({ ok: true, state: 'burned' });
      expect(await client().respond(made.requestLink, { text: 'late' })).toMatchObject({
        ok: false,
        reason: 'request_not_found',
      });
    }
  });

  it('malformed links are bad_link before anything is sent', async () => {
    const before = server.proxy.seen.length;
    expect(await client().openRequest('https://x.example/s/AAAAAAAAAAAAAAAAAAAAAA#x')).toMatchObject({
      reason: 'bad_link',
    });
    expect(await client().inbox('not a link')).toMatchObject({ reason: 'bad_link' });
    expect(await client().createRequest({ description: ' ' })).toMatchObject({ reason: 'invalid_request' });
    expect(server.proxy.seen.length).toBe(before);
  });
});
