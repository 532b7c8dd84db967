import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GeoIp, openGeoIp } from './geoip.js';
import { writeCountryMmdb } from './test-mmdb.js';

let dir: string;
let geoip: GeoIp;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burnlink-geoip-'));
  await writeCountryMmdb(join(dir, 'countries.mmdb'), [
    { cidr: '192.0.2.0/24', country: 'nl' },
    { cidr: '2001:db8::/32', country: 'DE' },
    { cidr: '198.51.100.0/24', country: 'US', registeredOnly: true },
  ]);
  geoip = await openGeoIp(join(dir, 'countries.mmdb'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openGeoIp', () => {
  test('answers the upper-case ISO code for IPv4, IPv4-mapped and IPv6 addresses', () => {
    expect(geoip.country('192.0.2.10')).toBe('NL');
    expect(geoip.country('::ffff:192.0.2.10')).toBe('NL');
    expect(geoip.country('2001:db8::10')).toBe('DE');
  });

  test('an address with only a registered country answers that', () => {
    expect(geoip.country('198.51.100.1')).toBe('US');
  });

  test('answers null for addresses it does not place and for anything that is not an address', () => {
    expect(geoip.country('203.0.113.1')).toBeNull();
    expect(geoip.country('2001:db9::1')).toBeNull();
    expect(geoip.country('')).toBeNull();
    expect(geoip.country('localhost')).toBeNull();
  });

  test('a missing file fails naming the path', async () => {
    const path = join(dir, 'missing.mmdb');
    await expect(openGeoIp(path)).rejects.toThrow(`The GeoIP database ${path} does not exist`);
  });

  test('a file that is not a MaxMind DB fails naming the path', async () => {
    const path = join(dir, 'not.mmdb');
    await writeFile(path, 'country,cidr\nNL,192.0.2.0/24\n');
    await expect(openGeoIp(path)).rejects.toThrow(
      `The GeoIP database ${path} is not a MaxMind DB (.mmdb) file`,
    );
    await expect(openGeoIp(dir)).rejects.toThrow(dir);
  });
});
