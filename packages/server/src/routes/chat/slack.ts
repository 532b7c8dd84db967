import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import type { ChatConfig } from '../../config.js';
import { ApiError } from '../../errors.js';
import { commandAnswerer, refusal } from './command-answer.js';
import { ephemeral, type FormFields, formScope, HIDDEN, header } from './form-scope.js';
import { chatSharer, sharedMessage } from './share.js';
import { slackApi } from './slack-api.js';
import {
  linkModal,
  MODAL_CALLBACK_ID,
  readModal,
  SHORTCUT_CALLBACK_ID,
  shareModal,
  type ViewValues,
} from './slack-modal.js';
import { verifySlackSignature } from './slack-signature.js';

type SlackConfig = NonNullable<ChatConfig['slack']>;

/** The interaction payloads this app acts on (Slack sends more fields; these are the ones read). */
interface Interaction {
  type?: string;
  callback_id?: string;
  trigger_id?: string;
  user?: { id?: string };
  channel?: { id?: string };
  message?: { text?: string };
  view?: { callback_id?: string; private_metadata?: string; state?: { values?: ViewValues } };
}

/** Slack escapes `&`, `<` and `>` in the text it sends (its formatting rules); the secret is the original. */
export const unescapeSlack = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * `POST /integrations/slack/commands` (the slash command) and `POST /integrations/slack/interactions` (the
 * message shortcut and its modal), each request verified by its Slack signature before its body is read.
 */
export async function registerSlackRoutes(app: FastifyInstance, ctx: AppContext, slack: SlackConfig) {
  const { config } = ctx;
  const answer = commandAnswerer(ctx, slack.apiKey);
  const share = chatSharer(ctx, slack.apiKey);
  const api = slack.botToken === null ? null : slackApi(slack.apiUrl, slack.botToken);
  const warn = (what: string, slackError: string | undefined) => {
    // Slack's error code only; ephemeral mode writes nothing that tells of a request.
    if (config.mode !== 'ephemeral') app.log.warn({ slack_error: slackError ?? null }, what);
  };

  await app.register(async (scope) => {
    formScope(scope, 'invalid_signature', (request, rawBody) =>
      verifySlackSignature(
        {
          timestamp: header(request, 'x-slack-request-timestamp'),
          signature: header(request, 'x-slack-signature'),
          rawBody,
        },
        slack.signingSecret,
        ctx.now(),
      ),
    );

    scope.post('/integrations/slack/commands', HIDDEN, async (request) => {
      const fields = request.body as FormFields;
      return ephemeral(await answer(request, unescapeSlack(fields.text ?? ''), fields.command));
    });

    scope.post('/integrations/slack/interactions', HIDDEN, async (request, reply) => {
      const payload = interaction(request.body as FormFields);
      if (payload.type === 'message_action' && payload.callback_id === SHORTCUT_CALLBACK_ID) {
        if (api === null) {
          warn('slack: the message shortcut needs BURNLINK_SLACK_BOT_TOKEN', undefined);
          return reply.code(200).send();
        }
        const modal = shareModal(
          config,
          unescapeSlack(payload.message?.text ?? ''),
          payload.channel?.id ?? '',
        );
        const opened = await api.openView(payload.trigger_id ?? '', modal);
        if (!opened.ok) warn('slack: views.open failed', opened.error);
        return reply.code(200).send();
      }
      if (payload.type === 'view_submission' && payload.view?.callback_id === MODAL_CALLBACK_ID) {
        const read = readModal(payload.view.state?.values ?? {}, config);
        if ('errors' in read) return { response_action: 'errors', errors: read.errors };
        let message: string;
        try {
          message = sharedMessage(await share(request, read.share), read.share.maxViews);
        } catch (error) {
          return { response_action: 'errors', errors: { text: refusal(error) } };
        }
        // To the user only, in the conversation the shortcut came from; where the app may not post (a DM, a
        // channel without the app), the modal itself shows the links.
        const channel = channelOf(payload.view.private_metadata);
        const user = payload.user?.id;
        if (api !== null && channel !== null && user !== undefined) {
          const posted = await api.postEphemeral(channel, user, message);
          if (posted.ok) return reply.code(200).send();
          warn('slack: chat.postEphemeral failed; the link is shown in the modal', posted.error);
        }
        return { response_action: 'update', view: linkModal(message) };
      }
      // Other interactions (a closed modal, a shortcut of another app's id) need no answer.
      return reply.code(200).send();
    });
  });
}

function interaction(fields: FormFields): Interaction {
  try {
    const parsed: unknown = JSON.parse(fields.payload ?? '');
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Interaction;
  } catch {}
  throw new ApiError('invalid_request', 'An interaction carries its JSON in the payload field.');
}

function channelOf(privateMetadata: string | undefined): string | null {
  try {
    const { channel } = JSON.parse(privateMetadata ?? '') as { channel?: unknown };
    return typeof channel === 'string' && /^[A-Z0-9]{1,32}$/.test(channel) ? channel : null;
  } catch {
    return null;
  }
}
