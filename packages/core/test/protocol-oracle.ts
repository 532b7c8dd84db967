import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';

// ---------------------------------------------------------------------------------------------------
// An independent implementation of protocol v1 with node:crypto only (no code shared with src/), used as
// the oracle: it recomputes every output from the inputs (test/vectors.test.ts, test/request-vectors.test.ts).
// ---------------------------------------------------------------------------------------------------
export const b = (text: string) => Buffer.from(text, 'base64url');
export const u = (bytes: Buffer) => bytes.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();
export const extract = (salt: Buffer, ikm: Buffer) => hmac(salt, ikm);
export function expand(prk: Buffer, info: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = hmac(prk, Buffer.concat([previous, Buffer.from(info, 'utf8'), Buffer.from([i])]));
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}
export const sha = (data: Buffer) => createHash('sha256').update(data).digest();

export function oracleEncrypt(plaintext: Buffer, kc: Buffer, salt: Buffer, rs: number) {
  const prk = extract(salt, kc);
  const cek = expand(prk, 'Content-Encoding: aes256gcm\0', 32);
  const nonce = expand(prk, 'Content-Encoding: nonce\0', 12);
  const header = Buffer.alloc(21);
  salt.copy(header);
  header.writeUInt32BE(rs, 16);
  const parts = [header];
  const size = rs - 17;
  const count = Math.max(1, Math.ceil(plaintext.length / size));
  for (let seq = 0; seq < count; seq++) {
    const iv = Buffer.from(nonce);
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8);
    const cipher = createCipheriv('aes-256-gcm', cek, iv);
    const data = plaintext.subarray(seq * size, (seq + 1) * size);
    parts.push(
      cipher.update(Buffer.concat([data, Buffer.from([seq === count - 1 ? 2 : 1])])),
      cipher.final(),
    );
    parts.push(cipher.getAuthTag());
  }
  return { cek, nonce, content: Buffer.concat(parts) };
}

export function oracleDecrypt(content: Buffer, kc: Buffer): Buffer {
  const salt = content.subarray(0, 16);
  const rs = content.readUInt32BE(16);
  const prk = extract(salt, kc);
  const cek = expand(prk, 'Content-Encoding: aes256gcm\0', 32);
  const nonce = expand(prk, 'Content-Encoding: nonce\0', 12);
  const out: Buffer[] = [];
  const body = content.subarray(21 + content[20]!);
  for (let seq = 0, offset = 0; offset < body.length; seq++, offset += rs) {
    const record = body.subarray(offset, offset + rs);
    const iv = Buffer.from(nonce);
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-256-gcm', cek, iv);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    const end = plain.length - 1; // our vectors carry no padding
    if (plain[end] !== (offset + rs >= body.length ? 2 : 1)) throw new Error('bad padding delimiter');
    out.push(plain.subarray(0, end));
  }
  return Buffer.concat(out);
}
