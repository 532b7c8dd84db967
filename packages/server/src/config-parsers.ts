import { isIP } from 'node:net';
import { formatDuration, parseDuration, parseDurationSeconds } from '@burnlink/core';
import { type HostPattern, parseHostPattern } from './domains/host-names.js';
import { parseByteSize, SIZE_HELP } from './units.js';

/**
 * The value parsers of the configuration table (`config-variables.ts`). Each takes the trimmed, non-empty text
 * of a variable and returns its value, or throws `InvalidValue` (or core's `DurationError`, or `UnitError`)
 * with a message that says what is allowed; `loadConfig` prefixes the variable's name.
 */

/** A value that is not allowed; the message does not name the variable (the loader does). */
export class InvalidValue extends Error {
  override readonly name = 'InvalidValue';
}

export type Parse<T> = (text: string) => T;

/** A whole number from `min` to `max`. */
export const wholeNumber =
  (min: number, max: number): Parse<number> =>
  (text) => {
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max)) {
      throw new InvalidValue(`"${text}" is not a whole number from ${min} to ${max}`);
    }
    return value;
  };

/** A duration (`90`, `5m`, `1h30m`) in milliseconds, from `minMs` to `maxMs`. */
export const durationMs =
  (minMs: number, maxMs: number): Parse<number> =>
  (text) => {
    const ms = parseDuration(text);
    if (ms < minMs || ms > maxMs) {
      throw new InvalidValue(`"${text}" must be from ${formatDuration(minMs)} to ${formatDuration(maxMs)}`);
    }
    return ms;
  };

/** A duration in whole seconds (lifetimes); bounds that depend on other variables are checked by the caller. */
export const durationSeconds: Parse<number> = (text) => parseDurationSeconds(text);

/** A byte size (`262144`, `256KiB`, `1GiB`) from `min` to `max` bytes; `range` says so in words. */
export const byteSize =
  (min: number, max: number, range: string): Parse<number> =>
  (text) => {
    const bytes = parseByteSize(text);
    if (bytes < min || bytes > max) throw new InvalidValue(`must be from ${range} (${SIZE_HELP})`);
    return bytes;
  };

const ON = ['on', 'true', 'yes', '1'];
const OFF = ['off', 'false', 'no', '0'];

/** A switch: on/off, true/false, yes/no, 1/0, any case. */
export const onOff: Parse<boolean> = (text) => {
  const value = text.toLowerCase();
  if (ON.includes(value)) return true;
  if (OFF.includes(value)) return false;
  throw new InvalidValue(`"${value}" is not on or off (also accepted: true/false, yes/no, 1/0)`);
};

export type ServerMode = 'standard' | 'ephemeral';
const SERVER_MODES: readonly ServerMode[] = ['standard', 'ephemeral'];

/** `BURNLINK_MODE`: `standard` or `ephemeral` (docs/operations.md, "Ephemeral mode"). */
export const serverMode: Parse<ServerMode> = (text) => {
  const mode = text.toLowerCase() as ServerMode;
  if (!SERVER_MODES.includes(mode))
    throw new InvalidValue(`"${mode}" is not one of ${SERVER_MODES.join(', ')}`);
  return mode;
};

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const logLevel: Parse<LogLevel> = (text) => {
  const level = text.toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level))
    throw new InvalidValue(`"${level}" is not one of ${LOG_LEVELS.join(', ')}`);
  return level;
};

export type SqliteWriterMode = 'auto' | 'thread' | 'inline';
const SQLITE_WRITER_MODES: readonly SqliteWriterMode[] = ['auto', 'thread', 'inline'];

/**
 * Whether the SQLite store commits on a writer thread. `auto`: only with more than two CPUs. On two, the
 * thread competes with the event loop for the same cores: measured on a 2-CPU machine it gave no more
 * creates/s than committing inline (9,786–10,060 vs 9,274/s, p99 15–16 vs 18 ms) and cost about 10 MiB of RSS.
 */
export const sqliteWriterThread = (mode: SqliteWriterMode, cpus: number): boolean =>
  mode === 'thread' || (mode === 'auto' && cpus > 2);

/** `BURNLINK_SQLITE_WRITER`: `auto`, `thread` or `inline`. */
export const sqliteWriterMode: Parse<SqliteWriterMode> = (text) => {
  const mode = text.toLowerCase() as SqliteWriterMode;
  if (!SQLITE_WRITER_MODES.includes(mode))
    throw new InvalidValue(`"${mode}" is not one of ${SQLITE_WRITER_MODES.join(', ')}`);
  return mode;
};

/** A URL with its credentials masked, for messages: `postgres://***@db/x`. */
const masked = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

/** `https://secrets.example.com` (an origin: no path, query or fragment). */
export const publicUrl: Parse<string> = (text) => {
  const problem = `"${text}" is not an http(s) origin such as https://secrets.example.com (no path, query or #)`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidValue(problem);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    throw new InvalidValue(problem);
  }
  return url.origin;
};

/** The secret store URL; only its form is checked here (`openStore` resolves paths and connects). */
export const storeUrl: Parse<string> = (text) => {
  if (text === 'memory:' || text === 'memory') return 'memory:';
  if (text === 'sqlite') return 'sqlite:';
  if (/^(sqlite:|(rediss?(\+cluster)?|postgres(ql)?):\/\/)/.test(text)) return text;
  throw new InvalidValue(
    `"${masked(text)}" is not one of sqlite: (the default, a file in BURNLINK_DATA_DIR), ` +
      'sqlite:PATH, memory:, redis://…, redis+cluster://…, postgres://…',
  );
};

/** The blob store URL; only its form is checked here (`openBlobStore` resolves paths and connects). */
export const blobStoreUrl: Parse<string> = (text) => {
  if (text === 'memory' || text === 'memory:') return 'memory:';
  if (text === 'fs') return 'fs:';
  if (/^(fs:|postgres(ql)?:\/\/)/.test(text)) return text;
  throw new InvalidValue(
    `"${masked(text)}" is not one of fs: (the default, BURNLINK_DATA_DIR/blobs), fs:PATH, memory:, postgres://…`,
  );
};

/** Fastify's `trustProxy`: false, true, a hop count, or a list of addresses, CIDRs and range names. */
export const trustProxy: Parse<boolean | number | string[]> = (text) => {
  const value = text.toLowerCase();
  if (OFF.includes(value)) return false;
  if (['on', 'true', 'yes'].includes(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new InvalidValue(
        `"${entry}" is not valid; use off, true (trust every proxy), a hop count such as 1, ` +
          'or a comma-separated list of proxy addresses/CIDRs such as 10.0.0.0/8,127.0.0.1 ' +
          '(loopback, linklocal and uniquelocal name the usual ranges)',
      );
    }
  }
  return entries;
};

const MIN_FREE_HELP =
  'off, a share of the volume (5%), a size (1GiB), or both separated by a comma (5%,1GiB)';

/**
 * `BURNLINK_MIN_FREE_SPACE`: `off`/`0`, `P%` (0 to 90, decimals allowed), a byte size, or both as `P%,SIZE`
 * (either order). Unset parts are 0: a limit of 0 never refuses.
 */
export const minFreeSpace: Parse<{ percent: number; bytes: number }> = (text) => {
  if (OFF.includes(text.toLowerCase())) return { percent: 0, bytes: 0 };
  const parts = text.split(',').map((part) => part.trim());
  let percent: number | null = null;
  let bytes: number | null = null;
  for (const part of parts) {
    const share = /^(\d+(?:\.\d+)?)\s*%$/.exec(part);
    if (share !== null && percent === null) {
      percent = Number(share[1]);
      if (!(percent <= 90)) throw new InvalidValue(`"${part}" must be a share from 0% to 90%`);
    } else if (share === null && bytes === null && part !== '') {
      bytes = parseByteSize(part);
    } else {
      throw new InvalidValue(`"${text}" is not ${MIN_FREE_HELP}`);
    }
  }
  return { percent: percent ?? 0, bytes: bytes ?? 0 };
};

/** The accounts store URL: like `BURNLINK_STORE`, but only the backends that hold accounts. */
export const accountsStoreUrl: Parse<string> = (text) => {
  if (text === 'memory:' || text === 'memory') return 'memory:';
  if (text === 'sqlite') return 'sqlite:';
  if (/^(sqlite:|postgres(ql)?:\/\/)/.test(text)) return text;
  throw new InvalidValue(
    `"${masked(text)}" is not one of sqlite: (a file in BURNLINK_DATA_DIR), sqlite:PATH, memory:, postgres://…`,
  );
};

/** Accounts follow the secrets: memory with memory, the same PostgreSQL database, else a SQLite file. */
export const defaultAccountsStore = (secretStoreUrl: string): string => {
  if (secretStoreUrl === 'memory:') return 'memory:';
  if (/^postgres(ql)?:\/\//.test(secretStoreUrl)) return secretStoreUrl;
  return 'sqlite:accounts.db';
};

/** An OpenID Connect issuer: an https URL (http only on loopback, for tests and local providers). */
export const oidcIssuer: Parse<string> = (text) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidValue(`"${text}" is not a URL such as https://login.example.com/realms/acme`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InvalidValue(`"${text}" must be https (http only on localhost)`);
  }
  return text.replace(/\/$/, '');
};

/** `BURNLINK_ALLOWED_HOSTS`: `*` (null: every Host gets the main site) or a comma-separated list of hosts. */
export const allowedHosts: Parse<HostPattern[] | null> = (text) => {
  if (text === '*') return null;
  return text.split(',').map((entry) => {
    const pattern = parseHostPattern(entry.trim());
    if (pattern === null) {
      throw new InvalidValue(
        `"${entry.trim()}" is not a host name, IP address ([…] for IPv6) or *.example.com, with an optional :port; or set * for any host`,
      );
    }
    return pattern;
  });
};

/** `BURNLINK_DNS_SERVERS`: comma-separated resolver addresses, each `IP`, `IP:port` or `[IPv6]:port`. */
export const dnsServers: Parse<string[]> = (text) =>
  text.split(',').map((entry) => {
    const server = entry.trim();
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)|([0-9a-fA-F:]+))(?::(\d{1,5}))?$/.exec(server);
    const address = match === null ? null : (match[1] ?? match[2] ?? match[3]);
    const port = match?.[4] === undefined ? 53 : Number(match[4]);
    // A bare IPv6 address cannot carry a port (its colons would be ambiguous).
    const bareV6WithPort = match?.[3] !== undefined && match[4] !== undefined;
    if (address == null || isIP(address) === 0 || port < 1 || port > 65535 || bareV6WithPort) {
      throw new InvalidValue(
        `"${server}" is not a resolver address such as 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53`,
      );
    }
    return server;
  });
