import { formatReceiptLink, formatSecretLink } from '@burnlink/core';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { requestCaller, requireScope } from '../../auth/principal.js';
import { ApiError } from '../../errors.js';

/** What a chat user asked to share. `passphrase`, `ttlSeconds` and `maxViews` are optional. */
export interface ChatShare {
  text: string;
  passphrase?: string | undefined;
  ttlSeconds?: number | undefined;
  maxViews?: number | undefined;
}

/** The sender's links: the one-time link (with the key in its fragment) and the receipt link. */
export interface ChatShared {
  link: string;
  receiptLink: string;
  expiresAt: number;
}

/**
 * Creates chat secrets the way the Onetime Secret–compatible API does (routes/ots/actions.ts): server-encrypted
 * through the secret service, owned by the organisation of the configured API key (its policy and its rate
 * limit apply), or anonymous where the operator allows anonymous creates. The integration's request was
 * authenticated by its signature or token before this runs; Slack and Mattermost users are not burnlink users.
 */
export function chatSharer(ctx: AppContext, apiKey: string | null) {
  const { config, service, rateLimits, auth, accounts, hosts } = ctx;
  return async (request: FastifyRequest, share: ChatShare): Promise<ChatShared> => {
    // The integration's own key, through the one Authenticator (a revoked key is 401 invalid_api_key); never
    // anything the chat platform sent in Authorization (Mattermost sends its token there).
    if (apiKey === null) delete request.headers.authorization;
    else request.headers.authorization = `Bearer ${apiKey}`;
    const principal = await auth.principal(request);
    if (principal === null) {
      if (!config.accounts.anonymousCreate) throw new ApiError('sign_in_required');
    } else {
      requireScope(principal, 'secrets:create');
    }
    // One create counted per share, against the key's budget (or the chat platform's address when anonymous).
    const { chargeCreate } = rateLimits;
    if (chargeCreate !== null) await chargeCreate(request, 1);
    const created = await service.secrets.createFromText(
      share.text,
      { passphrase: share.passphrase },
      {
        ttlSeconds: share.ttlSeconds,
        maxViews: share.maxViews,
        policy: principal === null ? null : await accounts.policyOf(principal.orgId),
        creatorIsMember: principal !== null && principal.role !== null,
        caller: requestCaller(request, principal),
      },
      chargeCreate === null ? undefined : (units) => chargeCreate(request, units),
    );
    if (principal !== null) await accounts.recordCreated(principal, created, { teamId: null, notify: false });
    // The key's organisation's custom domain when it has one (the chat platform calls the main host).
    const origin = await hosts.linkOrigin(request, principal?.orgId ?? null);
    return {
      link: formatSecretLink(origin, created.id, created.linkKey),
      receiptLink: formatReceiptLink(origin, created.receipt),
      expiresAt: created.expiresAt,
    };
  };
}

/** The sender's message: the link, the receipt link and when it expires (UTC). Never the text. */
export function sharedMessage(shared: ChatShared, views: number | undefined): string {
  const expires = new Date(shared.expiresAt).toISOString().slice(0, 16).replace('T', ' ');
  const opens = views === undefined || views === 1 ? 'once' : `${views} times`;
  return [
    `Your one-time link (opens ${opens}, until ${expires} UTC) — only you see this message; send the link to its recipient:`,
    shared.link,
    `Receipt (was it opened? burn it now): ${shared.receiptLink}`,
  ].join('\n');
}
