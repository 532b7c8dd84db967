import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { publicSessionId } from '../auth/sessions.js';
import { SessionListReply, SessionParams } from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['sessions'];
const NO_CONTENT = { 204: { type: 'null', description: 'Done' }, ...errorResponses } as const;

/** My sessions, ending one, signing out, and signing out everywhere (docs/teams.md, Sessions). */
export function registerSessionRoutes(app: App, ctx: AppContext): void {
  const { auth, accounts } = ctx;

  app.get(
    '/api/v1/sessions',
    {
      schema: {
        tags: TAGS,
        summary: 'Your sessions',
        response: { 200: SessionListReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.requireSession(request);
      const sessions = await accounts.sessionsOf(principal.userId);
      return {
        sessions: sessions.map((s) => ({
          id: publicSessionId(s),
          label: s.label,
          created_at: toIso(s.createdAt),
          last_seen_at: toIso(s.lastSeenAt),
          expires_at: toIso(s.expiresAt),
          current: s.idHash === principal.session.idHash,
        })),
      };
    },
  );

  app.delete(
    '/api/v1/sessions/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'End one of your sessions',
        params: SessionParams,
        response: NO_CONTENT,
      },
    },
    async (request, reply) => {
      const principal = await auth.requireSession(request);
      await accounts.endSession(principal, request.params.id);
      if (request.params.id === publicSessionId(principal.session))
        auth.sessions.clearCookies(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    { schema: { tags: TAGS, summary: 'End this session', response: NO_CONTENT } },
    async (request, reply) => {
      const principal = await auth.requireSession(request);
      await auth.sessions.end(request, reply, principal.session);
      accounts.signedOut(principal, false);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/sign-out-everywhere',
    { schema: { tags: TAGS, summary: 'End every session of yours, on every device', response: NO_CONTENT } },
    async (request, reply) => {
      const principal = await auth.requireSession(request);
      await accounts.endAllSessions(principal);
      auth.sessions.clearCookies(request, reply);
      return reply.code(204).send(null);
    },
  );
}
