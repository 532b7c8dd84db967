import { readFile } from 'node:fs/promises';
import { setRecordCipher } from '@burnlink/core';
import type { CliContext } from './cli-context.js';
import { nodeRecordCipher } from './files/node-record-cipher.js';
import { runCli } from './run-cli.js';
import { promptHidden, promptLine, readAll } from './terminal.js';

// The entry point: the only module that reads process.argv, process.env and the standard streams.

// Files are encrypted and decrypted with node:crypto's AES-GCM: the same bytes as WebCrypto, several times faster.
setRecordCipher(nodeRecordCipher);

const packageJson = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const context: CliContext = {
  env: process.env,
  stdout: { write: (text) => process.stdout.write(text), isTTY: process.stdout.isTTY === true },
  stderr: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY === true },
  stdinIsTTY: process.stdin.isTTY === true,
  readStdin: () => readAll(process.stdin),
  promptHidden: (question) => promptHidden(question, process.stdin, process.stderr),
  promptLine: (question) => promptLine(question, process.stdin, process.stderr),
  readFile: (path) => readFile(path, 'utf8'),
  onInterrupt: (listener) => {
    let count = 0;
    const handler = () => {
      count += 1;
      if (count > 1) process.exit(130);
      listener();
    };
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
  now: () => Date.now(),
  version: packageJson.version,
};

const argv = process.argv.slice(2);
const code = await runCli(argv, context);
process.exitCode = code;
// `serve` keeps running (the server exits on SIGTERM/SIGINT). Every other command is done: leave once the
// output is flushed, rather than waiting for fetch's idle keep-alive sockets to wind down.
if (argv[0] !== 'serve') {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
