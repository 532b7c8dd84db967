import { parseSecretLink } from '@burnlink/core';
import { describe, expect, it } from 'vitest';
import { createClient } from './burnlink-client.js';
import type { FetchLike } from './http.js';
import { linkOrigin } from './send-secret.js';

// Links on a custom domain (docs/api.md, create reply `link_origin`): the SDK builds the link on the origin the
// server names, and never on something that is not a plain origin.

const BASE = 'https://burnlink.example';
const id = 'A'.repeat(22);
const receipt = `${'B'.repeat(21)}A`;

/** A server that answers every create with this reply (plus `link_origin` when given). */
const creating =
  (linkOriginField?: unknown): FetchLike =>
  async () =>
    new Response(
      JSON.stringify({
        id,
        receipt,
        expires_at: '2026-11-21T10:00:00.000Z',
        ...(linkOriginField === undefined ? {} : { link_origin: linkOriginField }),
      }),
      { status: 201, headers: { 'content-type': 'application/json' } },
    );

describe('send: where the link goes', () => {
  it("uses the reply's link_origin for the link and the receipt link", async () => {
    const fetch = creating('https://secrets.acme.example');
    const sent = await createClient({ baseUrl: BASE, fetch }).send({ text: 'hunter2' });
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.link).toMatch(/^https:\/\/secrets\.acme\.example\/s\/A{22}#[\w-]{43}$/);
    expect(sent.receiptLink).toBe(`https://secrets.acme.example/r/${receipt}`);
    expect(parseSecretLink(sent.link).id).toBe(id);
  });

  it('uses the base URL without link_origin', async () => {
    const sent = await createClient({ baseUrl: `${BASE}/`, fetch: creating() }).send({ text: 'x' });
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.link.startsWith(`${BASE}/s/${id}#`)).toBe(true);
    expect(sent.receiptLink).toBe(`${BASE}/r/${receipt}`);
  });

  it('keeps the base URL for a link_origin that is not a plain https origin', async () => {
    for (const odd of [
      'http://secrets.acme.example',
      'https://secrets.acme.example/path',
      'https://user@secrets.acme.example',
      'javascript:alert(1)',
      'secrets.acme.example',
      '',
    ]) {
      const sent = await createClient({ baseUrl: BASE, fetch: creating(odd) }).send({ text: 'x' });
      if (!sent.ok) throw new Error(sent.message);
      expect(sent.link.startsWith(`${BASE}/s/`), odd).toBe(true);
    }
  });
});

describe('linkOrigin', () => {
  it('follows http only from an http base URL (a laptop), and https always', () => {
    expect(linkOrigin('http://localhost:8080', 'http://acme.localtest:8080')).toBe(
      'http://acme.localtest:8080',
    );
    expect(linkOrigin('http://localhost:8080', 'https://secrets.acme.example')).toBe(
      'https://secrets.acme.example',
    );
    expect(linkOrigin(BASE, 'http://secrets.acme.example')).toBe(BASE);
    expect(linkOrigin(BASE, 'https://secrets.acme.example:8443')).toBe('https://secrets.acme.example:8443');
    expect(linkOrigin(BASE, 'https://secrets.acme.example:443')).toBe(BASE);
    expect(linkOrigin(BASE, undefined)).toBe(BASE);
  });
});
