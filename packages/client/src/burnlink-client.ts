import {
  deriveAccess,
  deriveKeys,
  fromBase64Url,
  openSecret,
  type SecretPayload,
  toBase64Url,
} from '@burnlink/core';
import type { ClaimBody, VerificationBody } from '@burnlink/wire';
import type {
  AccountRequest,
  CreatedKey,
  CreateKeyOptions,
  Done,
  KeyList,
  ListSecretsOptions,
  Me,
  SecretList,
} from './accounts.js';
import { normalizeBaseUrl } from './base-url.js';
import { revealedFiles } from './files/revealed-files.js';
import {
  type FetchLike,
  failureFromAnswer,
  type HttpMethod,
  isFailure,
  request,
  unexpected,
} from './http.js';
import { idTarget, receiptTarget, secretTarget } from './link-targets.js';
import { decodeConfig, decodePeek, decodeReceipt, decodeVerification, isTokenClaimReply } from './replies.js';
import type { CreateRequestOptions, RequestContext, RespondInput, RespondOptions } from './request-calls.js';
import type {
  CreatedRequest,
  InboxStatus,
  OpenedRequest,
  RequestReceipt,
  Responded,
} from './request-results.js';
import type {
  Burned,
  Failure,
  OrgPolicy,
  ReceiptStatus,
  RevealedSecret,
  SecretInfo,
  SentSecret,
  ServerLimits,
  VerificationReply,
} from './results.js';
import { type SendOptions, sendSecret } from './send-secret.js';

/** How long `send` trusts the organisation's policy it read with `config()`. */
const POLICY_MAX_AGE_MS = 60_000;

/**
 * The accounts API is loaded on first use: a browser bundle that never calls it (the web app has its own
 * account pages) keeps it out of its first load.
 */
const accountsApi = () => import('./accounts.js');
/** "Request a secret" brings HPKE: loaded on the first request call, so other bundles leave it out. */
const requestsApi = () => import('./request-calls.js');

export type { SendOptions } from './send-secret.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The server, e.g. `https://burn.example.com` (a path prefix is allowed). New links start with it. */
  baseUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Per request; defaults to 30 000 ms. */
  timeoutMs?: number;
  /**
   * An API key (`bl_…`, docs/teams.md), sent as `Authorization: Bearer` to `baseUrl` only — never to a
   * server named by a link. Secrets sent with it belong to its organisation; the account calls need it.
   */
  apiKey?: string;
}

/** A passphrase, or a function asked for one only when the secret turns out to need it. */
export type PassphraseSource = string | (() => Promise<string | null | undefined>);

/** Options of {@link BurnlinkClient.reveal}. */
export interface RevealOptions {
  passphrase?: PassphraseSource;
  /**
   * The 6-digit code mailed by {@link BurnlinkClient.requestVerificationCode}, for a secret whose peek says
   * `requires.verification`. Without it such a secret answers `verification_required` (nothing consumed).
   */
  verificationCode?: string;
}

/**
 * The burnlink SDK: every call does the protocol work locally (keys, passphrase KDF, encryption) and talks to
 * the HTTP API. The link key never leaves this process: only ids, derived tokens, verifiers and ciphertext are
 * sent. Every method answers with a discriminated result (`ok: true` … or a {@link Failure}); none throws for
 * an API or network problem.
 *
 * Calls taking a link talk to the server named by the link (a link names its server); calls taking a bare
 * id or receipt talk to `baseUrl`.
 *
 * @example
 * ```ts
 * const client = new BurnlinkClient({ baseUrl: 'http://127.0.0.1:8080' });
 * const sent = await client.send({ text: 's3cret', ttl: 3600 });
 * if (!sent.ok) throw new Error(sent.message);
 * const got = await client.reveal(sent.link);
 * if (got.ok) console.log(got.payload.text); // 's3cret'
 * ```
 */
export class BurnlinkClient {
  readonly baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  readonly #authorization: string | undefined;
  /** What the request calls (loaded on first use) need from this client. */
  readonly #requests: RequestContext;
  /** The organisation's policy as `config()` last read it with the key, and when (for `send`). */
  #policy: { policy: OrgPolicy | null; at: number } | null = null;

  /**
   * Throws a `TypeError` when `baseUrl` is not an http(s) URL, or `apiKey` is empty or has spaces or control
   * characters (programming errors, not results).
   */
  constructor(options: ClientOptions) {
    const base = normalizeBaseUrl(options.baseUrl);
    if (base === null) throw new TypeError('baseUrl must be an http:// or https:// URL');
    if (options.apiKey !== undefined && !/^[\x21-\x7e]+$/.test(options.apiKey)) {
      throw new TypeError('apiKey must be a key such as bl_…, without spaces or line breaks');
    }
    this.baseUrl = base;
    this.#authorization = options.apiKey === undefined ? undefined : `Bearer ${options.apiKey}`;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#requests = {
      baseUrl: base,
      fetch: this.#fetch,
      timeoutMs: this.#timeoutMs,
      call: (...args) => this.#request(...args),
    };
  }

  /**
   * Encrypts locally and creates a secret. The returned `link` holds the key in its fragment.
   *
   * With `files`, each file is encrypted as its own stream while it is read and uploaded in `chunkBytes`
   * PATCH requests (tus), resuming at the last complete record after a dropped connection. The result is
   * `ok` only once the server confirmed the last byte (the secret exists from then on); `signal` cancels
   * and deletes the unfinished secret.
   *
   * With an API key, the organisation's passphrase rules (`passphrase_required`, `passphrase_min_length`) are
   * checked first, from the policy `config()` reads (at most once a minute): the server cannot see the length
   * of a passphrase it does not encrypt with. A breach is `invalid_request` with code `policy_violation` and
   * `rule`, as the server answers the rules it checks itself.
   *
   * @example
   * ```ts
   * const sent = await client.send({ text: 'hunter2', context: { username: 'ada' }, ttl: 600, passphrase: 'pw' });
   * if (sent.ok) console.log(sent.link, sent.receiptLink, sent.expiresAt);
   * const withFile = await client.send({ files: [fileSourceFromBlob(file)], onProgress: (p) => show(p) });
   * ```
   */
  async send(options: SendOptions): Promise<SentSecret | Failure> {
    const refused = await this.#checkPassphrasePolicy(options.passphrase);
    if (refused !== null) return refused;
    return sendSecret(
      {
        baseUrl: this.baseUrl,
        fetch: this.#fetch,
        timeoutMs: this.#timeoutMs,
        request: (path, method, json, signal) => this.#request(this.baseUrl, path, method, json, signal),
      },
      options,
    );
  }

  /**
   * Public information about a secret without consuming it: whether it still exists, needs a passphrase, …
   *
   * @example
   * ```ts
   * const info = await client.peek('https://burn.example.com/s/ID#KEY'); // or a bare id
   * if (info.ok) console.log(info.viewsLeft, info.passphrase);
   * ```
   */
  async peek(linkOrId: string): Promise<SecretInfo | Failure> {
    const target = idTarget(linkOrId, this.baseUrl);
    if ('ok' in target) return target;
    return this.#peek(target.base, target.id);
  }

  /**
   * Reveals (consumes one view of) a secret: peeks for its KDF parameters, derives the access token from the
   * link key (and passphrase), claims, and decrypts. Asks `passphrase` only when the secret needs one; without
   * one it answers `passphrase_required` and consumes nothing.
   *
   * @example
   * ```ts
   * const r = await client.reveal(link, { passphrase: async () => prompt('Passphrase') });
   * if (r.ok) use(r.payload.text, r.payload.context);
   * else if (r.reason === 'wrong_passphrase') console.error(r.message); // attempts left in r.attemptsLeft
   * ```
   */
  async reveal(link: string, options: RevealOptions = {}): Promise<RevealedSecret | Failure> {
    const parsed = secretTarget(link);
    if ('ok' in parsed) return parsed;
    const info = await this.#peek(parsed.origin, parsed.id);
    if (!info.ok) return info;
    return this.#claim(parsed.origin, parsed.id, parsed.key, info, options);
  }

  /**
   * Claims and decrypts a secret whose link key is known: `reveal`'s work after the peek, and
   * `readResponse`'s after the inbox (a response is a secret under the request's id).
   */
  async #claim(
    origin: string,
    id: string,
    key: Uint8Array,
    info: SecretInfo,
    options: RevealOptions,
  ): Promise<RevealedSecret | Failure> {
    const parsed = { origin, id, key };
    // Before the passphrase is asked for or stretched: without a code the claim cannot succeed.
    if (info.requires.verification !== null && options.verificationCode === undefined) {
      return {
        ok: false,
        reason: 'verification_required',
        message:
          'this secret opens only for a verified recipient: request a code and give it (nothing was consumed)',
      };
    }
    let passphrase: string | undefined;
    if (info.kdf !== null) {
      const source = options.passphrase;
      const given = typeof source === 'function' ? await source() : source;
      if (given === undefined || given === null || given === '') {
        return {
          ok: false,
          reason: 'passphrase_required',
          message: 'this secret is protected by a passphrase; none was given (nothing was consumed)',
        };
      }
      passphrase = given;
    }
    const access = await deriveAccess(parsed.key, info.kdf, passphrase);
    const json: ClaimBody = { token: access.token };
    if (access.linkToken !== null) json.link_token = access.linkToken;
    if (options.verificationCode !== undefined) json.verification_code = options.verificationCode;
    const answer = await this.#request(parsed.origin, `/api/v1/secrets/${parsed.id}/claim`, 'POST', json);
    if (isFailure(answer)) return answer;
    if (answer.status !== 200) return failureFromAnswer(answer, 'secret');
    const claimed = answer.body;
    if (!isTokenClaimReply(claimed)) return unexpected('answer to claim');
    let payload: SecretPayload;
    try {
      payload = await openSecret(fromBase64Url(claimed.content), access.contentKey);
    } catch {
      return {
        ok: false,
        reason: 'decrypt_failed',
        message:
          'the secret could not be decrypted with this link: the content is damaged or was tampered with',
      };
    }
    const files = revealedFiles({
      fetch: this.#fetch,
      base: parsed.origin,
      timeoutMs: this.#timeoutMs,
      contentKey: access.contentKey,
      metas: payload.files ?? [],
      claimed: claimed.files ?? [],
      grant: claimed.grant ?? null,
    });
    if (files === null) return unexpected('file list (it does not match the secret)');
    return {
      ok: true,
      payload,
      viewsLeft: claimed.views_left,
      files,
      grantExpiresAt: files.length > 0 ? (claimed.grant_expires_at ?? null) : null,
    };
  }

  /**
   * Recipient verification: asks the server to mail a 6-digit code to the recipient at index `recipient` of
   * the peek's `requires.verification.recipients` (the masked hints). The code is valid 10 minutes for 5
   * tries; pass it to {@link reveal} as `verificationCode`. The request proves it holds the link with a token
   * derived from the link key (the access token, or the link token for a passphrase secret: no passphrase is
   * needed, and the key is never sent), so the id alone cannot use up a secret's codes. The server checks the
   * secret's other restrictions first (`restricted`: no code is mailed outside office hours). Consumes nothing.
   * `language` (sent as `Accept-Language`) picks the mail's language among the server's, else English.
   *
   * @example
   * ```ts
   * const info = await client.peek(link);
   * if (info.ok && info.requires.verification) {
   *   const sent = await client.requestVerificationCode(link, 0, { language: 'nl' });
   *   if (sent.ok) await client.reveal(link, { verificationCode: await ask(`Code sent to ${sent.sentTo}`) });
   * }
   * ```
   */
  async requestVerificationCode(
    link: string,
    recipient: number,
    options: { language?: string } = {},
  ): Promise<VerificationReply | Failure> {
    if (!Number.isSafeInteger(recipient) || recipient < 0) {
      return {
        ok: false,
        reason: 'invalid_request',
        code: 'invalid_recipient',
        message: 'recipient must be the index (0, 1, …) of one of the masked addresses',
      };
    }
    const parsed = secretTarget(link);
    if ('ok' in parsed) return parsed;
    const info = await this.#peek(parsed.origin, parsed.id);
    if (!info.ok) return info;
    const keys = await deriveKeys(parsed.key, null);
    const json: VerificationBody =
      info.kdf === null
        ? { recipient, token: toBase64Url(keys.token) }
        : { recipient, link_token: toBase64Url(keys.linkToken) };
    // The mail is written in this language when the server has it (a BCP 47 tag, e.g. 'nl' or 'pt-BR').
    const answer = await this.#request(
      parsed.origin,
      `/api/v1/secrets/${parsed.id}/verification`,
      'POST',
      json,
      undefined,
      options.language,
    );
    if (isFailure(answer)) return answer;
    if (answer.status !== 200) return failureFromAnswer(answer, 'secret');
    return decodeVerification(answer.body) ?? unexpected('answer to the verification request');
  }

  /**
   * The sender's view of a secret: state, expiry, views and their times.
   *
   * @example
   * ```ts
   * const r = await client.receipt(sent.receiptLink); // or the bare receipt
   * if (r.ok) console.log(r.state); // 'pending' | 'viewed' | 'burned' | 'expired' | 'locked'
   * ```
   */
  async receipt(receiptLinkOrToken: string): Promise<ReceiptStatus | Failure> {
    const target = receiptTarget(receiptLinkOrToken, this.baseUrl);
    if ('ok' in target) return target;
    const answer = await this.#request(target.base, `/api/v1/receipts/${target.receipt}`, 'GET');
    if (isFailure(answer)) return answer;
    if (answer.status !== 200) return failureFromAnswer(answer, 'receipt');
    return decodeReceipt(answer.body) ?? unexpected('receipt');
  }

  /**
   * Burns the secret behind a receipt now. Idempotent: also `ok` when it is already viewed, burned or expired.
   *
   * @example
   * ```ts
   * const r = await client.burn(sent.receiptLink);
   * if (!r.ok) console.error(r.message);
   * ```
   */
  async burn(receiptLinkOrToken: string): Promise<Burned | Failure> {
    const target = receiptTarget(receiptLinkOrToken, this.baseUrl);
    if ('ok' in target) return target;
    const answer = await this.#request(target.base, `/api/v1/receipts/${target.receipt}/burn`, 'POST');
    if (isFailure(answer)) return answer;
    if (answer.status !== 204 && answer.status !== 200) return failureFromAnswer(answer, 'receipt');
    return { ok: true };
  }

  /**
   * The server's limits (TTL bounds and choices, views, sizes, KDF iterations), for validating input early.
   *
   * @example
   * ```ts
   * const c = await client.config();
   * if (c.ok && ttl > c.ttl.max) console.error('too long');
   * ```
   */
  async config(): Promise<ServerLimits | Failure> {
    const answer = await this.#request(this.baseUrl, '/api/v1/config', 'GET');
    if (isFailure(answer)) return answer;
    if (answer.status !== 200) return failureFromAnswer(answer, 'create');
    const config = decodeConfig(answer.body);
    if (config === null) return unexpected('configuration');
    if (this.#authorization !== undefined) this.#policy = { policy: config.policy, at: Date.now() };
    return config;
  }

  /**
   * With an API key: the organisation's passphrase rules, which the server cannot check for a secret it does
   * not encrypt (it never sees the passphrase's length). Refused like the server refuses a policy violation.
   * The policy is read with `config()` at most once a minute.
   */
  async #checkPassphrasePolicy(passphrase: string | undefined): Promise<Failure | null> {
    if (this.#authorization === undefined) return null;
    if (this.#policy === null || Date.now() - this.#policy.at > POLICY_MAX_AGE_MS) {
      // Without the policy the create goes ahead: the server enforces every rule it can see.
      if (!(await this.config()).ok) return null;
    }
    const policy = this.#policy?.policy ?? null;
    if (policy === null) return null;
    if (policy.passphrase_required && (passphrase === undefined || passphrase === '')) {
      return {
        ok: false,
        reason: 'invalid_request',
        code: 'policy_violation',
        rule: 'passphrase_required',
        message: "your organisation's policy requires a passphrase",
      };
    }
    const min = policy.passphrase_min_length;
    if (passphrase !== undefined && min !== null && [...passphrase].length < min) {
      return {
        ok: false,
        reason: 'invalid_request',
        code: 'policy_violation',
        rule: 'passphrase_min_length',
        message: `your organisation's policy requires a passphrase of at least ${min} characters`,
      };
    }
    return null;
  }

  /**
   * Who the API key acts as: organisation, role, scopes, the key itself. Needs `apiKey`.
   *
   * @example
   * ```ts
   * const me = await createClient({ baseUrl, apiKey }).me();
   * if (me.ok) console.log(me.org.name, me.scopes);
   * else if (me.reason === 'invalid_request' && me.code === 'invalid_api_key') console.error('bad key');
   * ```
   */
  async me(): Promise<Me | Failure> {
    return (await accountsApi()).getMe(this.#account);
  }

  /**
   * The organisation's secrets within the key's reach, newest first: metadata only (state, times, views,
   * creator, team), never content or receipts. Pass `next` back as `cursor` for the next page.
   *
   * @example
   * ```ts
   * const page = await client.listSecrets({ scope: 'team', state: 'pending' });
   * if (page.ok) for (const s of page.secrets) console.log(s.id, s.state);
   * ```
   */
  async listSecrets(options: ListSecretsOptions = {}): Promise<SecretList | Failure> {
    return (await accountsApi()).listSecrets(this.#account, options);
  }

  /**
   * Burns an owned secret by its id (`secrets:burn`, within the key's reach). Idempotent for a secret that
   * already ended; `not_found` for an id the organisation does not own.
   *
   * @example
   * ```ts
   * const r = await client.burnSecret(id);
   * ```
   */
  async burnSecret(id: string): Promise<Done | Failure> {
    return (await accountsApi()).burnSecret(this.#account, id);
  }

  /**
   * Creates an API key with at most the caller's scopes; `key` in the result is shown only this once.
   *
   * @example
   * ```ts
   * const made = await client.createKey({ name: 'ci', scopes: ['secrets:create'], expiresIn: 90 * 86400 });
   * if (made.ok) save(made.key);
   * ```
   */
  async createKey(options: CreateKeyOptions): Promise<CreatedKey | Failure> {
    return (await accountsApi()).createKey(this.#account, options);
  }

  /**
   * The caller's keys (every key of the organisation with `keys:manage`); never the keys themselves.
   *
   * @example
   * ```ts
   * const list = await client.listKeys();
   * ```
   */
  async listKeys(): Promise<KeyList | Failure> {
    return (await accountsApi()).listKeys(this.#account);
  }

  /**
   * Revokes a key by its id: requests with it get 401 `invalid_api_key` from then on.
   *
   * @example
   * ```ts
   * await client.revokeKey(oldKeyId);
   * ```
   */
  async revokeKey(id: string): Promise<Done | Failure> {
    return (await accountsApi()).revokeKey(this.#account, id);
  }

  /**
   * Requests a secret: draws the request and inbox keys, encrypts the description, and creates the request.
   * Hand `requestLink` to whoever should answer; keep `inboxLink` to read the answer and `receiptLink` to see
   * its state or burn it. `ttl` (how long the request waits) and `responseTtl` (how long the response then
   * waits to be read) in seconds. HPKE is loaded on the first request call.
   *
   * @example
   * ```ts
   * const made = await client.createRequest({ description: 'the staging DB password', ttl: 86400 });
   * if (made.ok) console.log(`send ${made.requestLink}; keep ${made.inboxLink}`);
   * ```
   */
  async createRequest(options: CreateRequestOptions): Promise<CreatedRequest | Failure> {
    return (await requestsApi()).createRequest(this.#requests, options);
  }

  /**
   * The responder's view of a waiting request: its decrypted description, expiry and the response's lifetime.
   * `request_answered` once answered; `request_not_found` once burned or expired, or for a wrong link.
   *
   * @example
   * ```ts
   * const opened = await client.openRequest(requestLink);
   * if (opened.ok) console.log(opened.description);
   * ```
   */
  async openRequest(requestLink: string): Promise<OpenedRequest | Failure> {
    return (await requestsApi()).openRequest(this.#requests, requestLink);
  }

  /**
   * Answers a request, once: encrypts the response as a secret with a fresh key (and optional passphrase, to be
   * shared another way), seals that key to the requester, and uploads the files as `send` does. A second answer
   * is `request_answered`.
   *
   * @example
   * ```ts
   * const r = await client.respond(requestLink, { text: 'hunter2', files: [fileSourceFromBlob(file)] });
   * if (!r.ok && r.reason === 'request_answered') console.error('someone already answered it');
   * ```
   */
  async respond(
    requestLink: string,
    input: RespondInput,
    options: RespondOptions = {},
  ): Promise<Responded | Failure> {
    return (await requestsApi()).respond(this.#requests, requestLink, input, options);
  }

  /**
   * The requester's view through the inbox link: state, times and (answered) what the response holds.
   * Consumes nothing.
   *
   * @example
   * ```ts
   * const box = await client.inbox(inboxLink);
   * if (box.ok && box.state === 'waiting') console.log('no answer yet');
   * ```
   */
  async inbox(inboxLink: string): Promise<InboxStatus | Failure> {
    return (await requestsApi()).inbox(this.#requests, inboxLink);
  }

  /**
   * Reads the response through the inbox link, exactly as `reveal` reads a secret (same options, same result):
   * opens the sealed response key, claims and decrypts; the response burns on this read. Not answered yet:
   * `invalid_request` with code `request_waiting` (nothing consumed); already read, burned or expired:
   * `not_found`.
   *
   * @example
   * ```ts
   * const r = await client.readResponse(inboxLink, { passphrase: async () => prompt('Passphrase') });
   * if (r.ok) console.log(r.payload.text);
   * ```
   */
  async readResponse(inboxLink: string, options: RevealOptions = {}): Promise<RevealedSecret | Failure> {
    const opened = await (await requestsApi()).openInbox(this.#requests, inboxLink);
    if (!opened.ok) return opened;
    return this.#claim(opened.origin, opened.id, opened.key, opened.info, options);
  }

  /**
   * Burns a request (and its response, if answered and unread) by its inbox link or its receipt (link or bare).
   *
   * @example
   * ```ts
   * await client.burnRequest(made.inboxLink); // or made.receiptLink, or made.receipt
   * ```
   */
  async burnRequest(inboxLinkOrReceipt: string): Promise<Burned | Failure> {
    return (await requestsApi()).burnRequest(this.#requests, inboxLinkOrReceipt);
  }

  /**
   * A request's state and times through its receipt (link `{origin}/rq/{receipt}` or bare), without its keys.
   *
   * @example
   * ```ts
   * const r = await client.requestReceipt(made.receiptLink);
   * if (r.ok) console.log(r.state);
   * ```
   */
  async requestReceipt(receiptLinkOrToken: string): Promise<RequestReceipt | Failure> {
    return (await requestsApi()).requestReceipt(this.#requests, receiptLinkOrToken);
  }

  readonly #account: AccountRequest = (path, method, json) => this.#request(this.baseUrl, path, method, json);

  async #peek(base: string, id: string): Promise<SecretInfo | Failure> {
    const answer = await this.#request(base, `/api/v1/secrets/${id}`, 'GET');
    if (isFailure(answer)) return answer;
    if (answer.status !== 200) return failureFromAnswer(answer, 'secret');
    return decodePeek(id, answer.body) ?? unexpected('answer to peek');
  }

  #request(
    base: string,
    path: string,
    method: HttpMethod,
    json?: unknown,
    signal?: AbortSignal,
    language?: string,
  ) {
    // The key goes only to the server it belongs to: a link may name any server.
    const authorization = base === this.baseUrl ? this.#authorization : undefined;
    return request({
      fetch: this.#fetch,
      base,
      path,
      method,
      json,
      authorization,
      timeoutMs: this.#timeoutMs,
      signal,
      language,
    });
  }
}

/**
 * Creates a {@link BurnlinkClient}.
 *
 * @example
 * ```ts
 * const client = createClient({ baseUrl: process.env.BURNLINK_URL ?? 'http://127.0.0.1:8080' });
 * ```
 */
export function createClient(options: ClientOptions): BurnlinkClient {
  return new BurnlinkClient(options);
}
