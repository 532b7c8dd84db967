import { afterEach, describe, expect, test } from 'vitest';
import { LINK, openLink, RECEIPT_LINK } from './slack-support.js';
import { logCapture, testApp } from './support.js';

const TOKENS = ['mm-token-one-4f9a2b', 'mm-token-two-8c1d3e'];

type Built = Awaited<ReturnType<typeof testApp>>;
let built: Built | undefined;
afterEach(async () => {
  await built?.app.close();
  built = undefined;
});

/** What Mattermost sends for a custom slash command (POST, form-encoded). */
const mattermost = (
  app: Built['app'],
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: '/integrations/mattermost/command',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({
      channel_id: 'fnjxkq8m4pd7ixr4xpokxbdnqe',
      channel_name: 'town-square',
      command: '/burnlink',
      team_domain: 'acme',
      user_id: 'rd49ehbqyjytddasoownkuqrxe',
      user_name: 'alice',
      ...fields,
    }).toString(),
  });

describe('Mattermost slash command', () => {
  test('a configured token gets an ephemeral answer whose link reveals the text', async () => {
    const logs = logCapture();
    built = await testApp({ env: { BURNLINK_MATTERMOST_TOKEN: TOKENS.join(',') }, logStream: logs.stream });
    for (const token of TOKENS) {
      // Mattermost also sends the token as Authorization: Token …; it is not a burnlink API key.
      const res = await mattermost(
        built.app,
        { token, text: 'mm-plaintext & more views 2' },
        { authorization: `Token ${token}` },
      );
      expect(res.statusCode).toBe(200);
      const answer = res.json();
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toMatch(RECEIPT_LINK);
      const link = LINK.exec(answer.text)?.[0] as string;
      expect(await openLink(built.app, link)).toMatchObject({ text: 'mm-plaintext & more', viewsLeft: 1 });
    }
    const text = logs.text();
    expect(text).toContain('"route":"/integrations/mattermost/command"');
    for (const secret of ['mm-plaintext', ...TOKENS]) expect(text).not.toContain(secret);
  });

  test('help and bad options are answered to the user alone', async () => {
    built = await testApp({ env: { BURNLINK_MATTERMOST_TOKEN: TOKENS[0] as string } });
    const help = (await mattermost(built.app, { token: TOKENS[0] as string, text: 'help' })).json();
    expect(help.response_type).toBe('ephemeral');
    expect(help.text).toContain('/burnlink <text> [for <lifetime>] [views <n>]');
    const bad = (
      await mattermost(built.app, { token: TOKENS[0] as string, text: 'hunter2 for ever' })
    ).json();
    expect(bad.text).toContain('The lifetime after "for" must be a duration');
    expect(bad.text).not.toContain('hunter2');
  });

  test('a wrong or missing token is 401 invalid_command_token; unconfigured, the route is 404', async () => {
    built = await testApp({ env: { BURNLINK_MATTERMOST_TOKEN: TOKENS[0] as string } });
    const cases: Record<string, string>[] = [{ token: 'mm-token-wrong-000000', text: 'x' }, { text: 'x' }];
    for (const fields of cases) {
      const res = await mattermost(built.app, fields);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_command_token');
    }
    const json = await built.app.inject({
      method: 'POST',
      url: '/integrations/mattermost/command',
      payload: { token: TOKENS[0], text: 'x' },
    });
    expect(json.statusCode).toBe(401);
    await built.app.close();
    built = await testApp();
    expect((await mattermost(built.app, { token: TOKENS[0] as string, text: 'x' })).statusCode).toBe(404);
  });
});
