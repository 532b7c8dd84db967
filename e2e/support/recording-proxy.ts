import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it through the proxy: everything a server (or its logs) could see. */
export interface RecordedRequest {
  method: string;
  /** The request target as sent: path and query (a browser never sends the `#fragment`; this proves it). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:{port}`: use it as the app's origin (browser) or `--server` (CLI). */
  origin: string;
  recorded: RecordedRequest[];
  /** Every recorded request as bytes (request line, headers, body), for searching raw key bytes. */
  dump(): Buffer;
  close(): Promise<void>;
}

/**
 * A small HTTP reverse proxy in front of the server that records every request — method, target, headers and
 * body — before passing it on unchanged, and streams the answer back. Whatever the browser and the CLI send to
 * "the server" goes through it, so a test can search everything the server was ever given.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const recorded: RecordedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      recorded.push({
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body,
      });
      const proxied = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      proxied.on('error', () => {
        if (!outgoing.headersSent) outgoing.writeHead(502);
        outgoing.end();
      });
      proxied.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    recorded,
    dump: () =>
      Buffer.concat(
        recorded.flatMap(({ method, url, headers, body }) => [
          Buffer.from(`${method} ${url}\n${JSON.stringify(headers)}\n`),
          body,
          Buffer.from('\n'),
        ]),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
