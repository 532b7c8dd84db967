import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64Url, openSecret, sealSecret, toBase64Url } from '@burnlink/core';
import type { Restrictions } from '@burnlink/wire';
import type { FastifyInstance } from 'fastify';
import { writeCountryMmdb } from '../../src/policies/index.js';
import { claimBody } from './support.js';

/** A client-encrypted create with restrictions, as the web app or CLI sends it. */
export async function sendRestricted(
  app: FastifyInstance,
  restrictions: Restrictions,
  options: {
    passphrase?: string;
    max_views?: number;
    ttl?: number;
    headers?: Record<string, string>;
  } = {},
) {
  const sealed = await sealSecret(
    { v: 1, text: 'the launch codes' },
    options.passphrase ? { passphrase: options.passphrase, iterations: 100_000 } : {},
  );
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/secrets',
    headers: options.headers ?? {},
    payload: {
      verifier: sealed.verifier,
      kdf: sealed.kdf,
      ...(sealed.linkVerifier ? { link_verifier: sealed.linkVerifier } : {}),
      content: toBase64Url(sealed.content),
      ...(options.max_views === undefined ? {} : { max_views: options.max_views }),
      ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
      restrictions,
    },
  });
  const { id, receipt } = (res.statusCode === 201 ? res.json() : { id: '', receipt: '' }) as {
    id: string;
    receipt: string;
  };
  /** The claim body (token, link token) with this passphrase, or the sender's. */
  const claimPayload = async (passphrase = options.passphrase) =>
    (await claimBody(sealed.linkKey, sealed.kdf, passphrase)).body;
  /** What a code request sends to prove it holds the link: the link token with a passphrase, else the token. */
  const linkProof = async () => {
    const body = await claimPayload(options.passphrase);
    return 'link_token' in body ? { link_token: body.link_token as string } : { token: body.token };
  };
  /** Asks for a code for the recipient at `recipient`, proving the link. */
  const askCode = async (recipient = 0, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/verification`,
      headers,
      payload: { recipient, ...(await linkProof()) },
    });
  /** The text of a successful claim's content. */
  const open = async (content: string) => {
    const { contentKey } = await claimBody(sealed.linkKey, sealed.kdf, options.passphrase);
    return (await openSecret(fromBase64Url(content), contentKey)).text;
  };
  const claim = async (
    extra: { remoteAddress?: string; verification_code?: string; passphrase?: string } = {},
  ) => {
    const body = await claimPayload(extra.passphrase ?? options.passphrase);
    return app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/claim`,
      remoteAddress: extra.remoteAddress ?? '127.0.0.1',
      payload: {
        ...body,
        ...(extra.verification_code === undefined ? {} : { verification_code: extra.verification_code }),
      },
    });
  };
  return { res, id, receipt, claim, claimPayload, linkProof, askCode, open, linkKey: sealed.linkKey };
}

/** The 6-digit code of a verification mail. */
export function codeOf(text: string): string {
  const match = /\b(\d{6})\b/.exec(text);
  if (match === null) throw new Error('no code in the mail');
  return match[1] as string;
}

/** A real MaxMind-format country database in a temporary directory (written by the policies' test writer). */
export async function countryDatabase(entries: Array<{ cidr: string; country: string }>) {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-geoip-'));
  const path = join(dir, 'countries.mmdb');
  await writeCountryMmdb(path, entries);
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const COUNTRIES = [
  { cidr: '192.0.2.0/24', country: 'NL' },
  { cidr: '198.51.100.0/24', country: 'US' },
  { cidr: '2001:db8:1::/48', country: 'SE' },
];
