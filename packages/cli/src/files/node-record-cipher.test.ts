import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createDecryptStream,
  createEncryptStream,
  DecryptError,
  decryptBytes,
  type EceOptions,
  encryptBytes,
  fromBase64Url,
  toBase64Url,
  webCryptoRecordCipher,
} from '@burnlink/core';
import { describe, expect, it } from 'vitest';
import { nodeRecordCipher } from './node-record-cipher.js';

const node = { cipher: nodeRecordCipher };
const web = { cipher: webCryptoRecordCipher };

interface VectorCase {
  name: string;
  inputs: { header_salt: string; record_size: number; files?: { data: string; header_salt: string }[] };
  outputs: { Kc: string; content: string; files?: string[] };
}
const vectors = (
  JSON.parse(readFileSync(new URL('../../../core/vectors/v1.json', import.meta.url), 'utf8')) as {
    cases: VectorCase[];
  }
).cases;

async function through(input: Uint8Array, transform: TransformStream<Uint8Array, Uint8Array>, cut: number) {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < input.length; at += cut) chunks.push(input.subarray(at, at + cut));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Uint8Array(await new Response(stream.pipeThrough(transform)).arrayBuffer());
}

describe('the node:crypto record cipher', () => {
  it.each(vectors)('reproduces the protocol vectors byte for byte ($name)', async ({ inputs, outputs }) => {
    const key = fromBase64Url(outputs.Kc);
    const content = fromBase64Url(outputs.content);
    const plain = await decryptBytes(content, key, node);
    expect(plain).toEqual(await decryptBytes(content, key, web));
    const sealed = await encryptBytes(plain, key, {
      ...node,
      salt: fromBase64Url(inputs.header_salt),
      recordSize: inputs.record_size,
    });
    expect(toBase64Url(sealed)).toBe(outputs.content);
    for (const [index, file] of (inputs.files ?? []).entries()) {
      const opts = { ...node, salt: fromBase64Url(file.header_salt), recordSize: inputs.record_size };
      const stream = await encryptBytes(fromBase64Url(file.data), key, opts);
      expect(toBase64Url(stream)).toBe(outputs.files![index]);
      expect(toBase64Url(await decryptBytes(stream, key, node))).toBe(file.data);
    }
  });

  it('gives the same streams as WebCrypto on random inputs, both ways', async () => {
    for (let round = 0; round < 24; round++) {
      const key = randomBytes(round % 4 === 0 ? 16 : 32);
      const encoding = key.length === 16 ? 'aes128gcm' : 'aes256gcm';
      const recordSize = [18, 19, 100, 4096, 65_536][round % 5]!;
      // At most 1,000 records: encryptBytes spreads its records into one call.
      const most = Math.min(300_000, (recordSize - 17) * 1000);
      const length = [0, 1, recordSize - 17, recordSize - 16, randomInt(1, most)][randomInt(5)]!;
      const plain = randomBytes(length);
      const opts: EceOptions = {
        encoding,
        recordSize,
        salt: randomBytes(16),
        ...(round % 3 === 0 && recordSize > 18 ? { padding: randomInt(0, 3 * recordSize) } : {}),
      };
      const expected = await encryptBytes(plain, key, { ...opts, ...web });
      expect(await encryptBytes(plain, key, { ...opts, ...node })).toEqual(expected);
      const cut = randomInt(1, 70_000);
      expect(await through(plain, createEncryptStream(key, { ...opts, ...node }), cut)).toEqual(expected);
      expect(await decryptBytes(expected, key, { encoding, ...node })).toEqual(new Uint8Array(plain));
      expect(await through(expected, createDecryptStream(key, { encoding, ...node }), cut)).toEqual(
        new Uint8Array(plain),
      );
    }
  });

  it('refuses a tampered, truncated or wrongly keyed stream like WebCrypto does', async () => {
    const key = randomBytes(32);
    const stream = await encryptBytes(randomBytes(200_000), key, { ...node, recordSize: 4096 });
    const flipped = stream.slice();
    flipped[5000] = flipped[5000]! ^ 1;
    await expect(decryptBytes(flipped, key, node)).rejects.toBeInstanceOf(DecryptError);
    await expect(decryptBytes(stream.subarray(0, 4096 * 3 + 21), key, node)).rejects.toBeInstanceOf(
      DecryptError,
    );
    await expect(decryptBytes(stream, randomBytes(32), node)).rejects.toBeInstanceOf(DecryptError);
    await expect(through(flipped, createDecryptStream(key, node), 7000)).rejects.toBeInstanceOf(DecryptError);
  });
});
