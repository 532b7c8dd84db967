import { LOGO_MAX_BYTES as WIRE_LOGO_MAX_BYTES } from '@burnlink/wire';
import { describe, expect, it } from 'vitest';
import { LOGO_MAX_BYTES, logoType, readLogoFile, toBase64 } from './logo-file.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const SVG = new TextEncoder().encode(
  '<?xml version="1.0"?>\n<!-- Acme -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>',
);

describe('the logo file', () => {
  it('keeps the wire contract’s size limit', () => {
    expect(LOGO_MAX_BYTES).toBe(WIRE_LOGO_MAX_BYTES);
  });

  it('is a PNG by its signature or an SVG by its element, whatever its name says', () => {
    expect(logoType(PNG)).toBe('image/png');
    expect(logoType(SVG)).toBe('image/svg+xml');
    expect(logoType(new TextEncoder().encode('GIF89a…'))).toBeNull();
    expect(logoType(new TextEncoder().encode('<html><body>svg</body></html>'))).toBeNull();
  });

  it('is encoded as standard base64, also when larger than one slice', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64(new Uint8Array())).toBe('');
  });

  it('becomes the body of PUT /api/v1/org/branding/logo, its type read from its bytes', async () => {
    const read = await readLogoFile(new Blob([SVG], { type: 'text/plain' }));
    expect(read).toEqual({
      ok: true,
      logo: { type: 'image/svg+xml', data: Buffer.from(SVG).toString('base64') },
    });
    const png = await readLogoFile(new Blob([PNG]));
    expect(png.ok && png.logo.type).toBe('image/png');
  });

  it('is refused when empty, too large or of another type, before anything is sent', async () => {
    expect(await readLogoFile(new Blob([]))).toEqual({ ok: false, problem: 'logoErrType' });
    expect(await readLogoFile(new Blob([new Uint8Array(LOGO_MAX_BYTES + 1)]))).toEqual({
      ok: false,
      problem: 'logoErrSize',
    });
    expect(await readLogoFile(new Blob([new Uint8Array(LOGO_MAX_BYTES)]))).toEqual({
      ok: false,
      problem: 'logoErrType',
    });
  });
});
