import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

/**
 * Host names as burnlink accepts them: for custom domains (`normaliseDomainName`), for
 * `BURNLINK_ALLOWED_HOSTS` entries and for `Host` headers. Pure functions; no DNS.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A custom domain's name in its stored form (lower case ASCII, punycode for Unicode, no trailing dot), or
 * null when it is not a host name of at least two labels of letters, digits and hyphens, at most 253
 * characters: IP addresses, ports, paths, wildcards and single labels are refused.
 */
export function normaliseDomainName(text: string): string | null {
  const trimmed = text.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > 253 || isIP(trimmed) !== 0 || /[\s/:@*?#[\]\\]/.test(trimmed)) {
    return null;
  }
  const ascii = domainToASCII(trimmed);
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  // The last label of a real name is never all digits (that would be an IPv4 address in another form).
  if (/^\d+$/.test(labels.at(-1) as string)) return null;
  return ascii;
}

/** A parsed `Host` header: the host in lower case (IPv6 without brackets) and the port, if any. */
export interface HostHeader {
  host: string;
  port: number | null;
}

/**
 * Parses a `Host` header value: a host name (letters, digits, hyphens, dots; underscores tolerated), an
 * IPv4 address or a bracketed IPv6 address, then an optional `:port`. Anything else (userinfo, paths,
 * spaces, several values) is null.
 */
export function parseHostHeader(value: string | undefined): HostHeader | null {
  if (value === undefined || value.length === 0 || value.length > 260) return null;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9_.-]+))(?::(\d{1,5}))?$/.exec(value);
  if (match === null) return null;
  const [, v6, name, portText] = match;
  if (v6 !== undefined && isIP(v6) !== 6) return null;
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65535)) return null;
  const host = (v6 ?? (name as string)).toLowerCase().replace(/\.$/, '');
  if (host === '' || host.startsWith('.') || host.includes('..')) return null;
  return { host, port };
}

/**
 * One `BURNLINK_ALLOWED_HOSTS` entry: a host name, an IP address (IPv6 in brackets), or `*.example.com`
 * (any name below example.com, not example.com itself); with an optional `:port` that must then match.
 */
export interface HostPattern {
  host: string;
  wildcard: boolean;
  port: number | null;
}

export function parseHostPattern(text: string): HostPattern | null {
  const wildcard = text.startsWith('*.');
  const parsed = parseHostHeader(wildcard ? text.slice(2) : text);
  if (parsed === null) return null;
  if (wildcard && (isIP(parsed.host) !== 0 || !parsed.host.includes('.'))) return null;
  return { host: parsed.host, wildcard, port: parsed.port };
}

export function hostMatches(pattern: HostPattern, header: HostHeader): boolean {
  if (pattern.port !== null && pattern.port !== header.port) return false;
  return pattern.wildcard ? header.host.endsWith(`.${pattern.host}`) : header.host === pattern.host;
}
