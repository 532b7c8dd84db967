import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { type CountryResponse, Reader } from 'maxmind';

/** Country lookups in the operator's offline MaxMind database (`BURNLINK_GEOIP_DB`). */
export interface GeoIp {
  /** The ISO 3166-1 alpha-2 code (upper case) of the address's country, or null when the database has none. */
  country(ip: string): string | null;
}

/**
 * Opens a MaxMind DB (`.mmdb`: GeoLite2-Country, GeoIP2-City, …). The country is the address's `country`, or
 * its `registered_country` when the database names no physical one. Fails naming the path when the file is
 * missing or not a MaxMind database.
 *
 * @example const geoip = await openGeoIp('/var/lib/geoip/GeoLite2-Country.mmdb'); geoip.country('192.0.2.1')
 */
export async function openGeoIp(path: string): Promise<GeoIp> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new Error(`The GeoIP database ${path} ${reason} (BURNLINK_GEOIP_DB): ${(error as Error).message}`);
  }
  let reader: Reader<CountryResponse>;
  try {
    reader = new Reader<CountryResponse>(bytes);
  } catch (error) {
    throw new Error(
      `The GeoIP database ${path} is not a MaxMind DB (.mmdb) file (BURNLINK_GEOIP_DB): ${(error as Error).message}`,
    );
  }
  return {
    country(ip) {
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
      const address = mapped ? (mapped[1] as string) : ip;
      if (isIP(address) === 0) return null;
      let found: CountryResponse | null;
      try {
        found = reader.get(address);
      } catch {
        return null;
      }
      const code = found?.country?.iso_code ?? found?.registered_country?.iso_code;
      return typeof code === 'string' && /^[A-Za-z]{2}$/.test(code) ? code.toUpperCase() : null;
    },
  };
}
