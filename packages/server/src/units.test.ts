import { expect, test } from 'vitest';
import { formatByteSize, parseByteSize, UnitError } from './units.js';

test('parseByteSize', () => {
  expect(parseByteSize('262144')).toBe(262_144);
  expect(parseByteSize('256KiB')).toBe(262_144);
  expect(parseByteSize(' 256 kib ')).toBe(262_144);
  expect(parseByteSize('1MiB')).toBe(1_048_576);
  expect(parseByteSize('1mb')).toBe(1_000_000);
  expect(parseByteSize('1GiB')).toBe(1024 ** 3);
  expect(() => parseByteSize('lots')).toThrow(UnitError);
  expect(() => parseByteSize('lots')).toThrow(/"lots" is not a size such as 262144 \(bytes\), 256KiB/);
  expect(() => parseByteSize('1.5MiB')).toThrow(UnitError);
});

test('formatByteSize uses the largest exact binary unit, and parseByteSize reads it back', () => {
  const sizes = [262_144, 1024 ** 3, 64 * 1024 ** 2, 1536, 1000, 0];
  const texts = ['256KiB', '1GiB', '64MiB', '1536', '1000', '0'];
  expect(sizes.map(formatByteSize)).toEqual(texts);
  expect(texts.map(parseByteSize)).toEqual(sizes);
});
