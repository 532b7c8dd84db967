import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { backendAvailable } from '../../src/stores/test-backends.js';
import { freePort, waitUntil } from './backend-processes.js';

const execFileAsync = promisify(execFile);

/**
 * Syslog receivers for the shipping tests (issue 13): a real `rsyslogd` (Debian package `rsyslog`) with imtcp
 * and imudp on spare loopback ports, writing each raw message as one line of a file; and a Node TLS listener
 * (RFC 5425 framing) with a self-signed certificate made by the `openssl` CLI.
 */
export interface SyslogReceiver {
  /** The messages received so far, in arrival order (the raw RFC 5424 text). */
  messages(): Promise<string[]>;
  /**
   * Crashes: first hangs for `hangMs` (takes no more data, while the kernel still accepts what is sent into
   * the socket buffers, as a frozen or overloaded receiver does), then dies (SIGKILL / sockets destroyed),
   * losing what it had not read.
   */
  kill(hangMs?: number): Promise<void>;
  /** Starts again on the same ports, keeping what was received. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export interface Rsyslog extends SyslogReceiver {
  tcpPort: number;
  udpPort: number;
}

/** The daemon: in /usr/sbin on Debian, which is not on every user's PATH. */
const RSYSLOGD = existsSync('/usr/sbin/rsyslogd') ? '/usr/sbin/rsyslogd' : 'rsyslogd';

/** Whether `rsyslogd` is installed: skips loudly on a laptop, fails when `CI=true`. */
export async function rsyslogAvailable(): Promise<boolean> {
  return backendAvailable('rsyslogd (Debian package rsyslog)', async () => {
    await execFileAsync(RSYSLOGD, ['-v']);
  });
}

/** A UDP port that is free now (bound and released). */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * `rsyslogd -n -f <conf> -i <pidfile>` with no system configuration: imtcp (octet counting) and imudp on
 * 127.0.0.1, a direct main queue (a message goes to the file before the next is read, so a SIGKILL loses only
 * what the socket had not yet delivered), every message's `%rawmsg%` as one line of `received.log`.
 */
export async function startRsyslog(): Promise<Rsyslog> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-rsyslog-'));
  const tcpPort = await freePort();
  const udpPort = await freeUdpPort();
  const output = join(dir, 'received.log');
  const conf = join(dir, 'rsyslog.conf');
  await writeFile(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="64k")
main_queue(queue.type="Direct")
module(load="imtcp")
module(load="imudp")
input(type="imtcp" address="127.0.0.1" port="${tcpPort}")
input(type="imudp" address="127.0.0.1" port="${udpPort}")
template(name="raw" type="string" string="%rawmsg%\\n")
action(type="omfile" file="${output}" template="raw" flushOnTXEnd="on")
`,
  );
  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    log = '';
    child = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', join(dir, 'rsyslogd.pid')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      log += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      log += chunk;
    });
    const running = child;
    await waitUntil(async () => {
      if (running.exitCode !== null) throw new Error(`rsyslogd exited ${running.exitCode}: ${log}`);
      await canConnect(tcpPort);
      // imudp is up once a probe datagram lands in the file.
      const probe = `<14>1 - - probe - - - udp-probe-${Date.now()}`;
      await sendUdp(udpPort, probe);
      await waitUntil(async () => {
        if (!(await readLines(output)).includes(probe)) throw new Error('no probe yet');
      }, 300);
    });
  };
  const kill = async (hangMs = 0) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    if (hangMs > 0) {
      running.kill('SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, hangMs));
    }
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    tcpPort,
    udpPort,
    messages: async () => (await readLines(output)).filter((line) => !line.includes('udp-probe-')),
    kill,
    start,
    destroy: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
  } catch {
    return [];
  }
}

function canConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve();
    });
    socket.once('error', reject);
  });
}

function sendUdp(port: number, message: string): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) =>
    socket.send(message, port, '127.0.0.1', (error) => {
      socket.close();
      if (error) reject(error);
      else resolve();
    }),
  );
}

export interface TlsReceiver extends SyslogReceiver {
  port: number;
  /** The PEM file of the self-signed certificate: the CA to trust. */
  caFile: string;
  /** How many TLS connections were accepted. */
  connections(): number;
}

/**
 * A syslog-over-TLS receiver (RFC 5425: octet-counted frames) on 127.0.0.1, its certificate self-signed for
 * `localhost` and `127.0.0.1` by the `openssl` CLI into a temp dir.
 */
export async function startTlsReceiver(): Promise<TlsReceiver> {
  const dir = await mkdtemp(join(tmpdir(), 'burnlink-tls-syslog-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  await execFileAsync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  const options = { key: await readFile(key), cert: await readFile(cert) };
  const port = await freePort();
  const received: string[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  let server: TlsServer | null = null;
  const start = async () => {
    const listening = createTlsServer(options, (socket) => {
      accepted += 1;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const space = buffer.indexOf(0x20);
          if (space < 0) return;
          const length = Number(buffer.subarray(0, space).toString('ascii'));
          if (buffer.length < space + 1 + length) return;
          received.push(buffer.subarray(space + 1, space + 1 + length).toString('utf8'));
          buffer = buffer.subarray(space + 1 + length);
        }
      });
    });
    listening.on('tlsClientError', () => {});
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve());
    });
    server = listening;
  };
  const kill = async (hangMs = 0) => {
    const running = server;
    server = null;
    if (running === null) return;
    if (hangMs > 0) {
      for (const socket of sockets) socket.pause();
      await new Promise((resolve) => setTimeout(resolve, hangMs));
    }
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => running.close(resolve));
  };
  await start();
  return {
    port,
    caFile: cert,
    connections: () => accepted,
    messages: async () => [...received],
    kill,
    start,
    destroy: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The record id in a message's structured data (`[burnlink@32473 id="12" …]`), or null. */
export function recordIdOf(message: string): number | null {
  const m = /\[burnlink@32473 id="(\d+)"/.exec(message);
  return m ? Number(m[1]) : null;
}
