import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_CONTENT_BYTES,
  formatDuration,
  KDF_DEFAULT_ITERATIONS,
  KDF_MAX_ITERATIONS,
  KDF_MIN_ITERATIONS,
  MAX_VIEWS_LIMIT,
  TTL_CHOICES_SECONDS,
  TTL_DEFAULT_SECONDS,
  TTL_MAX_SECONDS,
  TTL_MIN_SECONDS,
} from '@burnlink/core';
import { parseApiKey } from './auth/api-key-format.js';
import {
  type AlertThresholds,
  DEFAULT_ALERTS,
  formatAlerts,
  mailFrom,
  parseAlerts,
  parseSyslogTarget,
  type SyslogFormat,
  type SyslogTarget,
  smtpUrl,
  syslogFormat,
} from './config-audit.js';
import {
  accountsStoreUrl,
  allowedHosts,
  blobStoreUrl,
  byteSize,
  defaultAccountsStore,
  dnsServers,
  durationMs,
  durationSeconds,
  InvalidValue,
  type LogLevel,
  logLevel,
  minFreeSpace,
  oidcIssuer,
  onOff,
  publicUrl,
  type ServerMode,
  type SqliteWriterMode,
  serverMode,
  sqliteWriterMode,
  storeUrl,
  trustProxy,
  wholeNumber,
} from './config-parsers.js';
import {
  DEFAULT_RATE_LIMITS,
  DEFAULT_UPLOAD_BUDGET,
  formatRateLimits,
  formatUploadBudget,
  parseRateLimits,
  parseUploadBudget,
  type RateLimits,
  type UploadBudget,
} from './config-rate-limits.js';
import type { HostPattern } from './domains/host-names.js';
import type { MinFreeSpace } from './service/disk-space.js';
import { formatByteSize } from './units.js';

/**
 * THE list of configuration variables: name, default, parser and meaning of each, in one place. `loadConfig`
 * reads them in this order, so a variable's parser and default may use the variables listed before it.
 * `scripts/config-docs.ts` renders the table of docs/operations.md and `.env.example` from it
 * (`npm run docs:config`); a test fails when the committed ones differ.
 */

/** Each variable's value as read, before `loadConfig` assembles `ServerConfig` (durations in ms unless named). */
export interface ConfigValues {
  mode: ServerMode;
  port: number;
  host: string;
  publicUrl: string | null;
  dataDir: string;
  storeUrl: string;
  sqliteWriter: SqliteWriterMode;
  ttlMinSeconds: number;
  ttlMaxSeconds: number;
  ttlDefaultSeconds: number;
  ttlChoicesSeconds: number[];
  maxViews: number;
  maxAttempts: number;
  maxContentBytes: number;
  blobStoreUrl: string;
  maxFiles: number;
  maxSecretBytes: number;
  maxFileBytes: number;
  grantTtlMs: number;
  uploadStaleAfterMs: number;
  uploadBudget: UploadBudget | null;
  minFreeSpace: MinFreeSpace;
  receiptRetentionMs: number;
  sweepIntervalMs: number;
  serverEncryption: boolean;
  keyClaim: boolean;
  otsApi: boolean;
  kdfMaxIterations: number;
  kdfConcurrency: number;
  rateLimits: RateLimits | null;
  trustProxy: boolean | number | string[];
  logLevel: LogLevel;
  webDir: string;
  shutdownTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  uploadIdleTimeoutMs: number;
  downloadIdleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  accountsStoreUrl: string;
  anonymousCreate: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  apiKeyMaxLifetimeMs: number;
  inviteLifetimeMs: number;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  oidcClientSecret: string | null;
  oidcName: string;
  audit: boolean;
  auditIps: boolean;
  auditRetentionMs: number;
  auditSyslog: SyslogTarget | null;
  auditSyslogFormat: SyslogFormat;
  auditSyslogCa: string | null;
  webhookAllowPrivate: boolean;
  alerts: AlertThresholds | null;
  smtpUrl: string | null;
  smtpFrom: string;
  geoipDb: string | null;
  slackSigningSecret: string | null;
  slackBotToken: string | null;
  slackApiKey: string | null;
  slackApiUrl: string;
  mattermostTokens: string[] | null;
  mattermostApiKey: string | null;
  allowedHosts: HostPattern[] | null;
  dnsServers: string[] | null;
  domainRecheckMs: number;
  domainGraceMs: number;
}
export type ConfigKey = keyof ConfigValues;

/** Sections of `.env.example`, each with its comment; variables of one group stand together in the table. */
export const CONFIG_GROUPS = {
  mode:
    'Mode: standard, or ephemeral: secrets, accounts and files in memory only, no audit trail, no request logs; ' +
    'a restart forgets everything (docs/operations.md, "Ephemeral mode").',
  listen: 'Where to listen. PORT=0 picks a free port.',
  links:
    'Origin for links in server-encrypted mode; unset = derived from each request. Set it behind a proxy.',
  storage:
    'Storage: sqlite: (DATA_DIR/burnlink.db), sqlite:PATH, memory:, redis://…, redis+cluster://…, postgres://…',
  lifetimes: 'Lifetimes a sender may choose, the default, and the choices the clients offer.',
  limits: 'Limits.',
  files:
    'Files: where their ciphertext goes (fs:, fs:PATH, postgres://…, memory:), how many and how large ' +
    "(plaintext bytes), and how long a claim's download grant lasts.",
  housekeeping:
    'Receipts outlive their secret this long (timestamps only); expired data is swept this often.',
  features:
    'Server-side encryption for curl/chat clients, claiming with the link key, and how much passphrase key ' +
    'derivation (PBKDF2) the server does for them.',
  rateLimits: 'Per client address: off, or overrides BUCKET=COUNT/WINDOW of create, claim, lookups (404s).',
  proxy:
    'Believe X-Forwarded-* from: off, proxy addresses/CIDRs (127.0.0.1,10.0.0.0/8), a hop count, or true.',
  process:
    'Log level; the built web app (default: packages/web/dist beside the server package; a path set here is ' +
    'relative to the working directory); how long a graceful shutdown may take.',
  timeouts:
    'How long a client may take: to send the headers, a JSON body, the next byte of an upload; how long an ' +
    'idle keep-alive connection stays open.',
  accounts:
    'Accounts (docs/teams.md): where organisations, members, sessions and API keys live; whether anyone may ' +
    'create without signing in; session and key lifetimes; sign-in with an OpenID Connect provider.',
  audit:
    'Audit trail (docs/audit.md): whether it is kept, client addresses in it, how long; shipping it to a SIEM ' +
    'by syslog; webhooks to private addresses; alert thresholds.',
  mail:
    'Mail for notifications and recipient verification codes (nodemailer): the SMTP server and the sender ' +
    'address. Unset: no mail.',
  policies: 'Restrictions and policies (docs/policies.md): the country database for country rules.',
  chat:
    "Slack and Mattermost slash commands (docs/slack.md): the Slack app's signing secret and bot token, the " +
    'Mattermost command tokens, and the API keys whose organisations own what they create. Secrets: never logged.',
  domains:
    'Host names and custom domains (docs/domains.md): which Host headers get the main site (others 421), the ' +
    'DNS resolvers that verify domains, how often they are re-checked, how long a missing record is tolerated.',
} as const;
export type ConfigGroup = keyof typeof CONFIG_GROUPS;

interface VariableBase<K extends ConfigKey> {
  key: K;
  name: `BURNLINK_${string}`;
  group: ConfigGroup;
  /**
   * Parses and validates a set value (trimmed, never empty). `earlier` holds the variables listed before this
   * one. Throws `InvalidValue` (or `DurationError`, `UnitError`) with a message that omits the name.
   */
  parse: (text: string, earlier: ConfigValues) => ConfigValues[K];
  /** The meaning, for the docs table (markdown; line breaks become spaces). */
  doc: string;
  /** The docs' default cell (markdown) when `default` alone would not say it. */
  defaultDoc?: string;
  /** A credential: its parser never quotes the value, and the docs say it is never logged. */
  secret?: true;
}
interface WithDefault<K extends ConfigKey> extends VariableBase<K> {
  /** The default as an operator writes it (docs, `.env.example`); parsed like a set value when unset… */
  default: string;
  /** …unless the default depends on variables listed before; then this gives the value. */
  whenUnset?: (earlier: ConfigValues) => ConfigValues[K];
}
interface WithoutDefault<K extends ConfigKey> extends VariableBase<K> {
  /** No value to write down: unset means `whenUnset`, and `.env.example` shows `example` commented out. */
  default: null;
  whenUnset: (earlier: ConfigValues) => ConfigValues[K];
  example: string;
  defaultDoc: string;
}
export type ConfigVariable<K extends ConfigKey = ConfigKey> = WithDefault<K> | WithoutDefault<K>;
type AnyVariable = { [K in ConfigKey]: ConfigVariable<K> }[ConfigKey];

/**
 * One core stays with the event loop (on 2 cores, 2 derivations took the create p99 from 69 to 394 ms, 1 kept
 * it at 132 ms: bench/kdf-load.js), and at most 3 of libuv's 4 threads, which file I/O and WebCrypto share.
 */
export const defaultKdfConcurrency = (cores: number): number => Math.max(1, Math.min(cores - 1, 3));

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
const DEFAULT_MAX_SECRET_BYTES = 1024 ** 3;
const SWEEP = { min: 1_000, max: 86_400_000 };
const SESSION = { min: 300_000, max: 30 * 86_400_000 };
const GRANT_TTL = { min: 60_000, max: 7 * 86_400_000 };
const UPLOAD_STALE = { min: 60_000, max: 30 * 86_400_000 };
const TIMEOUT = { min: 100, max: 3_600_000 };
const seconds = (s: number) => formatDuration(s * 1000);

const ttlText = (s: number) => `${s} (${seconds(s)})`;
const ttlRange = (e: ConfigValues) =>
  `from ${ttlText(e.ttlMinSeconds)} to ${ttlText(e.ttlMaxSeconds)} seconds`;
const inTtlRange = (e: ConfigValues) => (s: number) => s >= e.ttlMinSeconds && s <= e.ttlMaxSeconds;
const fileSize = byteSize(1, 2 ** 50, '1 byte to 1PiB');

/**
 * Ephemeral mode sets some variables itself. Setting one of them to another value is refused at start (naming
 * both), never silently overridden: `fits` says which values agree with the mode, `sets` what the mode does.
 */
const unlessEphemeral =
  <T>(parse: (text: string, e: ConfigValues) => T, fits: (value: T) => boolean, sets: string) =>
  (text: string, e: ConfigValues): T => {
    const value = parse(text, e);
    if (e.mode === 'ephemeral' && !fits(value)) {
      throw new InvalidValue(`conflicts with BURNLINK_MODE=ephemeral, which ${sets}; unset one of the two`);
    }
    return value;
  };
const isMemory = (url: string) => url === 'memory:';

/** A token or signing secret: at least 8 characters, no spaces. The message never quotes it. */
const chatCredential = (text: string): string => {
  const value = text.trim();
  if (value.length < 8 || /\s/.test(value)) {
    throw new InvalidValue(
      'must be the credential as Slack or Mattermost shows it (8 characters or more, no spaces)',
    );
  }
  return value;
};
const chatApiKey = (text: string): string => {
  if (parseApiKey(text) === null) throw new InvalidValue('is not a burnlink API key (bl_…)');
  return text;
};
const httpUrl = (text: string): string => {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text.replace(/\/+$/, '');
  } catch {}
  throw new InvalidValue(`"${text}" is not an http(s) URL`);
};
const ephemeral = (e: ConfigValues) => e.mode === 'ephemeral';

/** Variables that are set together or not at all (`loadConfig` refuses one without the others). */
export const SET_TOGETHER: readonly (readonly string[])[] = [
  ['BURNLINK_OIDC_ISSUER', 'BURNLINK_OIDC_CLIENT_ID', 'BURNLINK_OIDC_CLIENT_SECRET'],
];

export const CONFIG_VARIABLES: readonly AnyVariable[] = [
  {
    key: 'mode',
    name: 'BURNLINK_MODE',
    group: 'mode',
    default: 'standard',
    parse: serverMode,
    doc: `\`standard\`, or \`ephemeral\`: secrets, accounts and files in memory only, no audit trail, no request
      logs; a restart forgets everything. One node only. It sets \`BURNLINK_STORE\`, \`BURNLINK_ACCOUNTS_STORE\`
      and \`BURNLINK_BLOB_STORE\` to \`memory:\` and \`BURNLINK_AUDIT\` to \`off\`; setting one of them (or
      \`BURNLINK_AUDIT_SYSLOG\`) to anything else stops the start. See [Ephemeral mode](#ephemeral-mode).`,
  },
  {
    key: 'port',
    name: 'BURNLINK_PORT',
    group: 'listen',
    default: '8080',
    parse: wholeNumber(0, 65535),
    doc: 'TCP port; `0` picks a free port (printed in the `listening on` line).',
  },
  {
    key: 'host',
    name: 'BURNLINK_HOST',
    group: 'listen',
    default: '127.0.0.1',
    parse: (text) => text,
    doc: `Address to bind. Use \`0.0.0.0\` (or \`::\`) to accept connections from other hosts, normally only
      behind a TLS-terminating reverse proxy.`,
  },
  {
    key: 'publicUrl',
    name: 'BURNLINK_PUBLIC_URL',
    group: 'links',
    default: null,
    defaultDoc: '_(derived from each request)_',
    example: 'https://secrets.example.com',
    whenUnset: () => null,
    parse: publicUrl,
    doc: `The origin links are built with in server-encrypted mode, e.g. \`https://secrets.example.com\` (no
      path). Set it behind a proxy so that links never depend on a client-supplied \`Host\` header.`,
  },
  {
    key: 'dataDir',
    name: 'BURNLINK_DATA_DIR',
    group: 'storage',
    default: './data',
    parse: (text) => path.resolve(text),
    doc: `Directory for the SQLite file and, with \`BURNLINK_BLOB_STORE=fs:\`, file blobs (created on first
      start). Relative to the working directory.`,
  },
  {
    key: 'storeUrl',
    name: 'BURNLINK_STORE',
    group: 'storage',
    default: null,
    defaultDoc: '`sqlite:` (`memory:` in ephemeral mode)',
    example: 'sqlite:',
    whenUnset: (e) => (ephemeral(e) ? 'memory:' : 'sqlite:'),
    parse: unlessEphemeral(storeUrl, isMemory, 'keeps secrets in memory only (memory:)'),
    doc: `Where secrets live: \`sqlite:\` (the file \`DATA_DIR/burnlink.db\`), \`sqlite:PATH\` (relative to
      \`DATA_DIR\`), \`memory:\` (lost on restart; tests and
      [ephemeral mode](#ephemeral-mode)), \`redis://…\`,
      \`redis+cluster://…\`, \`postgres://…\` (scale-out).`,
  },
  {
    key: 'sqliteWriter',
    name: 'BURNLINK_SQLITE_WRITER',
    group: 'storage',
    default: 'auto',
    parse: sqliteWriterMode,
    doc: `Where the SQLite store commits: \`thread\` (a writer thread, so the event loop never waits for a COMMIT
      and its fsync), \`inline\` (on the event loop: no thread hop and about 10 MiB less memory), or \`auto\`:
      the thread when the machine has more than 2 CPUs, else inline (on 2 CPUs the thread measured no faster).
      Both group the writes that arrive together into one durable transaction.`,
  },
  {
    key: 'ttlMinSeconds',
    name: 'BURNLINK_TTL_MIN',
    group: 'lifetimes',
    default: seconds(TTL_MIN_SECONDS),
    parse: (text) => {
      const s = durationSeconds(text);
      if (s < 1) throw new InvalidValue('must be at least 1s');
      return s;
    },
    doc: 'Shortest lifetime a sender may choose.',
  },
  {
    key: 'ttlMaxSeconds',
    name: 'BURNLINK_TTL_MAX',
    group: 'lifetimes',
    default: seconds(TTL_MAX_SECONDS),
    parse: (text, e) => {
      const s = durationSeconds(text);
      if (s < e.ttlMinSeconds) {
        throw new InvalidValue(`must be at least BURNLINK_TTL_MIN (${ttlText(e.ttlMinSeconds)})`);
      }
      return s;
    },
    doc: 'Longest lifetime a sender may choose.',
  },
  {
    key: 'ttlDefaultSeconds',
    name: 'BURNLINK_TTL_DEFAULT',
    group: 'lifetimes',
    default: seconds(TTL_DEFAULT_SECONDS),
    whenUnset: (e) => Math.min(Math.max(TTL_DEFAULT_SECONDS, e.ttlMinSeconds), e.ttlMaxSeconds),
    parse: (text, e) => {
      const s = durationSeconds(text);
      if (!inTtlRange(e)(s)) throw new InvalidValue(`"${text}" must be ${ttlRange(e)}`);
      return s;
    },
    doc: `Lifetime when the sender does not choose; within min…max. Unset, \`${seconds(TTL_DEFAULT_SECONDS)}\`
      is moved into min…max.`,
  },
  {
    key: 'ttlChoicesSeconds',
    name: 'BURNLINK_TTL_CHOICES',
    group: 'lifetimes',
    default: TTL_CHOICES_SECONDS.map(seconds).join(','),
    whenUnset: (e) => TTL_CHOICES_SECONDS.filter(inTtlRange(e)),
    parse: (text, e) => {
      const choices = text.split(',').map((part) => durationSeconds(part));
      const outside = choices.find((s) => !inTtlRange(e)(s));
      if (outside !== undefined) {
        throw new InvalidValue(`${ttlText(outside)} is outside the allowed range ${ttlRange(e)}`);
      }
      return choices;
    },
    doc: `Lifetimes the web app and CLI offer (comma-separated durations, each within min…max; the default is
      added). Without it, the built-in list is cut to min…max.`,
  },
  {
    key: 'maxViews',
    name: 'BURNLINK_MAX_VIEWS',
    group: 'limits',
    default: String(MAX_VIEWS_LIMIT),
    parse: wholeNumber(1, 10_000),
    doc: 'Largest `max_views` a sender may ask for (the default is 1 view).',
  },
  {
    key: 'maxAttempts',
    name: 'BURNLINK_MAX_ATTEMPTS',
    group: 'limits',
    default: String(DEFAULT_MAX_ATTEMPTS),
    parse: wholeNumber(1, 100),
    doc: 'Wrong passphrases before a secret is destroyed (receipt state `locked`).',
  },
  {
    key: 'maxContentBytes',
    name: 'BURNLINK_MAX_CONTENT_BYTES',
    group: 'limits',
    default: formatByteSize(DEFAULT_MAX_CONTENT_BYTES),
    parse: byteSize(1024, 64 * 1024 ** 2, '1KiB to 64MiB'),
    doc: `Largest secret text (UTF-8 bytes). The encrypted content may be 64 KiB larger (context fields,
      framing); the request body limit is derived from it (base64url adds a third, plus room for the JSON).`,
  },
  {
    key: 'blobStoreUrl',
    name: 'BURNLINK_BLOB_STORE',
    group: 'files',
    default: null,
    defaultDoc: '`fs:` (`memory:` with `BURNLINK_STORE=memory:`)',
    example: 'fs:',
    whenUnset: (e) => (e.storeUrl === 'memory:' ? 'memory:' : 'fs:'),
    parse: unlessEphemeral(blobStoreUrl, isMemory, 'keeps files in memory only (memory:)'),
    doc: `Where file ciphertext lives: \`fs:\` (the directory \`DATA_DIR/blobs\`), \`fs:PATH\` (relative to
      \`DATA_DIR\`; a shared volume for several nodes), \`postgres://…\` (chunked in PostgreSQL: scale-out
      without a shared volume), \`memory:\` (tests and ephemeral mode). See [Files](#files-blob-stores).`,
  },
  {
    key: 'maxFiles',
    name: 'BURNLINK_MAX_FILES',
    group: 'files',
    default: '10',
    parse: wholeNumber(0, 1000),
    doc: 'Files per secret; `0` turns files off.',
  },
  {
    key: 'maxSecretBytes',
    name: 'BURNLINK_MAX_SECRET_SIZE',
    group: 'files',
    default: formatByteSize(DEFAULT_MAX_SECRET_BYTES),
    parse: fileSize,
    doc: `Largest total of a secret's files (plaintext bytes). Checked when the secret is created and byte by
      byte while uploading: a byte past a file's declared size cuts the upload with 413 and removes the
      unfinished secret.`,
  },
  {
    key: 'maxFileBytes',
    name: 'BURNLINK_MAX_FILE_SIZE',
    group: 'files',
    default: formatByteSize(DEFAULT_MAX_SECRET_BYTES),
    defaultDoc: '`BURNLINK_MAX_SECRET_SIZE`',
    whenUnset: (e) => e.maxSecretBytes,
    parse: (text, e) => {
      const bytes = fileSize(text);
      if (bytes > e.maxSecretBytes) {
        throw new InvalidValue(`must not be above BURNLINK_MAX_SECRET_SIZE (${e.maxSecretBytes} bytes)`);
      }
      return bytes;
    },
    doc: `Largest file (plaintext bytes; the encryption overhead of 17 bytes per 64 KiB is allowed on top). At
      most \`BURNLINK_MAX_SECRET_SIZE\`.`,
  },
  {
    key: 'grantTtlMs',
    name: 'BURNLINK_DOWNLOAD_GRANT_TTL',
    group: 'files',
    default: '1h',
    parse: durationMs(GRANT_TTL.min, GRANT_TTL.max),
    doc: `How long a claim's download grant lets the recipient start (or resume) each file's download
      (${formatDuration(GRANT_TTL.min)} … ${formatDuration(GRANT_TTL.max)}). After the last view a file is
      deleted once downloaded, or when its grant expires.`,
  },
  {
    key: 'uploadStaleAfterMs',
    name: 'BURNLINK_UPLOAD_STALE_AFTER',
    group: 'files',
    default: '1h',
    parse: durationMs(UPLOAD_STALE.min, UPLOAD_STALE.max),
    doc: `How long an unfinished upload may make no progress (no bytes recorded, no PATCH under way) before
      its secret expires (${formatDuration(UPLOAD_STALE.min)} … ${formatDuration(UPLOAD_STALE.max)}): the
      sweeper then deletes it and its bytes, and its receipt reads \`expired\`. Each PATCH moves the deadline;
      a live secret keeps its own lifetime. Shown in \`GET /api/v1/config\` and in tus \`Upload-Expires\`.`,
  },
  {
    key: 'uploadBudget',
    name: 'BURNLINK_UPLOAD_BUDGET',
    group: 'files',
    default: formatUploadBudget(DEFAULT_UPLOAD_BUDGET),
    parse: parseUploadBudget,
    doc: `Upload bytes one client address may send in tus PATCH bodies per window (\`SIZE/WINDOW\`, e.g.
      \`10GiB/1h\`), counted across nodes on the Redis and PostgreSQL stores, or \`off\`. A PATCH over it
      answers 429 \`rate_limited\` with \`Retry-After\` before its body is read; one that crosses it is cut at it. See
      [Upload budget](#upload-budget).`,
  },
  {
    key: 'minFreeSpace',
    name: 'BURNLINK_MIN_FREE_SPACE',
    group: 'files',
    default: '5%,1GiB',
    parse: minFreeSpace,
    doc: `Free-space watermark of an \`fs:\` blob store's volume: while less than this share of the volume OR
      less than this size is free, creates that declare files and upload PATCHes answer 507
      \`insufficient_storage\` before writing, and \`/readyz\` answers 503 \`storage_low\`. \`5%\`, \`1GiB\`,
      both (\`5%,1GiB\`), or \`off\`. Not applied to \`postgres://…\` and \`memory:\` blob stores. See
      [Free space](#free-space-watermark).`,
  },
  {
    key: 'receiptRetentionMs',
    name: 'BURNLINK_RECEIPT_RETENTION',
    group: 'housekeeping',
    default: '7d',
    parse: durationMs(0, 366 * 86_400_000),
    doc: 'How long a receipt (timestamps only) is kept after its secret is gone. `0` drops it with the secret.',
  },
  {
    key: 'sweepIntervalMs',
    name: 'BURNLINK_SWEEP_INTERVAL',
    group: 'housekeeping',
    default: '60s',
    parse: durationMs(SWEEP.min, SWEEP.max),
    doc: `How often expired secrets and old receipts are deleted (${formatDuration(SWEEP.min)} …
      ${formatDuration(SWEEP.max)}). Expired secrets are never served even before a sweep.`,
  },
  {
    key: 'serverEncryption',
    name: 'BURNLINK_SERVER_ENCRYPTION',
    group: 'features',
    default: 'on',
    parse: onOff,
    doc: `Accept \`{"text": …}\` creates and encrypt on the server (for curl and chat integrations). \`off\`
      requires client-side encryption.`,
  },
  {
    key: 'keyClaim',
    name: 'BURNLINK_KEY_CLAIM',
    group: 'features',
    default: 'on',
    parse: onOff,
    doc: `Accept claims with \`{"key": …}\` (the link key; for recipients with only curl). \`off\` requires
      clients to derive the token.`,
  },
  {
    key: 'otsApi',
    name: 'BURNLINK_OTS_API',
    group: 'features',
    default: 'on',
    parse: onOff,
    doc: `Serve the Onetime Secret–compatible API (\`/api/v1/share\`, \`/api/v1/secret/:key\`, …;
      docs/ots-compat.md). It needs server-encrypted mode. \`off\`: those routes answer 404.`,
  },
  {
    key: 'kdfMaxIterations',
    name: 'BURNLINK_KDF_MAX_ITERATIONS',
    group: 'features',
    default: String(KDF_DEFAULT_ITERATIONS),
    parse: wholeNumber(KDF_MIN_ITERATIONS, KDF_MAX_ITERATIONS),
    doc: `The most PBKDF2 iterations the server derives for one request (${KDF_MIN_ITERATIONS} …
      ${KDF_MAX_ITERATIONS}). A key claim with a passphrase of a secret stored with more answers 409
      \`kdf_too_costly\` before anything is used (the recipient derives on the client instead); server-encrypted
      creates use the lower of this and ${KDF_DEFAULT_ITERATIONS}. Client-encrypted creates may store up to
      ${KDF_MAX_ITERATIONS}: their clients derive.`,
  },
  {
    key: 'kdfConcurrency',
    name: 'BURNLINK_KDF_CONCURRENCY',
    group: 'features',
    default: null,
    defaultDoc: 'CPU count − 1, from 1 to 3',
    example: '2',
    whenUnset: () => defaultKdfConcurrency(os.availableParallelism()),
    parse: wholeNumber(1, 256),
    doc: `Server-side key derivations (key claims and server-encrypted creates with a passphrase) running at
      once; twice as many may wait. Past that the request answers 503 \`server_busy\` with \`Retry-After\`,
      before anything is used. One core is left to the event loop (requests that derive nothing). They run on
      libuv's thread pool (4 threads unless \`UV_THREADPOOL_SIZE\` is set), which file I/O and WebCrypto share:
      keep this below it.`,
  },
  {
    key: 'rateLimits',
    name: 'BURNLINK_RATE_LIMITS',
    group: 'rateLimits',
    default: formatRateLimits(DEFAULT_RATE_LIMITS),
    parse: parseRateLimits,
    doc: `Per client address. \`off\` disables them (when the proxy limits, or for benchmarks). Otherwise
      comma-separated overrides of the defaults, \`BUCKET=COUNT/WINDOW\`: \`create\` (creating secrets),
      \`claim\` (claims), \`lookups\` (answers of 404 to peek, claim, receipt and burn — guessing ids; once used
      up every lookup from that address answers 429 until the window ends). Example:
      \`create=20/min,lookups=10/10s\`. Nodes on Redis or PostgreSQL share the counters.`,
  },
  {
    key: 'trustProxy',
    name: 'BURNLINK_TRUST_PROXY',
    group: 'proxy',
    default: 'off',
    parse: trustProxy,
    doc: `Whose \`X-Forwarded-For\`/\`-Proto\`/\`-Host\` to believe for the client address (rate limits) and for
      links: \`off\`; a comma-separated list of proxy addresses or CIDRs (\`127.0.0.1\`, \`10.0.0.0/8\`, or the
      names \`loopback\`, \`linklocal\`, \`uniquelocal\`) — recommended; a hop count \`1\`, \`2\`… (trust that
      many nearest hops — only if nobody can reach the server except through them); \`true\` (trust everyone
      — never on a reachable port).`,
  },
  {
    key: 'logLevel',
    name: 'BURNLINK_LOG_LEVEL',
    group: 'process',
    default: 'info',
    parse: logLevel,
    doc: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
  },
  {
    key: 'webDir',
    name: 'BURNLINK_WEB_DIR',
    group: 'process',
    default: null,
    defaultDoc: '`packages/web/dist`',
    example: '/srv/burnlink/web',
    whenUnset: () => DEFAULT_WEB_DIR,
    parse: (text) => path.resolve(text),
    doc: `The built web app. A value that is set is resolved against the working directory; the default is the
      \`web/dist\` directory beside the server package, wherever the process runs. When it has no
      \`index.html\` the server logs it at \`info\` and serves the API only.`,
  },
  {
    key: 'shutdownTimeoutMs',
    name: 'BURNLINK_SHUTDOWN_TIMEOUT',
    group: 'process',
    default: '10s',
    parse: durationMs(0, 3_600_000),
    doc: 'How long a graceful shutdown may take before the process exits anyway.',
  },
  {
    key: 'headersTimeoutMs',
    name: 'BURNLINK_HEADERS_TIMEOUT',
    group: 'timeouts',
    default: '20s',
    parse: durationMs(TIMEOUT.min, TIMEOUT.max),
    doc: `How long a client may take to send a request's headers, from its first byte (slowloris). Past it the
      server answers 408 \`request_timeout\` and closes the connection.`,
  },
  {
    key: 'bodyTimeoutMs',
    name: 'BURNLINK_BODY_TIMEOUT',
    group: 'timeouts',
    default: '30s',
    parse: durationMs(TIMEOUT.min, TIMEOUT.max),
    doc: `How long a client may take to send a whole JSON request body, from the start of the request. Past it
      the server answers 408 \`request_timeout\` and closes the connection. Upload bodies have their own idle
      timeout instead.`,
  },
  {
    key: 'uploadIdleTimeoutMs',
    name: 'BURNLINK_UPLOAD_IDLE_TIMEOUT',
    group: 'timeouts',
    default: '60s',
    parse: durationMs(TIMEOUT.min, TIMEOUT.max),
    doc: `How long an upload (tus PATCH) body may send no byte. Past it the server answers 408
      \`request_timeout\` and closes the connection; the bytes that arrived are kept, and HEAD tells where to
      resume. A PATCH that keeps sending has no overall limit.`,
  },
  {
    key: 'downloadIdleTimeoutMs',
    name: 'BURNLINK_DOWNLOAD_IDLE_TIMEOUT',
    group: 'timeouts',
    default: '60s',
    parse: durationMs(TIMEOUT.min, TIMEOUT.max),
    doc: `How long a file download (\`GET /api/v1/files/:id\`) may make no progress because the client stops
      reading. Past it the server closes the connection and the download counts as interrupted (not
      delivered): the grant can resume it with Range.`,
  },
  {
    key: 'keepAliveTimeoutMs',
    name: 'BURNLINK_KEEP_ALIVE_TIMEOUT',
    group: 'timeouts',
    default: '72s',
    parse: durationMs(TIMEOUT.min, TIMEOUT.max),
    doc: `How long an idle keep-alive connection stays open between requests. Keep it longer than the idle
      timeout of a proxy in front (60s in nginx and AWS ALB), so that the proxy closes first.`,
  },
  {
    key: 'accountsStoreUrl',
    name: 'BURNLINK_ACCOUNTS_STORE',
    group: 'accounts',
    default: null,
    defaultDoc: '_(follows `BURNLINK_STORE`)_',
    example: 'postgres://burnlink@db.internal/burnlink',
    whenUnset: (e) => defaultAccountsStore(e.storeUrl),
    parse: unlessEphemeral(accountsStoreUrl, isMemory, 'keeps accounts in memory only (memory:)'),
    doc: `Where accounts live: \`sqlite:\` (the file \`DATA_DIR/accounts.db\`, next to the secrets), \`sqlite:PATH\`,
      \`memory:\` (tests and ephemeral mode), \`postgres://…\` (required when several nodes run). Unset: \`memory:\` with a
      \`memory:\` store, the same database with a \`postgres://\` store, else \`sqlite:\`.`,
  },
  {
    key: 'anonymousCreate',
    name: 'BURNLINK_ANONYMOUS_CREATE',
    group: 'accounts',
    default: 'on',
    parse: onOff,
    doc: `Whether anyone may create a secret without signing in or an API key. \`off\` answers 401
      \`sign_in_required\` to anonymous creates; reading a secret never needs an account.`,
  },
  {
    key: 'sessionIdleMs',
    name: 'BURNLINK_SESSION_IDLE',
    group: 'accounts',
    default: '12h',
    parse: durationMs(SESSION.min, SESSION.max),
    doc: 'A session not used for this long ends (5m … 30d).',
  },
  {
    key: 'sessionMaxMs',
    name: 'BURNLINK_SESSION_MAX',
    group: 'accounts',
    default: '7d',
    parse: durationMs(SESSION.min, SESSION.max),
    doc: 'A session ends this long after sign-in, however active (5m … 30d).',
  },
  {
    key: 'apiKeyMaxLifetimeMs',
    name: 'BURNLINK_API_KEY_MAX_LIFETIME',
    group: 'accounts',
    default: '365d',
    parse: durationMs(3_600_000, 5 * 365 * 86_400_000),
    doc: 'The longest expiry an API key may be given (1h … 1825d); keys default to 1 year or this, if shorter.',
  },
  {
    key: 'inviteLifetimeMs',
    name: 'BURNLINK_INVITE_LIFETIME',
    group: 'accounts',
    default: '7d',
    parse: durationMs(3_600_000, 30 * 86_400_000),
    doc: 'How long an invite link can be used (1h … 30d); it works once.',
  },
  {
    key: 'oidcIssuer',
    name: 'BURNLINK_OIDC_ISSUER',
    group: 'accounts',
    default: null,
    defaultDoc: '_(no identity provider)_',
    example: 'https://login.example.com/realms/acme',
    whenUnset: () => null,
    parse: oidcIssuer,
    doc: `The issuer URL of an OpenID Connect provider (Keycloak, Entra ID, Google, Okta, Authentik) for "Sign in
      with …". Its discovery document is fetched at the first sign-in. Needs the client id and secret too.`,
  },
  {
    key: 'oidcClientId',
    name: 'BURNLINK_OIDC_CLIENT_ID',
    group: 'accounts',
    default: null,
    defaultDoc: '_(none)_',
    example: 'burnlink',
    whenUnset: () => null,
    parse: (text) => text,
    doc: 'The client id registered at the provider; the redirect URI to register is `PUBLIC_URL/api/v1/auth/oidc/callback`.',
  },
  {
    key: 'oidcClientSecret',
    name: 'BURNLINK_OIDC_CLIENT_SECRET',
    group: 'accounts',
    default: null,
    defaultDoc: '_(none)_',
    example: 'change-me',
    whenUnset: () => null,
    parse: (text) => text,
    secret: true,
    doc: 'The client secret registered at the provider. Never logged.',
  },
  {
    key: 'oidcName',
    name: 'BURNLINK_OIDC_NAME',
    group: 'accounts',
    default: 'single sign-on',
    parse: (text) => text.slice(0, 40),
    doc: 'The provider\'s name on the sign-in button ("Sign in with …").',
  },
  {
    key: 'audit',
    name: 'BURNLINK_AUDIT',
    group: 'audit',
    default: null,
    defaultDoc: '`on` (`off` in ephemeral mode)',
    example: 'on',
    whenUnset: (e) => !ephemeral(e),
    parse: unlessEphemeral(onOff, (on) => !on, 'keeps no audit trail'),
    doc: `Whether every lifecycle and identity event becomes a record of the audit trail (hash-chained per
      organisation). \`off\` also stops syslog shipping and webhooks, which follow the trail.`,
  },
  {
    key: 'auditIps',
    name: 'BURNLINK_AUDIT_IPS',
    group: 'audit',
    default: 'off',
    parse: onOff,
    doc: 'Whether audit records keep the client address of the request that caused them (personal data: off by default).',
  },
  {
    key: 'auditRetentionMs',
    name: 'BURNLINK_AUDIT_RETENTION',
    group: 'audit',
    default: '400d',
    parse: durationMs(86_400_000, 10 * 365 * 86_400_000),
    doc: `Records older than this are pruned by the sweep (1d … 3650d); a checkpoint keeps the chain verifiable.`,
  },
  {
    key: 'auditSyslog',
    name: 'BURNLINK_AUDIT_SYSLOG',
    group: 'audit',
    default: 'off',
    parse: unlessEphemeral(
      parseSyslogTarget,
      (target) => target === null,
      'keeps no audit trail to ship (BURNLINK_AUDIT_SYSLOG=off)',
    ),
    doc: `Ship the trail to a SIEM: \`tcp://HOST:PORT\` (RFC 5424, octet counting of RFC 6587),
      \`tcp+tls://HOST:PORT\` (RFC 5425) or \`udp://HOST:PORT\`. At least once, from a durable cursor; each
      message carries the record id for deduplication.`,
  },
  {
    key: 'auditSyslogFormat',
    name: 'BURNLINK_AUDIT_SYSLOG_FORMAT',
    group: 'audit',
    default: 'json',
    parse: syslogFormat,
    doc: '`json` (the record as JSON, its id in RFC 5424 structured data) or `cef` (ArcSight Common Event Format).',
  },
  {
    key: 'auditSyslogCa',
    name: 'BURNLINK_AUDIT_SYSLOG_CA',
    group: 'audit',
    default: null,
    defaultDoc: "_(the system's CAs)_",
    example: '/etc/burnlink/siem-ca.pem',
    whenUnset: () => null,
    parse: (text) => text,
    doc: "A PEM file of the CA that signed the TLS receiver's certificate, when it is not a public one.",
  },
  {
    key: 'webhookAllowPrivate',
    name: 'BURNLINK_WEBHOOK_ALLOW_PRIVATE',
    group: 'audit',
    default: 'off',
    parse: onOff,
    doc: `Whether webhooks may target private, loopback and link-local addresses. Off, they are refused when
      registered and when each delivery resolves the host (server-side request forgery).`,
  },
  {
    key: 'alerts',
    name: 'BURNLINK_ALERTS',
    group: 'audit',
    default: formatAlerts(DEFAULT_ALERTS),
    defaultDoc: '_(see docs/alerts.md)_',
    parse: parseAlerts,
    doc: `\`off\`, or KIND=COUNT/WINDOW (or KIND=off) to raise \`alert.*\` events to the trail, webhooks and
      syslog: failed_claims_per_secret, failed_claims_per_address, lockouts, rate_limit_trips,
      upload_quota_refusals, webhook_disabled.`,
  },
  {
    key: 'smtpUrl',
    name: 'BURNLINK_SMTP_URL',
    group: 'mail',
    default: null,
    defaultDoc: '_(no mail)_',
    example: 'smtp://burnlink:change-me@mail.example.com:587',
    whenUnset: () => null,
    parse: smtpUrl,
    secret: true,
    doc: '`smtp://` (STARTTLS when offered) or `smtps://` with optional user and password (never logged).',
  },
  {
    key: 'smtpFrom',
    name: 'BURNLINK_MAIL_FROM',
    group: 'mail',
    default: 'burnlink@localhost',
    parse: mailFrom,
    doc: 'The sender address of notification and verification mail.',
  },
  {
    key: 'geoipDb',
    name: 'BURNLINK_GEOIP_DB',
    group: 'policies',
    default: null,
    defaultDoc: '_(no country rules)_',
    example: '/var/lib/burnlink/GeoLite2-Country.mmdb',
    whenUnset: () => null,
    parse: (text) => text,
    doc: `An offline MaxMind-format country database (\`.mmdb\`, e.g. GeoLite2-Country) for the country rules of
      secrets and policies (docs/policies.md). Read at start; unset, country rules are refused.`,
  },
  {
    key: 'slackSigningSecret',
    name: 'BURNLINK_SLACK_SIGNING_SECRET',
    group: 'chat',
    default: null,
    defaultDoc: '_(no Slack routes)_',
    example: 'change-me',
    whenUnset: () => null,
    parse: chatCredential,
    secret: true,
    doc: `The Slack app's signing secret (Basic Information → App Credentials). Set, the server answers Slack at
      \`/integrations/slack/commands\` and \`/integrations/slack/interactions\` and verifies every request's
      signature; unset, those routes answer 404. Never logged.`,
  },
  {
    key: 'slackBotToken',
    name: 'BURNLINK_SLACK_BOT_TOKEN',
    group: 'chat',
    default: null,
    defaultDoc: '_(no message shortcut)_',
    example: 'xoxb-change-me',
    whenUnset: () => null,
    parse: chatCredential,
    secret: true,
    doc: `The app's bot token (\`xoxb-…\`, scopes \`commands\` and \`chat:write\`): the message shortcut opens its
      form and posts the link with it. The slash command works without. Never logged.`,
  },
  {
    key: 'slackApiKey',
    name: 'BURNLINK_SLACK_API_KEY',
    group: 'chat',
    default: null,
    defaultDoc: '_(anonymous)_',
    example: 'bl_change-me-key-id_change-me-to-an-organisation-key-000000000A',
    whenUnset: () => null,
    parse: chatApiKey,
    secret: true,
    doc: `A burnlink API key (scope \`secrets:create\`): what Slack users create belongs to its organisation, whose
      policy applies, and counts against its rate limit. Unset: anonymous creates, allowed only with
      \`BURNLINK_ANONYMOUS_CREATE=on\`. Never logged.`,
  },
  {
    key: 'slackApiUrl',
    name: 'BURNLINK_SLACK_API_URL',
    group: 'chat',
    default: 'https://slack.com/api',
    parse: httpUrl,
    doc: "Slack's Web API (`views.open`, `chat.postEphemeral`); tests point it at a local fake.",
  },
  {
    key: 'mattermostTokens',
    name: 'BURNLINK_MATTERMOST_TOKEN',
    group: 'chat',
    default: null,
    defaultDoc: '_(no Mattermost route)_',
    example: 'change-me',
    whenUnset: () => null,
    parse: (text) => text.split(',').map(chatCredential),
    secret: true,
    doc: `The token of each Mattermost slash command allowed to call \`/integrations/mattermost/command\`
      (comma-separated); unset, that route answers 404. Never logged.`,
  },
  {
    key: 'mattermostApiKey',
    name: 'BURNLINK_MATTERMOST_API_KEY',
    group: 'chat',
    default: null,
    defaultDoc: '_(anonymous)_',
    example: 'bl_change-me-key-id_change-me-to-an-organisation-key-000000000A',
    whenUnset: () => null,
    parse: chatApiKey,
    secret: true,
    doc: 'As `BURNLINK_SLACK_API_KEY`, for what Mattermost users create. Never logged.',
  },
  {
    key: 'allowedHosts',
    name: 'BURNLINK_ALLOWED_HOSTS',
    group: 'domains',
    default: '*',
    parse: allowedHosts,
    doc: `The host names this instance answers as itself (comma-separated; \`*.example.com\` for names below it;
      an optional \`:port\` must then match). Any other \`Host\` that is not a verified custom domain gets 421
      \`misdirected_request\` (probes, metrics and Caddy's \`ask\` excepted); links only ever use a listed host
      or a verified domain. \`*\`: other hosts get the main site; set \`BURNLINK_PUBLIC_URL\` then, so that
      links never come from a client's \`Host\`. A malformed \`Host\` always gets 400.`,
  },
  {
    key: 'dnsServers',
    name: 'BURNLINK_DNS_SERVERS',
    group: 'domains',
    default: null,
    defaultDoc: "_(the system's resolvers)_",
    example: '192.0.2.53,[2001:db8::53]:53',
    whenUnset: () => null,
    parse: dnsServers,
    doc: `The resolvers that verify custom domains' TXT records (\`IP\`, \`IP:port\` or \`[IPv6]:port\`,
      comma-separated).`,
  },
  {
    key: 'domainRecheckMs',
    name: 'BURNLINK_DOMAIN_RECHECK',
    group: 'domains',
    default: '24h',
    parse: durationMs(60_000, 30 * 86_400_000),
    doc: "How often every domain's TXT record is checked again (from 1m to 30d).",
  },
  {
    key: 'domainGraceMs',
    name: 'BURNLINK_DOMAIN_GRACE',
    group: 'domains',
    default: '7d',
    parse: durationMs(0, 90 * 86_400_000),
    doc: `How long an active domain's record may stay missing before the domain is suspended (up to 90d); it is
      served again as soon as a check finds the record.`,
  },
];
