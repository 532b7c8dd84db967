import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../client/test/support/test-server.js';
import { EXIT } from '../exit-codes.js';
import { runFake } from '../test-context.js';
import { CATALOGUES } from './catalogue.js';

/**
 * The CLI in every language: human lines change, but `--json` output and exit codes are the same, so
 * scripts work whatever the user's LANG.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const LANG: Record<string, string> = { en: 'en_US.UTF-8', nl: 'nl_NL.UTF-8', sv: 'sv_SE.UTF-8' };
const langOf = (locale: string) => LANG[locale] ?? `${locale.replace('-', '_')}.UTF-8`;
const cli = (argv: string[], locale: string, prompts?: string[]) =>
  runFake(argv, {
    env: { LANG: langOf(locale) },
    fetch: (input, init) => fetch(input, init),
    ...(prompts ? { prompts, stdinIsTTY: true } : {}),
  });

describe('burnlink in every language', () => {
  for (const [locale, messages] of Object.entries(CATALOGUES)) {
    it(`${locale}: same JSON and exit codes, messages in ${locale}`, async () => {
      const sent = await cli(
        ['send', '--server', server.url, '--json', '--ttl', '1h', '--note', 'n', 'x'],
        locale,
      );
      expect(sent.code).toBe(EXIT.OK);
      const out = JSON.parse(sent.stdout);
      expect(Object.keys(out)).toEqual([
        'link',
        'receipt_link',
        'id',
        'receipt',
        'expires_at',
        'max_views',
        'passphrase',
        'files',
      ]);
      expect(sent.stderr).toBe('');

      const got = await cli(['get', '--json', out.link], locale);
      expect(got).toMatchObject({ code: EXIT.OK, stderr: '' });
      expect(JSON.parse(got.stdout)).toEqual({ text: 'x', context: { note: 'n' }, files: [], views_left: 0 });

      const again = await cli(['get', '--json', out.link], locale);
      expect(again.code).toBe(EXIT.NOT_FOUND);
      expect(again.stdout).toBe('');
      if (locale !== 'en') expect(again.stderr).toBe(`burnlink: ${messages.fail_not_found}\n`);

      const unknown = await cli(['frobnicate'], locale);
      expect(unknown.code).toBe(EXIT.USAGE);
      expect(unknown.stderr).toContain(messages.unknownCommand.replace('{name}', ' "frobnicate"'));

      const help = await cli(['--help'], locale);
      expect(help).toMatchObject({ code: EXIT.OK, stdout: messages.help });

      const plain = await cli(['send', '--server', server.url, '--ttl', '1h', 'y'], locale);
      expect(plain.code).toBe(EXIT.OK);
      expect(plain.stdout).toMatch(/^http:\/\/.+\/s\/.+#.+\n$/);
      expect(plain.stderr).toContain(messages.sentReceipt.replace('{link}', ''));

      const prompted = await cli(['send', '--server', server.url, '--passphrase'], locale, [
        'secret',
        'a',
        'b',
      ]);
      expect(prompted.code).toBe(EXIT.USAGE);
      expect(prompted.asked).toEqual([
        messages.promptSecret,
        messages.promptPassphrase,
        messages.promptPassphraseAgain,
      ]);
      expect(prompted.stderr).toBe(`burnlink: ${messages.passphrasesDiffer}\n`);
    });
  }

  it('keeps the SDK’s detailed English message in English', async () => {
    const run = await cli(['get', `${server.url}/s/AAAAAAAAAAAAAAAAAAAAAA#${'A'.repeat(43)}`], 'en');
    expect(run.code).toBe(EXIT.NOT_FOUND);
    expect(run.stderr).not.toBe(`burnlink: ${CATALOGUES.en.fail_not_found}\n`);
  });
});
