import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import type { ChatConfig } from '../../config.js';
import { commandAnswerer } from './command-answer.js';
import { ephemeral, type FormFields, formScope, HIDDEN } from './form-scope.js';
import { constantTimeEqual } from './slack-signature.js';

type MattermostConfig = NonNullable<ChatConfig['mattermost']>;

/**
 * `POST /integrations/mattermost/command`: a Mattermost custom slash command (form body with `token`, `text`,
 * `command`), answered `{response_type: "ephemeral", text}` like Slack's. The token must be one of
 * `BURNLINK_MATTERMOST_TOKEN`, compared in constant time with every one of them.
 */
export async function registerMattermostRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  mattermost: MattermostConfig,
) {
  const answer = commandAnswerer(ctx, mattermost.apiKey);
  await app.register(async (scope) => {
    formScope(scope, 'invalid_command_token', (_request, _raw, fields) => {
      const token = fields.token ?? '';
      // No early exit: every configured token is compared.
      return mattermost.tokens.reduce((found, allowed) => constantTimeEqual(token, allowed) || found, false);
    });
    scope.post('/integrations/mattermost/command', HIDDEN, async (request) => {
      const fields = request.body as FormFields;
      return ephemeral(await answer(request, fields.text ?? '', fields.command));
    });
  });
}
