import { describe, expect, it } from 'vitest';
import { AccountsConflictError } from './accounts-store.js';
import {
  type AccountsContext,
  memberOf,
  newOrg,
  newSession,
  newTeam,
  newUser,
  orgWithOwner,
  randomId,
  rejection,
} from './contract-fixtures.js';

/** Organisations, people and memberships. */
export function describeOrgsAndUsers(ctx: AccountsContext): void {
  describe('organisations', () => {
    it('stores an organisation and answers copies of it, by id and by name in any case', async () => {
      const org = newOrg({ name: `Ünïcode Órg ${randomId(4)}`, joinDomains: ['example.org'] });
      await ctx.store.createOrg(org);
      expect(await ctx.store.getOrg(org.id)).toEqual(org);
      expect(await ctx.store.findOrgByName(org.name.toUpperCase())).toEqual(org);
      expect(await ctx.store.findOrgByName(org.name.toLowerCase())).toEqual(org);
      const copy = await ctx.store.getOrg(org.id);
      copy!.name = 'changed';
      copy!.joinDomains.push('evil.test');
      expect(await ctx.store.getOrg(org.id)).toEqual(org);
    });

    it('lists every organisation, oldest first', async () => {
      const now = Date.now();
      const later = newOrg({ createdAt: now + 2 });
      const earlier = newOrg({ createdAt: now + 1 });
      for (const org of [later, earlier]) await ctx.store.createOrg(org);
      const listed = await ctx.store.listOrgs();
      const ours = listed.filter((o) => o.id === earlier.id || o.id === later.id);
      expect(ours).toEqual([earlier, later]);
      const times = listed.map((o) => o.createdAt);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('answers null for an unknown organisation', async () => {
      expect(await ctx.store.getOrg(randomId())).toBeNull();
      expect(await ctx.store.findOrgByName(`nobody ${randomId()}`)).toBeNull();
    });

    it('refuses a name taken in another case, and an id taken, writing nothing', async () => {
      const org = newOrg();
      await ctx.store.createOrg(org);
      const clash = newOrg({ name: org.name.toUpperCase() });
      const error = await rejection(ctx.store.createOrg(clash));
      expect(error).toBeInstanceOf(AccountsConflictError);
      expect((error as AccountsConflictError).what).toBe('name');
      expect(await ctx.store.getOrg(clash.id)).toBeNull();
      const sameId = newOrg({ id: org.id });
      await expect(ctx.store.createOrg(sameId)).rejects.toBeInstanceOf(AccountsConflictError);
      expect(await ctx.store.findOrgByName(sameId.name)).toBeNull();
      expect(await ctx.store.getOrg(org.id)).toEqual(org);
    });

    it('finds organisations joinable by an email domain, oldest first; setJoinDomains replaces the list', async () => {
      const domain = `${randomId(6)
        .toLowerCase()
        .replaceAll(/[^a-z0-9]/g, 'x')}.test`;
      const now = Date.now();
      const second = newOrg({ createdAt: now + 1, joinDomains: [domain] });
      const first = newOrg({ createdAt: now, joinDomains: ['other.test', domain] });
      const unrelated = newOrg({ createdAt: now - 1 });
      for (const org of [second, first, unrelated]) await ctx.store.createOrg(org);
      expect((await ctx.store.orgsJoinableBy(domain)).map((o) => o.id)).toEqual([first.id, second.id]);
      expect(await ctx.store.orgsJoinableBy(domain.toUpperCase())).toHaveLength(2);

      expect(await ctx.store.setJoinDomains(unrelated.id, [domain.toUpperCase(), 'x.test'])).toBe(true);
      expect(await ctx.store.setJoinDomains(second.id, [])).toBe(true);
      expect((await ctx.store.orgsJoinableBy(domain)).map((o) => o.id)).toEqual([unrelated.id, first.id]);
      expect((await ctx.store.getOrg(unrelated.id))?.joinDomains.sort()).toEqual([domain, 'x.test'].sort());
      expect((await ctx.store.getOrg(second.id))?.joinDomains).toEqual([]);
      expect(await ctx.store.setJoinDomains(randomId(), [domain])).toBe(false);
      expect(await ctx.store.orgsJoinableBy(`none-${domain}`)).toEqual([]);
    });
  });

  describe('people', () => {
    it('stores a person with the email in lower case; finds them by email in any case', async () => {
      const user = newUser({ email: `Grace.${randomId(6)}@Example.TEST` });
      await ctx.store.createUser(user);
      const stored = { ...user, email: user.email.toLowerCase() };
      expect(await ctx.store.getUser(user.id)).toEqual(stored);
      expect(await ctx.store.findUserByEmail(user.email.toUpperCase())).toEqual(stored);
      const copy = await ctx.store.getUser(user.id);
      copy!.email = 'x@y.z';
      expect(await ctx.store.getUser(user.id)).toEqual(stored);
      expect(await ctx.store.getUser(randomId())).toBeNull();
      expect(await ctx.store.findUserByEmail(`nobody-${randomId()}@example.test`)).toBeNull();
    });

    it('refuses an email taken in another case, and an id taken, writing nothing', async () => {
      const user = newUser();
      await ctx.store.createUser(user);
      const clash = newUser({ email: user.email.toUpperCase() });
      const error = await rejection(ctx.store.createUser(clash));
      expect(error).toBeInstanceOf(AccountsConflictError);
      expect((error as AccountsConflictError).what).toBe('email');
      expect(await ctx.store.getUser(clash.id)).toBeNull();
      const sameId = newUser({ id: user.id });
      await expect(ctx.store.createUser(sameId)).rejects.toBeInstanceOf(AccountsConflictError);
      expect(await ctx.store.findUserByEmail(sameId.email)).toBeNull();
      expect(await ctx.store.getUser(user.id)).toEqual(user);
    });
  });

  describe('members', () => {
    it('lists members oldest first with their email and name; memberships oldest first', async () => {
      const now = Date.now();
      const { org, owner } = await orgWithOwner(ctx.store, { createdAt: now - 100 });
      const other = newOrg();
      await ctx.store.createOrg(other);
      const admin = await memberOf(ctx.store, org.id, 'admin', { createdAt: now + 10 });
      const auditor = await memberOf(ctx.store, org.id, 'auditor', { createdAt: now + 5 });
      await ctx.store.addMember({ orgId: other.id, userId: admin.id, role: 'member', createdAt: now - 10 });

      const list = await ctx.store.listMembers(org.id);
      expect(list.map((m) => [m.userId, m.role])).toEqual([
        [owner.id, 'owner'],
        [auditor.id, 'auditor'],
        [admin.id, 'admin'],
      ]);
      expect(list[2]).toEqual({
        orgId: org.id,
        userId: admin.id,
        role: 'admin',
        createdAt: now + 10,
        email: admin.email,
        name: admin.name,
      });
      expect((await ctx.store.membershipsOf(admin.id)).map((m) => [m.orgId, m.role])).toEqual([
        [other.id, 'member'],
        [org.id, 'admin'],
      ]);
      expect(await ctx.store.getMember(org.id, auditor.id)).toEqual({
        orgId: org.id,
        userId: auditor.id,
        role: 'auditor',
        createdAt: now + 5,
      });
      expect(await ctx.store.getMember(other.id, auditor.id)).toBeNull();
      expect(await ctx.store.listMembers(randomId())).toEqual([]);
      expect(await ctx.store.membershipsOf(randomId())).toEqual([]);
    });

    it('refuses the same membership twice, keeping the first', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const again = ctx.store.addMember({ orgId: org.id, userId: owner.id, role: 'member', createdAt: 1 });
      await expect(again).rejects.toBeInstanceOf(AccountsConflictError);
      expect(await ctx.store.getMember(org.id, owner.id)).toMatchObject({ role: 'owner' });
    });

    it('setRole changes a role, answers not_found for a stranger, and never leaves the organisation without an owner', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const admin = await memberOf(ctx.store, org.id, 'admin');
      expect(await ctx.store.setRole(org.id, randomId(), 'admin')).toBe('not_found');
      expect(await ctx.store.setRole(randomId(), owner.id, 'admin')).toBe('not_found');
      expect(await ctx.store.setRole(org.id, owner.id, 'admin')).toBe('last_owner');
      expect(await ctx.store.setRole(org.id, owner.id, 'owner')).toBe('ok');
      expect(await ctx.store.getMember(org.id, owner.id)).toMatchObject({ role: 'owner' });

      expect(await ctx.store.setRole(org.id, admin.id, 'owner')).toBe('ok');
      expect(await ctx.store.setRole(org.id, owner.id, 'member')).toBe('ok');
      expect(await ctx.store.getMember(org.id, owner.id)).toMatchObject({ role: 'member' });
      expect(await ctx.store.setRole(org.id, admin.id, 'auditor')).toBe('last_owner');
      expect(await ctx.store.getMember(org.id, admin.id)).toMatchObject({ role: 'owner' });
    });

    it('removeMember drops the membership, its team memberships and its sessions in that organisation only', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const other = newOrg();
      await ctx.store.createOrg(other);
      const user = await memberOf(ctx.store, org.id, 'member');
      await ctx.store.addMember({ orgId: other.id, userId: user.id, role: 'member', createdAt: Date.now() });
      const [team, otherTeam] = [newTeam(org.id), newTeam(other.id)];
      await ctx.store.createTeam(team);
      await ctx.store.createTeam(otherTeam);
      await ctx.store.addTeamMember(team.id, user.id);
      await ctx.store.addTeamMember(otherTeam.id, user.id);
      const here = newSession(user.id, org.id);
      const there = newSession(user.id, other.id);
      await ctx.store.createSession(here);
      await ctx.store.createSession(there);

      expect(await ctx.store.removeMember(org.id, user.id)).toBe('ok');
      expect(await ctx.store.getMember(org.id, user.id)).toBeNull();
      expect(await ctx.store.teamMembers(team.id)).toEqual([]);
      expect(await ctx.store.teamsOf(org.id, user.id)).toEqual([]);
      expect(await ctx.store.getSession(here.idHash)).toBeNull();
      expect(await ctx.store.getMember(other.id, user.id)).not.toBeNull();
      expect(await ctx.store.teamMembers(otherTeam.id)).toEqual([user.id]);
      expect(await ctx.store.getSession(there.idHash)).toEqual(there);
      expect(await ctx.store.getUser(user.id)).toEqual(user);

      expect(await ctx.store.removeMember(org.id, user.id)).toBe('not_found');
      expect(await ctx.store.removeMember(randomId(), user.id)).toBe('not_found');
    });

    it('removeMember refuses the last owner, keeping everything; removes an owner when another remains', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const session = newSession(owner.id, org.id);
      await ctx.store.createSession(session);
      expect(await ctx.store.removeMember(org.id, owner.id)).toBe('last_owner');
      expect(await ctx.store.getMember(org.id, owner.id)).toMatchObject({ role: 'owner' });
      expect(await ctx.store.getSession(session.idHash)).toEqual(session);

      const second = await memberOf(ctx.store, org.id, 'owner');
      expect(await ctx.store.removeMember(org.id, owner.id)).toBe('ok');
      expect(await ctx.store.removeMember(org.id, second.id)).toBe('last_owner');
      expect((await ctx.store.listMembers(org.id)).map((m) => m.userId)).toEqual([second.id]);
    });
  });

  describe('teams', () => {
    it('stores teams, lists an organisation’s by name, refuses a name taken in the organisation in any case', async () => {
      const { org } = await orgWithOwner(ctx.store);
      const other = newOrg();
      await ctx.store.createOrg(other);
      const beta = newTeam(org.id, { name: 'Beta' });
      const alpha = newTeam(org.id, { name: 'alpha' });
      await ctx.store.createTeam(beta);
      await ctx.store.createTeam(alpha);
      await ctx.store.createTeam(newTeam(other.id, { name: 'ALPHA' }));
      expect(await ctx.store.getTeam(beta.id)).toEqual(beta);
      expect(await ctx.store.listTeams(org.id)).toEqual([alpha, beta]);

      const clash = newTeam(org.id, { name: 'BETA' });
      const error = await rejection(ctx.store.createTeam(clash));
      expect(error).toBeInstanceOf(AccountsConflictError);
      expect((error as AccountsConflictError).what).toBe('name');
      expect(await ctx.store.getTeam(clash.id)).toBeNull();
      await expect(ctx.store.createTeam(newTeam(other.id, { id: beta.id }))).rejects.toBeInstanceOf(
        AccountsConflictError,
      );
      expect(await ctx.store.listTeams(org.id)).toEqual([alpha, beta]);
      const copy = await ctx.store.getTeam(alpha.id);
      copy!.name = 'changed';
      expect(await ctx.store.getTeam(alpha.id)).toEqual(alpha);
      expect(await ctx.store.getTeam(randomId())).toBeNull();
      expect(await ctx.store.listTeams(randomId())).toEqual([]);
    });

    it('adds and removes team members (adding twice is a no-op), answers teamsOf within one organisation', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const member = await memberOf(ctx.store, org.id, 'member');
      const [a, b] = [newTeam(org.id), newTeam(org.id)];
      await ctx.store.createTeam(a);
      await ctx.store.createTeam(b);
      await ctx.store.addTeamMember(a.id, member.id);
      await ctx.store.addTeamMember(a.id, member.id);
      await ctx.store.addTeamMember(a.id, owner.id);
      await ctx.store.addTeamMember(b.id, member.id);
      expect(await ctx.store.teamMembers(a.id)).toEqual([member.id, owner.id].sort());
      expect(await ctx.store.teamsOf(org.id, member.id)).toEqual([a.id, b.id].sort());
      expect(await ctx.store.teamsOf(randomId(), member.id)).toEqual([]);

      expect(await ctx.store.removeTeamMember(a.id, member.id)).toBe(true);
      expect(await ctx.store.removeTeamMember(a.id, member.id)).toBe(false);
      expect(await ctx.store.removeTeamMember(randomId(), member.id)).toBe(false);
      expect(await ctx.store.teamMembers(a.id)).toEqual([owner.id]);
      expect(await ctx.store.teamsOf(org.id, member.id)).toEqual([b.id]);
      expect(await ctx.store.teamMembers(randomId())).toEqual([]);
      await ctx.store.addTeamMember(randomId(), member.id);
    });

    it('deleteTeam removes the team and its memberships, once', async () => {
      const { org, owner } = await orgWithOwner(ctx.store);
      const team = newTeam(org.id);
      await ctx.store.createTeam(team);
      await ctx.store.addTeamMember(team.id, owner.id);
      expect(await ctx.store.deleteTeam(team.id)).toBe(true);
      expect(await ctx.store.deleteTeam(team.id)).toBe(false);
      expect(await ctx.store.getTeam(team.id)).toBeNull();
      expect(await ctx.store.teamMembers(team.id)).toEqual([]);
      expect(await ctx.store.teamsOf(org.id, owner.id)).toEqual([]);
      expect(await ctx.store.listTeams(org.id)).toEqual([]);
      // The name is free again.
      await ctx.store.createTeam(newTeam(org.id, { name: team.name }));
    });
  });
}
