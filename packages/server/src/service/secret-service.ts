import {
  DEFAULT_MAX_VIEWS,
  deriveKeys,
  KDF_DEFAULT_ITERATIONS,
  KDF_MIN_ITERATIONS,
  type KdfParams,
  type SecretContext,
} from '@burnlink/core';
import type { VerificationReply } from '@burnlink/wire';
import type { BlobStore } from '../blobs/blob-store.js';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../errors.js';
import type { Mailer } from '../mail/mailer.js';
import type { mailLocale } from '../mail/verification-mail.js';
import type { GeoIp } from '../policies/index.js';
import { checkFileLimits } from '../routes/file-limits.js';
import { openOnServer, type ServerDerivations } from '../server-envelope.js';
import type { SecretAndRequestStore } from '../stores/request-store.js';
import type {
  ClaimOutcome,
  FileRef,
  NewSecret,
  PresentedProof,
  ReceiptInfo,
  SecretInfo,
} from '../stores/secret-store.js';
import { StoreUnavailableError } from '../stores/secret-store.js';
import { newGrant, newRandomId, receiptHash, tokenVerifier } from '../tokens.js';
import { deleteBlobsAfterRecords } from './blob-cleanup.js';
import { belowWatermark, type DiskSpaceProbe } from './disk-space.js';
import { type Caller, type LifecycleEvents, withCaller } from './events.js';
import type { KdfPool } from './kdf-pool.js';
import { type AdmitFacts, type AdmitRequest, RestrictionGate } from './restriction-gate.js';

/** What the service needs; explicit so tests can hand in their own clock, stores and subscribers. */
export interface ServiceDeps {
  config: ServerConfig;
  /** Secrets and requests (`stores/request-store.ts`): the request service calls the same store. */
  store: SecretAndRequestStore;
  blobs: BlobStore;
  now: () => number;
  events: LifecycleEvents;
  /** Failures that do not change an answer (a blob left for the sweeper). Event types only, never data. */
  warn: (what: string, error: unknown) => void;
  /** Bounds the server-side PBKDF2 runs (key claims, server-encrypted creates with a passphrase). */
  kdfPool: KdfPool;
  /** The steps that derive keys on the server; tests swap in a slow pair. */
  derivations: ServerDerivations;
  /**
   * The blob volume's free space (`statfsProbe` on an `fs:` store's directory, cached); null when the blob
   * store has no volume of its own (`memory:`, `postgres://…`): then no watermark applies.
   */
  diskSpace: DiskSpaceProbe | null;
  /** The offline country database (`BURNLINK_GEOIP_DB`), or null: country rules are refused. */
  geoip: GeoIp | null;
  /** Opens the mailer for verification codes, or null without `BURNLINK_SMTP_URL`. */
  mailer: (() => Promise<Mailer>) | null;
}

/**
 * Throws 507 `insufficient_storage` when the blob volume is below `config.files.minFreeSpace`: checked before
 * a create that declares files and before an upload PATCH writes (a PATCH already writing may run past it by
 * what it carries: the check is per request, not per chunk).
 */
export async function refuseBelowWatermark(deps: ServiceDeps, message: string): Promise<void> {
  if (deps.diskSpace === null) return;
  const space = await deps.diskSpace().catch((error: unknown) => {
    throw new StoreUnavailableError('the blob volume cannot be measured', { cause: error });
  });
  if (belowWatermark(space, deps.config.files.minFreeSpace))
    throw new ApiError('insufficient_storage', message);
}

/**
 * What a server-side derivation of `iterations` costs against the client's claim budget: one claim per
 * started 100000 iterations (the protocol's minimum), so 600000 counts as 6. Without a passphrase (HKDF only)
 * a key claim costs what a token claim costs: 1.
 */
export function derivationCost(iterations: number | null): number {
  return iterations === null ? 1 : Math.max(1, Math.ceil(iterations / KDF_MIN_ITERATIONS));
}

/** Counts `units` more requests (claims or creates) for this client; throws `rate_limited` past its budget. */
export type ChargeRequests = (units: number) => Promise<void>;

/** The client-encrypted fields of a create (protocol v1 step 6), already decoded. */
export interface SealedSecret {
  verifier: Uint8Array;
  linkVerifier: Uint8Array | null;
  kdf: KdfParams | null;
  content: Uint8Array;
}

export interface CreateOptions extends AdmitRequest {
  ttlSeconds?: number | undefined;
  maxViews?: number | undefined;
  /** Ciphertext sizes of the files to upload; the secret is staged until every one is complete. */
  fileSizes?: number[] | undefined;
}

/** What a claim brings besides its proof: the mailed code of a secret with recipients. */
export interface ClaimExtras {
  verificationCode?: string | undefined;
}

export interface Created {
  id: string;
  /** The receipt token: returned once to the sender, only its SHA-256 is stored. */
  receipt: string;
  expiresAt: number;
  /** One upload per file, in payload order (empty for text). */
  files: FileRef[];
}

export interface Claimed {
  content: Uint8Array;
  viewsLeft: number;
  files: FileRef[];
  /** The download grant for `files` (the token goes to the client only), or null without files. */
  grant: { token: string; expiresAt: number } | null;
}

/**
 * The secret lifecycle's text steps — create, peek, claim, receipt, burn — over ONE SecretStore call each
 * (see stores/secret-store.ts for what each makes atomic). Events are emitted after the store committed.
 * Files are staged by `create` and continue in `UploadService` and `DownloadService`.
 *
 * Crash between parts: create/peek/claim/receipt are one store call each, so a crash leaves the step done or
 * not done. burn deletes records first (one call), bytes after: a crash in between leaves bytes without a
 * record, which the sweeper deletes (`sweepOrphans`).
 */
export class SecretService {
  readonly #d: ServiceDeps;
  readonly #gate: RestrictionGate;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
    this.#gate = new RestrictionGate(deps);
  }

  /**
   * Stores a client-encrypted secret; with `fileSizes`, staged until its uploads complete. Restrictions and the
   * organisation's policy are checked first (`policy_violation`, `invalid_restrictions`).
   */
  async create(sealed: SealedSecret, given: CreateOptions = {}): Promise<Created> {
    const options = this.#withinPolicy(given);
    const restrictions = this.#admit(options, {
      serverEncrypted: false,
      hasPassphrase: sealed.kdf !== null,
      passphraseLength: null,
    });
    return this.#create(sealed, options, restrictions);
  }

  /**
   * A lifetime or view count left unset takes the server's default, lowered to the organisation's maximum
   * (a set one above it is refused by the policy instead).
   */
  #withinPolicy(options: CreateOptions): CreateOptions {
    const policy = options.policy;
    if (!policy) return options;
    const { config } = this.#d;
    const ttlSeconds =
      options.ttlSeconds ?? Math.min(config.ttl.defaultSeconds, policy.max_ttl ?? Number.POSITIVE_INFINITY);
    const maxViews =
      options.maxViews ??
      Math.min(DEFAULT_MAX_VIEWS, config.maxViews, policy.max_views ?? Number.POSITIVE_INFINITY);
    return { ...options, ttlSeconds, maxViews };
  }

  #admit(options: CreateOptions, facts: Omit<AdmitFacts, 'ttlSeconds' | 'maxViews'>): string | null {
    const { config } = this.#d;
    return this.#gate.admit(options, {
      ...facts,
      ttlSeconds: options.ttlSeconds ?? config.ttl.defaultSeconds,
      maxViews: options.maxViews ?? Math.min(DEFAULT_MAX_VIEWS, config.maxViews),
    });
  }

  async #create(sealed: SealedSecret, options: CreateOptions, restrictions: string | null): Promise<Created> {
    const { config, store, now } = this.#d;
    const at = now();
    const receipt = newRandomId();
    const secret = await this.draft(sealed, options.fileSizes ?? [], {
      id: newRandomId(),
      createdAt: at,
      expiresAt: at + (options.ttlSeconds ?? config.ttl.defaultSeconds) * 1000,
      maxViews: options.maxViews ?? Math.min(DEFAULT_MAX_VIEWS, config.maxViews),
      receiptHash: receiptHash(receipt),
      restrictions,
    });
    await store.create(secret);
    const { id, files, expiresAt, maxViews } = secret;
    this.#d.events.emit({
      type: 'secret.created',
      secretId: id,
      at,
      files: files.length,
      expiresAt,
      maxViews,
      ...withCaller(options.caller),
    });
    return { id, receipt, expiresAt, files };
  }

  /**
   * The record of a client-encrypted secret, checked as every create is (the file count and sizes, the blob
   * volume's watermark) but not stored: `create` stores it, and a request's response stores it in the same
   * atomic step that answers the request (service/request-service.ts). With `fileSizes` it is staged until
   * its uploads complete; each file gets its upload id here.
   */
  async draft(
    sealed: SealedSecret,
    fileSizes: number[],
    fixed: Pick<NewSecret, 'id' | 'createdAt' | 'expiresAt' | 'maxViews' | 'receiptHash' | 'restrictions'>,
  ): Promise<NewSecret> {
    const { config } = this.#d;
    if (fileSizes.length > 0) {
      checkFileLimits(fileSizes, config.files);
      await refuseBelowWatermark(
        this.#d,
        'The server is low on file storage (below its free-space watermark): no secret was created. Retry later, or send without files.',
      );
    }
    return {
      ...fixed,
      ...sealed,
      files: fileSizes.map((size) => ({ id: newRandomId(), size })),
      maxAttempts: config.maxAttempts,
      receiptRetentionMs: config.receiptRetentionMs,
      // Abandoned uploads expire (BURNLINK_UPLOAD_STALE_AFTER): see SecretStore, "Upload deadline".
      uploadIdleMs: config.files.uploadStaleAfterMs,
    };
  }

  /** Server-encrypted mode (DESIGN §3.8): encrypts `text` in memory; the link key goes into the link only. */
  async createFromText(
    text: string,
    secret: { passphrase?: string | undefined; context?: SecretContext | undefined },
    given: CreateOptions = {},
    charge?: ChargeRequests,
  ): Promise<Created & { linkKey: Uint8Array }> {
    if (!this.#d.config.serverEncryption) throw new ApiError('server_encryption_disabled');
    const options = this.#withinPolicy(given);
    const restrictions = this.#admit(options, {
      serverEncrypted: true,
      hasPassphrase: Boolean(secret.passphrase),
      passphraseLength: secret.passphrase ? [...secret.passphrase.normalize('NFC')].length : null,
    });
    return this.#seal(text, secret, options, charge, restrictions);
  }

  /**
   * `createFromText` for text the server itself sends (an invite link), whatever `BURNLINK_SERVER_ENCRYPTION`
   * says: that switch is about plaintext from clients.
   */
  sealOnServer(
    text: string,
    secret: { passphrase?: string | undefined; context?: SecretContext | undefined },
    options: CreateOptions = {},
    charge?: ChargeRequests,
  ): Promise<Created & { linkKey: Uint8Array }> {
    return this.#seal(text, secret, options, charge, null);
  }

  async #seal(
    text: string,
    secret: { passphrase?: string | undefined; context?: SecretContext | undefined },
    options: CreateOptions,
    charge: ChargeRequests | undefined,
    restrictions: string | null,
  ): Promise<Created & { linkKey: Uint8Array }> {
    const { config } = this.#d;
    if (Buffer.byteLength(text, 'utf8') > config.maxContentBytes) {
      throw new ApiError(
        'content_too_large',
        `text is larger than ${config.maxContentBytes} bytes, the most this server accepts.`,
      );
    }
    const iterations = Math.min(KDF_DEFAULT_ITERATIONS, config.kdf.maxIterations);
    const seal = () =>
      this.#d.derivations.seal(text, {
        ...(secret.passphrase !== undefined ? { passphrase: secret.passphrase, iterations } : {}),
        ...(secret.context !== undefined ? { context: secret.context } : {}),
      });
    // Only a passphrase means PBKDF2; without one sealing is HKDF and AES, cheaper than the request itself.
    // Charged like a key claim, to the create budget (the request itself was counted once already).
    if (secret.passphrase && charge !== undefined) await charge(derivationCost(iterations) - 1);
    const { linkKey, ...sealed } = secret.passphrase ? await this.#d.kdfPool.run(seal) : await seal();
    const created = await this.#create(sealed, { ...options, fileSizes: [] }, restrictions);
    return { ...created, linkKey };
  }

  /** Public, non-consuming information about a live secret. */
  async peek(id: string): Promise<SecretInfo> {
    const info = await this.#d.store.peek(id, this.#d.now());
    if (info === null) throw new ApiError('secret_not_found');
    return info;
  }

  /** Protocol v1 step 7: the client presents the access token (and the link token with a passphrase). */
  async claim(
    id: string,
    tokens: { token: string; linkToken?: string | undefined },
    caller?: Caller,
    extras: ClaimExtras = {},
  ): Promise<Claimed> {
    return this.#claim(
      id,
      {
        verifier: tokenVerifier(tokens.token),
        linkVerifier: tokens.linkToken === undefined ? null : tokenVerifier(tokens.linkToken),
      },
      caller,
      extras,
    );
  }

  /**
   * Mails a verification code to one of a restricted secret's recipients (docs/policies.md). The request proves
   * it holds the link: the access token (no passphrase), the link token (passphrase), or the link key itself.
   */
  async sendVerificationCode(
    id: string,
    recipient: number,
    link: { token?: string | undefined; linkToken?: string | undefined; key?: Uint8Array | undefined },
    request: { caller?: Caller | undefined; locale: ReturnType<typeof mailLocale> },
  ): Promise<VerificationReply> {
    const given = [link.token, link.linkToken, link.key].filter((part) => part !== undefined).length;
    if (given !== 1) {
      throw new ApiError(
        'invalid_request',
        'Send exactly one of token (a secret without a passphrase), link_token (with one) or key.',
      );
    }
    let proof: PresentedProof;
    if (link.key !== undefined) {
      // HKDF only: the link token, and the access token a secret without a passphrase has.
      const keys = await deriveKeys(link.key, null);
      proof = { verifier: keys.verifier, linkVerifier: keys.linkVerifier };
    } else {
      proof = {
        verifier: link.token === undefined ? new Uint8Array(32) : tokenVerifier(link.token),
        linkVerifier: link.linkToken === undefined ? null : tokenVerifier(link.linkToken),
      };
    }
    return this.#gate.sendCode(id, recipient, proof, request);
  }

  /**
   * The key claim (curl): derives the tokens in memory, claims, and decrypts the content for the caller.
   * Everything that can refuse — files, a KDF above the server's bound, a missing passphrase, the client's
   * claim budget (`charge`, by `derivationCost`), a full KDF pool — refuses before the claim consumes anything.
   */
  async claimWithKey(
    id: string,
    key: Uint8Array,
    passphrase: string | undefined,
    charge?: ChargeRequests,
    caller?: Caller,
    extras: ClaimExtras = {},
  ) {
    const { config, kdfPool, derivations } = this.#d;
    if (!config.keyClaim) throw new ApiError('key_claim_disabled');
    const info = await this.peek(id);
    // Restrictions refuse before the server derives anything; the claim then presents this gate at once.
    const gate =
      info.restrictions === null
        ? undefined
        : this.#gate.gateFor(id, info.restrictions, { caller, ...extras, keyClaim: true });
    // Nothing may be consumed for a client that cannot decrypt files.
    if (info.files.length > 0) throw new ApiError('files_need_client');
    if (info.kdf !== null && info.kdf.iterations > config.kdf.maxIterations)
      throw new ApiError('kdf_too_costly');
    if (info.kdf !== null && passphrase === undefined) throw new ApiError('passphrase_required');
    const cost = derivationCost(info.kdf === null ? null : info.kdf.iterations);
    // The request itself was counted once already (the route's onRequest hook).
    if (charge !== undefined && cost > 1) await charge(cost - 1);
    const derive = () => derivations.access(key, info.kdf, passphrase);
    const access = info.kdf === null ? await derive() : await kdfPool.run(derive);
    const claimed = await this.#claim(
      id,
      {
        verifier: tokenVerifier(access.token),
        linkVerifier: access.linkToken === null ? null : tokenVerifier(access.linkToken),
        gate,
      },
      caller,
      extras,
    );
    return { ...(await openOnServer(claimed.content, access.contentKey)), viewsLeft: claimed.viewsLeft };
  }

  async receipt(receipt: string): Promise<ReceiptInfo> {
    const info = await this.receiptByHash(receiptHash(receipt));
    if (info === null) throw new ApiError('receipt_not_found');
    return info;
  }

  /** The receipt the store keeps under `hash` (what an owner's listing holds), or null past retention. */
  receiptByHash(hash: string): Promise<ReceiptInfo | null> {
    return this.#d.store.receipt(hash, this.#d.now());
  }

  /** Burns the secret now, staged or live, with every file (also those a recipient holds a grant for). */
  async burn(receipt: string, caller?: Caller): Promise<void> {
    if (!(await this.burnByHash(receiptHash(receipt), caller))) throw new ApiError('receipt_not_found');
  }

  /** `burn` by the receipt's hash; false when the store knows no such receipt (past retention). */
  async burnByHash(hash: string, caller?: Caller): Promise<boolean> {
    return (await this.burnOutcome(hash, caller)).known;
  }

  /** `burnByHash`, also telling whether this call ended a secret that was still pending. */
  async burnOutcome(hash: string, caller?: Caller): Promise<{ known: boolean; ended: boolean }> {
    const at = this.#d.now();
    const outcome = await this.#d.store.burn(hash, at);
    if (!outcome.known) return { known: false, ended: false };
    await deleteBlobsAfterRecords(this.#d, outcome.blobIds);
    if (outcome.ended && outcome.secretId !== null) {
      this.#d.events.emit({
        type: 'secret.burned',
        secretId: outcome.secretId,
        at,
        ...withCaller(caller),
      });
    }
    return { known: true, ended: outcome.ended };
  }

  async #claim(
    id: string,
    proof: PresentedProof,
    caller: Caller | undefined,
    extras: ClaimExtras,
  ): Promise<Claimed> {
    const { config, store, now, events } = this.#d;
    const at = now();
    // Drawn for every claim: the store creates it only for a secret with files, in the claim's own step.
    const grant = newGrant();
    const grantExpiresAt = at + config.files.grantTtlMs;
    const newGrantOf = { hash: grant.hash, expiresAt: grantExpiresAt };
    let outcome: ClaimOutcome = await store.claim(id, proof, at, newGrantOf);
    if (outcome.status === 'restricted') {
      // Nothing was consumed: check the restrictions, then claim again through the gate (docs/policies.md).
      const gate = this.#gate.gateFor(id, outcome.restrictions, { caller, ...extras });
      outcome = await store.claim(id, { ...proof, gate }, at, newGrantOf);
    }
    switch (outcome.status) {
      case 'ok':
        events.emit({
          type: 'secret.viewed',
          secretId: id,
          at,
          viewsLeft: outcome.viewsLeft,
          files: outcome.files.length,
          ...withCaller(caller),
        });
        return {
          content: outcome.content,
          viewsLeft: outcome.viewsLeft,
          files: outcome.files,
          grant: outcome.files.length > 0 ? { token: grant.token, expiresAt: grantExpiresAt } : null,
        };
      case 'wrong_token':
        events.emit({
          type: 'secret.claim_failed',
          secretId: id,
          at,
          attemptsLeft: outcome.attemptsLeft,
          ...withCaller(caller),
        });
        throw new ApiError('wrong_passphrase', undefined, { attempts_left: outcome.attemptsLeft });
      case 'locked':
        await deleteBlobsAfterRecords(this.#d, outcome.blobIds);
        events.emit({ type: 'secret.locked', secretId: id, at, ...withCaller(caller) });
        throw new ApiError('secret_locked');
      case 'code_invalid':
        return this.#gate.codeInvalid(id, outcome.triesLeft, caller);
      default:
        throw new ApiError('secret_not_found');
    }
  }
}
