import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { type Principal, requestCaller, requireScope } from '../../auth/principal.js';
import { ApiError } from '../../errors.js';
import { notAuthorized, unknownSecret } from './errors.js';
import { type Fields, text, ttlSeconds } from './fields.js';
import { decodeSecretKey, encodeSecretKey } from './secret-key.js';

/**
 * The steps both API versions share, each through the secret service (never a store): a server-encrypted
 * create owned by the key's organisation, a key claim, a receipt and a burn, with OTS's errors.
 */
export function otsActions(ctx: AppContext) {
  const { config, service, rateLimits, accounts, hosts } = ctx;

  /** `value` as a new secret with the `passphrase` and `ttl` of `fields`; anonymous when the operator allows. */
  const create = async (
    request: FastifyRequest,
    principal: Principal | null,
    value: string,
    fields: Fields,
  ) => {
    if (principal === null) {
      if (!config.accounts.anonymousCreate) throw notAuthorized();
    } else {
      scoped(principal, 'secrets:create');
    }
    const { chargeCreate } = rateLimits;
    const created = await service.secrets.createFromText(
      value,
      { passphrase: text(fields, 'passphrase') },
      {
        ttlSeconds: ttlSeconds(fields, config),
        policy: principal === null ? null : await accounts.policyOf(principal.orgId),
        creatorIsMember: principal !== null && principal.role !== null,
        caller: requestCaller(request, principal),
      },
      chargeCreate === null ? undefined : (units) => chargeCreate(request, units),
    );
    if (principal !== null) await accounts.recordCreated(principal, created, { teamId: null, notify: false });
    // OTS's `share_domain`: the custom domain links to this secret belong on, or '' for the instance's own.
    const custom = await hosts.customLinkOrigin(request, principal?.orgId ?? null);
    const shareDomain = custom === null ? '' : new URL(custom).host;
    return { ...created, secretKey: encodeSecretKey(created.id, created.linkKey), shareDomain };
  };

  /** Reveals and burns (a key claim). Unknown, gone and a wrong passphrase are all OTS's 404. */
  const reveal = async (
    request: FastifyRequest,
    principal: Principal | null,
    secretKey: string,
    passphrase: string | undefined,
  ) => {
    const parts = decodeSecretKey(secretKey);
    if (parts === null) throw unknownSecret({ secret_key: secretKey });
    const { chargeClaim } = rateLimits;
    return service.secrets
      .claimWithKey(
        parts.id,
        parts.key,
        passphrase,
        chargeClaim === null ? undefined : (units) => chargeClaim(request, units),
        requestCaller(request, principal),
      )
      .catch((error: unknown) => {
        if (error instanceof ApiError && [400, 401, 403, 404, 410].includes(error.statusCode)) {
          throw unknownSecret({ secret_key: secretKey });
        }
        throw error;
      });
  };

  const receipt = (metadataKey: string) => service.secrets.receipt(metadataKey).catch(unknownReceipt);

  const burn = (request: FastifyRequest, principal: Principal | null, metadataKey: string) =>
    service.secrets.burn(metadataKey, requestCaller(request, principal)).catch(unknownReceipt);

  return { create, reveal, receipt, burn };
}

function unknownReceipt(error: unknown): never {
  if (error instanceof ApiError && error.code === 'receipt_not_found') throw unknownSecret();
  throw error;
}

/** A scope the key lacks is OTS's 401. */
export function scoped(principal: Principal, scope: Parameters<typeof requireScope>[1]): void {
  try {
    requireScope(principal, scope);
  } catch {
    throw notAuthorized();
  }
}
