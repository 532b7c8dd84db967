import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { registerMattermostRoutes } from './mattermost.js';
import { registerSlackRoutes } from './slack.js';

/**
 * Slack (slash command, message shortcut) and Mattermost (slash command), docs/slack.md. Each is registered
 * only when its credential is configured (404 otherwise), in its own scope: form bodies and its authentication
 * apply to its routes only.
 */
export async function registerChatRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { slack, mattermost } = ctx.config.chat;
  if (slack !== null) await registerSlackRoutes(app, ctx, slack);
  if (mattermost !== null) await registerMattermostRoutes(app, ctx, mattermost);
}
