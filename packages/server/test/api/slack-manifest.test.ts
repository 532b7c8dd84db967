import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { SHORTCUT_CALLBACK_ID } from '../../src/routes/chat/slack-modal.js';

const manifest = parse(
  readFileSync(new URL('../../../../deploy/slack/manifest.yml', import.meta.url), 'utf8'),
) as {
  features: {
    slash_commands: { command: string; url: string }[];
    shortcuts: { name: string; type: string; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string } };
};

describe('deploy/slack/manifest.yml', () => {
  test('points the slash command and interactivity at the routes the server serves', () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe('/burnlink');
    expect(new URL(command?.url as string).pathname).toBe('/integrations/slack/commands');
    const { interactivity } = manifest.settings;
    expect(interactivity.is_enabled).toBe(true);
    expect(new URL(interactivity.request_url).pathname).toBe('/integrations/slack/interactions');
    // The placeholder host docs/slack.md tells the operator to replace.
    expect(new URL(interactivity.request_url).host).toBe('secrets.example.com');
  });

  test('declares the message shortcut by the callback id the server answers, and only two bot scopes', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({
        name: 'Send as a one-time link',
        type: 'message',
        callback_id: SHORTCUT_CALLBACK_ID,
      }),
    ]);
    // Slack's limit on a shortcut's name.
    expect(manifest.features.shortcuts[0]?.name.length).toBeLessThanOrEqual(24);
    expect(manifest.oauth_config.scopes.bot).toEqual(['commands', 'chat:write']);
  });
});
