import {
  type ClientRequest,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it: what a proxy log or a malicious server would see. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as text (JSON bodies); see `bytes` for binary ones. */
  body: string;
  bytes: number;
}

/** Which requests a fault applies to: the method and a pattern of the path. */
export interface Match {
  method?: string;
  path?: RegExp;
}

/**
 * A fault for the next request that matches `when` (each planned fault is used once, in order):
 * - `answer`: the proxy answers this status with an API error body; with `forward` it first lets the server
 *   handle the request (the answer is lost on the way back), otherwise the server never sees it.
 * - `cutRequestAfter`: forwards that many body bytes, waits until the upload stands there (HEAD), then cuts
 *   both connections, like a cable pulled mid-PATCH.
 * - `cutResponseAfter`: forwards that many bytes of the answer's body, then cuts the connection.
 * - `rewrite`: hands the server's answer body to the function and sends what it returns (damage, tampering).
 */
export type Fault = { when: Match } & (
  | { answer: number; forward?: boolean }
  | { cutRequestAfter: number }
  | { cutResponseAfter: number }
  | { rewrite: (body: Buffer) => Buffer }
);

export interface FaultProxy {
  url: string;
  seen: SeenRequest[];
  /** Everything the server received, as one string, for "never contains" assertions. */
  transcript(): string;
  /** Plans a fault for the next matching request. */
  next(fault: Fault): void;
  /** The planned faults no request has met yet (a test should leave none behind). */
  readonly planned: readonly Fault[];
  close(): Promise<void>;
}

/**
 * A tiny node:http reverse proxy in front of a real server: it records every request it forwards and injects
 * the network and server faults a test plans, so that clients are tested against the real API rather than a
 * fake of it. Bodies are buffered (test sizes only).
 *
 * @example
 * const proxy = await startFaultProxy(server.url);
 * proxy.next({ when: { method: 'PATCH' }, answer: 503 });
 * // … run a client against proxy.url …
 * expect(proxy.transcript()).not.toContain(key);
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const seen: SeenRequest[] = [];
  const planned: Fault[] = [];
  const upstream = new URL(target);

  const takeFault = (req: IncomingMessage): Fault | undefined => {
    const index = planned.findIndex(
      ({ when }) =>
        (when.method === undefined || when.method === req.method) &&
        (when.path === undefined || when.path.test(req.url ?? '')),
    );
    return index === -1 ? undefined : planned.splice(index, 1)[0];
  };

  const forward = (req: IncomingMessage, onAnswer: (answer: IncomingMessage) => void): ClientRequest => {
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      onAnswer,
    );
    out.on('error', () => {});
    return out;
  };

  /** Polls the upload's offset until it reaches `offset` (or 5 s pass). */
  const untilOffset = async (path: string, offset: number) => {
    for (let i = 0; i < 200; i++) {
      const head = await fetch(new URL(path, upstream), {
        method: 'HEAD',
        headers: { 'tus-resumable': '1.0.0' },
      });
      if (Number(head.headers.get('upload-offset')) >= offset) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const fault = takeFault(req);
    const passThrough = (answer: IncomingMessage) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    };
    const badGateway = () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    };
    if (fault === undefined) {
      forward(req, passThrough).on('error', badGateway).end(body);
      return;
    }
    if ('answer' in fault) {
      const reply = () => {
        const error = {
          error: { code: 'store_unavailable', message: `answered ${fault.answer} by the test proxy` },
        };
        res.writeHead(fault.answer, { 'content-type': 'application/json' });
        res.end(JSON.stringify(error));
      };
      if (!fault.forward) return reply();
      forward(req, (answer) => {
        answer.resume();
        answer.on('end', reply);
      }).end(body);
      return;
    }
    if ('cutRequestAfter' in fault) {
      const out = forward(req, passThrough);
      out.write(body.subarray(0, fault.cutRequestAfter));
      const offset = Number(req.headers['upload-offset'] ?? 0) + fault.cutRequestAfter;
      void untilOffset(req.url ?? '/', offset).then(() => {
        out.destroy();
        res.socket?.destroy();
      });
      return;
    }
    if ('cutResponseAfter' in fault) {
      // Streams the first bytes, then breaks both connections: the server stops writing mid-body (for an
      // answer larger than the socket buffers), as when the recipient's connection drops.
      const out = forward(req, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        let left = fault.cutResponseAfter;
        answer.on('data', (chunk: Buffer) => {
          if (left <= 0) return;
          const part = chunk.subarray(0, left);
          left -= part.length;
          if (left > 0) return void res.write(part);
          answer.pause();
          out.destroy();
          res.write(part, () => res.socket?.end());
        });
      });
      out.on('error', badGateway).end(body);
      return;
    }
    const { rewrite } = fault;
    forward(req, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const changed = rewrite(Buffer.concat(chunks));
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': changed.length });
        res.end(changed);
      });
    })
      .on('error', badGateway)
      .end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: body.toString(),
        bytes: body.length,
      });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    transcript: () =>
      seen.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n'),
    next: (fault) => {
      planned.push(fault);
    },
    planned,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
