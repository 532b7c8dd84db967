import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deriveAccess, fromBase64Url, openSecret, parseSecretLink } from '@burnlink/core';
import type { FastifyInstance } from 'fastify';
import { slackSignature } from '../../src/routes/chat/slack-signature.js';

export const SIGNING_SECRET = 'test-signing-secret-8f3a9c2d1e';
export const BOT_TOKEN = 'xoxb-test-bot-token-5b7d';
export const LINK = /https?:\/\/[^\s>|]+\/s\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}/;
export const RECEIPT_LINK = /https?:\/\/[^\s>|]+\/r\/[A-Za-z0-9_-]+/;

/**
 * A request signed as Slack documents it: `X-Slack-Signature: v0=` HMAC-SHA256 of `v0:{timestamp}:{body}` with
 * the signing secret, `X-Slack-Request-Timestamp` in seconds.
 */
export function slackRequest(
  url: string,
  fields: Record<string, string>,
  options: { nowMs: number; secret?: string; timestamp?: string; signature?: string | null } = { nowMs: 0 },
) {
  const body = new URLSearchParams(fields).toString();
  const timestamp = options.timestamp ?? String(Math.floor(options.nowMs / 1000));
  const signature =
    options.signature === undefined
      ? slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body)
      : options.signature;
  return {
    method: 'POST' as const,
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      ...(signature === null ? {} : { 'x-slack-signature': signature }),
    },
    payload: body,
  };
}

/** What a recipient does with the link: claims it through the API with the link key, and reads the text. */
export async function openLink(app: FastifyInstance, link: string, passphrase?: string) {
  const parsed = parseSecretLink(link);
  const peek = await app.inject({ url: `/api/v1/secrets/${parsed.id}` });
  const access = await deriveAccess(parsed.key, peek.json().kdf, passphrase);
  const claim = await app.inject({
    method: 'POST',
    url: `/api/v1/secrets/${parsed.id}/claim`,
    payload: { token: access.token, ...(access.linkToken ? { link_token: access.linkToken } : {}) },
  });
  if (claim.statusCode !== 200) return { status: claim.statusCode, text: null, viewsLeft: null };
  const payload = (await openSecret(fromBase64Url(claim.json().content), access.contentKey)) as {
    text: string;
  };
  return { status: 200, text: payload.text, viewsLeft: claim.json().views_left as number };
}

export interface SlackCall {
  method: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** A local stand-in for Slack's Web API: records each call and answers `answer(method)`. */
export async function fakeSlackApi(answer: (method: string) => object = () => ({ ok: true })) {
  const calls: SlackCall[] = [];
  const read = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    return text;
  };
  const server = createServer(async (request, response) => {
    const method = (request.url ?? '').replace(/^\/api\//, '');
    calls.push({
      method,
      authorization: request.headers.authorization,
      body: JSON.parse(await read(request)),
    });
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(answer(method)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
