import type { LogoBody } from '../account-types.js';
import type { DomainKey } from './messages/en.js';

/**
 * The largest logo, in bytes: the wire contract's `LOGO_MAX_BYTES` (`logo-file.test.ts` keeps them equal; the
 * web app imports the contract as types only, so the number is repeated here).
 */
export const LOGO_MAX_BYTES = 65536;

export type LogoRead = { ok: true; logo: LogoBody } | { ok: false; problem: DomainKey };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The logo's type from its bytes: a PNG by its signature, an SVG by an `<svg` element near its start (after an
 * optional XML declaration or comments). The file's name and claimed type are not trusted; the server sanitises
 * either kind anyway.
 */
export function logoType(bytes: Uint8Array): LogoBody['type'] | null {
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return 'image/png';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024));
  return /<svg[\s>]/i.test(head) ? 'image/svg+xml' : null;
}

/** Standard base64 of `bytes` (in slices, so that a 64 KB file does not overflow the argument list). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A chosen file as the body of `PUT /api/v1/org/branding/logo`, or what is wrong with it. */
export async function readLogoFile(file: Blob): Promise<LogoRead> {
  if (file.size === 0) return { ok: false, problem: 'logoErrType' };
  if (file.size > LOGO_MAX_BYTES) return { ok: false, problem: 'logoErrSize' };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, problem: 'logoErrRead' };
  }
  const type = logoType(bytes);
  if (!type) return { ok: false, problem: 'logoErrType' };
  return { ok: true, logo: { type, data: toBase64(bytes) } };
}
