import { writeFile } from 'node:fs/promises';
import { parseCidr } from './cidr.js';

// A writer of small MaxMind DB (v2) country databases, for tests: the API, node and browser tests build a real
// `.mmdb` that `maxmind` reads as it reads GeoLite2-Country. The format (https://maxmind.github.io/MaxMind-DB/):
//   1. a binary search tree over the 128 address bits, one node per 6 bytes (two 24-bit records: bit 0, bit 1);
//      a record below node_count points to a node, equal to node_count means "no data", above it points into
//      the data section at (record - node_count - 16);
//   2. sixteen zero bytes;
//   3. the data section: the values, here `{country: {iso_code}}` maps;
//   4. "\xAB\xCD\xEFMaxMind.com" and the metadata map.
// IPv4 networks sit at ::/96 (where readers look up IPv4 addresses) and, as MaxMind's own databases alias them,
// at ::ffff:0:0/96 too.

const TYPE = { pointer: 1, utf8: 2, uint16: 5, uint32: 6, map: 7, uint64: 9, array: 11 } as const;

function control(type: number, size: number): Buffer {
  const extended = type > 7;
  const head = extended ? 0 : type << 5;
  let sizeBytes: number[];
  let sizeBits: number;
  if (size < 29) [sizeBits, sizeBytes] = [size, []];
  else if (size < 29 + 256) [sizeBits, sizeBytes] = [29, [size - 29]];
  else if (size < 285 + 65_536) [sizeBits, sizeBytes] = [30, [(size - 285) >> 8, (size - 285) & 0xff]];
  else throw new Error('value too large for this writer');
  return Buffer.from([head | sizeBits, ...(extended ? [type - 7] : []), ...sizeBytes]);
}

type Value =
  | string
  | { uint: number; type: 'uint16' | 'uint32' | 'uint64' }
  | Value[]
  | { [key: string]: Value };

function encode(value: Value): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([control(TYPE.utf8, bytes.length), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([control(TYPE.array, value.length), ...value.map(encode)]);
  if ('uint' in value && typeof value.uint === 'number') {
    const bytes: number[] = [];
    for (let n = BigInt(value.uint); n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
    return Buffer.concat([control(TYPE[value.type as 'uint16'], bytes.length), Buffer.from(bytes)]);
  }
  const entries = Object.entries(value as { [key: string]: Value });
  return Buffer.concat([
    control(TYPE.map, entries.length),
    ...entries.flatMap(([key, inner]) => [encode(key), encode(inner)]),
  ]);
}

const uint = (n: number, type: 'uint16' | 'uint32' | 'uint64') => ({ uint: n, type });

/** A tree node's two records: a child node, a data offset, or nothing. */
type Slot = { node: Node } | { data: number } | null;
interface Node {
  slots: [Slot, Slot];
}

function insert(root: Node, network: bigint, bits: number, data: number): void {
  let node = root;
  for (let depth = 0; depth < bits; depth++) {
    const bit = Number((network >> BigInt(127 - depth)) & 1n) as 0 | 1;
    if (depth === bits - 1) {
      node.slots[bit] = { data };
      return;
    }
    const slot = node.slots[bit];
    if (slot !== null && 'node' in slot) node = slot.node;
    else {
      // Nothing here yet, or a wider network's data: split it so the narrower one overrides part of it.
      const child: Node = { slots: [slot, slot] };
      node.slots[bit] = { node: child };
      node = child;
    }
  }
}

export interface CountryEntry {
  cidr: string;
  /** ISO 3166-1 alpha-2 (written upper case). */
  country: string;
  /** Write only `registered_country` (as MaxMind does for some anycast and satellite ranges). */
  registeredOnly?: boolean;
}

/**
 * Writes a MaxMind DB v2 file (IPv6 tree, 24-bit records, database_type `GeoLite2-Country`) in which every
 * address of each `cidr` has the country `{ country: { iso_code } }` (or only `{ registered_country: { iso_code } }`). A narrower network overrides a wider one.
 * For tests only.
 *
 * @example await writeCountryMmdb('/tmp/geo.mmdb', [{ cidr: '192.0.2.0/24', country: 'NL' }, { cidr: '2001:db8::/32', country: 'US' }])
 */
export async function writeCountryMmdb(path: string, entries: Array<CountryEntry>): Promise<void> {
  const data: Buffer[] = [];
  const offsets = new Map<string, number>();
  let size = 0;
  const offsetOf = (country: string, registeredOnly = false) => {
    const key = `${registeredOnly ? 'registered_country' : 'country'}:${country}`;
    let offset = offsets.get(key);
    if (offset === undefined) {
      const bytes = encode({ [registeredOnly ? 'registered_country' : 'country']: { iso_code: country } });
      offset = size;
      offsets.set(key, offset);
      data.push(bytes);
      size += bytes.length;
    }
    return offset;
  };

  const root: Node = { slots: [null, null] };
  const networks = entries
    .map(({ cidr, country, registeredOnly }) => ({
      cidr: parseCidr(cidr),
      data: offsetOf(country.toUpperCase(), registeredOnly),
    }))
    .sort((a, b) => a.cidr.bits - b.cidr.bits);
  for (const { cidr, data: offset } of networks) {
    if (cidr.version === 4) {
      const v4 = cidr.network & 0xffffffffn;
      insert(root, v4, cidr.bits, offset);
      insert(root, (0xffffn << 32n) | v4, cidr.bits, offset);
    } else if (cidr.bits > 0) insert(root, cidr.network, cidr.bits, offset);
    else root.slots = [{ data: offset }, { data: offset }];
  }

  // Number the nodes breadth first (the root is node 0), then write the records.
  const nodes: Node[] = [root];
  const index = new Map<Node, number>([[root, 0]]);
  for (let i = 0; i < nodes.length; i++)
    for (const slot of (nodes[i] as Node).slots)
      if (slot !== null && 'node' in slot && !index.has(slot.node)) {
        index.set(slot.node, nodes.length);
        nodes.push(slot.node);
      }
  const nodeCount = nodes.length;
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach((node, i) => {
    node.slots.forEach((slot, side) => {
      const record =
        slot === null
          ? nodeCount
          : 'node' in slot
            ? (index.get(slot.node) as number)
            : nodeCount + 16 + slot.data;
      if (record >= 2 ** 24) throw new Error('database too large for 24-bit records');
      tree.writeUIntBE(record, i * 6 + side * 3, 3);
    });
  });

  const metadata = encode({
    node_count: uint(nodeCount, 'uint32'),
    record_size: uint(24, 'uint16'),
    ip_version: uint(6, 'uint16'),
    database_type: 'GeoLite2-Country',
    languages: ['en'],
    binary_format_major_version: uint(2, 'uint16'),
    binary_format_minor_version: uint(0, 'uint16'),
    build_epoch: uint(Math.floor(Date.now() / 1000), 'uint64'),
    description: { en: 'burnlink test country database' },
  });
  const marker = Buffer.from([0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com', 'ascii')]);
  await writeFile(path, Buffer.concat([tree, Buffer.alloc(16), ...data, marker, metadata]));
}
