// The policy engine: pure checks of per-secret restrictions and organisation policies (docs/policies.md).
// No HTTP and no store here; the secret service calls these before a claim consumes anything.
export { type Cidr, canonicalCidr, cidrContains, cidrWithin, parseCidr } from './cidr.js';
export { type AccessRequest, checkAccess, type Refusal } from './evaluate.js';
export { type GeoIp, openGeoIp } from './geoip.js';
export { isOpen, nextOpening, validateOfficeHours } from './office-hours.js';
export {
  applyPolicy,
  applyRequestPolicy,
  type CreateFacts,
  policyStoredExtras,
  type RequestFacts,
  validatePolicy,
} from './org-policy.js';
export {
  decodeRestrictions,
  encodeRestrictions,
  maskEmail,
  normaliseRestrictions,
  peekRequires,
  type RestrictionCaps,
  type StoredRestrictions,
} from './restrictions.js';
export { type CountryEntry, writeCountryMmdb } from './test-mmdb.js';
