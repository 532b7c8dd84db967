import { isIP } from 'node:net';
import { ApiError } from '../errors.js';

/**
 * A network in CIDR form. Every network lives in the 128-bit IPv6 space: an IPv4 network is kept at its
 * IPv4-mapped place (`10.0.0.0/8` is `::ffff:10.0.0.0/104`), so that an IPv4 client, and the same client seen
 * through an IPv6 socket as `::ffff:10.1.2.3`, match it alike.
 */
export interface Cidr {
  /** The canonical text: `10.0.0.0/8`, `2001:db8::/32`. */
  readonly text: string;
  readonly version: 4 | 6;
  /** The prefix length as written (0–32 for IPv4, 0–128 for IPv6). */
  readonly prefix: number;
  /** The network address in the 128-bit space, host bits zero. */
  readonly network: bigint;
  /** The prefix length in the 128-bit space (IPv4: 96 + prefix). */
  readonly bits: number;
}

const MAPPED = 0xffffn << 32n;
const ALL = (1n << 128n) - 1n;

const mask = (bits: number): bigint => (bits === 0 ? 0n : (ALL << BigInt(128 - bits)) & ALL);

function ipv4ToBigint(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** Parses an address `isIP` accepted as IPv6 (no zone), including a dotted IPv4 tail. */
function ipv6ToBigint(text: string): bigint {
  let tail: bigint[] = [];
  let body = text;
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToBigint(dotted[2] as string);
    tail = [v4 >> 16n, v4 & 0xffffn];
    body = (dotted[1] as string).endsWith('::') ? (dotted[1] as string) : (dotted[1] as string).slice(0, -1);
  }
  const toGroups = (s: string) => (s === '' ? [] : s.split(':').map((g) => BigInt(Number.parseInt(g, 16))));
  const [head = '', rest] = body.split('::');
  const left = toGroups(head);
  const right = [...(rest === undefined ? [] : toGroups(rest)), ...tail];
  const groups =
    rest === undefined
      ? [...left, ...tail]
      : [...left, ...Array(8 - left.length - right.length).fill(0n), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** An address as a 128-bit number (IPv4 mapped), or null when it is not an IP address. */
function addressToBigint(text: string): { value: bigint; version: 4 | 6 } | null {
  const bare = text.replace(/%[\w.-]+$/, '');
  switch (isIP(bare)) {
    case 4:
      return { value: MAPPED | ipv4ToBigint(bare), version: 4 };
    case 6:
      return { value: ipv6ToBigint(bare), version: 6 };
    default:
      return null;
  }
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as `::`. */
function formatIpv6(value: bigint): string {
  if (value >> 32n === 0xffffn) return `::ffff:${formatIpv4(value & 0xffffffffn)}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

const refuse = (message: string) => new ApiError('invalid_restrictions', message);

/**
 * Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128). Refuses anything else with
 * `invalid_restrictions`, including a network with host bits set (naming the network form instead).
 *
 * @example parseCidr('2001:DB8::/32').text // '2001:db8::/32'
 */
export function parseCidr(text: string): Cidr {
  const trimmed = text.trim();
  const [address = '', prefixText, extra] = trimmed.split('/');
  const parsed = extra === undefined && !address.includes('%') ? addressToBigint(address) : null;
  const allowed = 'a network such as 10.0.0.0/8 or 2001:db8::/32, or a single address';
  if (!parsed) throw refuse(`${JSON.stringify(text)} is not a network: write ${allowed}.`);
  const max = parsed.version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))
    throw refuse(`${JSON.stringify(text)} has no valid prefix length: write ${allowed}.`);
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max)
    throw refuse(
      `${JSON.stringify(text)}: the prefix length of an IPv${parsed.version} network is 0 to ${max}.`,
    );
  const bits = parsed.version === 4 ? 96 + prefix : prefix;
  const network = parsed.value & mask(bits);
  const format = (value: bigint) =>
    parsed.version === 4 ? formatIpv4(value & 0xffffffffn) : formatIpv6(value);
  const canonical = `${format(network)}/${prefix}`;
  if (network !== parsed.value)
    throw refuse(`${JSON.stringify(text)} has host bits set: did you mean ${canonical}?`);
  return { text: canonical, version: parsed.version, prefix, network, bits };
}

/** The canonical text of a network (`2001:DB8:0::/32` → `2001:db8::/32`, `10.1.2.3` → `10.1.2.3/32`). */
export function canonicalCidr(text: string): string {
  return parseCidr(text).text;
}

/**
 * Whether a client address lies in the network. `::ffff:10.1.2.3` matches IPv4 networks; anything that is not
 * an IP address matches nothing.
 */
export function cidrContains(cidr: Cidr, ip: string): boolean {
  const address = addressToBigint(ip.trim());
  return address !== null && (address.value & mask(cidr.bits)) === cidr.network;
}

/** Whether every address of `inner` is also in `outer` (used to check a sender's networks against a policy). */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return inner.bits >= outer.bits && (inner.network & mask(outer.bits)) === outer.network;
}
