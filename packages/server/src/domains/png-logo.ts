import { promisify } from 'node:util';
import { inflate } from 'node:zlib';

/**
 * PNG logos, rebuilt from the chunks an image needs to be drawn (docs/domains.md, "Logos"): IHDR, PLTE,
 * tRNS, IDAT and IEND, in order, each with its CRC checked. Text, time, EXIF, colour profiles, animation
 * and anything after IEND (where polyglot files hide a second format) are dropped, so nothing the uploader
 * wrote besides pixels reaches a visitor.
 */

/** Largest width and height accepted, in pixels. */
export const PNG_MAX_SIDE = 1024;

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const KEPT = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
/** Bit depths allowed for each colour type (PNG specification, table 11.1), and samples per pixel. */
const COLOUR_TYPES: Record<number, { depths: number[]; samples: number }> = {
  0: { depths: [1, 2, 4, 8, 16], samples: 1 },
  2: { depths: [8, 16], samples: 3 },
  3: { depths: [1, 2, 4, 8], samples: 1 },
  4: { depths: [8, 16], samples: 2 },
  6: { depths: [8, 16], samples: 4 },
};
/** Adam7: each pass's first column and row, and its column and row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

const inflateAsync = promisify(inflate);

export type Sanitised = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

interface Chunk {
  type: string;
  /** The whole chunk: length, type, data and CRC. */
  raw: Uint8Array;
  data: Uint8Array;
}

/** The PNG rebuilt from its kept chunks, or why it is refused. */
export async function sanitisePng(bytes: Uint8Array): Promise<Sanitised> {
  const refuse = (message: string): Sanitised => ({ ok: false, message });
  if (bytes.length < SIGNATURE.length || !SIGNATURE.every((b, i) => bytes[i] === b)) {
    return refuse('The logo is not a PNG: it lacks the PNG signature.');
  }
  const read = readChunks(bytes);
  if (typeof read === 'string') return refuse(read);
  const chunks = read;
  const ihdr = chunks[0];
  if (ihdr?.type !== 'IHDR' || ihdr.data.length !== 13) {
    return refuse('The PNG does not start with a valid IHDR chunk.');
  }
  const view = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, 13);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [depth, colour, compression, filter, interlace] = ihdr.data.subarray(8) as unknown as number[];
  if (width === 0 || height === 0 || width > PNG_MAX_SIDE || height > PNG_MAX_SIDE) {
    return refuse(
      `The PNG is ${width}×${height} pixels; at most ${PNG_MAX_SIDE}×${PNG_MAX_SIDE} is accepted.`,
    );
  }
  const format = COLOUR_TYPES[colour as number];
  if (format === undefined || !format.depths.includes(depth as number)) {
    return refuse('The PNG header names an unknown colour type or bit depth.');
  }
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) {
    return refuse('The PNG header names an unknown compression, filter or interlace method.');
  }
  if (chunks.at(-1)?.type !== 'IEND') return refuse('The PNG is truncated: it has no IEND chunk.');

  const kept: Chunk[] = [];
  for (const chunk of chunks.slice(1, -1)) {
    if (chunk.type === 'IHDR' || chunk.type === 'IEND')
      return refuse(`The PNG has a second ${chunk.type} chunk.`);
    // Bit 5 of the first letter: upper case marks a chunk a decoder must understand to draw the image.
    const critical = chunk.type.charCodeAt(0) < 0x61;
    if (!KEPT.has(chunk.type)) {
      if (critical) return refuse(`The PNG has an unknown critical chunk (${chunk.type}).`);
      continue;
    }
    kept.push(chunk);
  }
  const palettes = kept.filter((c) => c.type === 'PLTE');
  if (palettes.length > 1 || (colour === 3 && palettes.length === 0)) {
    return refuse('The PNG must have exactly one palette (PLTE) for its colour type.');
  }
  if ((colour === 0 || colour === 4) && palettes.length > 0) {
    return refuse('The PNG has a palette (PLTE) its colour type does not allow.');
  }
  const data = kept.filter((c) => c.type === 'IDAT');
  if (data.length === 0) return refuse('The PNG has no image data (IDAT).');
  const expected = rawSize(width, height, (depth as number) * format.samples, interlace === 1);
  try {
    const pixels = await inflateAsync(concat(data.map((c) => c.data)), { maxOutputLength: expected });
    if (pixels.length !== expected) return refuse('The PNG image data is shorter than its size says.');
  } catch {
    return refuse('The PNG image data does not decompress to the size its header says.');
  }
  return {
    ok: true,
    bytes: concat([SIGNATURE, ihdr.raw, ...kept.map((c) => c.raw), (chunks.at(-1) as Chunk).raw]),
  };
}

/** The chunks up to and including IEND (anything after it is dropped), or why they cannot be read. */
function readChunks(bytes: Uint8Array): Chunk[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let at = SIGNATURE.length;
  while (chunks.at(-1)?.type !== 'IEND') {
    if (at + 12 > bytes.length) return 'The PNG is truncated: a chunk ends early or IEND is missing.';
    const length = view.getUint32(at);
    if (length > bytes.length - at - 12) return 'The PNG is truncated: a chunk is longer than the file.';
    const typeBytes = bytes.subarray(at + 4, at + 8);
    const type = String.fromCharCode(...typeBytes);
    if (!/^[A-Za-z]{4}$/.test(type)) return 'The PNG has a chunk whose type is not four letters.';
    const crc = view.getUint32(at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== crc)
      return `The PNG's ${type} chunk has a bad CRC.`;
    chunks.push({
      type,
      raw: bytes.subarray(at, at + 12 + length),
      data: bytes.subarray(at + 8, at + 8 + length),
    });
    at += 12 + length;
  }
  return chunks;
}

/** Bytes of the filtered scanlines (one filter byte per row) of an image, per pass when interlaced. */
function rawSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const size = (w: number, h: number) => (w <= 0 || h <= 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!interlaced) return size(width, height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += size(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy));
  }
  return total;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks carry it (ISO 3309), over the chunk's type and data. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
