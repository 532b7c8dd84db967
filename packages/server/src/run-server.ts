import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import type { AccountsStore } from './accounts/accounts-store.js';
import { openAccounts } from './accounts/open-accounts.js';
import { buildApp } from './app.js';
import type { BlobStore } from './blobs/blob-store.js';
import { openBlobStore } from './blobs/open-blob-store.js';
import { loadConfig } from './config.js';
import { sqliteWriterThread } from './config-parsers.js';
import type { RateLimitOptions } from './plugins/rate-limit.js';
import type { ServiceSweepResult } from './service/sweep.js';
import { openStore } from './stores/open-store.js';
import type { SecretAndRequestStore } from './stores/request-store.js';
import { startSweeper } from './stores/sweeper.js';

export interface RunningServer {
  /** `http://HOST:PORT` as bound (the real port when BURNLINK_PORT=0). */
  url: string;
  /** Graceful stop: stop accepting, finish in-flight requests, stop the sweeper, close the store. */
  close(): Promise<void>;
}

export interface RunOptions {
  /** Install SIGTERM/SIGINT handlers that close gracefully and exit (default true; the entry point wants it). */
  handleSignals?: boolean;
  /** Where the `listening on` line goes (default stdout). */
  print?: (line: string) => void;
  /** Use this store instead of opening `BURNLINK_STORE` (embedding, tests); it is still closed on close(). */
  store?: SecretAndRequestStore;
  /** Use this blob store instead of opening `BURNLINK_BLOB_STORE`; it is still closed on close(). */
  blobs?: BlobStore;
  /** Use this accounts store instead of opening `BURNLINK_ACCOUNTS_STORE`; it is still closed on close(). */
  accounts?: AccountsStore;
  /** Transfer leases (see `AppOptions.leaseMs`); tests shorten them. */
  leaseMs?: number;
  /** Where log lines go (default stdout); tests capture them here. */
  logStream?: Writable;
}

/**
 * Starts burnlink from an environment: config, store, sweeper, app, listen. Throws `ConfigError` on a bad
 * variable (the entry point prints it and exits 2).
 *
 * @example const server = await runServer({ BURNLINK_PORT: '0', BURNLINK_STORE: 'memory:' }, { handleSignals: false });
 */
export async function runServer(
  env: Record<string, string | undefined>,
  options: RunOptions = {},
): Promise<RunningServer> {
  const config = loadConfig(env);
  const store =
    options.store ??
    (await openStore(config.storeUrl, {
      dataDir: config.dataDir,
      sqliteWriterThread: sqliteWriterThread(config.sqliteWriter, availableParallelism()),
    }));
  let blobs: BlobStore;
  try {
    blobs = options.blobs ?? (await openBlobStore(config.files.blobStoreUrl, config.dataDir));
  } catch (error) {
    await store.close();
    throw error;
  }
  let accounts: AccountsStore;
  try {
    accounts =
      options.accounts ?? (await openAccounts(config.accounts.storeUrl, { dataDir: config.dataDir }));
  } catch (error) {
    await Promise.allSettled([store.close(), blobs.close()]);
    throw error;
  }
  const closeStores = async () => {
    await Promise.allSettled([store.close(), blobs.close(), accounts.close()]);
  };
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    // Stores that can hold rate-limit counters for every node (Redis, PostgreSQL) offer them.
    const shared = (store as { rateLimitBackend?: () => RateLimitOptions }).rateLimitBackend?.();
    app = await buildApp({
      config,
      store,
      blobs,
      accounts,
      processMetrics: true,
      rateLimit: shared ?? {},
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      ...(options.logStream === undefined
        ? {}
        : { logger: { level: config.logLevel, stream: options.logStream } }),
    });
  } catch (error) {
    await closeStores();
    throw error;
  }
  const onSweepError = (error: unknown) =>
    app.log.warn(
      { err: { type: (error as Error)?.name, message: (error as Error)?.message } },
      'sweep failed',
    );
  // One sweep: the store's records past their time, then their bytes, then bytes with no record (orphans).
  const service = app.burnlinkService;
  const sweeper = startSweeper(
    { sweep: () => service.sweep() },
    {
      intervalMs: config.sweepIntervalMs,
      now: Date.now,
      onResult: (result: ServiceSweepResult) => {
        app.burnlinkMetrics.blobsSwept.inc(result.blobs);
        if (result.expiredSecrets + result.purgedReceipts + result.blobs > 0) {
          const { expiredSecrets: expired, purgedReceipts: purged, blobs: swept } = result;
          app.log.debug({ expired, purged, blobs: swept }, 'sweep');
        }
      },
      onError: onSweepError,
    },
  );
  // Accounts: ended sessions, used or expired invites, ownership rows past the receipt retention; audit
  // records past BURNLINK_AUDIT_RETENTION (bounded per sweep, a checkpoint left).
  const accountsSweeper = startSweeper(
    {
      sweep: async () => {
        const swept = await app.burnlinkAccounts.sweep();
        await app.burnlinkAudit.prune();
        return swept;
      },
    },
    { intervalMs: config.sweepIntervalMs, now: Date.now, onError: onSweepError },
  );
  const stopSweepers = async () => {
    await Promise.all([sweeper.stop(), accountsSweeper.stop()]);
  };

  if (config.mode === 'ephemeral') {
    app.log.info(
      { mode: config.mode },
      'ephemeral mode — secrets, accounts and files are kept in memory only; no audit trail, no request logs; ' +
        'a restart forgets everything',
    );
  }
  if (config.publicUrl === null && config.domains.allowedHosts === null && !isLoopback(config.host)) {
    app.log.warn(
      { host: config.host },
      'links in server-encrypted mode follow the Host header: set BURNLINK_PUBLIC_URL or BURNLINK_ALLOWED_HOSTS ' +
        '(docs/domains.md, "Links and hosts")',
    );
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await stopSweepers();
    await app.close();
    await closeStores();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  (options.print ?? ((line) => process.stdout.write(`${line}\n`)))(`burnlink listening on ${url}`);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Stops accepting and waits for in-flight requests. A keep-alive connection whose request finishes
      // during the wait would hold the close open for the keep-alive timeout: close idle ones as they appear.
      const idle = setInterval(() => app.server.closeIdleConnections(), 50);
      // Sweepers first: an expiry swept meanwhile is still recorded by the audit trail, which app.close flushes.
      await stopSweepers();
      try {
        await app.close();
      } finally {
        clearInterval(idle);
      }
      await closeStores();
    })();
    return closing;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'shutting down');
      const hardExit = setTimeout(() => {
        app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs);
      hardExit.unref();
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error(
            { err: { type: (error as Error)?.name, message: (error as Error)?.message } },
            'shutdown failed',
          );
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { url, close };
}

/** A bind address only this machine reaches (no client elsewhere can choose the Host it sends). */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
