import { randomBytes } from 'node:crypto';
import { deflateSync, inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { sanitiseLogo } from './logo-sanitise.js';
import { crc32 } from './png-logo.js';

// PNGs made here, byte by byte, with Node's zlib CRC-32 as the independent oracle for chunk checksums.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array = new Uint8Array(0)): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(zlibCrc32(body), 8 + data.length);
  return out;
}

function ihdr(width: number, height: number, depth = 8, colour = 6, interlace = 0): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([depth, colour, 0, 0, interlace], 8);
  return chunk('IHDR', data);
}

/** Non-interlaced scanlines, filter 0, of `bytesPerRow` bytes each. */
function scanlines(height: number, bytesPerRow: number, fill: (row: number) => Buffer): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.concat([Buffer.of(0), fill(y).subarray(0, bytesPerRow)]));
  return Buffer.concat(rows);
}

/** A 16×16 RGBA logo: red with a transparent diagonal. */
const PIXELS = scanlines(16, 64, (y) => {
  const row = Buffer.alloc(64);
  for (let x = 0; x < 16; x++) row.set(x === y ? [0, 0, 0, 0] : [200, 30, 30, 255], x * 4);
  return row;
});
const IDAT = chunk('IDAT', deflateSync(PIXELS));
const IEND = chunk('IEND');
const CLEAN = Buffer.concat([SIGNATURE, ihdr(16, 16), IDAT, IEND]);

const png = (...parts: Buffer[]) => ({
  type: 'image/png' as const,
  data: Buffer.concat(parts).toString('base64'),
});

async function refusal(body: { type: 'image/png' | 'image/svg+xml'; data: string }): Promise<string> {
  const result = await sanitiseLogo(body);
  if (result.ok) throw new Error('expected the logo to be refused');
  return result.message;
}

describe('PNG logos (docs/domains.md, "Logos")', () => {
  test('the CRC-32 agrees with zlib’s', () => {
    for (const length of [0, 1, 13, 1000]) {
      const bytes = randomBytes(length);
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });

  test('a clean PNG is kept byte for byte', async () => {
    const result = await sanitiseLogo(png(CLEAN));
    expect(result).toEqual({ ok: true, type: 'image/png', bytes: new Uint8Array(CLEAN) });
  });

  test('text, time, EXIF, profiles and bytes after IEND are stripped; the pixels stay', async () => {
    const secret = 'Author: J. Doe, GPS 52.37N 4.89E';
    const upload = Buffer.concat([
      SIGNATURE,
      ihdr(16, 16),
      chunk('tEXt', Buffer.from(`Comment\0${secret}`, 'latin1')),
      chunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>${secret}</x:xmpmeta>`)),
      chunk('zTXt', Buffer.concat([Buffer.from('Raw\0\0'), deflateSync(secret)])),
      chunk('eXIf', Buffer.from(`MM\0*${secret}`)),
      chunk('tIME', Buffer.from([7, 232, 1, 2, 3, 4, 5])),
      chunk('gAMA', Buffer.from([0, 0, 177, 143])),
      IDAT,
      chunk('tEXt', Buffer.from(`Late\0${secret}`, 'latin1')),
      IEND,
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]);
    const result = await sanitiseLogo(png(upload));
    if (!result.ok) throw new Error(result.message);
    const out = Buffer.from(result.bytes);
    expect(out).toEqual(CLEAN);
    for (const gone of ['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME', 'gAMA', 'J. Doe', '<script']) {
      expect(out.includes(gone)).toBe(false);
    }
    // Still an image: the same pixels come out of its data.
    expect(inflateSync(out.subarray(33 + 8, out.length - 12 - 4))).toEqual(PIXELS);
  });

  test('a palette image keeps PLTE and tRNS; an interlaced one is accepted', async () => {
    const palette = Buffer.concat([
      SIGNATURE,
      ihdr(4, 4, 8, 3),
      chunk('PLTE', Buffer.from([255, 0, 0, 0, 0, 255])),
      chunk('tRNS', Buffer.from([0])),
      chunk('IDAT', deflateSync(scanlines(4, 4, (y) => Buffer.alloc(4, y % 2)))),
      IEND,
    ]);
    const kept = await sanitiseLogo(png(palette));
    expect(kept.ok && Buffer.from(kept.bytes)).toEqual(palette);

    // Adam7 of 3×3 grey, a filter byte before each row: pass 1 is 1×1, pass 4 1×1, pass 5 2×1, pass 6 1×2,
    // pass 7 3×1; passes 2 and 3 are empty.
    const interlacedSize = 2 + 2 + 3 + 2 * 2 + 4;
    const interlaced = Buffer.concat([
      SIGNATURE,
      ihdr(3, 3, 8, 0, 1),
      chunk('IDAT', deflateSync(Buffer.alloc(interlacedSize))),
      IEND,
    ]);
    expect((await sanitiseLogo(png(interlaced))).ok).toBe(true);
  });

  test('a bad CRC is refused, naming the chunk', async () => {
    const bad = Buffer.from(CLEAN);
    const last = bad.length - 12 - 5; // the last byte of IDAT's data
    bad.writeUInt8(bad.readUInt8(last) ^ 0xff, last);
    expect(await refusal(png(bad))).toMatch(/IDAT chunk has a bad CRC/);
    const badText = Buffer.concat([SIGNATURE, ihdr(16, 16), chunk('tEXt', Buffer.from('a\0b')), IDAT, IEND]);
    badText.writeUInt8(badText.readUInt8(41) ^ 1, 41); // the first byte of tEXt's data
    expect(await refusal(png(badText))).toMatch(/tEXt chunk has a bad CRC/);
  });

  test('a truncated PNG is refused', async () => {
    expect(await refusal(png(CLEAN.subarray(0, CLEAN.length - 20)))).toMatch(/truncated/);
    expect(await refusal(png(Buffer.concat([SIGNATURE, ihdr(16, 16), IDAT])))).toMatch(/truncated/);
    expect(await refusal(png(SIGNATURE))).toMatch(/truncated/);
  });

  test('huge or empty dimensions are refused before anything is decompressed', async () => {
    for (const [w, h] of [
      [4096, 16],
      [16, 1025],
      [100_000, 100_000],
      [0, 16],
    ] as const) {
      expect(await refusal(png(SIGNATURE, ihdr(w, h), IDAT, IEND))).toContain('at most 1024×1024');
    }
    expect(
      (
        await sanitiseLogo(
          png(SIGNATURE, ihdr(1024, 1), chunk('IDAT', deflateSync(Buffer.alloc(4097))), IEND),
        )
      ).ok,
    ).toBe(true);
  });

  test('image data that inflates to more (a decompression bomb) or less than the header says is refused', async () => {
    const bomb = chunk('IDAT', deflateSync(Buffer.alloc(20 * 1024 * 1024)));
    expect(await refusal(png(SIGNATURE, ihdr(16, 16), bomb, IEND))).toMatch(/does not decompress/);
    const short = chunk('IDAT', deflateSync(PIXELS.subarray(0, 100)));
    expect(await refusal(png(SIGNATURE, ihdr(16, 16), short, IEND))).toMatch(/shorter/);
    const notZlib = chunk('IDAT', randomBytes(64));
    expect(await refusal(png(SIGNATURE, ihdr(16, 16), notZlib, IEND))).toMatch(/does not decompress/);
  });

  test('malformed structure is refused', async () => {
    expect(await refusal(png(SIGNATURE, IDAT, IEND))).toMatch(/IHDR/);
    expect(await refusal(png(SIGNATURE, ihdr(16, 16, 8, 5), IDAT, IEND))).toMatch(/colour type/);
    expect(await refusal(png(SIGNATURE, ihdr(16, 16, 3, 6), IDAT, IEND))).toMatch(/bit depth/);
    expect(await refusal(png(SIGNATURE, ihdr(16, 16), IEND))).toMatch(/no image data/);
    expect(await refusal(png(SIGNATURE, ihdr(16, 16), chunk('ABCD', Buffer.of(1)), IDAT, IEND))).toMatch(
      /unknown critical chunk/,
    );
    expect(await refusal(png(SIGNATURE, ihdr(4, 4, 8, 3), IDAT, IEND))).toMatch(/palette/);
    expect(await refusal(png(SIGNATURE, ihdr(16, 16), ihdr(16, 16), IDAT, IEND))).toMatch(/second IHDR/);
  });

  test('what is not a PNG is refused: another format, an SVG, base64 garbage', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    expect(await refusal(png(jpeg))).toMatch(/not a PNG/);
    expect(await refusal(png(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toMatch(/not a PNG/);
    expect(await refusal({ type: 'image/png', data: 'not base64!' })).toBe('data is not base64.');
  });

  test('a PNG over 64 KiB once sanitised is refused; the same under the limit with metadata dropped is kept', async () => {
    // Random pixels do not compress: 160×110 RGBA is about 70 KB.
    const noise = scanlines(110, 640, () => randomBytes(640));
    const big = Buffer.concat([SIGNATURE, ihdr(160, 110), chunk('IDAT', deflateSync(noise)), IEND]);
    expect(big.length).toBeGreaterThan(65_536);
    expect(await refusal(png(big))).toMatch(/KiB once sanitised; at most 64 KiB/);

    // 60 KB of pixels plus 20 KB of text: over the limit as uploaded, under it as stored.
    const pixels = scanlines(100, 600, () => randomBytes(600));
    const padded = Buffer.concat([
      SIGNATURE,
      ihdr(150, 100),
      chunk('tEXt', Buffer.alloc(20_000, 0x41)),
      chunk('IDAT', deflateSync(pixels)),
      IEND,
    ]);
    expect(padded.length).toBeGreaterThan(65_536);
    const result = await sanitiseLogo(png(padded));
    expect(result.ok && result.bytes.length).toBeLessThanOrEqual(65_536);
  });
});
