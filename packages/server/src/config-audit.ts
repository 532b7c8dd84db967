import { formatDuration, parseDuration } from '@burnlink/core';
import { InvalidValue } from './config-parsers.js';

/** Where `BURNLINK_AUDIT_SYSLOG` ships the trail: RFC 5424 over TCP (RFC 6587 octet counting), TLS or UDP. */
export interface SyslogTarget {
  transport: 'tcp' | 'tls' | 'udp';
  host: string;
  port: number;
}

const SYSLOG_HELP =
  'use off, or tcp://HOST:PORT, tcp+tls://HOST:PORT (RFC 5425, default port 6514) or udp://HOST:PORT (default 514)';

/** Parses `BURNLINK_AUDIT_SYSLOG`: `off` (null) or a target URL. Throws `InvalidValue` naming the syntax. */
export function parseSyslogTarget(text: string): SyslogTarget | null {
  const value = text.trim();
  if (['off', 'false', 'no', '0', ''].includes(value.toLowerCase())) return null;
  const m = /^(tcp|tcp\+tls|tls|udp):\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?\/?$/i.exec(value);
  if (!m) throw new InvalidValue(`"${value}" is not a syslog target; ${SYSLOG_HELP}`);
  const scheme = m[1]!.toLowerCase();
  const transport = scheme === 'udp' ? 'udp' : scheme === 'tcp' ? 'tcp' : 'tls';
  const port = m[3] === undefined ? (transport === 'tls' ? 6514 : 514) : Number(m[3]);
  if (port < 1 || port > 65535) throw new InvalidValue(`port ${port} is out of range (1 … 65535)`);
  return { transport, host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

export type SyslogFormat = 'json' | 'cef';

export const syslogFormat = (text: string): SyslogFormat => {
  const value = text.trim().toLowerCase();
  if (value === 'json' || value === 'cef') return value;
  throw new InvalidValue(`"${text}" is not a format; use json (RFC 5424 structured data) or cef`);
};

/** `COUNT` events within `windowMs` raise one alert (then not again for the same key within the window). */
export interface AlertThreshold {
  count: number;
  windowMs: number;
}

/**
 * The thresholds of `BURNLINK_ALERTS`, each keyed as in the variable: failed claims of one secret, failed
 * claims from one address, lockouts, rate-limit trips and upload-quota refusals (per address), webhook
 * endpoints disabled. Null turns a kind off.
 */
export interface AlertThresholds {
  failed_claims_per_secret: AlertThreshold | null;
  failed_claims_per_address: AlertThreshold | null;
  lockouts: AlertThreshold | null;
  rate_limit_trips: AlertThreshold | null;
  upload_quota_refusals: AlertThreshold | null;
  webhook_disabled: AlertThreshold | null;
}

export const DEFAULT_ALERTS: AlertThresholds = Object.freeze({
  failed_claims_per_secret: { count: 3, windowMs: 3_600_000 },
  failed_claims_per_address: { count: 10, windowMs: 600_000 },
  lockouts: { count: 1, windowMs: 3_600_000 },
  rate_limit_trips: { count: 20, windowMs: 600_000 },
  upload_quota_refusals: { count: 3, windowMs: 3_600_000 },
  webhook_disabled: { count: 1, windowMs: 60_000 },
});

const ALERT_KINDS = Object.keys(DEFAULT_ALERTS) as (keyof AlertThresholds)[];
const ALERTS_HELP = `use off, on (the defaults), or comma-separated overrides KIND=COUNT/WINDOW or KIND=off, where KIND is ${ALERT_KINDS.join(', ')}`;

/** Parses `BURNLINK_ALERTS`: `off` (null), `on`, or overrides such as `failed_claims_per_secret=5/1h,lockouts=off`. */
export function parseAlerts(text: string): AlertThresholds | null {
  const value = text.trim().toLowerCase();
  if (['off', 'false', 'no', '0'].includes(value)) return null;
  const alerts: AlertThresholds = { ...DEFAULT_ALERTS };
  if (['on', 'true', 'yes', '1', 'default'].includes(value)) return alerts;
  for (const entry of value.split(',')) {
    const m = /^\s*([a-z_]+)\s*=\s*(?:(off)|(\d+)\s*\/\s*(\d*)\s*([a-z]+))\s*$/.exec(entry);
    const kind = m?.[1] as keyof AlertThresholds | undefined;
    if (!m || kind === undefined || !ALERT_KINDS.includes(kind)) {
      throw new InvalidValue(`"${entry.trim()}" is not valid; ${ALERTS_HELP}`);
    }
    if (m[2] === 'off') {
      alerts[kind] = null;
      continue;
    }
    let windowMs: number;
    try {
      windowMs = parseDuration(`${m[4] || '1'}${m[5]}`);
    } catch {
      throw new InvalidValue(`"${entry.trim()}" has an unknown window; ${ALERTS_HELP}`);
    }
    const count = Number(m[3]);
    if (count < 1 || windowMs < 1000)
      throw new InvalidValue(`"${entry.trim()}" needs a count of 1 or more per 1s or more`);
    alerts[kind] = { count, windowMs };
  }
  return alerts;
}

/** What `parseAlerts` reads back, for the docs. */
export function formatAlerts(alerts: AlertThresholds): string {
  return ALERT_KINDS.map((kind) => {
    const t = alerts[kind];
    return t === null ? `${kind}=off` : `${kind}=${t.count}/${formatDuration(t.windowMs)}`;
  }).join(',');
}

/** `smtp://` or `smtps://` with optional user:password; the password is never logged. */
export const smtpUrl = (text: string): string => {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new InvalidValue('is not a URL; use smtp://[USER:PASSWORD@]HOST[:PORT] or smtps://…');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new InvalidValue(
      `scheme "${url.protocol}" is not supported; use smtp:// (STARTTLS) or smtps:// (TLS)`,
    );
  }
  if (url.hostname === '') throw new InvalidValue('names no host; use smtp://HOST[:PORT]');
  return url.toString();
};

/** An address `From:` for mail: `name@host` or `Name <name@host>`. */
export const mailFrom = (text: string): string => {
  const value = text.trim();
  if (!/^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(value)) {
    throw new InvalidValue(
      `"${value}" is not a mail address; use burnlink@example.com or Burnlink <burnlink@example.com>`,
    );
  }
  return value;
};
