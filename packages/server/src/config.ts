import { DurationError } from '@burnlink/core';
import type { AlertThresholds, SyslogFormat, SyslogTarget } from './config-audit.js';
import { InvalidValue, type LogLevel, type ServerMode, type SqliteWriterMode } from './config-parsers.js';
import type { RateLimits, UploadBudget } from './config-rate-limits.js';
import {
  CONFIG_VARIABLES,
  type ConfigKey,
  type ConfigValues,
  type ConfigVariable,
} from './config-variables.js';
import type { HostPattern } from './domains/host-names.js';
import type { MinFreeSpace } from './service/disk-space.js';
import { UnitError } from './units.js';

export type { LogLevel, ServerMode } from './config-parsers.js';
export type { RateLimit, RateLimits } from './config-rate-limits.js';

/** The whole server configuration, validated. Built once at start by `loadConfig`; never read from env later. */
export interface ServerConfig {
  /**
   * `ephemeral` (`BURNLINK_MODE`): the stores are `memory:` and the audit trail off (the loader refuses
   * anything else), and no request is logged (plugins/request-log.ts) nor named in another log line.
   */
  mode: ServerMode;
  port: number;
  host: string;
  /** Origin used to build links (`https://secrets.example.com`), or null to derive it from each request. */
  publicUrl: string | null;
  dataDir: string;
  /** `memory:`, `sqlite:` (the default file in dataDir), `sqlite:PATH`, or a scale-out URL; see `openStore`. */
  storeUrl: string;
  /** Where the SQLite store commits: a writer thread, or the event loop (`BURNLINK_SQLITE_WRITER`). */
  sqliteWriter: SqliteWriterMode;
  ttl: { minSeconds: number; maxSeconds: number; defaultSeconds: number; choicesSeconds: number[] };
  /** Upper bound of `max_views` a sender may ask for. */
  maxViews: number;
  maxAttempts: number;
  /** Limit on the text of a secret (UTF-8 bytes); what the UI shows. */
  maxContentBytes: number;
  /** Limit on the encrypted content a client uploads: text limit plus room for context and framing. */
  maxCiphertextBytes: number;
  /** Request body limit, derived from `maxCiphertextBytes` with base64url and JSON overhead. */
  bodyLimitBytes: number;
  receiptRetentionMs: number;
  sweepIntervalMs: number;
  serverEncryption: boolean;
  keyClaim: boolean;
  /** The Onetime Secret–compatible API (routes/ots, docs/ots-compat.md). */
  otsApi: boolean;
  /** Server-side PBKDF2 (key claims, server-encrypted creates): the most iterations, and how many at once. */
  kdf: { maxIterations: number; concurrency: number };
  /** Null when rate limiting is off. */
  rateLimits: RateLimits | null;
  trustProxy: boolean | number | string[];
  logLevel: LogLevel;
  webDir: string;
  shutdownTimeoutMs: number;
  timeouts: Timeouts;
  files: FileLimits;
  accounts: AccountsConfig;
  audit: AuditConfig;
  /** Host names and custom domains (docs/domains.md). */
  domains: DomainsConfig;
  /** Notification mail, or null without `BURNLINK_SMTP_URL`. */
  mail: { smtpUrl: string; from: string } | null;
  /** Restrictions and policies (docs/policies.md). */
  policies: {
    /** `BURNLINK_GEOIP_DB`: the MaxMind-format country database, or null (country rules refused). */
    geoipDb: string | null;
  };
  /** Slack and Mattermost slash commands (routes/chat, docs/slack.md). */
  chat: ChatConfig;
}

/** Each integration is null (no routes) unless its credential is set. */
export interface ChatConfig {
  slack: {
    signingSecret: string;
    /** Needed for the message shortcut (its form and the ephemeral message); null: slash command only. */
    botToken: string | null;
    /** The API key whose organisation owns what Slack users create; null: anonymous. */
    apiKey: string | null;
    /** Slack's Web API base, without a trailing slash. */
    apiUrl: string;
  } | null;
  mattermost: { tokens: string[]; apiKey: string | null } | null;
}

/** The audit trail, its shipping to a SIEM, webhooks and alerts (docs/audit.md). */
export interface AuditConfig {
  enabled: boolean;
  /** Whether records keep the client address. */
  ips: boolean;
  retentionMs: number;
  /** Null: no syslog shipping. */
  syslog: { target: SyslogTarget; format: SyslogFormat; caFile: string | null } | null;
  webhookAllowPrivate: boolean;
  /** Null: no alerts. */
  alerts: AlertThresholds | null;
}

/** Accounts, sessions, keys and sign-in (docs/teams.md). */
export interface AccountsConfig {
  /** `memory:`, `sqlite:PATH` or `postgres://…`; see `openAccounts`. */
  storeUrl: string;
  anonymousCreate: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  apiKeyMaxLifetimeMs: number;
  inviteLifetimeMs: number;
  /** Null unless issuer, client id and client secret are all set. */
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
}

/** How long a client may take (plugins/timeouts.ts); each past its limit answers 408 and closes the connection. */
export interface Timeouts {
  /** From a request's first byte to the end of its headers. */
  headersMs: number;
  /** From a request's start to the end of its JSON body. */
  bodyMs: number;
  /** The longest pause between two bytes of an upload (tus PATCH) body. */
  uploadIdleMs: number;
  /** The longest time a file download may make no write progress (the client stopped reading). */
  downloadIdleMs: number;
  /** An idle keep-alive connection between requests. */
  keepAliveMs: number;
}

/** Files attached to secrets (issue: encrypted files). Sizes are plaintext bytes; the encryption overhead is allowed on top. */
export interface FileLimits {
  /** `memory:`, `fs:` (the default, `<dataDir>/blobs`), `fs:PATH`, or `postgres://…`; see `openBlobStore`. */
  blobStoreUrl: string;
  /** Files per secret; 0 turns files off. */
  maxFiles: number;
  maxFileBytes: number;
  maxSecretBytes: number;
  /** How long a claim's download grant stays valid. */
  grantTtlMs: number;
  /** How long a staged secret's uploads may make no progress before it expires (`NewSecret.uploadIdleMs`). */
  uploadStaleAfterMs: number;
  /** Bytes of tus PATCH bodies per client address per window; null when off. */
  uploadBudget: UploadBudget | null;
  /** The free-space watermark of an `fs:` blob store's volume (`BURNLINK_MIN_FREE_SPACE`); 0 and 0 never refuse. */
  minFreeSpace: MinFreeSpace;
}

export interface DomainsConfig {
  /** `BURNLINK_ALLOWED_HOSTS`: the hosts served as the main site; null (`*`) serves every Host as it. */
  allowedHosts: HostPattern[] | null;
  /** `BURNLINK_DNS_SERVERS`, or null for the system's resolvers. */
  dnsServers: string[] | null;
  /** Every domain's record is checked again this often. */
  recheckMs: number;
  /** An active domain whose record stays missing this long is suspended. */
  graceMs: number;
}

/** A configuration variable has a value that is not allowed; the message names it and says what is. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/** Room in the ciphertext for context fields, JSON quoting and RFC 8188 framing beyond the text itself. */
export const CIPHERTEXT_ALLOWANCE_BYTES = 64 * 1024;

type Env = Record<string, string | undefined>;

/**
 * Reads and validates every `BURNLINK_*` variable of `CONFIG_VARIABLES`, in its order; throws `ConfigError`
 * naming the first bad one. An unset or blank variable takes its default.
 *
 * @example const config = loadConfig({ BURNLINK_STORE: 'memory:', BURNLINK_PORT: '0' });
 */
export function loadConfig(env: Env): ServerConfig {
  const v = {} as ConfigValues;
  for (const variable of CONFIG_VARIABLES) readVariable(variable, env, v);
  const maxCiphertextBytes = v.maxContentBytes + CIPHERTEXT_ALLOWANCE_BYTES;
  return {
    mode: v.mode,
    port: v.port,
    host: v.host,
    publicUrl: v.publicUrl,
    dataDir: v.dataDir,
    storeUrl: v.storeUrl,
    sqliteWriter: v.sqliteWriter,
    ttl: {
      minSeconds: v.ttlMinSeconds,
      maxSeconds: v.ttlMaxSeconds,
      defaultSeconds: v.ttlDefaultSeconds,
      // The default is always offered.
      choicesSeconds: [...new Set([...v.ttlChoicesSeconds, v.ttlDefaultSeconds])].sort((a, b) => a - b),
    },
    maxViews: v.maxViews,
    maxAttempts: v.maxAttempts,
    maxContentBytes: v.maxContentBytes,
    maxCiphertextBytes,
    bodyLimitBytes: Math.ceil((maxCiphertextBytes * 4) / 3) + 16 * 1024,
    receiptRetentionMs: v.receiptRetentionMs,
    sweepIntervalMs: v.sweepIntervalMs,
    serverEncryption: v.serverEncryption,
    keyClaim: v.keyClaim,
    otsApi: v.otsApi,
    kdf: { maxIterations: v.kdfMaxIterations, concurrency: v.kdfConcurrency },
    rateLimits: v.rateLimits,
    trustProxy: v.trustProxy,
    logLevel: v.logLevel,
    webDir: v.webDir,
    shutdownTimeoutMs: v.shutdownTimeoutMs,
    timeouts: {
      headersMs: v.headersTimeoutMs,
      bodyMs: v.bodyTimeoutMs,
      uploadIdleMs: v.uploadIdleTimeoutMs,
      downloadIdleMs: v.downloadIdleTimeoutMs,
      keepAliveMs: v.keepAliveTimeoutMs,
    },
    files: {
      blobStoreUrl: v.blobStoreUrl,
      maxFiles: v.maxFiles,
      maxFileBytes: v.maxFileBytes,
      maxSecretBytes: v.maxSecretBytes,
      grantTtlMs: v.grantTtlMs,
      uploadStaleAfterMs: v.uploadStaleAfterMs,
      uploadBudget: v.uploadBudget,
      minFreeSpace: v.minFreeSpace,
    },
    accounts: {
      storeUrl: v.accountsStoreUrl,
      anonymousCreate: v.anonymousCreate,
      sessionIdleMs: v.sessionIdleMs,
      sessionMaxMs: v.sessionMaxMs,
      apiKeyMaxLifetimeMs: v.apiKeyMaxLifetimeMs,
      inviteLifetimeMs: v.inviteLifetimeMs,
      oidc: oidcConfig(v),
    },
    audit: {
      enabled: v.audit,
      ips: v.auditIps,
      retentionMs: v.auditRetentionMs,
      syslog:
        v.auditSyslog === null
          ? null
          : { target: v.auditSyslog, format: v.auditSyslogFormat, caFile: v.auditSyslogCa },
      webhookAllowPrivate: v.webhookAllowPrivate,
      alerts: v.alerts,
    },
    domains: {
      allowedHosts: v.allowedHosts,
      dnsServers: v.dnsServers,
      recheckMs: v.domainRecheckMs,
      graceMs: v.domainGraceMs,
    },
    mail: v.smtpUrl === null ? null : { smtpUrl: v.smtpUrl, from: v.smtpFrom },
    policies: { geoipDb: v.geoipDb },
    chat: {
      slack:
        v.slackSigningSecret === null
          ? null
          : {
              signingSecret: v.slackSigningSecret,
              botToken: v.slackBotToken,
              apiKey: v.slackApiKey,
              apiUrl: v.slackApiUrl,
            },
      mattermost:
        v.mattermostTokens === null ? null : { tokens: v.mattermostTokens, apiKey: v.mattermostApiKey },
    },
  };
}

/** Sets `values[variable.key]` from the environment, or from the default; a bad value becomes `ConfigError`. */
function readVariable<K extends ConfigKey>(
  variable: ConfigVariable<K>,
  env: Env,
  values: ConfigValues,
): void {
  const text = env[variable.name]?.trim() || undefined;
  try {
    if (text !== undefined) values[variable.key] = variable.parse(text, values);
    else if (variable.default === null) values[variable.key] = variable.whenUnset(values);
    else if (variable.whenUnset) values[variable.key] = variable.whenUnset(values);
    else values[variable.key] = variable.parse(variable.default, values);
  } catch (error) {
    if (error instanceof InvalidValue || error instanceof DurationError || error instanceof UnitError) {
      throw new ConfigError(variable.name, error.message);
    }
    throw error;
  }
}

function oidcConfig(v: ConfigValues): AccountsConfig['oidc'] {
  const set = [v.oidcIssuer, v.oidcClientId, v.oidcClientSecret].filter((x) => x !== null).length;
  if (set === 0) return null;
  if (v.oidcIssuer === null || v.oidcClientId === null || v.oidcClientSecret === null) {
    const missing =
      v.oidcIssuer === null
        ? 'BURNLINK_OIDC_ISSUER'
        : v.oidcClientId === null
          ? 'BURNLINK_OIDC_CLIENT_ID'
          : 'BURNLINK_OIDC_CLIENT_SECRET';
    throw new ConfigError(
      missing,
      'is needed too: the issuer, client id and client secret are set together or not at all',
    );
  }
  return {
    issuer: v.oidcIssuer,
    clientId: v.oidcClientId,
    clientSecret: v.oidcClientSecret,
    name: v.oidcName,
  };
}
