import type { FetchLike } from '@burnlink/client';
import type { CliContext } from './cli-context.js';
import { runCli } from './run-cli.js';

export interface FakeRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeContextOptions {
  env?: Record<string, string>;
  stdin?: string;
  /**
   * Answers for prompts (hidden or not), in order; once used up a prompt reports "no terminal" (null).
   * `asked` records the questions, a visible prompt's with a leading `(visible) `.
   */
  prompts?: string[];
  /** Answers prompts before `prompts` does, when the answer is known only later (a mailed code). */
  answer?: (question: string) => Promise<string | null>;
  stdinIsTTY?: boolean;
  /** Whether stdout and stderr are terminals (default false); `stdoutIsTTY` overrides it for stdout. */
  ttyOutput?: boolean;
  stdoutIsTTY?: boolean;
  files?: Record<string, string>;
  fetch?: FetchLike;
  /** Stands in for Ctrl-C handling (main.ts uses SIGINT). */
  onInterrupt?: CliContext['onInterrupt'];
}

/** Runs the CLI in-process against fake streams, for unit tests. */
export async function runFake(
  argv: string[],
  options: FakeContextOptions = {},
): Promise<FakeRun & { asked: string[] }> {
  let stdout = '';
  let stderr = '';
  const prompts = [...(options.prompts ?? [])];
  const asked: string[] = [];
  const ctx: CliContext = {
    env: options.env ?? {},
    stdout: {
      write: (t) => {
        stdout += t;
      },
      isTTY: options.stdoutIsTTY ?? options.ttyOutput ?? false,
    },
    stderr: {
      write: (t) => {
        stderr += t;
      },
      isTTY: options.ttyOutput ?? false,
    },
    stdinIsTTY: options.stdinIsTTY ?? false,
    readStdin: async () => options.stdin ?? '',
    promptHidden: async (question) => {
      asked.push(question);
      return prompts.length ? prompts.shift()! : null;
    },
    promptLine: async (question) => {
      asked.push(`(visible) ${question}`);
      if (options.answer) return options.answer(question);
      return prompts.length ? prompts.shift()! : null;
    },
    readFile: async (path) => {
      const content = options.files?.[path];
      if (content === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return content;
    },
    fetch: options.fetch ?? (async () => Promise.reject(new TypeError('fetch failed'))),
    ...(options.onInterrupt ? { onInterrupt: options.onInterrupt } : {}),
    now: () => Date.now(),
    version: '9.9.9',
  };
  const code = await runCli(argv, ctx);
  return { code, stdout, stderr, asked };
}
