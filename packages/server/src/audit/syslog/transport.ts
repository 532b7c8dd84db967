import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { SyslogTarget } from '../../config-audit.js';

/**
 * How syslog messages leave the process: RFC 6587 octet counting over TCP, the same over TLS (RFC 5425), or
 * one message per UDP datagram (RFC 5426). None of them acknowledges a message: the shipper treats "written
 * on a connection that stayed healthy for a while" as delivered (shipper.ts).
 */
export interface SyslogConnection {
  /** Frames and writes one message; resolves once the socket has taken it, rejects when the connection fails. */
  send(message: string): Promise<void>;
  /** The connection's first failure (error, peer closed, reset), or null while it is healthy. */
  failure(): Error | null;
  /** Calls `listener` once, at the connection's first failure. */
  onFailure(listener: (error: Error) => void): void;
  /** Fails the connection at once (a write that never completes, a shipper giving up its lease). */
  abort(reason: Error): void;
  /**
   * Ends the connection. For TCP and TLS it half-closes and waits up to `timeoutMs` for the receiver to close
   * its side, which it does only after reading everything sent: resolves true then (all sent was read), false
   * otherwise (and always for UDP).
   */
  close(timeoutMs: number): Promise<boolean>;
}

export interface SyslogTransport {
  /** A human-readable `tcp://host:port` for logs. */
  readonly label: string;
  /** Opens a connection; rejects within `timeoutMs` when it cannot. */
  connect(timeoutMs: number): Promise<SyslogConnection>;
}

/**
 * The largest UDP message sent: 2048 octets, what RFC 5426 §3.2 says IPv4 receivers SHOULD accept. A longer
 * message is cut to fit (at a UTF-8 character boundary); its header and structured data, with the record id,
 * come first and survive. Records are far shorter than this; use TCP when details grow.
 */
export const UDP_MAX_MESSAGE = 2048;

/** `message` in at most `maxBytes` UTF-8 octets, never splitting a character. */
export function cutUtf8(message: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

/** RFC 6587 §3.4.1 octet counting: `MSG-LEN SP SYSLOG-MSG`, the length in octets. */
export function octetFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

export interface TransportOptions {
  /** PEM file of the CA for TLS (`BURNLINK_AUDIT_SYSLOG_CA`); the system's CAs when null. */
  caFile?: string | null;
}

/** The transport for a `BURNLINK_AUDIT_SYSLOG` target. */
export function syslogTransport(target: SyslogTarget, options: TransportOptions = {}): SyslogTransport {
  const scheme = target.transport === 'tls' ? 'tcp+tls' : target.transport;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const label = `${scheme}://${host}:${target.port}`;
  if (target.transport === 'udp') return { label, connect: (ms) => connectUdp(target, ms) };
  let ca: Promise<Buffer> | null = null;
  return {
    label,
    async connect(timeoutMs) {
      if (target.transport === 'tcp') {
        return streamConnection(tcpConnect({ host: target.host, port: target.port }), 'connect', timeoutMs);
      }
      // Read once, lazily, and again after a failure (the operator may fix the file while we retry).
      if (options.caFile && ca === null) ca = readFile(options.caFile);
      let caPem: Buffer | undefined;
      try {
        caPem = ca === null ? undefined : await ca;
      } catch (error) {
        ca = null;
        throw error;
      }
      const socket = tlsConnect({
        host: target.host,
        port: target.port,
        // SNI takes host names only; an address is still checked against the certificate's IP SANs.
        ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
        ...(caPem === undefined ? {} : { ca: caPem }),
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      });
      return streamConnection(socket, 'secureConnect', timeoutMs);
    },
  };
}

/** A TCP or TLS socket as a `SyslogConnection`, once `ready` (connect / secureConnect) fired. */
function streamConnection(socket: Socket, ready: string, timeoutMs: number): Promise<SyslogConnection> {
  let failed: Error | null = null;
  let ended = false;
  const listeners: ((error: Error) => void)[] = [];
  const fail = (error: Error) => {
    if (failed !== null) return;
    failed = error;
    for (const listener of listeners.splice(0)) listener(error);
    socket.destroy();
  };
  socket.on('error', (error) => fail(error));
  socket.on('end', () => {
    ended = true;
    fail(new Error('the receiver closed the connection'));
  });
  socket.on('close', () => fail(new Error('the connection closed')));
  // Receivers send nothing; reading (and dropping) is what lets their FIN surface as 'end'.
  socket.resume();
  const connection: SyslogConnection = {
    send(message) {
      return new Promise((resolve, reject) => {
        if (failed !== null) return reject(failed);
        socket.write(octetFrame(message), (error) => (error ? reject(error) : resolve()));
      });
    },
    failure: () => failed,
    onFailure(listener) {
      if (failed !== null) listener(failed);
      else listeners.push(listener);
    },
    abort: fail,
    close(closeTimeoutMs) {
      if (failed !== null) return Promise.resolve(false);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          socket.destroy();
          resolve(false);
        }, closeTimeoutMs);
        connection.onFailure(() => {
          clearTimeout(timer);
          // A clean FIN from the receiver after ours: it read to the end of what we sent.
          resolve(ended);
        });
        socket.end();
      });
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
    connection.onFailure((error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 30_000);
      resolve(connection);
    });
  });
}

/**
 * A connected UDP socket: one message per datagram. Connected, so that an ICMP "port unreachable" from a
 * receiver that is down surfaces as an error (ECONNREFUSED) on a later send, failing the connection.
 */
function connectUdp(target: SyslogTarget, timeoutMs: number): Promise<SyslogConnection> {
  const socket: UdpSocket = createSocket(isIP(target.host) === 6 ? 'udp6' : 'udp4');
  let failed: Error | null = null;
  const listeners: ((error: Error) => void)[] = [];
  const fail = (error: Error) => {
    if (failed !== null) return;
    failed = error;
    for (const listener of listeners.splice(0)) listener(error);
    socket.close();
  };
  socket.on('error', fail);
  const connection: SyslogConnection = {
    send(message) {
      return new Promise((resolve, reject) => {
        if (failed !== null) return reject(failed);
        socket.send(cutUtf8(message, UDP_MAX_MESSAGE), (error) => {
          if (error) {
            fail(error);
            reject(error);
          } else resolve();
        });
      });
    },
    failure: () => failed,
    onFailure(listener) {
      if (failed !== null) listener(failed);
      else listeners.push(listener);
    },
    abort: fail,
    async close() {
      if (failed === null) fail(new Error('closed'));
      return false;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no route within ${timeoutMs} ms`)), timeoutMs);
    connection.onFailure((error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.connect(target.port, target.host, () => {
      clearTimeout(timer);
      resolve(connection);
    });
  });
}
