import { digestsEqual } from './receipt-rules.js';
import { isToken } from './redis-keys.js';
import { type Arg, NATIVE_EXPIRY_GRACE_MS, type RedisLink, strings } from './redis-link.js';
import { createArgs, type RedisSecrets } from './redis-secrets.js';
import { presentRequest, requestPurgeAt, type StoredRequest } from './request-rules.js';
import type {
  BurnRequestOutcome,
  NewRequest,
  RequestRecord,
  RespondOutcome,
  StoredRequestState,
} from './request-store.js';
import type { NewSecret } from './secret-store.js';

/**
 * The `RequestStore` methods of the Redis store (scripts and fields: `redis-request-scripts.ts`). `respond`
 * is ONE script on the request's `{id}` slot: it checks the request and creates the response secret with
 * `createSecret`, the very Lua of `create`. The pointers of the response (other slots) are taken with SET NX
 * BEFORE the script and given back when it answered anything but `ok`: a response that cannot be stored
 * rejects without touching the request. Called by `RedisStore` inside its operation gate.
 */
export class RedisRequests {
  readonly #link: RedisLink;
  readonly #secrets: RedisSecrets;

  constructor(link: RedisLink, secrets: RedisSecrets) {
    this.#link = link;
    this.#secrets = secrets;
  }

  async createRequest(request: NewRequest): Promise<void> {
    const { id, receiptHash } = request;
    if (!isToken(id) || !isToken(receiptHash)) throw new Error('a request needs b64u ids');
    const { client, keys } = this.#link;
    const purgeAt = requestPurgeAt({ ...request, endedAt: null, answeredAt: null });
    const ttl = Math.max(1, purgeAt - request.createdAt) + NATIVE_EXPIRY_GRACE_MS;
    const pointer = keys.requestPointer(receiptHash);
    const taken = await this.#link.run(() => client.set(pointer, id, 'PX', ttl, 'NX'));
    if (taken !== 'OK') throw new Error('a request with this receipt already exists');
    const fields: Arg[] = [
      'st',
      'waiting',
      'rh',
      receiptHash,
      'pk',
      Buffer.from(request.publicKey),
      'ds',
      Buffer.from(request.description),
      'rv',
      Buffer.from(request.respondVerifier),
      'iv',
      Buffer.from(request.inboxVerifier),
      'ca',
      request.createdAt,
      'ea',
      request.expiresAt,
      'rl',
      request.responseTtlMs,
      'rt',
      request.receiptRetentionMs,
      'pa',
      purgeAt,
      ...(request.owner === null ? [] : ['ow', request.owner]),
    ];
    const created = await this.#link.script('blCreateRequest', [keys.request(id)], [...fields, ttl]);
    if (created !== 1) {
      await this.#link.run(() => client.del(pointer));
      throw new Error('a request with this id already exists');
    }
    await this.#link.run(() => client.zadd(keys.index('requests'), 'NX', request.expiresAt, id));
  }

  async request(id: string, now: number): Promise<RequestRecord | null> {
    if (!isToken(id)) return null;
    const key = this.#link.keys.request(id);
    const hash = await this.#link.run(() => this.#link.client.hgetallBuffer(key));
    return hash.st ? presentRequest(toStored(id, hash), now) : null;
  }

  async requestByReceipt(receiptHash: string, now: number): Promise<RequestRecord | null> {
    if (!isToken(receiptHash)) return null;
    const pointer = this.#link.keys.requestPointer(receiptHash);
    const id = await this.#link.run(() => this.#link.client.get(pointer));
    const found = id === null ? null : await this.request(id, now);
    // A pointer only ever leads to its own request: the record names its receipt.
    return found?.receiptHash === receiptHash ? found : null;
  }

  async respond(
    id: string,
    respondVerifier: Uint8Array,
    sealedKey: Uint8Array,
    secret: NewSecret,
    now: number,
  ): Promise<RespondOutcome> {
    if (!isToken(id)) return { status: 'not_found' };
    if (secret.id !== id) throw new RangeError('the response secret must have the request id');
    // Only a responder with the right token may take the response's pointers (see below): a wrong token
    // must never hold them, even for a moment. The script checks everything again, atomically.
    const before = await this.#precheck(id, respondVerifier, now);
    if (before !== null) return before;
    const { own, pointers, secretTtl, receiptTtl } = this.#secrets.plan(secret);
    const { client, keys } = this.#link;
    const taken = await this.#link.run(() =>
      Promise.all(
        pointers.map((key, i) => client.set(key, id, 'PX', i === 0 ? receiptTtl : secretTtl, 'NX')),
      ),
    );
    const mine = pointers.filter((_, i) => taken[i] === 'OK');
    const giveBack = () => this.#link.run(() => Promise.all(mine.map((key) => client.del(key))));
    if (mine.length < pointers.length) {
      await giveBack();
      // The response's receipt pointer is derived from the request's, so concurrent responders race for it:
      // a responder with the right token that lost it to another finds the request answered, or being
      // answered by the winner (whose script still decides atomically). Any other clash is an error.
      const after = await this.#precheck(id, respondVerifier, now);
      if (after !== null) return after;
      // The pointer names its secret: this request's id means another responder holds it.
      const holder = taken[0] === 'OK' ? null : await this.#link.run(() => client.get(pointers[0] ?? ''));
      if (holder === id) return { status: 'answered' };
      throw new Error('a secret with this id, receipt or blob id already exists');
    }
    // A failed script leaves its outcome unknown, as a timeout would: the pointers then expire by themselves.
    const reply = await this.#link.script(
      'blRespond',
      [keys.request(id), ...own],
      [
        ...createArgs(secret, secretTtl, receiptTtl),
        now,
        Buffer.from(respondVerifier),
        Buffer.from(sealedKey),
        NATIVE_EXPIRY_GRACE_MS,
      ],
    );
    const [status, purgeAt, requestReceipt = ''] = strings(reply);
    if (status !== 'ok') {
      await giveBack();
      if (status === 'exists') throw new Error('a secret with this id or blob id already exists');
      return { status: status === 'answered' ? 'answered' : 'not_found' };
    }
    await this.#link.run(() => this.#secrets.indexNew(secret));
    // The receipt pointer lives as long as the request now may.
    const ttl = Number(purgeAt) - now + NATIVE_EXPIRY_GRACE_MS;
    this.#link.followUp(() => client.pexpire(keys.requestPointer(requestReceipt), ttl));
    return { status: 'ok' };
  }

  /** `not_found` (unknown, gone or a wrong verifier) or `answered`, else null: a response may be given. */
  async #precheck(id: string, respondVerifier: Uint8Array, now: number): Promise<RespondOutcome | null> {
    const request = await this.request(id, now);
    if (request === null || !digestsEqual(request.respondVerifier, respondVerifier)) {
      return { status: 'not_found' };
    }
    if (request.state === 'waiting') return null;
    return request.state === 'answered' ? { status: 'answered' } : { status: 'not_found' };
  }

  async burnRequest(id: string, now: number): Promise<BurnRequestOutcome> {
    if (!isToken(id)) return 'not_found';
    const reply = await this.#link.script(
      'blBurnRequest',
      [this.#link.keys.request(id)],
      [now, NATIVE_EXPIRY_GRACE_MS],
    );
    const [status] = strings(reply);
    return status === 'burned' || status === 'answered' ? status : 'not_found';
  }
}

function toStored(id: string, hash: Record<string, Buffer>): StoredRequest {
  const text = (field: string) => hash[field]?.toString() ?? null;
  const time = (field: string) => (hash[field] ? Number(hash[field].toString()) : null);
  const bytes = (field: string) => new Uint8Array(hash[field] ?? []);
  return {
    id,
    receiptHash: text('rh') ?? '',
    state: text('st') as StoredRequestState,
    publicKey: bytes('pk'),
    description: bytes('ds'),
    respondVerifier: bytes('rv'),
    inboxVerifier: bytes('iv'),
    createdAt: Number(text('ca')),
    expiresAt: Number(text('ea')),
    responseTtlMs: Number(text('rl')),
    receiptRetentionMs: Number(text('rt')),
    owner: text('ow'),
    answeredAt: time('aa'),
    endedAt: time('en'),
    sealedKey: hash.sk ? bytes('sk') : null,
  };
}
