import type { KdfParams } from '@burnlink/core';
import { uploadDeadline } from './file-rules.js';
import { RedisIndexBatch } from './redis-index.js';
import { fileMember, isToken } from './redis-keys.js';
import {
  type Arg,
  list,
  NATIVE_EXPIRY_GRACE_MS,
  type RedisLink,
  strings,
  unavailable,
} from './redis-link.js';
import type {
  ClaimOutcome,
  FileRef,
  IssueCodeOutcome,
  NewCode,
  NewGrant,
  NewSecret,
  PresentedProof,
  SecretInfo,
} from './secret-store.js';

/**
 * create, peek, claim and issueCode of the Redis store: the calls that name the secret by its id. `claim`,
 * `peek` and `issueCode` are one command on the secret's slot (restrictions and the verification code live in
 * the secret's own hash, deleted with it); `create` sends its script, its pointers and its index entries at
 * once (one round trip). Called by `RedisStore` inside its operation gate.
 *
 * `create` checks the id and the file records in the script and takes the receipt and blob pointers with
 * SET NX beside it, since they live in other slots. When any of them exists already it undoes what it wrote
 * and rejects: for a moment (before the caller has the id) a refused secret existed, and a pointer may have
 * led to the secret it collided with — harmless, since a script never serves a pointer data that is not its
 * own (the receipt records its hash; a file record is named by its blob id).
 */
export class RedisSecrets {
  readonly #link: RedisLink;

  constructor(link: RedisLink) {
    this.#link = link;
  }

  async create(secret: NewSecret): Promise<void> {
    const { own, pointers, secretTtl, receiptTtl, blobIds } = this.plan(secret);
    const { client } = this.#link;
    const { id } = secret;
    const [created, index, ...taken] = await Promise.allSettled([
      this.#link.script('blCreate', own, createArgs(secret, secretTtl, receiptTtl)),
      this.#link.run(() => this.indexNew(secret)),
      ...pointers.map((key, i) =>
        this.#link.run(() => client.set(key, id, 'PX', i === 0 ? receiptTtl : secretTtl, 'NX')),
      ),
    ]);
    // A failure leaves the outcome unknown, as a timeout would: what was written expires by itself.
    const failed = [created, index, ...taken].find((step) => step.status === 'rejected');
    if (failed) throw unavailable((failed as PromiseRejectedResult).reason);
    const mine = pointers.filter((_, i) => (taken[i] as PromiseFulfilledResult<unknown>).value === 'OK');
    const wrote = (created as PromiseFulfilledResult<unknown>).value === 1;
    if (wrote && mine.length === pointers.length) return;
    if (wrote) await this.#link.script('blUndoCreate', own, [blobIds.join(',')]);
    await this.#link.run(() => Promise.all(mine.map((key) => client.del(key))));
    throw new Error('a secret with this id, receipt or blob id already exists');
  }

  /**
   * Checks a new secret's ids (a brace would break the one-slot rule) and names what storing it writes: its
   * own keys, its pointers (the receipt's first) and their native lifetimes. Throws a plain `Error`.
   */
  plan(secret: NewSecret) {
    const { id, expiresAt, receiptHash, receiptRetentionMs: retention } = secret;
    const blobIds = secret.files.map((file) => file.id);
    if (![id, receiptHash, ...blobIds].every(isToken) || new Set(blobIds).size < blobIds.length) {
      throw new Error('a secret needs b64u ids and distinct blob ids');
    }
    // '' is how the script reads "none"; the service always writes JSON.
    if (secret.restrictions === '') throw new Error('restrictions are null or non-empty text');
    const { keys } = this.#link;
    const secretTtl = Math.max(1, expiresAt - secret.createdAt) + NATIVE_EXPIRY_GRACE_MS;
    const receiptTtl = secretTtl + retention;
    const own = [keys.secret(id), keys.receipt(id)];
    const pointers = [keys.receiptPointer(receiptHash), ...blobIds.map((blobId) => keys.blobPointer(blobId))];
    return { own, pointers, secretTtl, receiptTtl, blobIds };
  }

  /** Index entries of a new secret. NX: a refused create never moves the entry of the secret it collided with. */
  async indexNew(secret: NewSecret): Promise<void> {
    const { client, keys } = this.#link;
    const { id, expiresAt } = secret;
    const files = secret.files.flatMap((file) => [expiresAt, fileMember(id, file.id)]);
    await Promise.all([
      client.zadd(keys.index('expire'), 'NX', deadlineOf(secret), id),
      client.zadd(keys.index('forget'), 'NX', expiresAt + secret.receiptRetentionMs, id),
      ...(files.length > 0 ? [client.zadd(keys.index('files'), 'NX', ...files)] : []),
    ]);
  }

  async peek(id: string, now: number): Promise<SecretInfo | null> {
    if (!isToken(id)) return null;
    const key = this.#link.keys.secret(id);
    const values = await this.#link.run(() =>
      this.#link.client.hmget(key, 'ea', 'mv', 'vl', 'k', 'sz', 'f', 'sg', 'rs'),
    );
    const [ea, mv, vl, k, sz, f, staged, rs] = values;
    if (ea == null || Number(ea) <= now || staged != null) return null;
    return {
      expiresAt: Number(ea),
      maxViews: Number(mv),
      viewsLeft: Number(vl),
      kdf: parseKdf(k ?? ''),
      size: Number(sz),
      files: JSON.parse(f ?? '[]') as FileRef[],
      restrictions: rs ?? null,
    };
  }

  async claim(id: string, presented: PresentedProof, now: number, grant?: NewGrant): Promise<ClaimOutcome> {
    if (!isToken(id)) return { status: 'not_found' };
    if (grant && !isToken(grant.hash)) throw new Error('a grant hash is b64u');
    const { keys } = this.#link;
    const reply = (await this.#link.scriptBuffer(
      'blClaim',
      [keys.secret(id), keys.receipt(id)],
      [
        now,
        Buffer.from(presented.verifier),
        presented.linkVerifier ? Buffer.from(presented.linkVerifier) : '',
        NATIVE_EXPIRY_GRACE_MS,
        grant?.hash ?? '',
        grant?.expiresAt ?? '',
        presented.gate ? '1' : '',
        presented.gate?.codeHash ?? '',
      ],
    )) as Buffer[];
    // Only the content (reply[1] of 'ok') is bytes; it is not decoded.
    const ok = reply[0]?.toString() === 'ok';
    const [status, ...rest] = strings(reply.map((item, i) => (ok && i === 1 ? '' : item)));
    const batch = new RedisIndexBatch(this.#link);
    switch (status) {
      case 'ok': {
        const [, kdf, files, viewsLeft, expiresAt, forgetAt, kept] = rest;
        batch
          .forget(id, forgetAt ?? '')
          .kept(id, kept ?? '', now)
          .send();
        return {
          status: 'ok',
          content: new Uint8Array(reply[1]!),
          kdf: parseKdf(kdf ?? ''),
          files: JSON.parse(files ?? '[]') as FileRef[],
          viewsLeft: Number(viewsLeft),
          expiresAt: Number(expiresAt),
        };
      }
      case 'duplicate_grant':
        throw new Error('a grant with this hash already exists');
      case 'wrong_token':
        return { status: 'wrong_token', attemptsLeft: Number(rest[0]) };
      case 'restricted':
        return { status: 'restricted', restrictions: rest[0] ?? '' };
      case 'code_invalid':
        return { status: 'code_invalid', triesLeft: Number(rest[0]) };
      case 'locked': {
        const [forgetAt = '', deleted, kept = ''] = rest;
        const blobIds = list(deleted);
        batch.forget(id, forgetAt).deleted(id, blobIds).kept(id, kept, now).send();
        return { status: 'locked', blobIds };
      }
      default:
        return { status: 'not_found' };
    }
  }

  async issueCode(
    id: string,
    code: NewCode,
    now: number,
    maxIssued: number,
    proof: PresentedProof,
  ): Promise<IssueCodeOutcome> {
    if (!isToken(id)) return 'not_found';
    const reply = await this.#link.script(
      'blIssueCode',
      [this.#link.keys.secret(id)],
      [
        now,
        code.hash,
        code.expiresAt,
        code.tries,
        maxIssued,
        Buffer.from(proof.verifier),
        proof.linkVerifier ? Buffer.from(proof.linkVerifier) : '',
      ],
    );
    return String(reply) as IssueCodeOutcome;
  }
}

function parseKdf(text: string): KdfParams | null {
  return text === '' ? null : (JSON.parse(text) as KdfParams);
}

/** When the new secret expires unless it makes progress: its upload deadline while staged, else its expiry. */
function deadlineOf(secret: NewSecret): number {
  if (secret.files.length === 0) return secret.expiresAt;
  return uploadDeadline(0, secret.expiresAt, secret.uploadIdleMs ?? null, secret.createdAt);
}

/** ARGV of `createSecret` (`redis-create-lua.ts`): CREATE's, and the first of a request's RESPOND. */
export function createArgs(secret: NewSecret, secretTtl: number, receiptTtl: number): Arg[] {
  return [
    secretTtl,
    receiptTtl,
    Buffer.from(secret.verifier),
    secret.linkVerifier ? Buffer.from(secret.linkVerifier) : '',
    secret.kdf ? JSON.stringify(secret.kdf) : '',
    Buffer.from(secret.content),
    JSON.stringify(secret.files.map((file) => ({ id: file.id, size: file.size }))),
    secret.content.byteLength,
    secret.expiresAt,
    secret.maxViews,
    secret.maxAttempts,
    secret.createdAt,
    secret.receiptRetentionMs,
    secret.receiptHash,
    secret.files.map((file) => file.id).join(','),
    secret.files.map((file) => file.size).join(','),
    deadlineOf(secret),
    secret.files.length > 0 ? (secret.uploadIdleMs ?? '') : '',
    secret.restrictions ?? '',
  ];
}
