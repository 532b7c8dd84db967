import type { ClusterNode, ClusterOptions, RedisOptions } from 'ioredis';

/**
 * `BURNLINK_STORE` URLs for Redis / Valkey:
 *
 * - `redis://[[user]:password@]host[:port][/db]` — one server (default port 6379, db 0);
 * - `rediss://…` — the same over TLS (certificates checked; extra CAs via `NODE_EXTRA_CA_CERTS`);
 * - `redis+cluster://[[user]:password@]host1:port1,host2:port2,…` — a Redis Cluster, given by one or more seed
 *   nodes (the client discovers the rest); `rediss+cluster://…` over TLS. No `/db` in cluster mode.
 *
 * Query options: `prefix` (key prefix, default `bl:`; no braces, since keys carry a `{…}` hash tag),
 * `timeout` (connect and command timeout in ms, default 2000). Example:
 * `redis+cluster://:s3cret@10.0.0.1:7000,10.0.0.2:7000?prefix=burnlink:`.
 */
export type RedisTarget =
  | { mode: 'standalone'; options: RedisOptions; prefix: string; timeoutMs: number }
  | { mode: 'cluster'; nodes: ClusterNode[]; options: ClusterOptions; prefix: string; timeoutMs: number };

export const DEFAULT_REDIS_TIMEOUT_MS = 2000;

const URL_PATTERN = /^(rediss?)(\+cluster)?:\/\/(?:([^@/?]*)@)?([^/?]*)(?:\/(\d*))?(?:\?(.*))?$/;

/** Parses a Redis store URL into ioredis options; throws an `Error` naming what is wrong (never the password). */
export function parseRedisUrl(url: string): RedisTarget {
  const match = URL_PATTERN.exec(url);
  if (!match)
    throw new Error('invalid Redis store URL (expected redis://host:port[/db] or redis+cluster://h1:p1,…)');
  const [, scheme, cluster, auth, hosts = '', db, query] = match;
  const params = new URLSearchParams(query ?? '');
  const prefix = params.get('prefix') ?? 'bl:';
  if (/[{}]/.test(prefix)) throw new Error('the Redis key prefix must not contain braces');
  const timeout = Number(params.get('timeout') ?? DEFAULT_REDIS_TIMEOUT_MS);
  if (!Number.isInteger(timeout) || timeout <= 0)
    throw new Error('the Redis timeout must be a positive integer');
  const nodes = hosts.split(',').map(parseHostPort);
  if (nodes.length === 0 || nodes.some((node) => node.host === '')) {
    throw new Error('the Redis store URL names no host');
  }
  const { username, password } = parseAuth(auth);
  const tls = scheme === 'rediss' ? {} : undefined;
  const connection: RedisOptions = {
    username,
    password,
    tls,
    connectTimeout: timeout,
    // Only a backstop: the store puts its own deadline of `timeout` on every call (see deadline.ts).
    commandTimeout: timeout * 5,
    // Fail fast instead of queueing while disconnected: the caller answers 503 and the client may retry.
    enableOfflineQueue: false,
    // A command in flight when the connection drops is rejected, never re-sent: re-sending a claim whose
    // reply was lost could spend a second view.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    lazyConnect: true,
    // No auto-pipelining on one connection: ioredis keeps only one auto-pipeline in flight per connection and
    // queues every later command until its replies are in (stop and wait). Commands written as they come are
    // pipelined by the socket anyway, and cost less: `node bench/http.js --stores memory,redis` did 1.3–2× the
    // creates per second without it (the store's commands of one call still go out back to back).
    enableAutoPipelining: false,
  };
  if (cluster) {
    if (db) throw new Error('a Redis Cluster has no database number');
    return {
      mode: 'cluster',
      nodes,
      prefix,
      timeoutMs: timeout,
      options: {
        redisOptions: connection,
        // Kept for a Cluster (commands grouped per node); not measured without it, unlike one connection.
        enableAutoPipelining: true,
        enableOfflineQueue: false,
        lazyConnect: true,
        clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 1000),
        slotsRefreshTimeout: timeout,
        retryDelayOnFailover: 100,
        retryDelayOnClusterDown: 100,
        maxRedirections: 8,
        dnsLookup: (address, callback) => callback(null, address),
      },
    };
  }
  if (nodes.length > 1) throw new Error('several hosts need the redis+cluster:// scheme');
  const [node] = nodes as [{ host: string; port: number }];
  return {
    mode: 'standalone',
    prefix,
    timeoutMs: timeout,
    options: { ...connection, ...node, db: db ? Number(db) : 0 },
  };
}

function parseHostPort(text: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : text.split(':');
  return { host: host ?? '', port: port ? Number(port) : 6379 };
}

function parseAuth(auth: string | undefined): { username?: string; password?: string } {
  if (!auth) return {};
  const colon = auth.indexOf(':');
  if (colon < 0) return { username: decodeURIComponent(auth) };
  const username = decodeURIComponent(auth.slice(0, colon));
  return { username: username || undefined, password: decodeURIComponent(auth.slice(colon + 1)) };
}
