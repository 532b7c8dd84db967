import { generatePassword } from '@burnlink/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../app-context.js';
import { requestCaller, requireScope } from '../../auth/principal.js';
import { ApiError } from '../../errors.js';
import { type OtsCaller, otsCaller } from './auth.js';
import { notAuthorized, OtsError, unknownSecret } from './errors.js';
import { fieldsOf, recipients, text, ttlSeconds } from './fields.js';
import { decodeSecretKey, encodeSecretKey } from './secret-key.js';
import { metadataObject, otsState } from './shapes.js';

/** Compat routes are described in docs/ots-compat.md, not in the OpenAPI document of burnlink's API. */
const HIDDEN = { schema: { hide: true } };
/** The length of a generated secret, as OTS makes them. */
const GENERATED_LENGTH = 12;
/** OTS's receipt paths: `private` and `metadata` (older), `receipt` (newer); each with `/burn` and `recent`. */
const RECEIPT_BASES = ['/api/v1/private', '/api/v1/receipt', '/api/v1/metadata'];

/** Onetime Secret API v1 (docs/ots-compat.md). */
export function registerOtsV1(routes: App, ctx: AppContext): void {
  const app = routes as unknown as FastifyInstance;
  const { config, service, rateLimits, auth, accounts } = ctx;
  const lookup = { onRequest: rateLimits.lookupGuard, onResponse: rateLimits.lookupCount };
  // As the native create: the caller is known (a bad key refused) before the create limit counts.
  const createLimits = [
    async (request: FastifyRequest) => {
      await otsCaller(auth, request);
    },
    ...rateLimits.create,
  ];

  const metadata = async (custid: string, metadataKey: string) => {
    const info = await service.secrets.receipt(metadataKey).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'receipt_not_found') throw unknownSecret();
      throw error;
    });
    return metadataObject(custid, metadataKey, info, ctx.now(), config.receiptRetentionMs);
  };

  /** share and generate: a server-encrypted create, owned by the key's organisation when there is one. */
  const share = async (request: FastifyRequest, value: string, who: OtsCaller) => {
    const fields = fieldsOf(request.body);
    const { principal } = who;
    if (principal === null) {
      if (!config.accounts.anonymousCreate) throw notAuthorized();
    } else {
      requireOts(() => requireScope(principal, 'secrets:create'));
    }
    const passphrase = text(fields, 'passphrase');
    const options = {
      ttlSeconds: ttlSeconds(fields, config),
      policy: principal === null ? null : await accounts.policyOf(principal.orgId),
      creatorIsMember: principal !== null && principal.role !== null,
      caller: requestCaller(request, principal),
    };
    const { chargeCreate } = rateLimits;
    const created = await service.secrets.createFromText(
      value,
      { passphrase },
      options,
      chargeCreate === null ? undefined : (units) => chargeCreate(request, units),
    );
    if (principal !== null) await accounts.recordCreated(principal, created, { teamId: null, notify: false });
    const meta = await metadata(who.custid, created.receipt);
    return {
      ...meta,
      secret_key: encodeSecretKey(created.id, created.linkKey),
      // Not mailed (docs/ots-compat.md); echoed as OTS does.
      recipient: recipients(fields),
    };
  };

  app.get('/api/v1/status', HIDDEN, async () => ({ status: 'nominal', locale: 'en' }));

  for (const path of ['/api/v1/share', '/api/v1/create']) {
    app.post(path, { ...HIDDEN, onRequest: createLimits }, async (request) => {
      const who = await otsCaller(auth, request);
      const secret = text(fieldsOf(request.body), 'secret');
      if (secret === undefined) throw new OtsError(400, 'You did not provide anything to share');
      return share(request, secret, who);
    });
  }

  app.post('/api/v1/generate', { ...HIDDEN, onRequest: createLimits }, async (request) => {
    const who = await otsCaller(auth, request);
    const value = generatePassword({ length: GENERATED_LENGTH });
    return { ...(await share(request, value, who)), value };
  });

  app.post<{ Params: { key: string } }>(
    '/api/v1/secret/:key',
    {
      ...HIDDEN,
      onRequest: [...rateLimits.lookupGuard, ...rateLimits.claim],
      onResponse: rateLimits.lookupCount,
    },
    async (request) => {
      const secretKey = request.params.key;
      const parts = decodeSecretKey(secretKey);
      if (parts === null) throw unknownSecret({ secret_key: secretKey });
      const passphrase = text(fieldsOf(request.body), 'passphrase');
      const { principal } = await otsCaller(auth, request);
      const { chargeClaim } = rateLimits;
      const opened = await service.secrets
        .claimWithKey(
          parts.id,
          parts.key,
          passphrase,
          chargeClaim === null ? undefined : (units) => chargeClaim(request, units),
          requestCaller(request, principal),
        )
        .catch((error: unknown) => {
          // OTS tells nothing apart: unknown, viewed, expired, burned and a wrong passphrase are all 404.
          if (error instanceof ApiError && [400, 401, 403, 404, 410].includes(error.statusCode)) {
            throw unknownSecret({ secret_key: secretKey });
          }
          throw error;
        });
      return { value: opened.text, secret_key: secretKey, share_domain: '' };
    },
  );

  for (const base of RECEIPT_BASES) {
    app.route<{ Params: { key: string } }>({
      method: ['GET', 'POST'],
      url: `${base}/:key`,
      ...HIDDEN,
      ...lookup,
      handler: async (request) => metadata((await otsCaller(auth, request)).custid, request.params.key),
    });
  }

  for (const base of RECEIPT_BASES) {
    app.post<{ Params: { key: string } }>(`${base}/:key/burn`, { ...HIDDEN, ...lookup }, async (request) => {
      const who = await otsCaller(auth, request);
      const { key } = request.params;
      await service.secrets.burn(key, requestCaller(request, who.principal)).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'receipt_not_found') throw unknownSecret();
        throw error;
      });
      return { state: await metadata(who.custid, key) };
    });
  }

  for (const base of RECEIPT_BASES) {
    app.get(`${base}/recent`, HIDDEN, async (request) => {
      const { principal, custid } = await otsCaller(auth, request);
      if (principal === null) throw notAuthorized();
      requireOts(() => requireScope(principal, 'secrets:list'));
      const page = await accounts.listSecrets(principal, { scope: 'own' });
      const now = ctx.now();
      // The store keeps only a receipt's hash: a listing can name the secret, never its metadata_key.
      return page.secrets.map((view) => ({
        custid,
        secret_shortkey: view.secret.secretId,
        state: otsState(view.state),
        created: Math.floor(view.secret.createdAt / 1000),
        updated: Math.floor((view.viewedAt.at(-1) ?? view.secret.createdAt) / 1000),
        secret_ttl:
          view.state === 'pending' ? Math.max(0, Math.floor((view.secret.expiresAt - now) / 1000)) : null,
        passphrase_required: view.passphrase ?? false,
        recipient: [],
      }));
    });
  }
}

/** A scope the key lacks is OTS's 401. */
function requireOts(check: () => void): void {
  try {
    check();
  } catch {
    throw notAuthorized();
  }
}
