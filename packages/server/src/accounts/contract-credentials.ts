import { describe, expect, it } from 'vitest';
import { AccountsConflictError } from './accounts-store.js';
import {
  type AccountsContext,
  DAY,
  HOUR,
  memberOf,
  newInvite,
  newKey,
  newPasskey,
  newSession,
  newUser,
  orgWithOwner,
  randomHash,
  randomId,
} from './contract-fixtures.js';

/** Sessions, API keys, invites, passkeys and identity-provider links. */
export function describeCredentials(ctx: AccountsContext): void {
  describe('sessions', () => {
    it('stores a session and answers copies; touchSession only moves lastSeenAt forward', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const session = newSession(owner.id, org.id);
      await ctx.store.createSession(session);
      expect(await ctx.store.getSession(session.idHash)).toEqual(session);
      const copy = await ctx.store.getSession(session.idHash);
      copy!.expiresAt += DAY;
      expect(await ctx.store.getSession(session.idHash)).toEqual(session);

      await ctx.store.touchSession(session.idHash, session.lastSeenAt + 1000);
      expect(await ctx.store.getSession(session.idHash)).toMatchObject({
        lastSeenAt: session.lastSeenAt + 1000,
      });
      await ctx.store.touchSession(session.idHash, session.lastSeenAt + 10);
      expect(await ctx.store.getSession(session.idHash)).toEqual({
        ...session,
        lastSeenAt: session.lastSeenAt + 1000,
      });
      await ctx.store.touchSession(randomHash(), Date.now());
      expect(await ctx.store.getSession(randomHash())).toBeNull();
    });

    it('refuses a session id hash taken', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const session = newSession(owner.id, org.id);
      await ctx.store.createSession(session);
      const again = ctx.store.createSession({ ...newSession(owner.id, org.id), idHash: session.idHash });
      await expect(again).rejects.toBeInstanceOf(AccountsConflictError);
      expect(await ctx.store.getSession(session.idHash)).toEqual(session);
    });

    it('lists a person’s sessions newest first; deletes one, then all of them ("sign out everywhere")', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const now = Date.now();
      const sessions = [0, 2, 1].map((i) => newSession(owner.id, org.id, { createdAt: now + i }));
      for (const session of sessions) await ctx.store.createSession(session);
      const stranger = newUser();
      await ctx.store.createUser(stranger);
      await ctx.store.addMember({ orgId: org.id, userId: stranger.id, role: 'member', createdAt: now });
      const theirs = newSession(stranger.id, org.id);
      await ctx.store.createSession(theirs);

      expect((await ctx.store.listUserSessions(owner.id)).map((s) => s.createdAt)).toEqual([
        now + 2,
        now + 1,
        now,
      ]);
      expect(await ctx.store.deleteSession(sessions[0]!.idHash)).toBe(true);
      expect(await ctx.store.deleteSession(sessions[0]!.idHash)).toBe(false);
      expect(await ctx.store.getSession(sessions[0]!.idHash)).toBeNull();
      expect(await ctx.store.deleteUserSessions(owner.id)).toBe(2);
      expect(await ctx.store.deleteUserSessions(owner.id)).toBe(0);
      expect(await ctx.store.listUserSessions(owner.id)).toEqual([]);
      expect(await ctx.store.getSession(theirs.idHash)).toEqual(theirs);
      expect(await ctx.store.listUserSessions(randomId())).toEqual([]);
    });
  });

  describe('API keys', () => {
    it('stores keys and lists an organisation’s newest first, revoked ones included', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const now = Date.now();
      const older = newKey(org.id, owner.id, { createdAt: now - HOUR });
      const admin = newKey(org.id, null, { createdAt: now, scopes: [], name: 'admin key' });
      await ctx.store.createKey(older);
      await ctx.store.createKey(admin);
      expect(await ctx.store.getKey(admin.id)).toEqual(admin);
      expect(await ctx.store.revokeKey(older.id, now)).toBe(true);
      expect(await ctx.store.listKeys(org.id)).toEqual([admin, { ...older, revokedAt: now }]);
      const copy = await ctx.store.getKey(admin.id);
      copy!.scopes.push('keys:manage');
      expect(await ctx.store.getKey(admin.id)).toEqual(admin);
      expect(await ctx.store.getKey(randomId())).toBeNull();
      expect(await ctx.store.listKeys(randomId())).toEqual([]);
    });

    it('refuses a key id taken, keeping the first', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const key = newKey(org.id, owner.id);
      await ctx.store.createKey(key);
      const again = ctx.store.createKey(newKey(org.id, null, { id: key.id }));
      await expect(again).rejects.toBeInstanceOf(AccountsConflictError);
      expect(await ctx.store.getKey(key.id)).toEqual(key);
    });

    it('revokeKey succeeds once; unknown keys answer false', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const key = newKey(org.id, owner.id);
      await ctx.store.createKey(key);
      expect(await ctx.store.revokeKey(key.id, 1000)).toBe(true);
      expect(await ctx.store.revokeKey(key.id, 2000)).toBe(false);
      expect(await ctx.store.getKey(key.id)).toMatchObject({ revokedAt: 1000 });
      expect(await ctx.store.revokeKey(randomId(), 1000)).toBe(false);
    });

    it('shortenKey moves the expiry earlier, never later; false when unknown or revoked', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const key = newKey(org.id, owner.id);
      await ctx.store.createKey(key);
      expect(await ctx.store.shortenKey(key.id, key.expiresAt - DAY)).toBe(true);
      expect(await ctx.store.getKey(key.id)).toMatchObject({ expiresAt: key.expiresAt - DAY });
      await ctx.store.shortenKey(key.id, key.expiresAt + DAY);
      expect(await ctx.store.getKey(key.id)).toMatchObject({ expiresAt: key.expiresAt - DAY });
      expect(await ctx.store.shortenKey(randomId(), 0)).toBe(false);
      await ctx.store.revokeKey(key.id, Date.now());
      expect(await ctx.store.shortenKey(key.id, key.expiresAt - 2 * DAY)).toBe(false);
      expect(await ctx.store.getKey(key.id)).toMatchObject({ expiresAt: key.expiresAt - DAY });
    });

    it('touchKey records the last use, only forward; unknown keys are ignored', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const key = newKey(org.id, owner.id);
      await ctx.store.createKey(key);
      await ctx.store.touchKey(key.id, key.createdAt + 5000);
      await ctx.store.touchKey(key.id, key.createdAt + 1000);
      expect(await ctx.store.getKey(key.id)).toEqual({ ...key, lastUsedAt: key.createdAt + 5000 });
      await ctx.store.touchKey(randomId(), Date.now());
    });
  });

  describe('invites', () => {
    it('stores an invite with the email in lower case; lists pending ones newest first', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const now = Date.now();
      const older = newInvite(org.id, { createdAt: now - 2, email: `New.${randomId(4)}@Example.TEST` });
      const newer = newInvite(org.id, { createdAt: now - 1, role: 'admin' });
      const expired = newInvite(org.id, { createdAt: now - 3, expiresAt: now });
      const accepted = newInvite(org.id, { createdAt: now - 4 });
      for (const invite of [older, newer, expired, accepted]) await ctx.store.createInvite(invite);
      await ctx.store.acceptInvite(accepted.tokenHash, now - 1);
      const stored = { ...older, email: older.email.toLowerCase() };
      expect(await ctx.store.getInviteByToken(older.tokenHash)).toEqual(stored);
      expect(await ctx.store.listInvites(org.id, now)).toEqual([newer, stored]);
      expect((await ctx.store.listInvites(org.id, now - 1)).map((i) => i.id)).toEqual([
        newer.id,
        older.id,
        expired.id,
      ]);
      expect(await ctx.store.getInviteByToken(randomHash())).toBeNull();
      expect(await ctx.store.listInvites(randomId(), now)).toEqual([]);
    });

    it('refuses an invite whose id or token hash is taken', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const invite = newInvite(org.id);
      await ctx.store.createInvite(invite);
      await expect(ctx.store.createInvite(newInvite(org.id, { id: invite.id }))).rejects.toBeInstanceOf(
        AccountsConflictError,
      );
      const sameToken = newInvite(org.id, { tokenHash: invite.tokenHash });
      await expect(ctx.store.createInvite(sameToken)).rejects.toBeInstanceOf(AccountsConflictError);
      expect(await ctx.store.getInviteByToken(invite.tokenHash)).toEqual(invite);
      expect(await ctx.store.listInvites(org.id, Date.now())).toEqual([invite]);
    });

    it('acceptInvite answers the invite once; refuses an expired or unknown one', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const now = Date.now();
      const invite = newInvite(org.id, { expiresAt: now + HOUR });
      await ctx.store.createInvite(invite);
      expect(await ctx.store.acceptInvite(invite.tokenHash, now + HOUR)).toBeNull();
      expect(await ctx.store.acceptInvite(randomHash(), now)).toBeNull();
      expect(await ctx.store.acceptInvite(invite.tokenHash, now)).toEqual({ ...invite, acceptedAt: now });
      expect(await ctx.store.acceptInvite(invite.tokenHash, now + 1)).toBeNull();
      expect(await ctx.store.getInviteByToken(invite.tokenHash)).toEqual({ ...invite, acceptedAt: now });
    });

    it('deleteInvite deletes within its organisation only, once', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const invite = newInvite(org.id);
      await ctx.store.createInvite(invite);
      expect(await ctx.store.deleteInvite(randomId(), invite.id)).toBe(false);
      expect(await ctx.store.getInviteByToken(invite.tokenHash)).toEqual(invite);
      expect(await ctx.store.deleteInvite(org.id, invite.id)).toBe(true);
      expect(await ctx.store.deleteInvite(org.id, invite.id)).toBe(false);
      expect(await ctx.store.getInviteByToken(invite.tokenHash)).toBeNull();
      expect(await ctx.store.acceptInvite(invite.tokenHash, Date.now())).toBeNull();
    });
  });

  describe('passkeys', () => {
    it('stores a passkey with its public key byte for byte, and answers copies', async () => {
      const user = newUser();
      await ctx.store.createUser(user);
      const bytes = new Uint8Array(256).map((_, i) => i);
      const passkey = newPasskey(user.id, { publicKey: bytes });
      await ctx.store.addPasskey(passkey);
      const stored = await ctx.store.getPasskey(passkey.id);
      expect(stored?.publicKey).toBeInstanceOf(Uint8Array);
      expect(Array.from(stored!.publicKey)).toEqual(Array.from(bytes));
      expect({ ...stored, publicKey: null }).toEqual({ ...passkey, publicKey: null });
      stored!.publicKey[0] = 255;
      stored!.transports.push('usb');
      const again = await ctx.store.getPasskey(passkey.id);
      expect(again!.publicKey[0]).toBe(0);
      expect(again!.transports).toEqual(passkey.transports);
      expect(await ctx.store.getPasskey(randomId())).toBeNull();
    });

    it('refuses a credential id taken', async () => {
      const user = newUser();
      await ctx.store.createUser(user);
      const passkey = newPasskey(user.id);
      await ctx.store.addPasskey(passkey);
      await expect(ctx.store.addPasskey(newPasskey(user.id, { id: passkey.id }))).rejects.toBeInstanceOf(
        AccountsConflictError,
      );
      expect(Array.from((await ctx.store.getPasskey(passkey.id))!.publicKey)).toEqual(
        Array.from(passkey.publicKey),
      );
    });

    it('lists a person’s passkeys oldest first, records uses, removes only their own', async () => {
      const [user, other] = [newUser(), newUser()];
      await ctx.store.createUser(user);
      await ctx.store.createUser(other);
      const now = Date.now();
      const second = newPasskey(user.id, { createdAt: now + 1, transports: [] });
      const first = newPasskey(user.id, { createdAt: now });
      const theirs = newPasskey(other.id);
      for (const passkey of [second, first, theirs]) await ctx.store.addPasskey(passkey);
      expect((await ctx.store.listPasskeys(user.id)).map((p) => p.id)).toEqual([first.id, second.id]);

      await ctx.store.usePasskey(first.id, 7, now + 100);
      expect(await ctx.store.getPasskey(first.id)).toMatchObject({ counter: 7, lastUsedAt: now + 100 });
      await ctx.store.usePasskey(randomId(), 1, now);

      expect(await ctx.store.removePasskey(other.id, first.id)).toBe(false);
      expect(await ctx.store.removePasskey(user.id, first.id)).toBe(true);
      expect(await ctx.store.removePasskey(user.id, first.id)).toBe(false);
      expect((await ctx.store.listPasskeys(user.id)).map((p) => p.id)).toEqual([second.id]);
      expect(await ctx.store.listPasskeys(randomId())).toEqual([]);
    });
  });

  describe('the lookups of each request: a session or a key with its role', () => {
    it('answers the role of the session’s person in its organisation, null once they left', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const member = await memberOf(ctx.store, org.id, 'auditor');
      const session = newSession(member.id, org.id);
      await ctx.store.createSession(session);
      expect(await ctx.store.sessionWithRole(session.idHash)).toEqual({ session, role: 'auditor' });
      await ctx.store.setRole(org.id, member.id, 'admin');
      expect((await ctx.store.sessionWithRole(session.idHash))?.role).toBe('admin');
      // Removing the member ends their sessions in the organisation; a session elsewhere keeps its own role.
      const other = await orgWithOwner(ctx.store);
      await ctx.store.addMember({
        orgId: other.org.id,
        userId: owner.id,
        role: 'member',
        createdAt: Date.now(),
      });
      const elsewhere = newSession(owner.id, other.org.id);
      await ctx.store.createSession(elsewhere);
      expect((await ctx.store.sessionWithRole(elsewhere.idHash))?.role).toBe('member');
      await ctx.store.removeMember(org.id, member.id);
      expect(await ctx.store.sessionWithRole(session.idHash)).toBeNull();
      expect(await ctx.store.sessionWithRole(randomHash())).toBeNull();
    });

    it('answers a key with its creator’s role; null role for an organisation key or a creator who left', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const member = await memberOf(ctx.store, org.id, 'member');
      const key = newKey(org.id, member.id);
      const orgKey = newKey(org.id, null);
      await ctx.store.createKey(key);
      await ctx.store.createKey(orgKey);
      expect(await ctx.store.keyWithRole(key.id)).toEqual({ key, role: 'member' });
      expect(await ctx.store.keyWithRole(orgKey.id)).toEqual({ key: orgKey, role: null });
      await ctx.store.removeMember(org.id, member.id);
      expect(await ctx.store.keyWithRole(key.id)).toEqual({ key, role: null });
      expect(await ctx.store.keyWithRole(randomId())).toBeNull();
    });
  });

  describe('sign-in challenges', () => {
    it('answers a challenge once, never after its expiry, and refuses an id taken', async () => {
      const now = Date.now();
      const challenge = {
        id: randomId(),
        purpose: 'passkey-sign-in' as const,
        payload: '{"c":"x"}',
        expiresAt: now + HOUR,
      };
      await ctx.store.putChallenge(challenge);
      await expect(ctx.store.putChallenge({ ...challenge, payload: 'other' })).rejects.toBeInstanceOf(
        AccountsConflictError,
      );
      const taken = await Promise.all(
        Array.from({ length: 10 }, () => ctx.store.takeChallenge(challenge.id, now)),
      );
      expect(taken.filter((c) => c !== null)).toEqual([challenge]);
      expect(await ctx.store.takeChallenge(randomId(), now)).toBeNull();

      const late = { id: randomId(), purpose: 'oidc' as const, payload: '{}', expiresAt: now + 1000 };
      await ctx.store.putChallenge(late);
      expect(await ctx.store.takeChallenge(late.id, now + 1000)).toBeNull();
      expect(await ctx.store.takeChallenge(late.id, now)).toBeNull();
    });
  });

  describe('identity-provider links', () => {
    it('links an (issuer, subject) to one person, refuses it twice, finds it exactly', async () => {
      const user = newUser();
      await ctx.store.createUser(user);
      const identity = { issuer: 'https://idp.example.test', subject: randomId(), userId: user.id };
      await ctx.store.linkIdentity(identity);
      expect(await ctx.store.findIdentity(identity.issuer, identity.subject)).toEqual(identity);
      const other = newUser();
      await ctx.store.createUser(other);
      await expect(ctx.store.linkIdentity({ ...identity, userId: other.id })).rejects.toBeInstanceOf(
        AccountsConflictError,
      );
      expect(await ctx.store.findIdentity(identity.issuer, identity.subject)).toEqual(identity);
      expect(await ctx.store.findIdentity('https://other.example.test', identity.subject)).toBeNull();
      expect(await ctx.store.findIdentity(identity.issuer, identity.subject.toUpperCase())).toSatisfy(
        (found) => identity.subject === identity.subject.toUpperCase() || found === null,
      );
      // The same subject at another issuer is another identity.
      await ctx.store.linkIdentity({ ...identity, issuer: 'https://other.example.test', userId: other.id });
    });
  });
}
