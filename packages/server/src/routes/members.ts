import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import {
  CreateInviteBody,
  CreateInviteReply,
  CreateTeamBody,
  InviteListReply,
  InviteParams,
  MemberInfo,
  MemberListReply,
  MemberParams,
  SetRoleBody,
  TeamInfo,
  TeamListReply,
  TeamMemberParams,
  TeamParams,
} from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['members'];
const NO_CONTENT = { 204: { type: 'null', description: 'Done' }, ...errorResponses } as const;

const memberInfo = (m: {
  userId: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'auditor' | 'member';
  teams: string[];
  createdAt: number;
}) => ({
  user_id: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  teams: m.teams,
  joined_at: toIso(m.createdAt),
});

/** Members, invites and teams of the caller's organisation (docs/teams.md). */
export function registerMemberRoutes(app: App, ctx: AppContext): void {
  const { auth, accounts } = ctx;

  app.get(
    '/api/v1/members',
    {
      schema: {
        tags: TAGS,
        summary: 'Members of your organisation',
        response: { 200: MemberListReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request);
      return { members: (await accounts.listMembers(principal)).map(memberInfo) };
    },
  );

  app.patch(
    '/api/v1/members/:user_id',
    {
      schema: {
        tags: TAGS,
        summary: "Change a member's role (members:manage; only owners touch the owner role)",
        params: MemberParams,
        body: SetRoleBody,
        response: { 200: MemberInfo, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request);
      return memberInfo(await accounts.setRole(principal, request.params.user_id, request.body.role));
    },
  );

  app.delete(
    '/api/v1/members/:user_id',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a member (their sessions in it end)',
        params: MemberParams,
        response: NO_CONTENT,
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      await accounts.removeMember(principal, request.params.user_id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/invites',
    {
      schema: {
        tags: TAGS,
        summary: 'Pending invites',
        response: { 200: InviteListReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request);
      const invites = await accounts.listInvites(principal);
      return {
        invites: invites.map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          created_at: toIso(i.createdAt),
          expires_at: toIso(i.expiresAt),
        })),
      };
    },
  );

  app.post(
    '/api/v1/invites',
    {
      schema: {
        tags: TAGS,
        summary: 'Invite someone: answers a one-time link that holds the join link',
        body: CreateInviteBody,
        response: { 201: CreateInviteReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      // Invites stay on the instance's own host, whichever host they were made on.
      const origin = ctx.hosts.mainOrigin(request);
      const { invite, link } = await accounts.createInvite(principal, request.body, origin);
      return reply.code(201).send({
        id: invite.id,
        email: invite.email,
        role: invite.role,
        created_at: toIso(invite.createdAt),
        expires_at: toIso(invite.expiresAt),
        link,
      });
    },
  );

  app.delete(
    '/api/v1/invites/:id',
    { schema: { tags: TAGS, summary: 'Withdraw an invite', params: InviteParams, response: NO_CONTENT } },
    async (request, reply) => {
      const principal = await auth.require(request);
      await accounts.deleteInvite(principal, request.params.id);
      return reply.code(204).send(null);
    },
  );

  const teamInfo = (t: { id: string; name: string; members: string[]; createdAt: number }) => ({
    id: t.id,
    name: t.name,
    members: t.members,
    created_at: toIso(t.createdAt),
  });

  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags: TAGS,
        summary: 'Teams of your organisation',
        response: { 200: TeamListReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request);
      return { teams: (await accounts.listTeams(principal)).map(teamInfo) };
    },
  );

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a team (members:manage)',
        body: CreateTeamBody,
        response: { 201: TeamInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      const team = await accounts.createTeam(principal, request.body.name);
      return reply.code(201).send(teamInfo({ ...team, members: [] }));
    },
  );

  app.delete(
    '/api/v1/teams/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a team (members:manage)',
        params: TeamParams,
        response: NO_CONTENT,
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      await accounts.deleteTeam(principal, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/teams/:id/members/:user_id',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a member to a team',
        params: TeamMemberParams,
        response: NO_CONTENT,
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      await accounts.setTeamMember(principal, request.params.id, request.params.user_id, true);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/teams/:id/members/:user_id',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a member from a team',
        params: TeamMemberParams,
        response: NO_CONTENT,
      },
    },
    async (request, reply) => {
      const principal = await auth.require(request);
      await accounts.setTeamMember(principal, request.params.id, request.params.user_id, false);
      return reply.code(204).send(null);
    },
  );
}
