import type { FastifyRequest } from 'fastify';
import type { Authenticator, Principal } from '../../auth/principal.js';
import { notAuthorized } from './errors.js';

/** The OTS caller: a burnlink principal (by API key) and the `custid` OTS echoes back. */
export interface OtsCaller {
  principal: Principal | null;
  custid: string;
}

const usernames = new WeakMap<FastifyRequest, string>();

/**
 * onRequest hook of the compat scope: OTS clients send `Authorization: Basic base64(custid:apitoken)`. The
 * token must be a burnlink API key (`bl_…`); it is handed on as `Bearer` so that the one Authenticator (and
 * the per-key rate limits) see it. The username is not checked (docs/ots-compat.md): it is only echoed as
 * `custid`. A malformed Basic header is 401 at once.
 */
export async function basicToBearer(request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  // The guest routes (v2) are anonymous: they never look at credentials.
  if (header === undefined || request.url.startsWith('/api/v2/guest/')) return;
  const [kind, encoded] = header.split(' ', 2);
  if (kind?.toLowerCase() !== 'basic') return;
  const decoded = Buffer.from(encoded ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const token = colon < 0 ? '' : decoded.slice(colon + 1).trim();
  if (!token.startsWith('bl_')) throw notAuthorized();
  usernames.set(request, decoded.slice(0, colon));
  request.headers.authorization = `Bearer ${token}`;
}

/** The caller of a compat request: 401 in OTS's shape for a bad key, anonymous without credentials. */
export async function otsCaller(auth: Authenticator, request: FastifyRequest): Promise<OtsCaller> {
  let principal: Principal | null;
  try {
    principal = await auth.principal(request);
  } catch {
    throw notAuthorized();
  }
  if (principal === null || principal.via !== 'api_key') return { principal: null, custid: 'anon' };
  const username = usernames.get(request);
  return { principal, custid: username === undefined || username === '' ? 'anon' : username };
}
