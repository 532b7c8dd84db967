import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AccountsService, inviteTokenHash } from '../accounts/accounts-service.js';
import { AccountsConflictError, type AccountsStore } from '../accounts/accounts-store.js';
import type { Passkey, User } from '../accounts/accounts-types.js';
import type { Role } from '../accounts/roles.js';
import { ApiError } from '../errors.js';
import type { LifecycleEvents } from '../service/events.js';
import type { Ceremonies } from './ceremonies.js';
import { type Authenticator, callerOf } from './principal.js';
import type { SignInThrottle } from './sign-in-throttle.js';

/** Loaded at the first ceremony: an install that never signs anyone in never pays its memory. */
const webauthn = () => import('@simplewebauthn/server');

/** How long a passkey ceremony may take, from its options to its answer. */
export const PASSKEY_CEREMONY_MS = 5 * 60_000;

export interface PasskeyServiceDeps {
  accounts: AccountsService;
  auth: Authenticator;
  ceremonies: Ceremonies;
  throttle: SignInThrottle;
  events: LifecycleEvents;
  now: () => number;
}

/** Who signed in (or registered) and where; the route turns it into `SignedInReply`. */
export interface SignedIn {
  user: User;
  org: { id: string; name: string };
  role: Role;
  /** Null when a signed-in person added a passkey and kept their session. */
  csrfToken: string | null;
  passkey?: Passkey;
}

interface RegisterState {
  challenge: string;
  /** SHA-256 of the invite token (joining), never the token. */
  inviteHash: string | null;
  /** The signed-in person adding a passkey. */
  userId: string | null;
  personName: string;
}

interface SignInState {
  challenge: string;
}

const failed = () => new ApiError('sign_in_failed');

/**
 * Passkeys (WebAuthn, `@simplewebauthn/server`; docs/teams.md "Signing in"). Registration from an invite (the
 * invite is checked when the ceremony starts and used only when the passkey is verified) or by a signed-in
 * person adding another; sign-in with discoverable credentials. The relying party is the instance's origin:
 * RP ID its host name, the expected origin `Sessions.origin`. User verification is preferred, not required.
 * The store keeps each passkey's public key, signature counter and transports; never anything secret.
 */
export class PasskeyService {
  readonly #d: PasskeyServiceDeps;
  readonly #store: AccountsStore;

  constructor(deps: PasskeyServiceDeps) {
    this.#d = deps;
    this.#store = deps.accounts.store;
  }

  async registerOptions(
    request: FastifyRequest,
    reply: FastifyReply,
    body: { invite?: string | undefined; name?: string | undefined },
  ) {
    let state: RegisterState;
    let user: { id: string; email: string; name: string };
    let existing: Passkey[] = [];
    if (body.invite !== undefined) {
      const inviteHash = inviteTokenHash(body.invite);
      const invite = await this.#d.accounts.liveInvite(inviteHash);
      if (invite === null) throw new ApiError('invite_not_found');
      const person = await this.#store.findUserByEmail(invite.email);
      const personName = (body.name ?? person?.name ?? '').trim() || invite.email.split('@')[0] || '';
      user = { id: person?.id ?? '', email: invite.email, name: personName };
      if (person !== null) {
        existing = await this.#store.listPasskeys(person.id);
        await this.#refuseTakeover(request, person.id, existing.length);
      }
      state = { challenge: '', inviteHash, userId: null, personName };
    } else {
      const principal = await this.#d.auth.requireSession(request);
      const person = await this.#store.getUser(principal.userId);
      if (person === null) throw new ApiError('unauthenticated');
      user = person;
      existing = await this.#store.listPasskeys(person.id);
      state = { challenge: '', inviteHash: null, userId: person.id, personName: person.name };
    }
    const { rpID } = this.#relyingParty(request);
    const options = await (await webauthn()).generateRegistrationOptions({
      rpName: 'burnlink',
      rpID,
      userName: user.email,
      userDisplayName: user.name || user.email,
      ...(user.id === '' ? {} : { userID: new TextEncoder().encode(user.id) }),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p) })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      timeout: PASSKEY_CEREMONY_MS,
    });
    state.challenge = options.challenge;
    await this.#d.ceremonies.start(request, reply, 'passkey-register', state, PASSKEY_CEREMONY_MS);
    return options;
  }

  async register(
    request: FastifyRequest,
    reply: FastifyReply,
    body: { response: unknown; name: string },
  ): Promise<SignedIn> {
    const address = request.ip;
    this.#d.throttle.check(address);
    const state = await this.#d.ceremonies.finish<RegisterState>(request, reply, 'passkey-register');
    if (state === null) throw this.#fail(address, 'no_ceremony');
    // A signed-in person's session must still be theirs (and the change pass the CSRF check).
    const principal = state.userId === null ? null : await this.#d.auth.requireSession(request);
    if (principal !== null && principal.userId !== state.userId) throw this.#fail(address, 'other_person');
    const { rpID, origin } = this.#relyingParty(request);
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await (await webauthn()).verifyRegistrationResponse({
        response: body.response as RegistrationResponseJSON,
        expectedChallenge: state.challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: false,
      });
    } catch {
      throw this.#fail(address, 'verification');
    }
    if (!verified.verified) throw this.#fail(address, 'verification');
    const { credential } = verified.registrationInfo;
    if ((await this.#store.getPasskey(credential.id)) !== null) {
      throw new ApiError('already_exists', 'This passkey is already registered.');
    }
    const { now, events } = this.#d;
    const who =
      state.inviteHash !== null
        ? await this.#d.accounts.acceptInviteByHash(state.inviteHash, { name: state.personName })
        : { userId: principal?.userId as string, orgId: principal?.orgId as string };
    const passkey: Passkey = {
      id: credential.id,
      userId: who.userId,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      name: body.name.trim() || 'Passkey',
      createdAt: now(),
      lastUsedAt: null,
    };
    try {
      await this.#store.addPasskey(passkey);
    } catch (error) {
      if (error instanceof AccountsConflictError)
        throw new ApiError('already_exists', 'This passkey is already registered.');
      throw error;
    }
    events.emit({
      type: 'passkey.added',
      at: now(),
      userId: who.userId,
      passkeyId: passkey.id,
      caller: { actor: { type: 'user', id: who.userId }, orgId: who.orgId, ip: request.ip },
    });
    if (principal !== null) {
      return { ...(await this.#who(who.userId, who.orgId)), csrfToken: null, passkey };
    }
    const signedIn = await this.#signIn(request, reply, who.userId, who.orgId);
    return { ...signedIn, passkey };
  }

  /**
   * An invite names an email, and whoever holds the invite link may register a passkey with it. For a new
   * person that is the point; but the email may belong to someone who already signs in (an invite from another
   * organisation): adding a passkey to their account would hand it to the invite's holder, who may be that
   * organisation's admin. So such a person must be signed in as themselves to use the invite.
   */
  async #refuseTakeover(request: FastifyRequest, userId: string, passkeys: number): Promise<void> {
    if (passkeys === 0 && (await this.#store.listIdentities(userId)).length === 0) return;
    const principal = await this.#d.auth.principal(request).catch(() => null);
    if (principal?.session != null && principal.userId === userId) return;
    throw new ApiError(
      'forbidden',
      'This invite is for someone who already has an account here: sign in first, then open the invite again.',
    );
  }

  async signInOptions(request: FastifyRequest, reply: FastifyReply) {
    const { rpID } = this.#relyingParty(request);
    const options = await (await webauthn()).generateAuthenticationOptions({
      rpID,
      allowCredentials: [],
      userVerification: 'preferred',
      timeout: PASSKEY_CEREMONY_MS,
    });
    const state: SignInState = { challenge: options.challenge };
    await this.#d.ceremonies.start(request, reply, 'passkey-sign-in', state, PASSKEY_CEREMONY_MS);
    return options;
  }

  async signIn(request: FastifyRequest, reply: FastifyReply, body: { response: unknown }): Promise<SignedIn> {
    const address = request.ip;
    this.#d.throttle.check(address);
    const state = await this.#d.ceremonies.finish<SignInState>(request, reply, 'passkey-sign-in');
    if (state === null) throw this.#fail(address, 'no_ceremony');
    const response = body.response as AuthenticationResponseJSON;
    const passkey = await this.#store.getPasskey(response.id);
    if (passkey === null) throw this.#fail(address, 'unknown_passkey');
    const { rpID, origin } = this.#relyingParty(request);
    let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verified = await (await webauthn()).verifyAuthenticationResponse({
        response,
        expectedChallenge: state.challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        credential: {
          id: passkey.id,
          publicKey: new Uint8Array(passkey.publicKey),
          counter: passkey.counter,
          transports: transportsOf(passkey),
        },
        requireUserVerification: false,
      });
    } catch {
      throw this.#fail(address, 'verification');
    }
    if (!verified.verified) throw this.#fail(address, 'verification');
    await this.#store.usePasskey(passkey.id, verified.authenticationInfo.newCounter, this.#d.now());
    const [first] = await this.#store.membershipsOf(passkey.userId);
    if (first === undefined) throw this.#fail(address, 'no_organisation');
    return this.#signIn(request, reply, passkey.userId, first.orgId);
  }

  async list(request: FastifyRequest): Promise<Passkey[]> {
    const principal = await this.#d.auth.requireSession(request);
    return this.#store.listPasskeys(principal.userId);
  }

  /** Removes one of my passkeys; never the last one of a person who has no identity provider to sign in with. */
  async remove(request: FastifyRequest, id: string): Promise<void> {
    const principal = await this.#d.auth.requireSession(request);
    const mine = await this.#store.listPasskeys(principal.userId);
    if (!mine.some((p) => p.id === id)) throw new ApiError('passkey_not_found');
    if (mine.length === 1 && (await this.#store.listIdentities(principal.userId)).length === 0) {
      throw new ApiError('last_passkey');
    }
    if (!(await this.#store.removePasskey(principal.userId, id))) throw new ApiError('passkey_not_found');
    this.#d.events.emit({
      type: 'passkey.removed',
      at: this.#d.now(),
      userId: principal.userId,
      passkeyId: id,
      caller: callerOf(principal),
    });
  }

  async #signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    orgId: string,
  ): Promise<SignedIn> {
    const who = await this.#who(userId, orgId);
    const { csrfToken } = await this.#d.auth.sessions.issue(request, reply, { userId, orgId });
    this.#d.events.emit({
      type: 'session.signed_in',
      at: this.#d.now(),
      orgId,
      userId,
      method: 'passkey',
      caller: { actor: { type: 'user', id: userId }, orgId, ip: request.ip },
    });
    return { ...who, csrfToken };
  }

  async #who(userId: string, orgId: string): Promise<Omit<SignedIn, 'csrfToken'>> {
    const [user, org, member] = await Promise.all([
      this.#store.getUser(userId),
      this.#store.getOrg(orgId),
      this.#store.getMember(orgId, userId),
    ]);
    if (user === null || org === null || member === null) throw new ApiError('sign_in_failed');
    return { user, org: { id: org.id, name: org.name }, role: member.role };
  }

  /** Counts a failure against the address, emits it (a reason, never a credential) and answers the error. */
  #fail(address: string, reason: string): ApiError {
    this.#d.throttle.fail(address);
    this.#d.events.emit({
      type: 'session.sign_in_failed',
      at: this.#d.now(),
      method: 'passkey',
      reason,
      caller: { actor: { type: 'anonymous', id: null }, orgId: null, ip: address },
    });
    return failed();
  }

  #relyingParty(request: FastifyRequest): { rpID: string; origin: string } {
    const origin = this.#d.auth.sessions.origin(request);
    return { origin, rpID: new URL(origin).hostname };
  }
}

const transportsOf = (passkey: Passkey) => passkey.transports as AuthenticatorTransportFuture[];
