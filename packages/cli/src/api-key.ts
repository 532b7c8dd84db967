import { type BurnlinkClient, createClient } from '@burnlink/client';
import type { CliContext } from './cli-context.js';
import { readCredentials } from './credentials.js';
import { resolveServer } from './shared-options.js';
import { UsageError } from './usage-error.js';

/** The shape of an API key (docs/teams.md); checked before anything is sent, never echoed. */
export const API_KEY_SHAPE = /^bl_[A-Za-z0-9_-]{16}_[A-Za-z0-9_-]{43}$/;

/** The server a command talks to and the API key it sends there, if any. */
export interface Connection {
  server: string;
  apiKey: string | null;
  /** Where the key came from, for messages. */
  keySource: 'BURNLINK_API_KEY' | 'burnlink login' | null;
  client: BurnlinkClient;
}

/**
 * The server (`--server`, `BURNLINK_URL`, the server of `burnlink login`, the default) and the key for it:
 * `BURNLINK_API_KEY`, else the key stored by `burnlink login` — only when the server is the one it was stored
 * for, so a `--server` elsewhere never receives it.
 */
export async function connect(flag: string | undefined, ctx: CliContext): Promise<Connection> {
  const fromEnv = ctx.env.BURNLINK_API_KEY;
  const stored = fromEnv ? null : await readCredentials(ctx);
  const server = resolveServer(flag, ctx, stored?.server);
  let apiKey: string | null = null;
  let keySource: Connection['keySource'] = null;
  if (fromEnv) {
    if (!API_KEY_SHAPE.test(fromEnv.trim())) {
      throw new UsageError('BURNLINK_API_KEY is not an API key (bl_ followed by 60 characters)');
    }
    apiKey = fromEnv.trim();
    keySource = 'BURNLINK_API_KEY';
  } else if (stored !== null && stored.server === server && API_KEY_SHAPE.test(stored.key)) {
    apiKey = stored.key;
    keySource = 'burnlink login';
  }
  const client = createClient({
    baseUrl: server,
    fetch: ctx.fetch,
    ...(apiKey === null ? {} : { apiKey }),
  });
  return { server, apiKey, keySource, client };
}

/** The message for a command that needs a key and has none. */
export function noKeyMessage(command: string, server: string): string {
  return `burnlink: ${command} needs an API key for ${server}: set BURNLINK_API_KEY, or run: burnlink login --server ${server}\n`;
}
