import { afterEach, describe, expect, test } from 'vitest';
import { MODAL_CALLBACK_ID, SHORTCUT_CALLBACK_ID } from '../../src/routes/chat/slack-modal.js';
import { OPEN_POLICY } from '../../src/wire.js';
import {
  BOT_TOKEN,
  fakeSlackApi,
  LINK,
  openLink,
  RECEIPT_LINK,
  SIGNING_SECRET,
  slackRequest,
} from './slack-support.js';
import { logCapture, testApp } from './support.js';
import { teamsApp } from './teams-support.js';

type Built = Awaited<ReturnType<typeof testApp>>;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function slackApp(
  env: Record<string, string> = {},
  logStream?: ReturnType<typeof logCapture>['stream'],
) {
  const built = await testApp({
    env: { BURNLINK_SLACK_SIGNING_SECRET: SIGNING_SECRET, ...env },
    ...(logStream ? { logStream } : {}),
  });
  closers.push(() => built.app.close());
  return built;
}

const command = (built: Built, text: string, extra: Record<string, string> = {}) =>
  built.app.inject(
    slackRequest(
      '/integrations/slack/commands',
      {
        token: 'deprecated-verification-token',
        team_id: 'T0001',
        channel_id: 'C2147483705',
        user_id: 'U2147483697',
        command: '/burnlink',
        text,
        response_url: 'https://hooks.slack.com/commands/1234/5678',
        trigger_id: '13345224609.738474920.8088930838d88f008e0',
        ...extra,
      },
      { nowMs: built.clock.now() },
    ),
  );

const interaction = (built: Built, payload: object) =>
  built.app.inject(
    slackRequest(
      '/integrations/slack/interactions',
      { payload: JSON.stringify(payload) },
      { nowMs: built.clock.now() },
    ),
  );

const shortcut = (text: string) => ({
  type: 'message_action',
  callback_id: SHORTCUT_CALLBACK_ID,
  trigger_id: '13345224609.738474920.8088930838d88f008e0',
  team: { id: 'T0001' },
  user: { id: 'U2147483697' },
  channel: { id: 'C2147483705' },
  message: { type: 'message', text, ts: '1700000000.000100' },
  response_url: 'https://hooks.slack.com/app/T0001/1234/5678',
});

const submission = (values: { text?: string; lifetime?: string; views?: string; passphrase?: string }) => ({
  type: 'view_submission',
  team: { id: 'T0001' },
  user: { id: 'U2147483697' },
  view: {
    id: 'V0001',
    callback_id: MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify({ channel: 'C2147483705' }),
    state: {
      values: {
        text: { value: { type: 'plain_text_input', value: values.text ?? null } },
        lifetime: {
          value: {
            type: 'static_select',
            selected_option: values.lifetime === undefined ? null : { value: values.lifetime },
          },
        },
        views: { value: { type: 'number_input', value: values.views ?? '1' } },
        passphrase: { value: { type: 'plain_text_input', value: values.passphrase ?? null } },
      },
    },
  },
});

describe('Slack slash command', () => {
  test('answers the user alone with a link that reveals the text once; Slack-escaped text comes out as typed', async () => {
    const built = await slackApp();
    // Slack sends &, < and > escaped.
    const res = await command(built, 'p&amp;ss &lt;w&gt;rd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const answer = res.json();
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).not.toContain('ss <w>rd');
    const link = LINK.exec(answer.text)?.[0] as string;
    expect(answer.text).toMatch(RECEIPT_LINK);
    expect(await openLink(built.app, link)).toMatchObject({ status: 200, text: 'p&ss <w>rd', viewsLeft: 0 });
    expect((await openLink(built.app, link)).status).toBe(404);
  });

  test('for and views set the lifetime and the number of views', async () => {
    const built = await slackApp();
    const answer = (await command(built, 'hunter2 for 1h views 2')).json();
    const link = LINK.exec(answer.text)?.[0] as string;
    expect(answer.text).toContain('opens 2 times');
    const expires = new Date(built.clock.now() + 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(answer.text).toContain(`until ${expires} UTC`);
    expect(await openLink(built.app, link)).toMatchObject({ text: 'hunter2', viewsLeft: 1 });
    expect(await openLink(built.app, link)).toMatchObject({ text: 'hunter2', viewsLeft: 0 });
    // Order does not matter; quotes keep a trailing "for …" in the text.
    const quoted = (await command(built, '"pass for prod" views 1 for 30m')).json();
    expect(await openLink(built.app, LINK.exec(quoted.text)?.[0] as string)).toMatchObject({
      text: 'pass for prod',
    });
  });

  test.each([
    ['hunter2 for 45d', 'The lifetime after "for" must be a duration from 1m to 30d'],
    ['hunter2 for soon', 'The lifetime after "for" must be a duration'],
    ['hunter2 for 90', 'The lifetime after "for" must be a duration'],
    ['hunter2 views 0', 'The number after "views" must be a whole number from 1 to 100'],
    ['hunter2 views many', 'The number after "views" must be a whole number'],
    ['hunter2 views 2 views 3', 'Give "views" once.'],
    ['for 1h', 'There is no text to share.'],
  ])('bad options (%s) are explained, the text never echoed', async (text, message) => {
    const built = await slackApp();
    const res = await command(built, text);
    expect(res.statusCode).toBe(200);
    expect(res.json().response_type).toBe('ephemeral');
    expect(res.json().text).toContain(message);
    expect(res.json().text).not.toContain('hunter2');
    expect(res.json().text).not.toMatch(LINK);
  });

  test('help (and an empty command) explains the usage', async () => {
    const built = await slackApp();
    for (const text of ['help', '']) {
      const answer = (await command(built, text)).json();
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toContain('/burnlink <text> [for <lifetime>] [views <n>]');
    }
  });

  test('a refused create is told to the user: anonymous creates off and no API key', async () => {
    const built = await slackApp({ BURNLINK_ANONYMOUS_CREATE: 'off' });
    const answer = (await command(built, 'hunter2')).json();
    expect(answer).toEqual({
      response_type: 'ephemeral',
      text: 'No link was made: This server requires signing in (or an API key) to create a secret.',
    });
  });
});

describe('Slack and the rate limits', () => {
  test('each create counts once against the create limit; help and bad options count nothing', async () => {
    const built = await slackApp({ BURNLINK_RATE_LIMITS: 'create=2/min' });
    for (const text of ['help', 'x views 0', 'help']) {
      expect((await command(built, text)).json().text).not.toMatch(/No link was made/);
    }
    expect((await command(built, 'one')).json().text).toMatch(LINK);
    expect((await command(built, 'two')).json().text).toMatch(LINK);
    const third = (await command(built, 'three')).json();
    expect(third.text).toMatch(/^No link was made: Too many requests; retry in \d+ s\.$/);
  });
});

describe('Slack request signatures', () => {
  test('a missing, wrong, stale or future signature, or a changed body, is 401 invalid_signature', async () => {
    const built = await slackApp();
    const nowMs = built.clock.now();
    const fields = { command: '/burnlink', text: 'hunter2', user_id: 'U1' };
    const url = '/integrations/slack/commands';
    const tampered = slackRequest(url, fields, { nowMs });
    tampered.payload = tampered.payload.replace('hunter2', 'hunter3');
    const cases = [
      slackRequest(url, fields, { nowMs, signature: null }),
      slackRequest(url, fields, { nowMs, secret: 'another-signing-secret' }),
      slackRequest(url, fields, { nowMs, signature: 'v0=00' }),
      slackRequest(url, fields, { nowMs: nowMs - 301_000 }),
      slackRequest(url, fields, { nowMs: nowMs + 301_000 }),
      slackRequest(url, fields, { nowMs, timestamp: 'yesterday' }),
      tampered,
      {
        ...slackRequest(url, fields, { nowMs }),
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      },
    ];
    for (const request of cases) {
      const res = await built.app.inject(request);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_signature');
    }
    // Within the window (4 minutes old) the same request passes.
    const fresh = await built.app.inject(slackRequest(url, fields, { nowMs: nowMs - 240_000 }));
    expect(fresh.statusCode).toBe(200);
  });

  test('without a signing secret there are no Slack routes; the rest of the app stays JSON-only', async () => {
    const built = await testApp();
    closers.push(() => built.app.close());
    const res = await built.app.inject(
      slackRequest('/integrations/slack/commands', { text: 'x' }, { nowMs: built.clock.now() }),
    );
    expect(res.statusCode).toBe(404);
    const withSlack = await slackApp();
    const form = await withSlack.app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'text=x',
    });
    expect(form.statusCode).toBe(415);
  });
});

describe('Slack message shortcut', () => {
  test('opens the modal with the bot token and trigger_id, prefilled; only the channel id in private_metadata', async () => {
    const slack = await fakeSlackApi();
    closers.push(slack.close);
    const built = await slackApp({ BURNLINK_SLACK_BOT_TOKEN: BOT_TOKEN, BURNLINK_SLACK_API_URL: slack.url });
    const res = await interaction(built, shortcut('db password: p&amp;ss'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(slack.calls).toHaveLength(1);
    const [call] = slack.calls;
    expect(call?.method).toBe('views.open');
    expect(call?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(call?.body.trigger_id).toBe('13345224609.738474920.8088930838d88f008e0');
    const view = call?.body.view as { callback_id: string; private_metadata: string; blocks: object[] };
    expect(view.callback_id).toBe(MODAL_CALLBACK_ID);
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: 'C2147483705' });
    expect(view.blocks[0]).toMatchObject({
      block_id: 'text',
      element: { type: 'plain_text_input', initial_value: 'db password: p&ss' },
    });
    expect(view.blocks.map((block) => (block as { block_id?: string }).block_id)).toEqual([
      'text',
      'lifetime',
      'views',
      'passphrase',
      undefined,
    ]);
  });

  test('view_submission creates the secret and posts the link to the user alone (chat.postEphemeral)', async () => {
    const slack = await fakeSlackApi();
    closers.push(slack.close);
    const built = await slackApp({ BURNLINK_SLACK_BOT_TOKEN: BOT_TOKEN, BURNLINK_SLACK_API_URL: slack.url });
    const res = await interaction(
      built,
      submission({ text: 'root:hunter2', lifetime: '3600', views: '2', passphrase: 'correct horse' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(slack.calls.map((call) => call.method)).toEqual(['chat.postEphemeral']);
    const [call] = slack.calls;
    expect(call?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(call?.body).toMatchObject({ channel: 'C2147483705', user: 'U2147483697' });
    const text = call?.body.text as string;
    expect(text).not.toContain('hunter2');
    expect(text).toMatch(RECEIPT_LINK);
    const link = LINK.exec(text)?.[0] as string;
    expect(await openLink(built.app, link, 'correct horse')).toMatchObject({
      text: 'root:hunter2',
      viewsLeft: 1,
    });
  });

  test('bad fields answer response_action errors per block, and nothing is created or posted', async () => {
    const slack = await fakeSlackApi();
    closers.push(slack.close);
    const built = await slackApp({ BURNLINK_SLACK_BOT_TOKEN: BOT_TOKEN, BURNLINK_SLACK_API_URL: slack.url });
    const res = await interaction(built, submission({ text: '  ', lifetime: '5', views: '0' }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: {
        text: 'Write the text to share.',
        lifetime: 'Choose one of the lifetimes offered.',
        views: 'A whole number from 1 to 100.',
      },
    });
    expect(slack.calls).toEqual([]);
  });

  test('where the app may not post, the modal itself shows the link', async () => {
    const slack = await fakeSlackApi(() => ({ ok: false, error: 'not_in_channel' }));
    closers.push(slack.close);
    const built = await slackApp({ BURNLINK_SLACK_BOT_TOKEN: BOT_TOKEN, BURNLINK_SLACK_API_URL: slack.url });
    const res = await interaction(built, submission({ text: 'hunter2', lifetime: '86400' }));
    expect(res.json().response_action).toBe('update');
    const shown = JSON.stringify(res.json().view);
    expect(await openLink(built.app, LINK.exec(shown)?.[0] as string)).toMatchObject({ text: 'hunter2' });
  });

  test('without a bot token the shortcut does nothing (and calls nothing)', async () => {
    const slack = await fakeSlackApi();
    closers.push(slack.close);
    const built = await slackApp({ BURNLINK_SLACK_API_URL: slack.url });
    const res = await interaction(built, shortcut('hunter2'));
    expect(res.statusCode).toBe(200);
    expect(slack.calls).toEqual([]);
  });

  test('a malformed interaction is 400; other interaction types get an empty 200', async () => {
    const built = await slackApp();
    const bad = await built.app.inject(
      slackRequest('/integrations/slack/interactions', { payload: '{nope' }, { nowMs: built.clock.now() }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    const closed = await interaction(built, {
      type: 'view_closed',
      view: { callback_id: MODAL_CALLBACK_ID },
    });
    expect(closed.statusCode).toBe(200);
  });
});

describe('what Slack creates', () => {
  test('belongs to the organisation of BURNLINK_SLACK_API_KEY', async () => {
    const teams = await teamsApp();
    closers.push(() => teams.app.close());
    const key = await teams.keyFor(null, ['secrets:create']);
    await teams.accounts.setPolicy(teams.orgId, { ...OPEN_POLICY, max_ttl: 3600 }, teams.clock.now());
    const built = await testApp({
      accounts: teams.accounts,
      clock: teams.clock,
      env: {
        BURNLINK_SLACK_SIGNING_SECRET: SIGNING_SECRET,
        BURNLINK_SLACK_API_KEY: key.key,
        BURNLINK_ANONYMOUS_CREATE: 'off',
      },
    });
    closers.push(() => built.app.close());
    const answer = (await command(built, 'hunter2')).json();
    const link = LINK.exec(answer.text)?.[0] as string;
    const id = /\/s\/([^#]+)#/.exec(link)?.[1] as string;
    expect((await teams.accounts.getOwnedSecret(id))?.orgId).toBe(teams.orgId);
    // The organisation's policy applies: its longest lifetime is 1 hour.
    const refused = (await command(built, 'hunter2 for 1d')).json();
    expect(refused.text).toMatch(/^No link was made: ttl may be at most 3600/);
    expect(refused.text).not.toContain('hunter2');
    expect((await command(built, 'hunter2 for 30m')).json().text).toMatch(LINK);
  });
});

describe('logs', () => {
  test('never hold the text, the link key, the receipt, the bot token or the signing secret', async () => {
    const slack = await fakeSlackApi();
    closers.push(slack.close);
    const logs = logCapture();
    const built = await slackApp(
      { BURNLINK_SLACK_BOT_TOKEN: BOT_TOKEN, BURNLINK_SLACK_API_URL: slack.url },
      logs.stream,
    );
    const answer = (await command(built, 'plaintext-marker-7c1 for 1h')).json();
    await interaction(built, shortcut('plaintext-marker-8d2'));
    await interaction(
      built,
      submission({ text: 'plaintext-marker-9e3', lifetime: '3600', passphrase: 'pass-marker' }),
    );
    await command(built, 'plaintext-marker-bad views 0');
    await built.app.inject(slackRequest('/integrations/slack/commands', { text: 'x' }, { nowMs: 0 }));
    const link = LINK.exec(answer.text)?.[0] as string;
    const receipt = RECEIPT_LINK.exec(answer.text)?.[0].split('/r/')[1] as string;
    const posted = LINK.exec(slack.calls.at(-1)?.body.text as string)?.[0] as string;
    const text = logs.text();
    expect(text).toContain('"route":"/integrations/slack/commands"');
    for (const secret of [
      'plaintext-marker',
      'pass-marker',
      link.split('#')[1],
      posted.split('#')[1],
      receipt,
      BOT_TOKEN,
      SIGNING_SECRET,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
