import { createHash, randomInt } from 'node:crypto';
import type { OrgPolicy, Restrictions, VerificationReply } from '@burnlink/wire';
import { ApiError } from '../errors.js';
import type { Mailer } from '../mail/mailer.js';
import { verificationMail } from '../mail/verification-mail.js';
import {
  applyPolicy,
  checkAccess,
  decodeRestrictions,
  encodeRestrictions,
  type GeoIp,
  maskEmail,
  normaliseRestrictions,
  policyStoredExtras,
  type StoredRestrictions,
} from '../policies/index.js';
import type { Gate, PresentedProof, SecretStore } from '../stores/secret-store.js';
import { type Caller, type LifecycleEvents, type RefusalReason, withCaller } from './events.js';

/** A verification code works this long, for this many wrong tries; a secret may be sent this many codes. */
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_TRIES = 5;
export const CODES_PER_SECRET = 5;

export interface GateDeps {
  store: SecretStore;
  now: () => number;
  events: LifecycleEvents;
  /** The offline country database (`BURNLINK_GEOIP_DB`), or null: country rules are refused. */
  geoip: GeoIp | null;
  /** Sends verification codes, or null without `BURNLINK_SMTP_URL`: recipient rules are refused. */
  mailer: (() => Promise<Mailer>) | null;
  warn: (what: string, error: unknown) => void;
}

/** What the service knows of a create when it applies the organisation's policy. */
export interface AdmitFacts {
  ttlSeconds: number;
  maxViews: number;
  serverEncrypted: boolean;
  hasPassphrase: boolean;
  /** Code points of the NFC passphrase (server-encrypted only: the server never sees a client's). */
  passphraseLength: number | null;
}

/** The sender's restrictions and the organisation's rules for one create. */
export interface AdmitRequest {
  restrictions?: Restrictions | undefined;
  /** The creator's organisation's policy; null or absent for anonymous creates and open organisations. */
  policy?: OrgPolicy | null | undefined;
  /** False for a key whose creator is no longer a member (or has none): `members_only` refuses it. */
  creatorIsMember?: boolean | undefined;
  caller?: Caller | undefined;
}

/** SHA-256(`${secretId}:${code}`), b64u: what the store keeps of a code and what a claim presents. */
export function codeHash(secretId: string, code: string): string {
  return createHash('sha256').update(`${secretId}:${code}`).digest('base64url');
}

/**
 * The restrictions of secrets (docs/policies.md): what a create may ask for under its organisation's policy,
 * and the checks a claim or a code request passes before the store consumes anything. Every refusal emits
 * `secret.claim_refused` or `policy.violated`.
 */
export class RestrictionGate {
  readonly #d: GateDeps;

  constructor(deps: GateDeps) {
    this.#d = deps;
  }

  /** The restrictions a create stores (text for `NewSecret.restrictions`), or null; throws its refusals. */
  admit(request: AdmitRequest, facts: AdmitFacts): string | null {
    const policy = request.policy ?? null;
    let wanted = request.restrictions;
    if (policy !== null) {
      try {
        wanted = applyPolicy(policy, {
          ...facts,
          restrictions: request.restrictions,
          creatorIsMember: request.creatorIsMember ?? true,
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'policy_violation') {
          const orgId = request.caller?.orgId;
          if (orgId) {
            this.#d.events.emit({
              type: 'policy.violated',
              at: this.#d.now(),
              orgId,
              rule: error.extra.rule ?? 'policy',
              ...withCaller(request.caller),
            });
          }
        }
        throw error;
      }
    }
    const caps = { mail: this.#d.mailer !== null, geoip: this.#d.geoip !== null };
    const stored: StoredRestrictions | null =
      wanted === undefined ? null : normaliseRestrictions(wanted, caps);
    const extras = policy === null ? {} : policyStoredExtras(policy);
    if (stored === null && Object.keys(extras).length === 0) return null;
    return encodeRestrictions({ ...(stored ?? { v: 1 }), ...extras });
  }

  /**
   * A claim of a restricted secret (`restrictions` as the store answered them): checks network, country and
   * office hours, then asks for the code when the secret has recipients. Answers the gate to claim with.
   */
  gateFor(
    id: string,
    text: string,
    request: { caller?: Caller | undefined; verificationCode?: string | undefined; keyClaim?: boolean },
  ): Gate {
    const restrictions = decodeRestrictions(text);
    if (request.keyClaim && restrictions.noKeyClaim) this.#refuse(id, 'key_claim_disabled', request.caller);
    this.#checkAccess(id, restrictions, request.caller);
    if (restrictions.recipients === undefined) return { codeHash: null };
    if (request.verificationCode === undefined) {
      this.#refuse(id, 'recipient_verification_required', request.caller);
    }
    return { codeHash: codeHash(id, request.verificationCode) };
  }

  /** A wrong, used or expired code: the refusal, with the code's tries left. */
  codeInvalid(id: string, triesLeft: number, caller: Caller | undefined): never {
    this.#refuse(id, 'verification_code_invalid', caller, { attempts_left: triesLeft });
  }

  /**
   * Mails a new code to the recipient at `index` (of the peek's hints). Checks the secret's other
   * restrictions first, so no code goes out for a claim that would be refused anyway.
   */
  async sendCode(
    id: string,
    index: number,
    proof: PresentedProof,
    request: { caller?: Caller | undefined; locale: Parameters<typeof verificationMail>[3] },
  ): Promise<VerificationReply> {
    const { store, now, events } = this.#d;
    const at = now();
    const info = await store.peek(id, at);
    if (info === null) throw new ApiError('secret_not_found');
    const restrictions = info.restrictions === null ? null : decodeRestrictions(info.restrictions);
    const recipients = restrictions?.recipients;
    if (restrictions === null || recipients === undefined) throw new ApiError('verification_not_required');
    this.#checkAccess(id, restrictions, request.caller);
    const to = recipients[index];
    if (to === undefined) {
      throw new ApiError(
        'invalid_request',
        `recipient must be the index of one of this secret's ${recipients.length} recipients: 0 to ${recipients.length - 1}.`,
      );
    }
    if (this.#d.mailer === null) throw new ApiError('mail_unavailable');
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const expiresAt = at + CODE_TTL_MS;
    const issued = await store.issueCode(
      id,
      { hash: codeHash(id, code), expiresAt, tries: CODE_TRIES },
      at,
      CODES_PER_SECRET,
      proof,
    );
    // A proof without the link is answered like a secret that does not exist (DESIGN §2 promise 2).
    if (issued === 'not_found') throw new ApiError('secret_not_found');
    if (issued === 'limit') throw new ApiError('verification_code_limit');
    try {
      const mailer = await this.#d.mailer();
      await mailer.send(verificationMail(to, code, CODE_TTL_MS, request.locale));
    } catch (error) {
      this.#d.warn('a verification code could not be mailed', error);
      throw new ApiError('mail_unavailable');
    }
    events.emit({ type: 'secret.verification_sent', secretId: id, at, ...withCaller(request.caller) });
    return {
      sent_to: maskEmail(to),
      expires_at: new Date(expiresAt).toISOString(),
      tries: CODE_TRIES,
    };
  }

  #checkAccess(id: string, restrictions: StoredRestrictions, caller: Caller | undefined): void {
    const refusal = checkAccess(restrictions, {
      ip: caller?.ip ?? null,
      now: this.#d.now(),
      geoip: this.#d.geoip,
    });
    if (refusal === null) return;
    this.#refuse(
      id,
      refusal.code,
      caller,
      refusal.opensAt === undefined ? {} : { opens_at: new Date(refusal.opensAt).toISOString() },
    );
  }

  #refuse(
    id: string,
    reason: RefusalReason,
    caller: Caller | undefined,
    extra: ApiError['extra'] = {},
  ): never {
    this.#d.events.emit({
      type: 'secret.claim_refused',
      secretId: id,
      at: this.#d.now(),
      reason,
      ...withCaller(caller),
    });
    throw new ApiError(reason, undefined, extra);
  }
}
