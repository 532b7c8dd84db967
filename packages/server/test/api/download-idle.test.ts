import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { download, sendFiles, sha256hex } from './file-support.js';
import { claimBody, testApp } from './support.js';

/**
 * A recipient that stops reading a download (`GET /api/v1/files/:id`) over a real socket: after
 * BURNLINK_DOWNLOAD_IDLE_TIMEOUT without write progress the server closes the connection, releases the reader
 * lease and does not count the file as delivered, so the same grant downloads it afterwards.
 */
describe('a download whose client stops reading', () => {
  const SIZE = 24 * 1024 * 1024; // more than loopback's socket buffers hold, so the response cannot finish
  let ctx: Awaited<ReturnType<typeof testApp>>;
  let port: number;
  beforeAll(async () => {
    ctx = await testApp({ env: { BURNLINK_DOWNLOAD_IDLE_TIMEOUT: '1s', BURNLINK_MAX_FILE_SIZE: '32MiB' } });
    port = Number(new URL(await ctx.app.listen({ port: 0, host: '127.0.0.1' })).port);
  });
  afterAll(() => ctx.app.close());

  /** A secret with one SIZE file, uploaded and claimed: its file's URL and the claim's grant. */
  async function sendAndClaim() {
    const sent = await sendFiles(ctx.app, [SIZE]);
    const { body } = await claimBody(sent.linkKey, null);
    const claim = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${sent.id}/claim`,
      payload: body,
    });
    expect(claim.statusCode).toBe(200);
    const { files, grant } = claim.json() as { files: { url: string }[]; grant: string };
    return { sent, url: files[0]!.url, grant };
  }

  test('is cut off after the idle timeout; the lease is released and the grant still downloads the file', async () => {
    const { app } = ctx;
    const { sent, url, grant } = await sendAndClaim();

    // A raw socket that sends the request and then reads nothing.
    const socket = net.connect(port, '127.0.0.1');
    socket.pause();
    const closed = new Promise<number>((resolve) => {
      let received = 0;
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      socket.on('close', () => resolve(received));
    });
    socket.write(`GET ${url} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${grant}\r\n\r\n`);

    // While it stalls, the download holds its grant's reader lease (a HEAD asks without taking anything).
    const headStatus = async () =>
      (await app.inject({ method: 'HEAD', url, headers: { authorization: `Bearer ${grant}` } })).statusCode;
    await expect.poll(headStatus).toBe(409);
    expect((await download(app, url, grant)).statusCode).toBe(409);
    // The server closes the stalled connection: the lease is released, and nothing was delivered.
    await expect
      .poll(async () => (await download(app, url, grant, 'bytes=0-0')).statusCode, { timeout: 10_000 })
      .toBe(206);
    const again = await download(app, url, grant);
    expect(again.statusCode).toBe(200);
    expect(sha256hex(again.rawPayload)).toBe(sha256hex(sent.ciphertexts[0]!));
    // Delivered now, by the second download: the grant is used up.
    expect((await download(app, url, grant)).statusCode).toBe(404);

    // The stalled client, reading at last, finds its connection closed before the whole file.
    socket.resume();
    expect(await closed).toBeLessThan(SIZE);
    const receipt = await app.inject({ url: `/api/v1/receipts/${sent.receipt}` });
    expect(receipt.json().downloads).toHaveLength(1);
  });

  test('is never cut while it keeps reading, however slowly: each burst of progress restarts the timeout', async () => {
    const { app } = ctx;
    const { sent, url, grant } = await sendAndClaim();

    // Reads about 1 MiB every 150 ms: 24 MiB take several times the 1 s idle timeout, but no pause reaches it.
    const socket = net.connect(port, '127.0.0.1');
    socket.pause();
    const chunks: Buffer[] = [];
    let sinceTick = 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      sinceTick += chunk.length;
      if (sinceTick >= 1024 * 1024) socket.pause();
    });
    const ticker = setInterval(() => {
      sinceTick = 0;
      socket.resume();
    }, 150);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `GET ${url} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${grant}\r\nConnection: close\r\n\r\n`,
    );
    await closed;
    clearInterval(ticker);

    const response = Buffer.concat(chunks);
    const headerEnd = response.indexOf('\r\n\r\n');
    expect(response.subarray(0, headerEnd).toString()).toMatch(/^HTTP\/1\.1 200 /);
    expect(sha256hex(response.subarray(headerEnd + 4))).toBe(sha256hex(sent.ciphertexts[0]!));
    // Delivered whole: the receipt counts it, and the grant is used up.
    expect((await app.inject({ url: `/api/v1/receipts/${sent.receipt}` })).json().downloads).toHaveLength(1);
    expect((await download(app, url, grant)).statusCode).toBe(404);
  });
});
