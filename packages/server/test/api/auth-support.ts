import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AccountsStore } from '../../src/accounts/accounts-store.js';
import type { Role } from '../../src/accounts/roles.js';
import { newRandomId } from '../../src/tokens.js';
import { type TestClock, testApp } from './support.js';

// What the sign-in tests share: a tiny CBOR encoder, a software WebAuthn authenticator (ES256, 'none'
// attestation, discoverable credentials), a cookie jar for app.inject, and organisations and invites made
// directly in the accounts store.

// ---- CBOR (RFC 8949), only what an attestation object needs ----------------------------------------------

export type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(value, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(value, 1);
  return b;
}

export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

// ---- A software authenticator --------------------------------------------------------------------------

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

interface Credential {
  id: Buffer;
  privateKey: KeyObject;
  cose: Buffer;
  rpId: string;
  userHandle: string;
  counter: number;
}

/**
 * A platform authenticator in software, as a browser plus authenticator would answer: ES256 keys made with
 * node:crypto, attestation 'none', user present and verified, a signature counter that counts up.
 * `origin` is what the "browser" writes into clientDataJSON (a wrong one must fail on the server).
 */
export class SoftAuthenticator {
  readonly credentials: Credential[] = [];

  constructor(public origin: string) {}

  /** Answers `navigator.credentials.create()` for the server's creation options. */
  register(options: {
    challenge: string;
    rp: { id?: string };
    user: { id: string };
  }): Record<string, unknown> {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = cbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
    const id = randomBytes(16);
    const credential: Credential = { id, privateKey, cose, rpId, userHandle: options.user.id, counter: 0 };
    this.credentials.push(credential);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([0x45]), // UP | UV | AT
      Buffer.alloc(4), // counter 0
      Buffer.alloc(16), // AAGUID
      idLength,
      id,
      cose,
    ]);
    const clientData = this.#clientData('webauthn.create', options.challenge);
    return {
      id: b64u(id),
      rawId: b64u(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientData),
        attestationObject: b64u(cbor({ fmt: 'none', attStmt: {}, authData })),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** Answers `navigator.credentials.get()` with a discoverable credential (the newest unless told). */
  assert(options: { challenge: string; rpId?: string }, which = this.credentials.length - 1) {
    const credential = this.credentials[which];
    if (credential === undefined) throw new Error('no credential');
    credential.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authData = Buffer.concat([sha256(options.rpId ?? credential.rpId), Buffer.from([0x05]), counter]);
    const clientData = this.#clientData('webauthn.get', options.challenge);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), credential.privateKey);
    return {
      id: b64u(credential.id),
      rawId: b64u(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientData),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  #clientData(type: string, challenge: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }
}

// ---- Cookies across app.inject calls -------------------------------------------------------------------

/** Keeps the cookies the app sets (by name; Path and Domain ignored) and sends them back. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie line seen, for the flag checks. */
  readonly lines: string[] = [];

  take(res: LightMyRequestResponse): LightMyRequestResponse {
    const header = res.headers['set-cookie'];
    const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
    for (const line of lines) {
      this.lines.push(line);
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attributes.some((a) => a.trim().toLowerCase() === 'max-age=0') || value === '';
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** The Set-Cookie line last seen for a cookie. */
  line(name: string): string | undefined {
    return this.lines.filter((line) => line.startsWith(`${name}=`)).at(-1);
  }
}

// ---- An app with an organisation and invites -----------------------------------------------------------

export const ORIGIN = 'http://burnlink.test';

export async function authApp(options: { env?: Record<string, string>; clock?: TestClock } = {}) {
  const built = await testApp({
    env: { BURNLINK_PUBLIC_URL: ORIGIN, ...options.env },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const store = built.app.burnlinkAccounts.store;
  const origin = built.config.publicUrl ?? ORIGIN;
  const org = await createOrg(store, built.clock.now(), 'Acme');
  return { ...built, store, origin, org };
}

export async function createOrg(store: AccountsStore, now: number, name: string, joinDomains: string[] = []) {
  const org = { id: newRandomId(), name, createdAt: now, joinDomains };
  await store.createOrg(org);
  return org;
}

/** An invite made directly in the store; answers its token (what the join link carries after `#`). */
export async function createInvite(
  store: AccountsStore,
  now: number,
  invite: { orgId: string; email: string; role?: Role; lifetimeMs?: number },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await store.createInvite({
    id: newRandomId(),
    orgId: invite.orgId,
    email: invite.email,
    role: invite.role ?? 'member',
    tokenHash: sha256(token).toString('hex'),
    invitedBy: null,
    createdAt: now,
    expiresAt: now + (invite.lifetimeMs ?? 86_400_000),
    acceptedAt: null,
  });
  return token;
}

/** POSTs JSON with the jar's cookies (and, signed in, the CSRF pair), keeping what the app sets. */
export async function post(
  app: FastifyInstance,
  jar: CookieJar,
  url: string,
  payload: object,
  csrf?: { origin: string; token: string },
) {
  return jar.take(
    await app.inject({
      method: 'POST',
      url,
      payload,
      headers: {
        cookie: jar.header(),
        ...(csrf ? { origin: csrf.origin, 'x-csrf-token': csrf.token } : {}),
      },
    }),
  );
}

/** The whole join: options with the invite, the authenticator's answer, the registration. */
export async function joinWithPasskey(
  app: FastifyInstance,
  jar: CookieJar,
  authenticator: SoftAuthenticator,
  invite: string,
  name = 'Alice',
) {
  const options = await post(app, jar, '/api/v1/auth/passkey/register/options', { invite, name });
  if (options.statusCode !== 200) return options;
  return post(app, jar, '/api/v1/auth/passkey/register', {
    response: authenticator.register(options.json()),
    name: 'Laptop',
  });
}

/** The whole passkey sign-in: options, the authenticator's assertion, the answer. */
export async function signInWithPasskey(
  app: FastifyInstance,
  jar: CookieJar,
  authenticator: SoftAuthenticator,
) {
  const options = await post(app, jar, '/api/v1/auth/passkey/sign-in/options', {});
  if (options.statusCode !== 200) return options;
  return post(app, jar, '/api/v1/auth/passkey/sign-in', { response: authenticator.assert(options.json()) });
}
