import { generatePassword } from '@burnlink/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../app-context.js';
import { otsActions, scoped } from './actions.js';
import { type OtsCaller, otsCaller } from './auth.js';
import { notAuthorized, OtsError } from './errors.js';
import { fieldsOf, recipients, text } from './fields.js';
import { metadataObject, otsState } from './shapes.js';

/** Compat routes are described in docs/ots-compat.md, not in the OpenAPI document of burnlink's API. */
export const HIDDEN = { schema: { hide: true } };
/** The length of a generated secret, as OTS makes them. */
export const GENERATED_LENGTH = 12;
/** OTS's receipt paths: `private` and `metadata` (older), `receipt` (newer); each with `/burn` and `recent`. */
const RECEIPT_BASES = ['/api/v1/private', '/api/v1/receipt', '/api/v1/metadata'];

/** Onetime Secret API v1 (docs/ots-compat.md). */
export function registerOtsV1(routes: App, ctx: AppContext): void {
  const app = routes as unknown as FastifyInstance;
  const { config, rateLimits, auth, accounts } = ctx;
  const actions = otsActions(ctx);
  const lookup = { onRequest: rateLimits.lookupGuard, onResponse: rateLimits.lookupCount };
  // As the native create: the caller is known (a bad key refused) before the create limit counts.
  const createLimits = [
    async (request: FastifyRequest) => {
      await otsCaller(auth, request);
    },
    ...rateLimits.create,
  ];

  const metadata = async (custid: string, metadataKey: string) =>
    metadataObject(
      custid,
      metadataKey,
      await actions.receipt(metadataKey),
      ctx.now(),
      config.receiptRetentionMs,
    );

  /** share and generate: the metadata object with the secret_key, which only this answer carries. */
  const share = async (request: FastifyRequest, value: string, who: OtsCaller) => {
    const fields = fieldsOf(request.body);
    const created = await actions.create(request, who.principal, value, fields);
    return {
      ...(await metadata(who.custid, created.receipt)),
      secret_key: created.secretKey,
      share_domain: created.shareDomain,
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
      const passphrase = text(fieldsOf(request.body), 'passphrase');
      const { principal } = await otsCaller(auth, request);
      const opened = await actions.reveal(request, principal, secretKey, passphrase);
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

    app.post<{ Params: { key: string } }>(`${base}/:key/burn`, { ...HIDDEN, ...lookup }, async (request) => {
      const who = await otsCaller(auth, request);
      const { key } = request.params;
      await actions.burn(request, who.principal, key);
      return { state: await metadata(who.custid, key) };
    });

    app.get(`${base}/recent`, HIDDEN, async (request) => {
      const { principal, custid } = await otsCaller(auth, request);
      if (principal === null) throw notAuthorized();
      scoped(principal, 'secrets:list');
      const page = await accounts.listSecrets(principal, { scope: 'own' });
      const now = ctx.now();
      // The store keeps only a receipt's hash: a listing can name the secret, never its metadata_key.
      return page.secrets.map((view) => ({
        custid,
        secret_shortkey: view.secret.secretId,
        state: otsState(view.state),
        created: Math.floor(view.secret.createdAt / 1000),
        updated: Math.floor((view.viewedAt.at(-1) ?? view.secret.createdAt) / 1000),
        ...(view.state === 'pending'
          ? { secret_ttl: Math.max(0, Math.floor((view.secret.expiresAt - now) / 1000)) }
          : {}),
        passphrase_required: view.passphrase ?? false,
        recipient: [],
      }));
    });
  }
}
