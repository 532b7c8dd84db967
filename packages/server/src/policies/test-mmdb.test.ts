import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CountryResponse, Reader } from 'maxmind';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeCountryMmdb } from './test-mmdb.js';

// The writer is checked with the reader the server uses (maxmind), not with itself.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burnlink-mmdb-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(entries: Array<{ cidr: string; country: string }>): Promise<Reader<CountryResponse>> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.mmdb`);
  await writeCountryMmdb(path, entries);
  return new Reader<CountryResponse>(await readFile(path));
}

const iso = (reader: Reader<CountryResponse>, ip: string) => reader.get(ip)?.country?.iso_code ?? null;

describe('writeCountryMmdb', () => {
  test('maxmind reads the metadata of a MaxMind DB v2 IPv6 database', async () => {
    const reader = await open([{ cidr: '192.0.2.0/24', country: 'NL' }]);
    expect(reader.metadata).toMatchObject({
      binaryFormatMajorVersion: 2,
      binaryFormatMinorVersion: 0,
      ipVersion: 6,
      recordSize: 24,
      databaseType: 'GeoLite2-Country',
      languages: ['en'],
      description: { en: 'burnlink test country database' },
    });
    expect(reader.metadata.nodeCount).toBeGreaterThan(24);
    expect(Math.abs(reader.metadata.buildEpoch.getTime() - Date.now())).toBeLessThan(3_600_000);
  });

  test('IPv4 and IPv6 networks answer their country; other addresses answer nothing', async () => {
    const reader = await open([
      { cidr: '192.0.2.0/24', country: 'NL' },
      { cidr: '198.51.100.0/25', country: 'us' },
      { cidr: '2001:db8::/32', country: 'DE' },
      { cidr: '2a00:1450::1', country: 'BE' },
    ]);
    expect(iso(reader, '192.0.2.0')).toBe('NL');
    expect(iso(reader, '192.0.2.255')).toBe('NL');
    expect(iso(reader, '192.0.3.0')).toBeNull();
    expect(iso(reader, '198.51.100.127')).toBe('US');
    expect(iso(reader, '198.51.100.128')).toBeNull();
    expect(iso(reader, '2001:db8::1')).toBe('DE');
    expect(iso(reader, '2001:db8:ffff::1')).toBe('DE');
    expect(iso(reader, '2001:db9::1')).toBeNull();
    expect(iso(reader, '2a00:1450::1')).toBe('BE');
    expect(iso(reader, '2a00:1450::2')).toBeNull();
    expect(iso(reader, '203.0.113.1')).toBeNull();
    expect(iso(reader, '::1')).toBeNull();
    // IPv4-mapped IPv6 addresses find the IPv4 networks, as in MaxMind's own databases.
    expect(iso(reader, '::ffff:192.0.2.7')).toBe('NL');
    expect(reader.getWithPrefixLength('192.0.2.7')[1]).toBe(24);
  });

  test('a narrower network overrides a wider one, whichever is listed first', async () => {
    const reader = await open([
      { cidr: '10.1.0.0/16', country: 'FR' },
      { cidr: '10.0.0.0/8', country: 'NL' },
      { cidr: '2001:db8:1::/48', country: 'IT' },
      { cidr: '2001:db8::/32', country: 'DE' },
    ]);
    expect(iso(reader, '10.1.2.3')).toBe('FR');
    expect(iso(reader, '10.2.0.1')).toBe('NL');
    expect(iso(reader, '10.0.255.255')).toBe('NL');
    expect(iso(reader, '2001:db8:1::5')).toBe('IT');
    expect(iso(reader, '2001:db8:2::5')).toBe('DE');
  });

  test('an empty database answers nothing, and a whole-space network everything', async () => {
    const empty = await open([]);
    expect(iso(empty, '192.0.2.1')).toBeNull();
    expect(iso(empty, '2001:db8::1')).toBeNull();
    const everywhere = await open([
      { cidr: '0.0.0.0/0', country: 'AQ' },
      { cidr: '::/0', country: 'NL' },
    ]);
    expect(iso(everywhere, '203.0.113.1')).toBe('AQ');
    expect(iso(everywhere, '2001:db8::1')).toBe('NL');
  });

  test('many networks and many countries (pointers past the first bytes of the data section)', async () => {
    const countries = ['NL', 'BE', 'DE', 'FR', 'US', 'GB', 'JP', 'BR', 'ZA', 'AU'];
    const entries = Array.from({ length: 500 }, (_, i) => ({
      cidr: `${10 + (i % 50)}.${Math.floor(i / 50)}.0.0/16`,
      country: countries[i % countries.length] as string,
    }));
    const reader = await open(entries);
    for (const [i, entry] of entries.entries())
      if (i % 37 === 0) expect(iso(reader, entry.cidr.replace('.0.0/16', '.7.9'))).toBe(entry.country);
    expect(iso(reader, '9.0.0.1')).toBeNull();
  });
});
