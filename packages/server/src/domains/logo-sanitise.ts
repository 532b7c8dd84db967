import type { LogoBody } from '@burnlink/wire';
import { LOGO_MAX_BYTES } from '../wire.js';
import { sanitisePng } from './png-logo.js';
import { sanitiseSvg } from './svg-logo.js';

/**
 * An uploaded logo made safe to serve from the organisation's own domain (docs/domains.md, "Logos"): a PNG
 * rebuilt from the chunks that draw it, an SVG written anew from an allowlist. What is stored is the result,
 * never the upload, and it is at most LOGO_MAX_BYTES.
 */
export type SanitisedLogo =
  | { ok: true; type: LogoBody['type']; bytes: Uint8Array }
  | { ok: false; message: string };

/** Standard or url-safe base64, padded or not. */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const KIB = LOGO_MAX_BYTES / 1024;

/**
 * Decodes, checks and rewrites a logo; a refusal's message names what is wrong, for 400 `invalid_logo`.
 *
 * @example
 * const logo = await sanitiseLogo({ type: 'image/png', data: base64 });
 * if (!logo.ok) throw new ApiError('invalid_logo', logo.message);
 */
export async function sanitiseLogo(body: LogoBody): Promise<SanitisedLogo> {
  const refuse = (message: string): SanitisedLogo => ({ ok: false, message });
  if (!BASE64.test(body.data) || body.data.replace(/=+$/, '').length % 4 === 1) {
    return refuse('data is not base64.');
  }
  const decoded = new Uint8Array(Buffer.from(body.data.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  if (decoded.length === 0) return refuse('data is empty.');
  let bytes: Uint8Array;
  if (body.type === 'image/png') {
    const png = await sanitisePng(decoded);
    if (!png.ok) return refuse(png.message);
    bytes = png.bytes;
  } else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(decoded);
    } catch {
      return refuse('The logo is not an SVG: it is not UTF-8 text.');
    }
    const svg = sanitiseSvg(text);
    if (!svg.ok) return refuse(svg.message);
    bytes = new TextEncoder().encode(svg.text);
  }
  if (bytes.length > LOGO_MAX_BYTES) {
    return refuse(
      `The logo is ${Math.ceil(bytes.length / 1024)} KiB once sanitised; at most ${KIB} KiB is accepted.`,
    );
  }
  return { ok: true, type: body.type, bytes };
}
