import { decryptBytes, encryptedSize, fromBase64Url, openSecret } from '@burnlink/core';
import { describe, expect, test } from 'vitest';
import {
  download,
  patch,
  randomGrant,
  sendFiles,
  sha256hex,
  stageFiles,
  TUS,
  uploadAll,
} from './file-support.js';
import { claimBody, testApp } from './support.js';

async function claim(app: Awaited<ReturnType<typeof testApp>>['app'], id: string, linkKey: Uint8Array) {
  const { body, contentKey } = await claimBody(linkKey, null);
  const res = await app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload: body });
  return { res, contentKey };
}

describe('files through the API', () => {
  test.each([
    ['0-byte', 0],
    ['1-record', 1000],
    ['exact record boundary', 65_519],
    ['one past the boundary', 65_520],
    ['multi-record', 3 * 65_519 + 4321],
  ])('%s file round trip: hashes match, then the blob is gone', async (_name, size) => {
    const { app } = await testApp();
    const sent = await sendFiles(app, [size], { text: 'with a file' });

    const peek = await app.inject({ url: `/api/v1/secrets/${sent.id}` });
    expect(peek.statusCode).toBe(200);
    expect(peek.json().files).toBe(1);

    const { res, contentKey } = await claim(app, sent.id, sent.linkKey);
    expect(res.statusCode).toBe(200);
    const reply = res.json();
    const payload = await openSecret(fromBase64Url(reply.content), contentKey);
    expect(payload.text).toBe('with a file');
    expect(payload.files).toEqual([{ name: 'file-0.bin', type: 'application/octet-stream', size }]);
    expect(reply.files).toEqual([
      { id: sent.uploads[0]?.id, size: encryptedSize(size), url: `/api/v1/files/${sent.uploads[0]?.id}` },
    ]);
    expect(reply.grant).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const got = await download(app, reply.files[0].url, reply.grant);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['cache-control']).toBe('no-store');
    expect(Number(got.headers['content-length'])).toBe(encryptedSize(size));
    const plain = await decryptBytes(got.rawPayload, contentKey);
    expect(sha256hex(plain)).toBe(sha256hex(sent.plaintexts[0] as Uint8Array));

    // One view, one download: the grant is used and the file deleted.
    expect((await download(app, reply.files[0].url, reply.grant)).statusCode).toBe(404);
  });

  test('several files and text in one secret, in order', async () => {
    const { app } = await testApp();
    const sent = await sendFiles(app, [10, 70_000, 0], { text: 'three files' });
    const { res, contentKey } = await claim(app, sent.id, sent.linkKey);
    const reply = res.json();
    expect(reply.files).toHaveLength(3);
    for (const [i, file] of reply.files.entries()) {
      const got = await download(app, file.url, reply.grant);
      expect(sha256hex(await decryptBytes(got.rawPayload, contentKey))).toBe(sha256hex(sent.plaintexts[i]!));
    }
  });

  test('a secret does not exist until every upload is complete', async () => {
    const { app } = await testApp();
    const sent = await stageFiles(app, [1000, 2000]);
    expect((await app.inject({ url: `/api/v1/secrets/${sent.id}` })).statusCode).toBe(404);
    expect((await claim(app, sent.id, sent.linkKey)).res.statusCode).toBe(404);
    const first = await patch(app, sent.uploads[0]!.url, 0, sent.ciphertexts[0]!);
    expect(first.statusCode).toBe(204);
    expect(first.headers['burnlink-secret']).toBeUndefined();
    expect((await app.inject({ url: `/api/v1/secrets/${sent.id}` })).statusCode).toBe(404);
    const second = await patch(app, sent.uploads[1]!.url, 0, sent.ciphertexts[1]!);
    expect(second.headers['burnlink-secret']).toBe('ready');
    expect((await app.inject({ url: `/api/v1/secrets/${sent.id}` })).statusCode).toBe(200);
    // Repeating the final empty PATCH is harmless and says ready again.
    const again = await patch(app, sent.uploads[1]!.url, sent.ciphertexts[1]!.length, new Uint8Array(0));
    expect(again.statusCode).toBe(204);
    expect(again.headers['burnlink-secret']).toBe('ready');
  });

  test('resume: HEAD tells the offset, a wrong offset is refused with the right one', async () => {
    const { app } = await testApp();
    const sent = await stageFiles(app, [200_000]);
    const url = sent.uploads[0]!.url;
    const bytes = sent.ciphertexts[0]!;
    expect((await patch(app, url, 0, bytes.subarray(0, 70_000))).headers['upload-offset']).toBe('70000');

    const head = await app.inject({ method: 'HEAD', url, headers: TUS });
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('70000');
    expect(head.headers['upload-length']).toBe(String(bytes.length));
    expect(head.headers['tus-resumable']).toBe('1.0.0');

    const wrong = await patch(app, url, 0, bytes.subarray(0, 10));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('upload_offset_mismatch');
    expect(wrong.headers['upload-offset']).toBe('70000');

    const rest = await patch(app, url, 70_000, bytes.subarray(70_000));
    expect(rest.statusCode).toBe(204);
    expect(rest.headers['burnlink-secret']).toBe('ready');
  });

  test('a byte past the declared size cuts the upload with 413 and removes the unfinished secret', async () => {
    const { app } = await testApp();
    const sent = await stageFiles(app, [1000, 1000]);
    await patch(app, sent.uploads[0]!.url, 0, sent.ciphertexts[0]!);
    const bytes = sent.ciphertexts[1]!;
    const over = new Uint8Array(bytes.length + 1);
    over.set(bytes);
    const res = await patch(app, sent.uploads[1]!.url, 0, over);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('upload_too_large');
    expect(res.json().error.message).toContain(String(bytes.length));
    for (const upload of sent.uploads) {
      expect((await app.inject({ method: 'HEAD', url: upload.url, headers: TUS })).statusCode).toBe(404);
    }
    expect((await patch(app, sent.uploads[1]!.url, 0, bytes)).statusCode).toBe(404);
  });

  test('limits at create: count, per file and per secret, in plaintext bytes', async () => {
    const env = {
      BURNLINK_MAX_FILES: '2',
      BURNLINK_MAX_FILE_SIZE: '100KiB',
      BURNLINK_MAX_SECRET_SIZE: '150KiB',
    };
    const { app } = await testApp({ env });
    await expect(stageFiles(app, [1, 1, 1])).rejects.toThrow(/413.*too_many_files/);
    await expect(stageFiles(app, [100 * 1024 + 1])).rejects.toThrow(/413.*file_too_large.*102400/);
    await expect(stageFiles(app, [100 * 1024, 60 * 1024])).rejects.toThrow(/413.*secret_too_large/);
    // Exactly at the limit is fine although the ciphertext is larger.
    await expect(stageFiles(app, [100 * 1024, 50 * 1024])).resolves.toBeDefined();
    const config = await app.inject({ url: '/api/v1/config' });
    expect(config.json().files).toEqual({ max_files: 2, max_file_bytes: 102_400, max_secret_bytes: 153_600 });
  });

  test('files are refused with text (server-encrypted) and when turned off', async () => {
    const { app } = await testApp({ env: { BURNLINK_MAX_FILES: '0' } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { text: 'x', files: [{ size: 38 }] },
    });
    expect(res.statusCode).toBe(400);
    await expect(stageFiles(app, [1])).rejects.toThrow(/413.*too_many_files.*turned off/);
  });

  test('tus protocol details: OPTIONS, version, content type, termination', async () => {
    const { app } = await testApp();
    const options = await app.inject({ method: 'OPTIONS', url: '/api/v1/uploads' });
    expect(options.statusCode).toBe(204);
    expect(options.headers).toMatchObject({
      'tus-resumable': '1.0.0',
      'tus-version': '1.0.0',
      'tus-extension': 'termination,expiration',
      'tus-max-size': String(encryptedSize(1024 ** 3)),
    });

    const sent = await stageFiles(app, [1000]);
    const url = sent.uploads[0]!.url;
    const noVersion = await app.inject({
      method: 'PATCH',
      url,
      headers: { 'content-type': TUS['content-type'], 'upload-offset': '0' },
      payload: Buffer.from(sent.ciphertexts[0]!),
    });
    expect(noVersion.statusCode).toBe(412);
    expect(noVersion.json().error.code).toBe('tus_version_unsupported');

    const json = await app.inject({
      method: 'PATCH',
      url,
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0' },
      payload: { not: 'bytes' },
    });
    expect(json.statusCode).toBe(415);

    const badOffset = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...TUS, 'upload-offset': '-1' },
      payload: Buffer.from('x'),
    });
    expect(badOffset.statusCode).toBe(400);

    const cancel = await app.inject({ method: 'DELETE', url, headers: TUS });
    expect(cancel.statusCode).toBe(204);
    expect((await app.inject({ method: 'HEAD', url, headers: TUS })).statusCode).toBe(404);

    const done = await sendFiles(app, [10]);
    const late = await app.inject({ method: 'DELETE', url: done.uploads[0]!.url, headers: TUS });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('upload_finished');
  });

  test('downloads need the grant; Range resumes; the grant is used by the response that ends the file', async () => {
    const { app } = await testApp();
    const sent = await sendFiles(app, [150_000]);
    const { res, contentKey } = await claim(app, sent.id, sent.linkKey);
    const { files, grant } = res.json();
    const url = files[0].url;
    expect((await app.inject({ url })).statusCode).toBe(404);
    expect((await download(app, url, randomGrant())).json().error.code).toBe('file_not_found');
    expect((await download(app, url, 'not-a-grant')).statusCode).toBe(404);

    // A HEAD (a download manager probing the size) answers the headers and uses nothing up.
    const probe = await app.inject({ method: 'HEAD', url, headers: { authorization: `Bearer ${grant}` } });
    expect(probe.statusCode).toBe(200);
    expect(probe.headers['content-length']).toBe(String(files[0].size));
    expect(probe.rawPayload).toHaveLength(0);

    const size = files[0].size;
    const head = await download(app, url, grant, 'bytes=0-99999');
    expect(head.statusCode).toBe(206);
    expect(head.headers['content-range']).toBe(`bytes 0-99999/${size}`);
    const bad = await download(app, url, grant, `bytes=${size}-`);
    expect(bad.statusCode).toBe(416);
    expect(bad.json().error.code).toBe('range_not_satisfiable');
    const tail = await download(app, url, grant, 'bytes=100000-');
    expect(tail.statusCode).toBe(206);
    const whole = Buffer.concat([head.rawPayload, tail.rawPayload]);
    expect(sha256hex(await decryptBytes(whole, contentKey))).toBe(sha256hex(sent.plaintexts[0]!));
    expect((await download(app, url, grant)).statusCode).toBe(404);

    const receipt = await app.inject({ url: `/api/v1/receipts/${sent.receipt}` });
    expect(receipt.json().downloads).toEqual([{ file: 0, at: expect.any(String) }]);
  });

  test('a key claim of a secret with files is refused before it consumes anything', async () => {
    const { app } = await testApp();
    const sent = await sendFiles(app, [10]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${sent.id}/claim`,
      payload: { key: Buffer.from(sent.linkKey).toString('base64url') },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('files_need_client');
    expect((await claim(app, sent.id, sent.linkKey)).res.statusCode).toBe(200);
  });

  test('uploadAll in many small PATCHes gives the same bytes', async () => {
    const { app } = await testApp();
    const sent = await stageFiles(app, [100_000]);
    const last = await uploadAll(app, sent, 17);
    expect(last?.headers['burnlink-secret']).toBe('ready');
    const { res, contentKey } = await claim(app, sent.id, sent.linkKey);
    const got = await download(app, res.json().files[0].url, res.json().grant);
    expect(sha256hex(await decryptBytes(got.rawPayload, contentKey))).toBe(sha256hex(sent.plaintexts[0]!));
  });
});
