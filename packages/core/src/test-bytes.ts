import { expect } from 'vitest';

/** Byte equality for tests: fast on large arrays (Vitest's deep equality takes seconds at 100 KB). */
export function expectBytes(actual: Uint8Array, expected: Uint8Array): void {
  const a = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
  if (a.equals(b)) return;
  expect({ length: a.length, hex: a.toString('hex').slice(0, 200) }).toEqual({
    length: b.length,
    hex: b.toString('hex').slice(0, 200),
  });
  expect.fail('byte arrays differ');
}
