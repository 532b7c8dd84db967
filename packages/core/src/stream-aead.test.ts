import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, randomBytes, utf8Encode } from './encoding.js';
import { DecryptError } from './errors.js';
import {
  createDecryptStream,
  createEncryptStream,
  decryptBytes,
  type EceOptions,
  encryptBytes,
  MAX_RECORDS,
  recordNonce,
} from './stream-aead.js';
import { expectBytes } from './test-bytes.js';

interface HttpEceParams {
  version: 'aes128gcm';
  key: Buffer;
  salt?: Buffer;
  rs?: number;
  keyid?: Buffer;
  pad?: number;
}
const httpEce = createRequire(import.meta.url)('http_ece') as {
  encrypt(plaintext: Buffer, params: HttpEceParams): Buffer;
  decrypt(ciphertext: Buffer, params: HttpEceParams): Buffer;
};

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Feeds `input` into `transform` cut at the given chunk sizes (cycled). */
async function pipeChunked(
  input: Uint8Array,
  transform: TransformStream<Uint8Array, Uint8Array>,
  sizes: number[],
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let offset = 0, i = 0; offset < input.length; i++) {
    const size = sizes[i % sizes.length]!;
    chunks.push(input.slice(offset, offset + size));
    offset += size;
  }
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return readAll(source.pipeThrough(transform));
}

function randomSizes(count: number, max: number): number[] {
  return Array.from({ length: count }, () => 1 + Math.floor(Math.random() * max));
}

describe('RFC 8188 test vectors (aes128gcm)', () => {
  const walrus = utf8Encode('I am the walrus');

  it('§3.1: one record, rs 4096, empty key id — decrypts and re-encrypts byte for byte', async () => {
    const key = fromBase64Url('yqdlZ-tYemfogSmv7Ws5PQ');
    const expected = fromBase64Url('I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg');
    expectBytes(await decryptBytes(expected, key, { encoding: 'aes128gcm' }), walrus);
    const salt = fromBase64Url('I1BsxtFttlv3u_Oo94xnmw');
    expectBytes(await encryptBytes(walrus, key, { encoding: 'aes128gcm', salt, recordSize: 4096 }), expected);
    expectBytes(
      await pipeChunked(
        walrus,
        createEncryptStream(key, { encoding: 'aes128gcm', salt, recordSize: 4096 }),
        [3],
      ),
      expected,
    );
  });

  it('§3.2: two records of rs 25, key id "a1", one padding byte — decrypts and re-encrypts byte for byte', async () => {
    const key = fromBase64Url('BO3ZVPxUlnLORbVGMpbT1Q');
    const expected = fromBase64Url(
      'uNCkWiNYzKTnBN9ji3-qWAAAABkCYTHOG8chz_gnvgOqdGYovxyjuqRyJFjEDyoF1Fvkj6hQPdPHI51OEUKEpgz3SsLWIqS_uA',
    );
    expectBytes(await decryptBytes(expected, key, { encoding: 'aes128gcm' }), walrus);
    expectBytes(
      await pipeChunked(expected, createDecryptStream(key, { encoding: 'aes128gcm' }), [5]),
      walrus,
    );
    const opts: EceOptions = {
      encoding: 'aes128gcm',
      salt: fromBase64Url('uNCkWiNYzKTnBN9ji3-qWA'),
      recordSize: 25,
      keyId: utf8Encode('a1'),
      padding: 1,
    };
    expectBytes(await encryptBytes(walrus, key, opts), expected);
    expectBytes(await pipeChunked(walrus, createEncryptStream(key, opts), [1]), expected);
  });
});

describe('interoperability with http_ece (aes128gcm)', () => {
  const key = randomBytes(16);
  const cases: Array<{ size: number; rs: number; pad?: number }> = [
    { size: 0, rs: 4096 },
    { size: 1, rs: 18 },
    { size: 15, rs: 25 },
    { size: 8, rs: 25 }, // exactly one full record (rs - 17 bytes of data)
    { size: 16, rs: 25 }, // exactly two full records
    { size: 17, rs: 25 },
    { size: 1000, rs: 100 },
    { size: 4079, rs: 4096 }, // exact boundary at the default http_ece record size
    { size: 4080, rs: 4096 },
    { size: 100_000, rs: 65_536 },
    { size: 65_519 * 2, rs: 65_536 },
    { size: 300, rs: 50, pad: 70 },
    { size: 0, rs: 30, pad: 10 },
    // Not { size: 0, rs: 30, pad: 40 }: http_ece then writes short records before the last one, which
    // RFC 8188 §2 forbids; our encoder fills them to rs instead (see the padding tests below).
  ];

  for (const { size, rs, pad } of cases) {
    it(`${size} bytes, rs ${rs}${pad ? `, ${pad} padding bytes` : ''}: both directions`, async () => {
      const plaintext = randomBytes(size);
      const salt = randomBytes(16);
      const keyId = randomBytes(size % 7);
      const theirs = httpEce.encrypt(Buffer.from(plaintext), {
        version: 'aes128gcm',
        key: Buffer.from(key),
        salt: Buffer.from(salt),
        rs,
        keyid: Buffer.from(keyId),
        ...(pad ? { pad } : {}),
      });
      expectBytes(await decryptBytes(theirs, key, { encoding: 'aes128gcm' }), plaintext);
      expectBytes(
        await pipeChunked(theirs, createDecryptStream(key, { encoding: 'aes128gcm' }), [7, 300]),
        plaintext,
      );
      const ours = await encryptBytes(plaintext, key, {
        encoding: 'aes128gcm',
        salt,
        recordSize: rs,
        keyId,
        ...(pad ? { padding: pad } : {}),
      });
      // Same record boundaries and padding placement as http_ece, so the bytes are identical.
      expectBytes(ours, new Uint8Array(theirs));
      const back = httpEce.decrypt(Buffer.from(ours), { version: 'aes128gcm', key: Buffer.from(key) });
      expectBytes(new Uint8Array(back), plaintext);
    });
  }
});

describe('streaming equals buffer-level encryption (aes256gcm)', () => {
  const key = randomBytes(32);
  const salt = randomBytes(16);
  const rs = 64;
  const dataPerRecord = rs - 17;
  const sizes = [0, 1, dataPerRecord - 1, dataPerRecord, dataPerRecord + 1, dataPerRecord * 3, 1000];

  for (const size of sizes) {
    it(`${size} bytes: random chunkings give identical ciphertext and decrypt back`, async () => {
      const plaintext = randomBytes(size);
      const expected = await encryptBytes(plaintext, key, { salt, recordSize: rs });
      expect(expected.length).toBe(21 + size + Math.max(1, Math.ceil(size / dataPerRecord)) * 17);
      for (let round = 0; round < 5; round++) {
        const chunkSizes = randomSizes(20, round < 2 ? 5 : 200);
        expectBytes(
          await pipeChunked(plaintext, createEncryptStream(key, { salt, recordSize: rs }), chunkSizes),
          expected,
        );
        expectBytes(await pipeChunked(expected, createDecryptStream(key), randomSizes(20, 100)), plaintext);
      }
      expectBytes(await decryptBytes(expected, key), plaintext);
    });
  }

  it('empty plaintext is a header plus one record holding only the 0x02 delimiter', async () => {
    const ciphertext = await encryptBytes(new Uint8Array(0), key, { salt });
    expect(ciphertext.length).toBe(21 + 1 + 16);
    expectBytes(await decryptBytes(ciphertext, key), new Uint8Array(0));
  });

  it('uses the default 64 KiB record size and a random salt', async () => {
    const plaintext = randomBytes(65_519 + 1);
    const a = await encryptBytes(plaintext, key);
    const b = await encryptBytes(plaintext, key);
    expect(new DataView(a.buffer).getUint32(16)).toBe(65_536);
    expect(a.length).toBe(21 + plaintext.length + 2 * 17);
    expect(a.subarray(0, 16)).not.toEqual(b.subarray(0, 16));
    expectBytes(await decryptBytes(a, key), plaintext);
  });

  it('aes256gcm and aes128gcm are different encodings of the same framing', async () => {
    const plaintext = utf8Encode('same bytes');
    const c256 = await encryptBytes(plaintext, key, { salt });
    const c128 = await encryptBytes(plaintext, key, { salt, encoding: 'aes128gcm' });
    expect(c256.length).toBe(c128.length);
    expect(c256).not.toEqual(c128);
    await expect(decryptBytes(c256, key, { encoding: 'aes128gcm' })).rejects.toBeInstanceOf(DecryptError);
  });
});

describe('decryption failures are one opaque DecryptError', () => {
  const key = randomBytes(32);
  const rs = 40; // 23 data bytes per record
  const plaintext = randomBytes(23 * 3 + 5); // 4 records
  let ciphertext: Uint8Array;
  const header = 21;
  const records = (c: Uint8Array) => [0, 1, 2, 3].map((i) => c.slice(header + i * rs, header + (i + 1) * rs));

  async function expectBoth(bad: Uint8Array, withKey: Uint8Array = key): Promise<void> {
    const buffered = decryptBytes(bad, withKey);
    await expect(buffered).rejects.toBeInstanceOf(DecryptError);
    await expect(buffered).rejects.toThrow(
      'decryption failed: wrong key, or the data is damaged or incomplete',
    );
    await expect(pipeChunked(bad, createDecryptStream(withKey), [13])).rejects.toBeInstanceOf(DecryptError);
    if (bad.length > 0) {
      await expect(pipeChunked(bad, createDecryptStream(withKey), [bad.length])).rejects.toBeInstanceOf(
        DecryptError,
      );
    }
  }

  it('setup: the intact ciphertext decrypts', async () => {
    ciphertext = await encryptBytes(plaintext, key, { recordSize: rs });
    expect(ciphertext.length).toBe(header + 3 * rs + 5 + 17);
    expectBytes(await decryptBytes(ciphertext, key), plaintext);
  });

  it('wrong key', async () => expectBoth(ciphertext, randomBytes(32)));

  it('truncated: whole records dropped from the end (stream ends without a 0x02 record)', async () => {
    await expectBoth(ciphertext.slice(0, header + 3 * rs));
    await expectBoth(ciphertext.slice(0, header + rs));
    await expectBoth(ciphertext.slice(0, header)); // header only, no record
  });

  it('truncated inside a record, inside the header, or empty', async () => {
    await expectBoth(ciphertext.slice(0, ciphertext.length - 1));
    await expectBoth(ciphertext.slice(0, header + rs + 10));
    await expectBoth(ciphertext.slice(0, 10));
    await expectBoth(new Uint8Array(0));
  });

  it('data after the last record', async () => {
    await expectBoth(new Uint8Array([...ciphertext, 0]));
    await expectBoth(new Uint8Array([...ciphertext, ...ciphertext.slice(header)]));
  });

  it('a 0x02 record that is not last: a short message followed by another one', async () => {
    // Same key and salt, so record 1 of the second stream authenticates at position 1 of the first: only the
    // rule "nothing may follow a 0x02 record" rejects the splice.
    const salt = randomBytes(16);
    const first = await encryptBytes(randomBytes(23), key, { recordSize: rs, salt }); // one full 0x02 record
    const second = await encryptBytes(randomBytes(23 * 2), key, { recordSize: rs, salt });
    await expectBoth(new Uint8Array([...first, ...second.slice(header + rs)]));
  });

  it('records reordered, duplicated or dropped in the middle', async () => {
    const [r0, r1, r2, r3] = records(ciphertext);
    const head = ciphertext.slice(0, header);
    await expectBoth(new Uint8Array([...head, ...r1!, ...r0!, ...r2!, ...r3!]));
    await expectBoth(new Uint8Array([...head, ...r0!, ...r0!, ...r2!, ...r3!]));
    await expectBoth(new Uint8Array([...head, ...r0!, ...r2!, ...r3!]));
  });

  it('any flipped bit in a record, the salt or the record size', async () => {
    for (const position of [header, header + rs + 5, ciphertext.length - 1, 0, 15, 19]) {
      const bad = ciphertext.slice();
      bad[position]! ^= 0x01;
      await expectBoth(bad);
    }
  });

  it('a record size below 18 in the header', async () => {
    const bad = ciphertext.slice();
    new DataView(bad.buffer).setUint32(16, 17);
    await expectBoth(bad);
  });

  it('a record of only zeros (no delimiter) or a record with a bad delimiter', async () => {
    // Build records with our own AES-GCM so that authentication passes and only the framing is wrong.
    const salt = randomBytes(16);
    const valid = await encryptBytes(new Uint8Array(0), key, { salt, recordSize: rs });
    expect(valid.length).toBe(header + 17);
    const forged = await forgeSingleRecord(key, salt, rs, new Uint8Array([0, 0, 0]));
    await expectBoth(forged);
    await expectBoth(await forgeSingleRecord(key, salt, rs, new Uint8Array([7, 3, 0])));
    // 0x01 on the only (last) record: the stream claims more follows.
    await expectBoth(await forgeSingleRecord(key, salt, rs, new Uint8Array([7, 1, 0])));
    // Sanity: the same forge with 0x02 and padding zeros decrypts.
    expectBytes(
      await decryptBytes(await forgeSingleRecord(key, salt, rs, new Uint8Array([7, 2, 0, 0])), key),
      new Uint8Array([7]),
    );
  });
});

/** An aes256gcm stream of one record whose plaintext (data, delimiter, padding) is given verbatim. */
async function forgeSingleRecord(key: Uint8Array, salt: Uint8Array, rs: number, inner: Uint8Array) {
  const { hkdfExpand, hkdfExtract } = await import('./hkdf.js');
  const prk = await hkdfExtract(salt, key);
  const cek = await crypto.subtle.importKey(
    'raw',
    await hkdfExpand(prk, 'Content-Encoding: aes256gcm\0', 32),
    'AES-GCM',
    false,
    ['encrypt'],
  );
  const iv = await hkdfExpand(prk, 'Content-Encoding: nonce\0', 12);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, cek, new Uint8Array(inner)),
  );
  const header = new Uint8Array(21);
  header.set(salt);
  new DataView(header.buffer).setUint32(16, rs);
  return new Uint8Array([...header, ...sealed]);
}

describe('padding', () => {
  const key = randomBytes(32);
  const rs = 30;

  it.each([
    [0, 40],
    [1, 40],
    [12, 12],
    [13, 13],
    [50, 100],
    [5, 1000],
  ])(
    '%i bytes with %i padding bytes: every record but the last is exactly rs; streams agree',
    async (size, padding) => {
      const plaintext = randomBytes(size);
      const salt = randomBytes(16);
      const ciphertext = await encryptBytes(plaintext, key, { salt, recordSize: rs, padding });
      expect(ciphertext.length).toBeGreaterThanOrEqual(21 + size + padding + 17);
      const body = ciphertext.length - 21;
      const fullRecords = Math.floor(body / rs);
      // The total is rs * n + (a last record of 17..rs bytes).
      expect(body - fullRecords * rs === 0 || body - fullRecords * rs >= 17).toBe(true);
      expectBytes(await decryptBytes(ciphertext, key), plaintext);
      for (const sizes of [[1], [3, 7], [1000]]) {
        expectBytes(
          await pipeChunked(plaintext, createEncryptStream(key, { salt, recordSize: rs, padding }), sizes),
          ciphertext,
        );
      }
      // http_ece reads our padded aes128gcm output too.
      const k16 = key.subarray(0, 16);
      const c128 = await encryptBytes(plaintext, k16, {
        salt,
        recordSize: rs,
        padding,
        encoding: 'aes128gcm',
      });
      const back = httpEce.decrypt(Buffer.from(c128), { version: 'aes128gcm', key: Buffer.from(k16) });
      expectBytes(new Uint8Array(back), plaintext);
    },
  );
});

describe('nonces', () => {
  it('XOR the sequence number into the low 96 bits, big-endian', () => {
    const base = new Uint8Array(12).fill(0xff);
    expect(recordNonce(base, 0)).toEqual(base);
    expect([...recordNonce(base, 1).subarray(8)]).toEqual([0xff, 0xff, 0xff, 0xfe]);
    const big = recordNonce(new Uint8Array(12), 2 ** 40 + 2);
    expect([...big]).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
  });

  it('refuse to wrap: sequence numbers past MAX_RECORDS, negative or fractional throw', () => {
    const base = new Uint8Array(12);
    expect(() => recordNonce(base, MAX_RECORDS)).toThrow(RangeError);
    expect(() => recordNonce(base, MAX_RECORDS - 1)).not.toThrow();
    expect(() => recordNonce(base, -1)).toThrow(RangeError);
    expect(() => recordNonce(base, 1.5)).toThrow(RangeError);
  });
});

describe('encrypt options are checked', () => {
  const key = randomBytes(32);
  it.each([
    [{ recordSize: 17 }],
    [{ recordSize: 2 ** 32 }],
    [{ recordSize: 100.5 }],
    [{ salt: new Uint8Array(15) }],
    [{ keyId: new Uint8Array(256) }],
    [{ padding: -1 }],
    [{ padding: 1, recordSize: 18 }],
    [{ encoding: 'aes192gcm' as 'aes128gcm' }],
  ])('%o throws RangeError', async (opts) => {
    await expect(encryptBytes(new Uint8Array(1), key, opts)).rejects.toBeInstanceOf(RangeError);
    expect(() => createEncryptStream(key, opts)).toThrow(RangeError);
  });

  it('a key id of any length up to 255 bytes round-trips', async () => {
    for (const length of [0, 1, 65, 255]) {
      const ciphertext = await encryptBytes(utf8Encode('x'), key, { keyId: randomBytes(length) });
      expect(ciphertext[20]).toBe(length);
      expectBytes(await pipeChunked(ciphertext, createDecryptStream(key), [1]), utf8Encode('x'));
    }
  });
});
