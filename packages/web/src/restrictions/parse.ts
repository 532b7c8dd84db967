/**
 * Parsing and checking of what a sender types into the restrictions of the create page, before anything is
 * sent. The server checks everything again (and is the authority); these checks only give clear words early.
 */

/** Entries of a list typed one per line or separated by commas (or, for countries, spaces); empty ones dropped. */
export function splitList(text: string, spaces = false): string[] {
  return text
    .split(spaces ? /[\s,;]+/ : /[\n,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A plausible email address: something@domain.tld, no spaces, at most 254 characters. */
export const isEmail = (text: string): boolean =>
  text.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text);

/** The domain of an address, lower case. */
export const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** Whether an address is at one of `domains` (exactly; `[]` allows any). */
export const inDomains = (address: string, domains: readonly string[]): boolean =>
  domains.length === 0 || domains.some((domain) => domain.toLowerCase() === domainOf(address));

/** A network: its address as bytes (4 or 16), the prefix length, and the text to send. */
export interface Cidr {
  bytes: number[];
  prefix: number;
  text: string;
}

function ipv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

function ipv6Bytes(text: string): number[] | null {
  let head = text;
  let tail: number[] = [];
  // An embedded IPv4 address at the end (`::ffff:10.1.2.3`) is the last 32 bits.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = ipv4Bytes(text.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const wanted = 8 - tail.length / 2;
  const missing = wanted - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  const bytes = all.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 255];
  });
  return [...bytes, ...tail];
}

/**
 * A CIDR (`10.0.0.0/8`, `2001:db8::/32`), or a single address (taken as /32 or /128); null when it is neither.
 * Host bits set (`10.1.2.3/8`) are allowed: the server keeps the network.
 */
export function parseCidr(input: string): Cidr | null {
  const text = input.trim();
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bytes = address.includes(':') ? ipv6Bytes(address) : ipv4Bytes(address);
  if (!bytes) return null;
  const bits = bytes.length * 8;
  const prefixText = slash < 0 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > bits) return null;
  return { bytes, prefix, text: `${address}/${prefix}` };
}

/** Whether network `inner` lies inside network `outer` (same family; an IPv4-mapped range counts as IPv4). */
export function cidrInside(inner: Cidr, outer: Cidr): boolean {
  const unmap = (cidr: Cidr): Cidr =>
    cidr.bytes.length === 16 &&
    cidr.prefix >= 96 &&
    cidr.bytes.slice(0, 10).every((byte) => byte === 0) &&
    cidr.bytes[10] === 255 &&
    cidr.bytes[11] === 255
      ? { bytes: cidr.bytes.slice(12), prefix: cidr.prefix - 96, text: cidr.text }
      : cidr;
  const a = unmap(inner);
  const b = unmap(outer);
  if (a.bytes.length !== b.bytes.length || a.prefix < b.prefix) return false;
  for (let bit = 0; bit < b.prefix; bit += 1) {
    const mask = 128 >> (bit % 8);
    if ((a.bytes[bit >> 3]! & mask) !== (b.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
}

/** ISO 3166-1 alpha-2, upper-cased from what was typed; null when it is not two letters. */
export const countryCode = (text: string): string | null =>
  /^[a-z]{2}$/i.test(text.trim()) ? text.trim().toUpperCase() : null;

/** Whether the browser knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The browser's own time zone (`Europe/Amsterdam`), or UTC when it does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Minutes since midnight of `HH:MM`, or null. */
export function clockMinutes(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/**
 * The end as the wire wants it: a time input cannot show `24:00`, so `00:00` as an end means midnight at the
 * end of the day.
 */
export const wireEnd = (end: string): string => (end === '00:00' ? '24:00' : end);
