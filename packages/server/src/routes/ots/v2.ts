import { generatePassword } from '@burnlink/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../app-context.js';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../errors.js';
import { otsActions } from './actions.js';
import { otsCaller } from './auth.js';
import { OtsError } from './errors.js';
import { type Fields, fieldsOf, recipients, text } from './fields.js';
import { decodeSecretKey } from './secret-key.js';
import { GENERATED_LENGTH, HIDDEN } from './v1.js';
import { receiptRecord, secretRecord } from './v2-shapes.js';

type KeyParams = { Params: { key: string } };

/**
 * Onetime Secret API v2 (docs/ots-compat.md): bodies nested under `secret` (JSON, or form fields
 * `secret[ttl]`), answers `{success, record, details}`. `/api/v2/guest/…` is the anonymous variant: it never
 * looks at credentials.
 */
export function registerOtsV2(routes: App, ctx: AppContext): void {
  const app = routes as unknown as FastifyInstance;
  const { config, rateLimits, auth } = ctx;
  const actions = otsActions(ctx);
  const lookup = { onRequest: rateLimits.lookupGuard, onResponse: rateLimits.lookupCount };
  const claim = {
    onRequest: [...rateLimits.lookupGuard, ...rateLimits.claim],
    onResponse: rateLimits.lookupCount,
  };

  const receiptOf = async (custid: string | null, key: string) =>
    receiptRecord(custid, key, await actions.receipt(key), ctx.now(), config.receiptRetentionMs);

  for (const guest of [false, true]) {
    const base = guest ? '/api/v2/guest' : '/api/v2';
    const who = async (
      request: FastifyRequest,
    ): Promise<{ principal: Principal | null; custid: string | null }> =>
      guest ? { principal: null, custid: null } : otsCaller(auth, request);
    const createLimits = [
      async (request: FastifyRequest) => {
        await who(request);
      },
      ...rateLimits.create,
    ];

    const conceal = async (request: FastifyRequest, kind: 'conceal' | 'generate') => {
      const caller = await who(request);
      const fields = nested(request.body);
      const value =
        kind === 'generate' ? generatePassword({ length: GENERATED_LENGTH }) : text(fields, 'secret');
      if (value === undefined) throw new OtsError(400, 'You did not provide anything to share');
      const created = await actions.create(request, caller.principal, value, fields);
      const receipt: Record<string, unknown> = {
        ...(await receiptOf(caller.custid, created.receipt)),
        share_domain: created.shareDomain,
      };
      const secret = secretRecord(
        created.secretKey,
        created.id,
        'new',
        {
          createdAt: ctx.now(),
          expiresAt: created.expiresAt,
          hasPassphrase: receipt.has_passphrase as boolean,
        },
        ctx.now(),
      );
      return {
        success: true,
        record: {
          receipt,
          metadata: receipt,
          secret: kind === 'generate' ? { ...secret, secret_value: value } : secret,
          share_domain: created.shareDomain,
        },
        // Not mailed (docs/ots-compat.md).
        details: { kind, recipient: recipients(fields), recipient_safe: [] },
      };
    };

    app.post(`${base}/secret/conceal`, { ...HIDDEN, onRequest: createLimits }, (request) =>
      conceal(request, 'conceal'),
    );
    app.post(`${base}/secret/generate`, { ...HIDDEN, onRequest: createLimits }, (request) =>
      conceal(request, 'generate'),
    );

    app.post<KeyParams>(`${base}/secret/:key/reveal`, { ...HIDDEN, ...claim }, async (request) => {
      const body = fieldsOf(request.body);
      const passphrase = text(body, 'passphrase') ?? text(nested(request.body), 'passphrase');
      const { principal } = await who(request);
      const secretKey = request.params.key;
      const opened = await actions.reveal(request, principal, secretKey, passphrase);
      const now = ctx.now();
      const id = decodeSecretKey(secretKey)?.id ?? '';
      return {
        success: true,
        record: {
          ...secretRecord(
            secretKey,
            id,
            'revealed',
            { expiresAt: now, hasPassphrase: passphrase !== undefined },
            now,
          ),
          secret_value: opened.text,
        },
        details: { continue: true, is_owner: false, show_secret: true, correct_passphrase: true },
      };
    });

    app.get<KeyParams>(`${base}/secret/:key/status`, { ...HIDDEN, ...lookup }, async (request) => {
      const secretKey = request.params.key;
      const parts = decodeSecretKey(secretKey);
      const info =
        parts === null
          ? null
          : await ctx.service.secrets.peek(parts.id).catch((error: unknown) => {
              if (error instanceof ApiError && error.statusCode === 404) return null;
              throw error;
            });
      // As OTS: an unknown secret is a state, not an error.
      if (parts === null || info === null)
        return { success: true, record: { state: 'unknown' }, details: {} };
      const now = ctx.now();
      const record = secretRecord(
        secretKey,
        parts.id,
        'new',
        { expiresAt: info.expiresAt, hasPassphrase: info.kdf !== null },
        now,
      );
      return { success: true, record, details: { current_expiration: record.secret_ttl } };
    });

    for (const receipts of guest ? ['receipt'] : ['receipt', 'private']) {
      app.get<KeyParams>(`${base}/${receipts}/:key`, { ...HIDDEN, ...lookup }, async (request) => {
        const { custid } = await who(request);
        return { success: true, record: await receiptOf(custid, request.params.key), details: {} };
      });
      app.post<KeyParams>(`${base}/${receipts}/:key/burn`, { ...HIDDEN, ...lookup }, async (request) => {
        const { principal, custid } = await who(request);
        await actions.burn(request, principal, request.params.key);
        return { success: true, record: await receiptOf(custid, request.params.key), details: {} };
      });
    }
  }

  app.get('/api/v2/status', HIDDEN, async () => ({ status: 'nominal', locale: 'en' }));
}

/**
 * v2's fields under `secret`: a JSON object `{"secret": {…}}`, or form fields `secret[ttl]=…`. A plain string
 * `secret` is refused, as OTS does.
 */
function nested(body: unknown): Fields {
  const fields = fieldsOf(body);
  const inner = fields.secret;
  if (inner !== undefined && inner !== null && typeof inner !== 'object') {
    throw new OtsError(400, 'Incorrect payload format');
  }
  if (inner !== undefined && inner !== null) {
    if (Array.isArray(inner)) throw new OtsError(400, 'Incorrect payload format');
    return inner as Fields;
  }
  const bracketed = Object.entries(fields).filter(([name]) => /^secret\[[a-z_]+\]$/.test(name));
  return Object.fromEntries(bracketed.map(([name, value]) => [name.slice(7, -1), value]));
}
