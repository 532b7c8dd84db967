import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuditDraft } from '../../src/audit/audit-types.js';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  /** Parsed body. */
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** What the receiver answers a delivery: a status, or `hang` (never answers). */
export type Answer = number | 'hang';

/**
 * A real local HTTP receiver of webhook deliveries on 127.0.0.1 (tests set
 * BURNLINK_WEBHOOK_ALLOW_PRIVATE=on to reach it). `answer` decides each reply (200 by default).
 */
export async function webhookReceiver(port = 0) {
  const received: ReceivedDelivery[] = [];
  let answer: (delivery: ReceivedDelivery) => Answer | Promise<Answer> = () => 200;
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', async () => {
      const delivery = { headers: req.headers, body, json: JSON.parse(body) };
      received.push(delivery);
      const reply = await answer(delivery);
      if (res.destroyed) return;
      if (reply === 'hang') {
        const end = () => res.destroy();
        hanging.add(end);
        res.on('close', () => hanging.delete(end));
        return;
      }
      res.writeHead(reply, { 'content-type': 'text/plain' });
      res.end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    received,
    port: bound,
    url: `http://127.0.0.1:${bound}/hooks/burnlink`,
    /** Sets how the next deliveries are answered. */
    answer(fn: (delivery: ReceivedDelivery) => Answer | Promise<Answer>) {
      answer = fn;
    },
    /** The `webhook-id` of each delivery received, in order. */
    ids: () => received.map((d) => d.headers['webhook-id'] as string),
    async close() {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An audit record draft of `org` (system actor, a secret subject), for appending straight to the store. */
export function auditDraft(org: string, type: string, at: number, n = 0): AuditDraft {
  return {
    at,
    type,
    org,
    actor: { type: 'system', id: null },
    subject: { type: 'secret', id: `secret-${n}` },
    outcome: 'ok',
    details: { n },
    ip: null,
  };
}
