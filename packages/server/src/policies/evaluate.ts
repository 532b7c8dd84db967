import { cidrContains, parseCidr } from './cidr.js';
import type { GeoIp } from './geoip.js';
import { isOpen, nextOpening } from './office-hours.js';
import type { StoredRestrictions } from './restrictions.js';

/** Why a claim (or a code request) is refused before anything is consumed. */
export interface Refusal {
  code: 'network_not_allowed' | 'country_not_allowed' | 'outside_office_hours';
  /** outside_office_hours: when the window opens next (ms since the epoch), if within 8 days. */
  opensAt?: number;
}

export interface AccessRequest {
  /** The client address as the trust-proxy setting resolves it; null when unknown. */
  ip: string | null;
  now: number;
  /** The server's GeoIP database; null when none is open. */
  geoip: GeoIp | null;
}

/**
 * Checks the request against a secret's network, country and office-hours rules, in that order, and returns
 * the first refusal or null. Recipient verification is not checked here (it needs the code and the store).
 * Fails closed: an unknown address matches no network, and country rules without a database refuse.
 *
 * @example checkAccess({ v: 1, networks: ['10.0.0.0/8'] }, { ip: '192.0.2.1', now: Date.now(), geoip: null })
 * // { code: 'network_not_allowed' }
 */
export function checkAccess(r: StoredRestrictions, req: AccessRequest): Refusal | null {
  if (r.networks) {
    const { ip } = req;
    if (ip === null || !r.networks.some((cidr) => cidrContains(parseCidr(cidr), ip)))
      return { code: 'network_not_allowed' };
  }
  if (r.countries) {
    if (req.geoip === null) return { code: 'country_not_allowed' };
    // An address the database does not place counts as no country: refused by allow, let through by deny.
    const country = req.ip === null ? null : req.geoip.country(req.ip);
    const refused = r.countries.allow
      ? country === null || !r.countries.allow.includes(country)
      : country !== null && (r.countries.deny ?? []).includes(country);
    if (refused) return { code: 'country_not_allowed' };
  }
  if (r.officeHours && !isOpen(r.officeHours, req.now)) {
    const opensAt = nextOpening(r.officeHours, req.now);
    return opensAt === null ? { code: 'outside_office_hours' } : { code: 'outside_office_hours', opensAt };
  }
  return null;
}
