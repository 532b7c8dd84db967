import { readFile } from 'node:fs/promises';
import type { CliContext } from './cli-context.js';
import { runCli } from './run-cli.js';
import { promptHidden, readAll } from './terminal.js';

// The entry point: the only module that reads process.argv, process.env and the standard streams.

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
  readFile: (path) => readFile(path, 'utf8'),
  now: () => Date.now(),
  version: packageJson.version,
};

process.exitCode = await runCli(process.argv.slice(2), context);
