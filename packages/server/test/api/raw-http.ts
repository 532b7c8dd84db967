import net from 'node:net';

export interface RawAnswer {
  /** The status of the first answer on the connection, or null when the server closed without one. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
}

/**
 * Writes `request` (raw bytes, as a client that does not follow HTTP might) and reads until the server
 * closes the connection; rejects when it is still open after `limitMs`. `halfClose` ends the writing side
 * after the request, as a client that has nothing more to send.
 *
 * @example const answer = await rawRequest(port, 'GARBAGE\r\n\r\n');
 */
export function rawRequest(
  port: number,
  request: string | Buffer,
  limitMs = 5_000,
  options: { halfClose?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const limit = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the connection was still open after ${limitMs} ms`));
    }, limitMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(limit);
      resolve({
        ...parseAnswer(Buffer.concat(chunks).toString('latin1')),
        closedAfterMs: Date.now() - started,
      });
    });
    if (options.halfClose) socket.end(request);
    else socket.write(request);
  });
}

export function parseAnswer(text: string): Omit<RawAnswer, 'closedAfterMs'> {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return { status: null, headers: {}, body: text };
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
  let body = text.slice(end + 4);
  if (headers['content-length'] !== undefined) body = body.slice(0, Number(headers['content-length']));
  else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  return { status: Number.isNaN(status) ? null : status, headers, body };
}

/** The body of a chunked answer, its chunks joined. */
function dechunk(text: string): string {
  let body = '';
  let at = 0;
  for (;;) {
    const end = text.indexOf('\r\n', at);
    const size = end === -1 ? 0 : Number.parseInt(text.slice(at, end), 16);
    if (!(size > 0)) return body;
    body += text.slice(end + 2, end + 2 + size);
    at = end + 2 + size + 2;
  }
}
