import { describe, expect, it } from 'vitest';
import { randomBytes } from './encoding.js';
import { encryptedSize, recordDataBytes, resumePoint } from './file-sizes.js';
import { createEncryptStream, decryptBytes, encryptBytes } from './stream-aead.js';
import { expectBytes } from './test-bytes.js';

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function streamOf(bytes: Uint8Array, chunk = 10_000): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

const RS = 1024;
const DATA = recordDataBytes(RS);
const key = randomBytes(32);
const salt = randomBytes(16);

describe('encryptedSize', () => {
  it.each([0, 1, DATA - 1, DATA, DATA + 1, 3 * DATA, 3 * DATA + 7])(
    'matches encryptBytes for %i bytes',
    async (n) => {
      const ciphertext = await encryptBytes(randomBytes(n), key, { recordSize: RS });
      expect(encryptedSize(n, RS)).toBe(ciphertext.length);
    },
  );

  it('uses 64 KiB records by default', () => {
    expect(encryptedSize(0)).toBe(38);
    expect(encryptedSize(65_519)).toBe(21 + 65_536);
    expect(encryptedSize(2 ** 30)).toBe(21 + 2 ** 30 + Math.ceil(2 ** 30 / 65_519) * 17);
  });

  it('rejects negative and fractional sizes', () => {
    expect(() => encryptedSize(-1)).toThrow(RangeError);
    expect(() => encryptedSize(1.5)).toThrow(RangeError);
  });
});

describe('resumePoint and firstRecord', () => {
  const plain = randomBytes(5 * DATA + 123);

  it.each([
    0,
    5,
    21,
    22,
    21 + RS - 1,
    21 + RS,
    21 + RS + 1,
    21 + 3 * RS + 500,
    encryptedSize(plain.length, RS) - 1,
  ])('continues the exact byte stream after %i bytes', async (sent) => {
    const whole = await encryptBytes(plain, key, { recordSize: RS, salt });
    const point = resumePoint(sent, RS);
    const rest = await collect(
      streamOf(plain.subarray(point.plainOffset)).pipeThrough(
        createEncryptStream(key, { recordSize: RS, salt, firstRecord: point.record }),
      ),
    );
    const joined = new Uint8Array(sent + rest.length - point.skip);
    joined.set(whole.subarray(0, sent));
    joined.set(rest.subarray(point.skip), sent);
    expectBytes(joined, whole);
    expectBytes(await decryptBytes(joined, key), plain);
  });

  it('needs the original salt and no padding', () => {
    expect(() => createEncryptStream(key, { firstRecord: 2 })).toThrow(RangeError);
    expect(() => createEncryptStream(key, { firstRecord: 2, salt, padding: 4 })).toThrow(RangeError);
    expect(() => createEncryptStream(key, { firstRecord: -1, salt })).toThrow(RangeError);
  });
});
