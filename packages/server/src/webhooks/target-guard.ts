import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';

/**
 * The guard against server-side request forgery (docs/webhooks.md): a webhook may not reach the server's own
 * network — loopback, private, link-local (cloud metadata at 169.254.169.254), shared (CGNAT), unspecified,
 * multicast, broadcast or reserved addresses, nor IPv6 forms that embed one of those — unless the operator
 * sets `BURNLINK_WEBHOOK_ALLOW_PRIVATE=on`. The host is checked when the endpoint is registered and again at
 * every delivery: the delivery connects to exactly the address that was resolved and checked (a `lookup` hook
 * on the connection), so a name that answers a public address first and a private one later (DNS rebinding)
 * is refused.
 */

/** The longest URL an endpoint may have. */
export const MAX_URL_LENGTH = 2048;

/** A resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (injectable: tests play DNS rebinding with it). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (`getaddrinfo`, as connections use by default). */
export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Why a target was refused: the message names the rule, never more than the host. */
export class TargetRefusedError extends Error {
  override readonly name = 'TargetRefusedError';
}

/** A URL that breaks the rules of an endpoint URL (scheme, length, credentials). */
export class InvalidTargetUrlError extends Error {
  override readonly name = 'InvalidTargetUrlError';
}

/**
 * Parses an endpoint URL by the rules of `POST /api/v1/webhooks`: `http:` or `https:` only, at most 2048
 * characters, no user name or password in it, a host.
 */
export function parseTargetUrl(text: string): URL {
  if (text.length > MAX_URL_LENGTH) {
    throw new InvalidTargetUrlError(`url must be at most ${MAX_URL_LENGTH} characters.`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidTargetUrlError('url must be an absolute http:// or https:// URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidTargetUrlError(`url must use http or https, not ${url.protocol.slice(0, -1)}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidTargetUrlError(
      'url must not carry a user name or password; authenticate the request by its signature.',
    );
  }
  if (url.hostname === '') throw new InvalidTargetUrlError('url must name a host.');
  return url;
}

/** The host of a URL as a name or a bare address (IPv6 without its brackets). */
export function urlHost(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

type Range = [base: number[], prefixBits: number, what: string];

const v4 = (text: string): number[] => text.split('.').map(Number);

/** IPv4 ranges a webhook may not reach, with what they are. */
const V4_REFUSED: Range[] = [
  [v4('0.0.0.0'), 8, 'an unspecified address'],
  [v4('10.0.0.0'), 8, 'a private address'],
  [v4('100.64.0.0'), 10, 'a shared (CGNAT) address'],
  [v4('127.0.0.0'), 8, 'a loopback address'],
  [v4('169.254.0.0'), 16, 'a link-local address'],
  [v4('172.16.0.0'), 12, 'a private address'],
  [v4('192.0.0.0'), 24, 'a reserved address'],
  [v4('192.168.0.0'), 16, 'a private address'],
  [v4('198.18.0.0'), 15, 'a reserved address'],
  [v4('224.0.0.0'), 4, 'a multicast address'],
  [v4('240.0.0.0'), 4, 'a reserved or broadcast address'],
];

/** IPv6 ranges (as 16 bytes) a webhook may not reach; embedded IPv4 is checked separately. */
const V6_REFUSED: Range[] = [
  [bytes6('::'), 128, 'an unspecified address'],
  [bytes6('::1'), 128, 'a loopback address'],
  [bytes6('fc00::'), 7, 'a private (unique local) address'],
  [bytes6('fe80::'), 10, 'a link-local address'],
  [bytes6('fec0::'), 10, 'a site-local address'],
  [bytes6('ff00::'), 8, 'a multicast address'],
];

function inRange(address: number[], [base, bits]: Range): boolean {
  for (let i = 0; bits > 0; i += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address[i] ?? 0) & mask) !== ((base[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** The 16 bytes of an IPv6 address (which `isIP` has accepted), including a trailing dotted IPv4. */
function bytes6(text: string): number[] {
  let head = text;
  let tail4: number[] = [];
  const lastColon = head.lastIndexOf(':');
  if (head.slice(lastColon + 1).includes('.')) {
    tail4 = v4(head.slice(lastColon + 1));
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const [left = '', right] = head.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const l = groups(left);
  const r = right === undefined ? [] : groups(right);
  const words = [...l, ...new Array(8 - l.length - r.length).fill(0), ...r];
  const out = words.flatMap((w) => [(w >> 8) & 0xff, w & 0xff]);
  if (tail4.length === 4) out.splice(12, 4, ...tail4);
  return out;
}

/** The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), or null. */
function embeddedV4(b: number[]): number[] | null {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated)
  if (zeros(0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) {
    return b.slice(12, 16);
  }
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix)
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return b.slice(12, 16);
  // 2002:aabb:ccdd::/48 (6to4)
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6);
  return null;
}

/**
 * What kind of refused address `address` is (`a loopback address`, …), or null when a webhook may reach
 * it. Anything that is not an IP address is refused (`not an IP address`).
 */
export function refusedAddressKind(address: string): string | null {
  const family = isIP(address);
  if (family === 4) {
    const parts = v4(address);
    return V4_REFUSED.find((range) => inRange(parts, range))?.[2] ?? null;
  }
  if (family === 6) {
    const b = bytes6(address.split('%')[0] ?? address);
    const kind = V6_REFUSED.find((range) => inRange(b, range))?.[2];
    if (kind !== undefined) return kind;
    const embedded = embeddedV4(b);
    return embedded === null ? null : (V4_REFUSED.find((range) => inRange(embedded, range))?.[2] ?? null);
  }
  return 'not an IP address';
}

/**
 * Resolves `host` (a name or a bare address) and checks every address it has: one refused address refuses
 * the target (a name should not be able to mix in an internal address). Answers the addresses, checked.
 * Throws `TargetRefusedError` naming the rule, or the resolver's error when the name does not resolve.
 */
export async function checkTarget(
  host: string,
  options: { allowPrivate: boolean; resolve?: Resolver },
): Promise<ResolvedAddress[]> {
  const literal = isIP(host);
  const addresses =
    literal !== 0
      ? [{ address: host, family: literal as 4 | 6 }]
      : await (options.resolve ?? systemResolver)(host);
  if (addresses.length === 0) throw new TargetRefusedError(`${host} has no address.`);
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const kind = refusedAddressKind(address);
      if (kind !== null) {
        throw new TargetRefusedError(
          literal !== 0
            ? `${host} is ${kind}; webhooks may not target it (BURNLINK_WEBHOOK_ALLOW_PRIVATE is off).`
            : `${host} resolves to ${kind}; webhooks may not target it (BURNLINK_WEBHOOK_ALLOW_PRIVATE is off).`,
        );
      }
    }
  }
  return addresses;
}

/**
 * A `lookup` for `http.request` / `net.connect`: resolves once, checks every address by `checkTarget`, and
 * hands the connection exactly those addresses, so what is connected to is what was checked.
 */
export function guardedLookup(options: { allowPrivate: boolean; resolve?: Resolver }): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    checkTarget(hostname, options).then(
      (addresses) => {
        const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const usable = family === 0 ? addresses : addresses.filter((a) => a.family === family);
        if (usable.length === 0) {
          const error = Object.assign(new Error(`${hostname} has no IPv${family} address`), {
            code: 'ENOTFOUND',
          });
          callback(error, '', 0);
          return;
        }
        if (lookupOptions.all === true) {
          (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, usable);
        } else {
          const first = usable[0] as ResolvedAddress;
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
