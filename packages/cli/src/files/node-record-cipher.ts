import { createCipheriv, createDecipheriv, createSecretKey } from 'node:crypto';
import type { RecordCipher } from '@burnlink/core';

const TAG_BYTES = 16;

/**
 * The AES-GCM of RFC 8188 records with `node:crypto` (OpenSSL, synchronous): several times faster than
 * WebCrypto in Node, where each record is a job on the thread pool with copies both ways. Installed by the
 * CLI at start-up (`setRecordCipher`); it only seals and opens, so the streams are byte for byte those of the
 * WebCrypto path (node-record-cipher.test.ts compares both, core's vectors pin the bytes).
 *
 * @example
 * ```ts
 * setRecordCipher(nodeRecordCipher);
 * ```
 */
export const nodeRecordCipher: RecordCipher = (cek) => {
  if (cek.length !== 16 && cek.length !== 32) throw new RangeError('the key must be 16 or 32 bytes');
  const algorithm = cek.length === 32 ? 'aes-256-gcm' : 'aes-128-gcm';
  const key = createSecretKey(cek);
  return {
    seal(iv, plaintext) {
      const cipher = createCipheriv(algorithm, key, iv);
      const head = cipher.update(plaintext);
      const tail = cipher.final();
      return Buffer.concat([head, tail, cipher.getAuthTag()], head.length + tail.length + TAG_BYTES);
    },
    open(iv, record) {
      if (record.length < TAG_BYTES) throw new Error('record too short');
      const decipher = createDecipheriv(algorithm, key, iv);
      decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
      const head = decipher.update(record.subarray(0, record.length - TAG_BYTES));
      const tail = decipher.final(); // throws when the tag does not match
      return tail.length === 0 ? head : Buffer.concat([head, tail]);
    },
  };
};
