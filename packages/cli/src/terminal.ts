import { closeSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ReadStream, WriteStream } from 'node:tty';
import { PromptCancelled } from './cli-context.js';

interface Tty {
  input: ReadStream;
  output: NodeJS.WritableStream;
  close(): void;
}

/**
 * The terminal to ask on: standard input when it is one, else the controlling terminal (`/dev/tty`), so that
 * `echo s3cret | burnlink send --passphrase` can still prompt. Null without a terminal (CI, cron, pipes).
 */
function openTty(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Tty | null {
  if (stdin.isTTY) {
    return { input: stdin as ReadStream, output: stderr, close: () => stdin.pause() };
  }
  let inFd: number | undefined;
  let outFd: number | undefined;
  try {
    inFd = openSync('/dev/tty', 'r');
    outFd = openSync('/dev/tty', 'w');
    const input = new ReadStream(inFd);
    const output = new WriteStream(outFd);
    return {
      input,
      output,
      close: () => {
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    if (inFd !== undefined) closeSync(inFd);
    if (outFd !== undefined) closeSync(outFd);
    return null;
  }
}

/**
 * Reads one line from the terminal without echoing it (passphrases, secrets typed by hand).
 * Enter ends the line, Backspace deletes, Ctrl-C rejects with `PromptCancelled`, Ctrl-D on an empty line
 * ends with an empty answer.
 */
export function promptHidden(
  question: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string | null> {
  const tty = openTty(stdin, stderr);
  if (tty === null) return Promise.resolve(null);
  const { input, output } = tty;
  return new Promise((resolve, reject) => {
    let answer = '';
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      output.write('\n');
      tty.close();
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        if (char === '\u0003') return finish(new PromptCancelled());
        if (char === '\u007f' || char === '\b') answer = [...answer].slice(0, -1).join('');
        else if (char >= ' ') answer += char;
      }
    };
    // Echo off before the question appears: whoever answers as soon as they see it must not be echoed.
    input.setRawMode(true);
    output.write(question);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}

/**
 * Reads one line from the terminal with echo (a choice, a one-time code). Ctrl-C rejects with
 * `PromptCancelled`; Ctrl-D ends with an empty answer.
 */
export function promptLine(
  question: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string | null> {
  const tty = openTty(stdin, stderr);
  if (tty === null) return Promise.resolve(null);
  const lines = createInterface({ input: tty.input, output: tty.output, terminal: true });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (answer: string | null, error?: Error) => {
      if (settled) return;
      settled = true;
      lines.close();
      tty.close();
      if (error) reject(error);
      else resolve(answer);
    };
    lines.on('SIGINT', () => {
      tty.output.write('\n');
      finish(null, new PromptCancelled());
    });
    lines.on('close', () => finish(''));
    lines.question(question, (answer) => finish(answer));
  });
}

/** Reads a whole stream as UTF-8. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
