import type { FetchLike } from '@burnlink/client';

/** A writable text stream and whether it is a terminal. */
export interface Output {
  write(text: string): void;
  isTTY: boolean;
}

/**
 * Everything a command may touch of the outside world. `main.ts` builds it from `process`; tests build
 * their own. Commands never read `process.env`, `process.argv` or the standard streams directly.
 */
export interface CliContext {
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  stdinIsTTY: boolean;
  /** Reads standard input to its end. */
  readStdin(): Promise<string>;
  /**
   * Asks on the terminal without echo; resolves null when there is no terminal to ask on.
   * Rejects with `PromptCancelled` on Ctrl-C.
   */
  promptHidden(question: string): Promise<string | null>;
  /**
   * Asks on the terminal with echo (choices, one-time codes); resolves null when there is no terminal to ask
   * on. Rejects with `PromptCancelled` on Ctrl-C.
   */
  promptLine(question: string): Promise<string | null>;
  readFile(path: string): Promise<string>;
  /**
   * Runs `listener` on Ctrl-C (SIGINT) instead of exiting, until the returned function is called; a second
   * Ctrl-C exits at once. Absent in tests.
   */
  onInterrupt?(listener: () => void): () => void;
  fetch?: FetchLike;
  now(): number;
  version: string;
}

/** Ctrl-C at a prompt. */
export class PromptCancelled extends Error {
  override readonly name = 'PromptCancelled';
  constructor() {
    super('cancelled');
  }
}
