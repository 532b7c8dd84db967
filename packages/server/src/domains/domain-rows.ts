import type { BrandingBody, DomainCheckResult, DomainState } from '@burnlink/wire';
import type { Row } from '../accounts/accounts-rows.js';
import type { DomainRecord, StoredBranding, StoredLogo } from './domain-store.js';

/**
 * Rows of the SQL domain stores to records. Both backends name their columns alike; PostgreSQL answers bigints
 * as strings and both answer blobs as Buffers: the mappers read either and answer plain values.
 */

const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export function toDomain(row: Row): DomainRecord {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    name: String(row.name),
    token: String(row.token),
    state: String(row.state) as DomainState,
    createdAt: Number(row.created_at),
    verifiedAt: numOrNull(row.verified_at),
    checkedAt: numOrNull(row.checked_at),
    lastResult: row.last_result === null ? null : (String(row.last_result) as DomainCheckResult),
    missingSince: numOrNull(row.missing_since),
    suspendedAt: numOrNull(row.suspended_at),
  };
}

/** The columns a check moves, in the order `domainCheckValues` gives them. */
export const CHECK_COLUMNS = [
  'state',
  'verified_at',
  'checked_at',
  'last_result',
  'missing_since',
  'suspended_at',
] as const;

export function domainCheckValues(d: DomainRecord): unknown[] {
  return [d.state, d.verifiedAt, d.checkedAt, d.lastResult, d.missingSince, d.suspendedAt];
}

/** Every column of a new domain, in table order. */
export function domainValues(d: DomainRecord): unknown[] {
  return [
    d.id,
    d.orgId,
    d.name,
    d.token,
    d.state,
    d.createdAt,
    d.verifiedAt,
    d.checkedAt,
    d.lastResult,
    d.missingSince,
    d.suspendedAt,
  ];
}

/** The branding of an `org_branding` row, or null when the row holds only a logo. */
export function toStoredBranding(row: Row | undefined): StoredBranding | null {
  if (row?.branding === null || row?.branding === undefined) return null;
  return {
    orgId: String(row.org_id),
    branding: JSON.parse(String(row.branding)) as BrandingBody,
    updatedAt: Number(row.updated_at),
  };
}

/** The logo of an `org_branding` row, or null; the bytes a plain `Uint8Array` of their own. */
export function toStoredLogo(row: Row | undefined): StoredLogo | null {
  if (row?.logo_bytes === null || row?.logo_bytes === undefined) return null;
  return {
    type: String(row.logo_type) as StoredLogo['type'],
    bytes: new Uint8Array(row.logo_bytes as Uint8Array),
    updatedAt: Number(row.logo_updated_at),
  };
}

/** A logo's bytes as the drivers bind a blob. */
export const blob = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
