import { expect, test } from 'vitest';
import { parseByteSize, UnitError } from './units.js';

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
