import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutUtf8, octetFrame, syslogTransport, UDP_MAX_MESSAGE } from './transport.js';

const execFileAsync = promisify(execFile);

describe('framing', () => {
  it('counts octets, not characters (RFC 6587 §3.4.1)', () => {
    expect(octetFrame('<14>1 - - - - - - hé').toString('utf8')).toBe('21 <14>1 - - - - - - hé');
    expect(octetFrame('').toString('utf8')).toBe('0 ');
  });

  it('cuts a long message to fit, never inside a character', () => {
    expect(cutUtf8('abc', 10).toString()).toBe('abc');
    expect(cutUtf8('abcdef', 4).toString()).toBe('abcd');
    // é is 2 octets, 😀 is 4: a cut through either backs up to the character's start.
    expect(cutUtf8('aé', 2).toString()).toBe('a');
    expect(cutUtf8('a😀b', 4).toString()).toBe('a');
    expect(cutUtf8('a😀b', 5).toString()).toBe('a😀');
  });
});

describe('UDP', () => {
  it('sends one message per datagram, cut to 2048 octets', async () => {
    const receiver = createSocket('udp4');
    const datagrams: Buffer[] = [];
    receiver.on('message', (message) => datagrams.push(message));
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    const connection = await syslogTransport({
      transport: 'udp',
      host: '127.0.0.1',
      port: receiver.address().port,
    }).connect(1000);
    const long = `<14>1 - - - - - [x@32473 id="9"] ${'é'.repeat(3000)}`;
    await connection.send('<14>1 - - - - - - short');
    await connection.send(long);
    await until(() => datagrams.length === 2);
    await connection.close(100);
    receiver.close();
    expect(datagrams[0]!.toString()).toBe('<14>1 - - - - - - short');
    expect(datagrams[1]!.length).toBeLessThanOrEqual(UDP_MAX_MESSAGE);
    expect(datagrams[1]!.length).toBeGreaterThan(UDP_MAX_MESSAGE - 2);
    expect(long.startsWith(datagrams[1]!.toString('utf8'))).toBe(true);
  });

  it('fails the connection when the receiver port is closed (ICMP port unreachable)', async () => {
    const probe = createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const port = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const connection = await syslogTransport({ transport: 'udp', host: '127.0.0.1', port }).connect(1000);
    await until(async () => {
      await connection.send('<14>1 - - - - - - nobody').catch(() => {});
      return connection.failure() !== null;
    });
    expect(connection.failure()?.message).toMatch(/ECONNREFUSED/);
  });
});

describe('TCP', () => {
  it('reports a receiver that closes the connection as a failure', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const connection = await syslogTransport({ transport: 'tcp', host: '127.0.0.1', port }).connect(1000);
    await until(() => connection.failure() !== null);
    expect(connection.failure()?.message).toMatch(/closed/);
    await expect(connection.send('<14>1 - - - - - - late')).rejects.toThrow();
    server.close();
  });

  it('rejects when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => server.close(resolve));
    await expect(
      syslogTransport({ transport: 'tcp', host: '127.0.0.1', port }).connect(1000),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('TLS verification', () => {
  let dir: string;
  let port: number;
  let caFile: string;
  const server = createTlsServer();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'burnlink-tls-test-'));
    caFile = join(dir, 'cert.pem');
    // A certificate for another name only: the host in the URL must match it.
    await execFileAsync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      caFile,
      '-days',
      '1',
      '-subj',
      '/CN=siem.example',
      '-addext',
      'subjectAltName=DNS:siem.example',
    ]);
    server.setSecureContext({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(caFile) });
    server.on('secureConnection', (socket) => socket.on('error', () => {}));
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a certificate that no trusted CA signed', async () => {
    await expect(
      syslogTransport({ transport: 'tls', host: '127.0.0.1', port }).connect(2000),
    ).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('refuses a trusted certificate that does not name the host', async () => {
    await expect(
      syslogTransport({ transport: 'tls', host: '127.0.0.1', port }, { caFile }).connect(2000),
    ).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('names a CA file it cannot read', async () => {
    await expect(
      syslogTransport(
        { transport: 'tls', host: '127.0.0.1', port },
        { caFile: join(dir, 'nope.pem') },
      ).connect(2000),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

async function until(probe: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
