import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, fileSourceFromBytes } from '@burnlink/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The real app on a MemoryStore behind a recording proxy: what a hostile sender can put in a secret.
import { startTestServer, type TestServer } from '../../../client/test/support/test-server.js';
import { type FakeContextOptions, runFake } from '../test-context.js';

const OSC_TITLE = '\u001b]0;pwned\u0007\u001b[2K'; // retitles the window, erases the line
const OSC_52 = '\u001b]52;c;BASE64\u0007'; // writes the clipboard
/**
 * The characters in `text` a terminal would act on or not show (ESC, BEL, other C0 but line feed and tab,
 * DEL, C1, bidi controls, zero-width characters): written out here, independently of `visible.ts`.
 */
function hidden(text: string): string[] {
  const ranges = [
    [0x00, 0x08],
    [0x0b, 0x1f],
    [0x7f, 0x9f],
    [0x061c, 0x061c],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x2060],
    [0x2066, 0x2069],
    [0xfeff, 0xfeff],
  ];
  return [...text].filter((char) => {
    const code = char.codePointAt(0)!;
    return ranges.some(([from, to]) => code >= from! && code <= to!);
  });
}

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burnlink-cli-terminal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (argv: string[], options: FakeContextOptions = {}) =>
  runFake(argv, { fetch: (input, init) => fetch(input, init), ...options });

async function plant(options: Parameters<ReturnType<typeof createClient>['send']>[0]): Promise<string> {
  const sent = await createClient({ baseUrl: server.url }).send(options);
  if (!sent.ok) throw new Error(sent.message);
  return sent.link;
}

describe('get: a sender cannot drive the recipient terminal', () => {
  const text = `hello ${OSC_TITLE}${OSC_52}\r\n\tbye\u202e\u200b\n`;
  const context = {
    label: OSC_TITLE,
    username: OSC_52,
    url: 'https://exa\u200bmple.com',
    environment: 'prod\u202e',
    note: 'line 1\nlabel: fake\u001b[2K',
  };

  it('on a terminal: no ESC or hidden character anywhere, the escapes shown instead', async () => {
    const link = await plant({ text, context });
    const run = await cli(['get', link], { ttyOutput: true });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('\u001b');
    expect(hidden(run.stdout.replaceAll('\r\n', '\n'))).toEqual([]); // CRLF kept: it only ends a line
    expect(hidden(run.stderr)).toEqual([]);
    expect(run.stdout).toBe(
      'hello \\x1b]0;pwned\\x07\\x1b[2K\\x1b]52;c;BASE64\\x07\r\n\tbye\\u202e\\u200b\n',
    );
    expect(run.stderr).toContain(
      [
        'label: \\x1b]0;pwned\\x07\\x1b[2K',
        'username: \\x1b]52;c;BASE64\\x07',
        'url: https://exa\\u200bmple.com',
        'environment: prod\\u202e',
        'note: line 1\\nlabel: fake\\x1b[2K',
        '',
      ].join('\n'),
    );
  });

  it('stdout not a terminal: the text byte-exact, the context still made visible', async () => {
    const link = await plant({ text, context, maxViews: 2 });
    const piped = await cli(['get', link], { ttyOutput: true, stdoutIsTTY: false });
    expect(piped.stdout).toBe(text);
    expect(hidden(piped.stderr)).toEqual([]);
    const script = await cli(['get', link]); // nothing a terminal
    expect(script.stdout).toBe(text);
    expect(hidden(script.stderr)).toEqual([]);
    expect(script.stderr).toContain('label: \\x1b]0;pwned\\x07\\x1b[2K\n');
  });

  it('--raw prints the text as sent on a terminal too (context stays visible); --help says so', async () => {
    const link = await plant({ text, context });
    const raw = await cli(['get', '--raw', link], { ttyOutput: true });
    expect(raw.stdout).toBe(text);
    expect(hidden(raw.stderr)).toEqual([]);
    expect((await cli(['get', '--help'])).stdout).toContain('--raw');
  });

  it('--json stays inert on a terminal and parses to what was sent', async () => {
    const link = await plant({ text, context });
    const run = await cli(['get', '--json', link], { ttyOutput: true });
    expect(hidden(run.stdout)).toEqual([]);
    expect(JSON.parse(run.stdout)).toMatchObject({ text, context });
  });

  it('renames dangerous file names, saying so with the visible original', async () => {
    const names = [
      '-rf',
      '.envrc',
      'invoice\u202efdp.exe',
      'pay\u200bpal.pdf',
      `${OSC_52}.txt`,
      `x${OSC_TITLE}`,
    ];
    const link = await plant({
      text: '',
      context: { label: OSC_TITLE },
      files: names.map((name, i) => fileSourceFromBytes(new Uint8Array([i]), name)),
    });
    const run = await cli(['get', link, '--output', dir], { ttyOutput: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    // The progress bar's own carriage returns and erase-to-end-of-line are the only ones left.
    const shown = run.stderr.replaceAll('\r', '').replaceAll('\u001b[K', '');
    expect(shown).not.toContain('\u001b');
    expect(hidden(shown)).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(
      ['_-rf', '_.envrc', 'invoicefdp.exe', 'paypal.pdf', ']52;c;BASE64.txt', 'x]0;pwned[2K'].sort(),
    );
    expect(await readFile(join(dir, '_-rf'))).toEqual(Buffer.from([0]));
    const why = {
      leading: 'a name starting with "-" or "." gets "_" in front',
      hidden: 'control, bidi or zero-width characters removed',
    };
    for (const line of [
      'label: \\x1b]0;pwned\\x07\\x1b[2K',
      `burnlink: renamed "-rf" to _-rf (${why.leading})`,
      `burnlink: renamed ".envrc" to _.envrc (${why.leading})`,
      `burnlink: renamed "invoice\\u202efdp.exe" to invoicefdp.exe (${why.hidden})`,
      `burnlink: renamed "pay\\u200bpal.pdf" to paypal.pdf (${why.hidden})`,
      `burnlink: renamed "\\x1b]52;c;BASE64\\x07.txt" to ]52;c;BASE64.txt (${why.hidden})`,
    ])
      expect(run.stderr).toContain(`${line}\n`);
  });

  it('never overwrites: a taken name gets a number, and the CLI says so', async () => {
    const files = ['-rf', '-rf'].map((name) => fileSourceFromBytes(new Uint8Array([1]), name));
    const link = await plant({ files });
    const run = await cli(['get', link, '--output', dir]);
    expect((await readdir(dir)).sort()).toEqual(['_-rf', '_-rf (1)']);
    expect(run.stderr).toContain(
      'burnlink: renamed "-rf" to _-rf (1) (a name starting with "-" or "." gets "_" in front; a file of that name exists)\n',
    );
  });

  it('messages from the server the link names, and usage errors quoting an argument, are made visible', async () => {
    const hostile = async () =>
      new Response(JSON.stringify({ error: { code: 'x', message: `nope${OSC_52}` } }), { status: 503 });
    const link = `https://evil.example/s/${'A'.repeat(22)}#${'k'.repeat(43)}`;
    const run = await runFake(['get', link], { fetch: hostile, ttyOutput: true });
    expect(run.code).not.toBe(0);
    expect(hidden(run.stderr.replaceAll('\n', ''))).toEqual([]);
    expect(run.stderr).toContain('nope\\x1b]52;c;BASE64\\x07');
    const usage = await cli(['get', `--x${OSC_TITLE}`, link]);
    expect(usage.code).toBe(2);
    expect(hidden(usage.stderr.replaceAll('\n', ''))).toEqual([]);
  });
});
