import type { FastifyRequest } from 'fastify';
import type { DomainRecord, DomainStore } from './domain-store.js';
import {
  type HostHeader,
  type HostPattern,
  hostMatches,
  normaliseDomainName,
  parseHostHeader,
} from './host-names.js';

/**
 * What a request's `Host` is (docs/domains.md): one of the instance's own names (`main`), a verified custom
 * domain (`domain`, with its record), or neither (`unknown`: 421 with a `BURNLINK_ALLOWED_HOSTS` list, the
 * main site with `*`). `null` when the header is malformed.
 */
export type HostClass =
  | { kind: 'main'; header: HostHeader }
  | { kind: 'domain'; header: HostHeader; domain: DomainRecord }
  | { kind: 'unknown'; header: HostHeader };

export interface HostResolverOptions {
  domains: Pick<DomainStore, 'findActiveDomain' | 'listDomains'>;
  /** `BURNLINK_ALLOWED_HOSTS`; null for `*`. */
  allowedHosts: HostPattern[] | null;
  /** `BURNLINK_PUBLIC_URL`, or null. Its host is always a main host. */
  publicUrl: string | null;
  now: () => number;
  /** How long a lookup is kept (default 5 s), per name and per organisation; 0 keeps nothing. */
  cacheMs?: number;
  /** At most this many names and organisations are kept each (default 10 000); the oldest go first. */
  maxEntries?: number;
}

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Classifies `Host` headers and picks the origin of the links a request makes (spec decisions 5 and 6).
 * A main host never costs a store lookup; other names are looked up once per `cacheMs` each (misses too),
 * in bounded maps, so a flood of made-up names costs at most one lookup per name per period and a fixed
 * amount of memory. `invalidate` forgets a name at once on this node after its state changed.
 *
 * @example
 * const hosts = new HostResolver({ domains: accounts.domains, allowedHosts, publicUrl, now });
 * const host = await hosts.classify(request); // null: 400 invalid_host
 * const origin = await hosts.linkOrigin(request, principal?.orgId ?? null);
 */
export class HostResolver {
  readonly #o: HostResolverOptions;
  readonly #cacheMs: number;
  readonly #max: number;
  readonly #names = new Map<string, Cached<DomainRecord | null>>();
  readonly #orgs = new Map<string, Cached<string | null>>();
  readonly #classes = new WeakMap<FastifyRequest, HostClass | null>();
  readonly #publicHost: string | null;

  constructor(options: HostResolverOptions) {
    this.#o = options;
    this.#cacheMs = options.cacheMs ?? 5000;
    this.#max = options.maxEntries ?? 10_000;
    this.#publicHost = options.publicUrl === null ? null : new URL(options.publicUrl).hostname;
  }

  /** The request's host class, worked out once per request (the host check does it first). */
  async classify(request: FastifyRequest): Promise<HostClass | null> {
    const quick = this.classifyWithoutLookup(request);
    if (quick !== undefined) return quick;
    const header = parseHostHeader(request.host) as HostHeader;
    const domain = await this.findDomain(header.host);
    const found: HostClass =
      domain === null ? { kind: 'unknown', header } : { kind: 'domain', header, domain };
    this.#classes.set(request, found);
    return found;
  }

  /**
   * `classify` where it needs no store: a malformed Host (null), a main host, or what was found before;
   * undefined when only a lookup can tell. The host check takes this synchronous path on every request to
   * the main host (create and claim pay no promise for it).
   */
  classifyWithoutLookup(request: FastifyRequest): HostClass | null | undefined {
    if (this.#classes.has(request)) return this.#classes.get(request) as HostClass | null;
    // Two Host headers (Node keeps the first) are refused rather than guessed between: a proxy may use the other.
    const header = hostHeaders(request) > 1 ? null : parseHostHeader(request.host);
    if (header !== null && !this.isMainHost(header)) return undefined;
    const found: HostClass | null = header === null ? null : { kind: 'main', header };
    this.#classes.set(request, found);
    return found;
  }

  /**
   * One of the instance's own names: the host of `BURNLINK_PUBLIC_URL`, or one matching an entry of
   * `BURNLINK_ALLOWED_HOSTS`. With `*`, also any name that can never be a custom domain (an IP address,
   * `localhost`, a single label), so that those cost no lookup either.
   */
  isMainHost(header: HostHeader): boolean {
    if (header.host === this.#publicHost) return true;
    const allowed = this.#o.allowedHosts;
    if (allowed !== null) return allowed.some((pattern) => hostMatches(pattern, header));
    return normaliseDomainName(header.host) !== header.host;
  }

  /** The verified custom domain with this name, or null; cached. */
  async findDomain(name: string): Promise<DomainRecord | null> {
    const now = this.#o.now();
    const hit = this.#names.get(name);
    if (hit !== undefined && hit.until > now) return hit.value;
    const value = await this.#o.domains.findActiveDomain(name);
    this.#remember(this.#names, name, value, now);
    return value;
  }

  /**
   * Forgets what this node knows of `name` (and of `orgId`'s link domain, or of every organisation's when
   * it is not given): call after a domain is verified, suspended, reactivated or removed.
   */
  invalidate(name: string, orgId?: string): void {
    const known = this.#names.get(name)?.value;
    this.#names.delete(name);
    if (orgId !== undefined) this.#orgs.delete(orgId);
    if (known) this.#orgs.delete(known.orgId);
    if (orgId === undefined && !known) this.#orgs.clear();
  }

  /**
   * The origin of the request when its `Host` is a verified custom domain, else null. Its scheme is the one
   * cookies are marked `Secure` by: https when `BURNLINK_PUBLIC_URL` is https, else the request's own.
   * Synchronous: it answers what `classify` found (null before).
   */
  domainOrigin(request: FastifyRequest): string | null {
    const found = this.#classes.get(request);
    if (found?.kind !== 'domain') return null;
    return originOf(this.#scheme(request), found.header);
  }

  /** The organisation whose verified domain the request came in on, or null. */
  domainOf(request: FastifyRequest): DomainRecord | null {
    const found = this.#classes.get(request);
    return found?.kind === 'domain' ? found.domain : null;
  }

  /**
   * The origin of links a request makes for `orgId` (null: anonymous) when it is a custom domain's, else
   * null: (a) the request came in on a verified domain of that organisation (or it is anonymous) → the
   * request's origin; (b) the organisation has a verified domain → `https://<its oldest>`.
   */
  async customLinkOrigin(request: FastifyRequest, orgId: string | null): Promise<string | null> {
    const found = await this.classify(request);
    if (found?.kind === 'domain' && (orgId === null || orgId === found.domain.orgId)) {
      return originOf(this.#scheme(request), found.header);
    }
    if (orgId === null) return null;
    const name = await this.#orgDomain(orgId);
    return name === null ? null : `https://${name}`;
  }

  /**
   * The origin of links a request makes (a secret link, a receipt link): the custom domain's (see
   * `customLinkOrigin`), else `BURNLINK_PUBLIC_URL`, else the request's own — which passed the host check,
   * so it is one of the instance's names (with `*`, any name: set `BURNLINK_PUBLIC_URL` then).
   */
  async linkOrigin(request: FastifyRequest, orgId: string | null): Promise<string> {
    return (await this.customLinkOrigin(request, orgId)) ?? this.mainOrigin(request);
  }

  /**
   * The instance's own origin for this request: `BURNLINK_PUBLIC_URL`; else the request's origin on a main
   * host; on a custom domain, the first plain name of `BURNLINK_ALLOWED_HOSTS` when there is one.
   */
  mainOrigin(request: FastifyRequest): string {
    if (this.#o.publicUrl !== null) return this.#o.publicUrl;
    const found = this.#classes.get(request);
    const own = this.#o.allowedHosts?.find((pattern) => !pattern.wildcard);
    if (found?.kind === 'domain' && own !== undefined) return originOf(request.protocol, own);
    const header = found?.header ?? parseHostHeader(request.host);
    return header === null ? `${request.protocol}://${request.host}` : originOf(request.protocol, header);
  }

  #scheme(request: FastifyRequest): string {
    const { publicUrl } = this.#o;
    if (publicUrl !== null) return publicUrl.startsWith('https:') ? 'https' : 'http';
    return request.protocol;
  }

  async #orgDomain(orgId: string): Promise<string | null> {
    const now = this.#o.now();
    const hit = this.#orgs.get(orgId);
    if (hit !== undefined && hit.until > now) return hit.value;
    const domains = await this.#o.domains.listDomains(orgId);
    const value = domains.find((d) => d.state === 'active')?.name ?? null;
    this.#remember(this.#orgs, orgId, value, now);
    return value;
  }

  #remember<T>(map: Map<string, Cached<T>>, key: string, value: T, now: number): void {
    if (this.#cacheMs <= 0) return;
    map.delete(key);
    if (map.size >= this.#max) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    map.set(key, { value, until: now + this.#cacheMs });
  }
}

/** How many `Host` header lines the request carried. */
function hostHeaders(request: FastifyRequest): number {
  const raw = request.raw?.rawHeaders ?? [];
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && name.toLowerCase() === 'host') count += 1;
  }
  return count;
}

/** `scheme://host[:port]` as a browser writes `Origin`: IPv6 in brackets, no default port. */
export function originOf(scheme: string, header: { host: string; port: number | null }): string {
  const host = header.host.includes(':') ? `[${header.host}]` : header.host;
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = header.port === null || header.port === defaultPort ? '' : `:${header.port}`;
  return `${scheme}://${host}${port}`;
}
