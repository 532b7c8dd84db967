import { formatDuration } from '@burnlink/core';
import type { ServerConfig } from '../../config.js';
import type { ChatShare } from './share.js';

/** The message shortcut's callback id (deploy/slack/manifest.yml) and the modal's. */
export const SHORTCUT_CALLBACK_ID = 'burnlink_share';
export const MODAL_CALLBACK_ID = 'burnlink_share_modal';

/** Slack's limit on a plain-text input's length, and on `initial_value`. */
const SLACK_INPUT_MAX = 3000;

type PlainText = { type: 'plain_text'; text: string; emoji?: boolean };
const plain = (text: string): PlainText => ({ type: 'plain_text', text });

const lifetimeOption = (seconds: number) => ({
  text: plain(formatLifetime(seconds)),
  value: String(seconds),
});

/** `3600` → "1 hour", `604800` → "7 days"; other values as `formatDuration` writes them. */
export function formatLifetime(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds % size === 0) return `${seconds / size} ${name}${seconds === size ? '' : 's'}`;
  }
  return formatDuration(seconds * 1000);
}

/**
 * The modal of "Send as a one-time link" (Block Kit, `views.open`), prefilled with the message's text. Only the
 * channel id travels in `private_metadata` (to post the link there, ephemerally); the text is in the input,
 * where Slack already had it. `scripts/docs-slack-modal.js` renders this very definition for docs/slack.md.
 */
export function shareModal(config: ServerConfig, text: string, channelId: string) {
  const choices = config.ttl.choicesSeconds;
  return {
    type: 'modal' as const,
    callback_id: MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify({ channel: channelId }),
    title: plain('One-time link'),
    submit: plain('Create link'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: 'text',
        label: plain('Secret text'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: SLACK_INPUT_MAX,
          ...(text === '' ? {} : { initial_value: text.slice(0, SLACK_INPUT_MAX) }),
        },
      },
      {
        type: 'input',
        block_id: 'lifetime',
        label: plain('Link works for'),
        element: {
          type: 'static_select',
          action_id: 'value',
          options: choices.map(lifetimeOption),
          initial_option: lifetimeOption(config.ttl.defaultSeconds),
        },
      },
      {
        type: 'input',
        block_id: 'views',
        label: plain('Views'),
        hint: plain(`How many times the link can be opened (1 to ${config.maxViews}).`),
        element: {
          type: 'number_input',
          action_id: 'value',
          is_decimal_allowed: false,
          min_value: '1',
          max_value: String(config.maxViews),
          initial_value: '1',
        },
      },
      {
        type: 'input',
        block_id: 'passphrase',
        optional: true,
        label: plain('Passphrase'),
        hint: plain('Tell it to the recipient another way than the link.'),
        element: { type: 'plain_text_input', action_id: 'value', max_length: 200 },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text:
              'The text is encrypted on the burnlink server, which keeps no key. The link is shown to you ' +
              'only; it works for the chosen time and number of views, then burns.',
          },
        ],
      },
    ],
  };
}

/** The modal's answer when the link could not be posted to the channel: the links, in the modal itself. */
export function linkModal(message: string) {
  return {
    type: 'modal' as const,
    title: plain('One-time link'),
    close: plain('Done'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: message } }],
  };
}

/** A `view_submission`'s `view.state.values`: block id → action id → element state. */
export type ViewValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value?: string } | null }>
>;

/** The submitted modal as a share, or Slack's `errors` (block id → message) for the fields that are wrong. */
export function readModal(
  values: ViewValues,
  config: ServerConfig,
): { share: ChatShare } | { errors: Record<string, string> } {
  const field = (block: string) => values[block]?.value;
  const errors: Record<string, string> = {};
  const text = field('text')?.value ?? '';
  if (text.trim() === '') errors.text = 'Write the text to share.';
  const lifetime = Number(field('lifetime')?.selected_option?.value ?? config.ttl.defaultSeconds);
  if (!Number.isInteger(lifetime) || lifetime < config.ttl.minSeconds || lifetime > config.ttl.maxSeconds) {
    errors.lifetime = 'Choose one of the lifetimes offered.';
  }
  const viewsText = (field('views')?.value ?? '1').trim();
  const views = /^\d{1,6}$/.test(viewsText) ? Number(viewsText) : 0;
  if (views < 1 || views > config.maxViews) errors.views = `A whole number from 1 to ${config.maxViews}.`;
  const passphrase = field('passphrase')?.value ?? '';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    share: {
      text,
      ttlSeconds: lifetime,
      maxViews: views,
      ...(passphrase === '' ? {} : { passphrase }),
    },
  };
}
