import type { LifecycleEvent, LifecycleEvents } from '../service/events.js';
import type { AuditStore } from './audit-store.js';
import type { AuditRecord } from './audit-types.js';
import { AUDITED_TYPES } from './event-catalogue.js';
import { secretOf, toDraft } from './to-draft.js';

export interface AuditRecorderDeps {
  events: LifecycleEvents;
  store: Pick<AuditStore, 'appendAudit'>;
  /** The organisation owning each of `secretIds` (anonymous secrets are absent): one call per batch. */
  owners(secretIds: string[]): Promise<ReadonlyMap<string, string>>;
  /** `BURNLINK_AUDIT_IPS`. */
  ips: boolean;
  /** A batch that could not be stored: its event types only, never data. */
  warn(what: string, types: string[]): void;
  /** Events per append. Default 200. */
  batchSize?: number;
  /** Attempts per batch before its events are given up (and logged). Default 4. */
  attempts?: number;
  /** Waits between attempts, in ms, growing: `retryMs * attempt`. Default 200. */
  retryMs?: number;
  /** Events queued beyond this (the store down for long) are dropped, oldest first, and logged. Default 100000. */
  maxQueue?: number;
  /** Owners remembered from this node's `secret.created` events, so their claims need no lookup. Default 50000. */
  knownOwners?: number;
  /**
   * How long the first queued event waits for others to join its batch, in ms (a full batch goes at once).
   * Larger batches cost less per record (one transaction, one owner lookup); records land this much later.
   * Default 0: the next turn of the event loop.
   */
  lingerMs?: number;
}

type AppendedListener = (records: AuditRecord[]) => void;

/**
 * Turns every catalogued event into one audit record. Events are queued as they come and appended in
 * batches on the next turn of the event loop: one `appendAudit` per batch and one batch in flight (the
 * next waits), the owners of a batch's secrets read with one `owners` call. A failed append is retried a
 * few times and then given up with a log line naming the event types only; nothing here ever throws into
 * the emitter. `onAppended` tells followers (syslog, webhooks) at once; other nodes poll the store.
 *
 * @example
 * const recorder = new AuditRecorder({ events, store: accounts.audit, owners, ips: false, warn });
 * recorder.start();
 * await recorder.flush(); // on shutdown
 */
export class AuditRecorder {
  readonly #d: Required<AuditRecorderDeps>;
  readonly #queue: LifecycleEvent[] = [];
  readonly #listeners = new Set<AppendedListener>();
  #unsubscribe: (() => void)[] = [];
  /** Secret id → owning organisation (null: anonymous) of secrets created here, oldest first; bounded. */
  readonly #owners = new Map<string, string | null>();
  /** Cancels the scheduled batch, or null when none is scheduled. */
  #scheduled: (() => void) | null = null;
  #running: Promise<void> | null = null;

  constructor(deps: AuditRecorderDeps) {
    this.#d = {
      batchSize: 200,
      attempts: 4,
      retryMs: 200,
      maxQueue: 100_000,
      knownOwners: 50_000,
      lingerMs: 0,
      ...deps,
    };
  }

  /** Subscribes to every catalogued event type. */
  start(): void {
    if (this.#unsubscribe.length > 0) return;
    this.#unsubscribe = AUDITED_TYPES.map((type) =>
      this.#d.events.on(type, (event) => this.#enqueue(event as LifecycleEvent)),
    );
  }

  /** Unsubscribes; what is queued is still written by `flush`. */
  stop(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
  }

  /** Calls `listener` with each batch of records once stored; returns a function that unsubscribes. */
  onAppended(listener: AppendedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every event emitted before the call is stored (or given up). For tests and shutdown. */
  async flush(): Promise<void> {
    // Handlers run in microtasks and downloads end after their response: let those land first.
    await new Promise((resolve) => setImmediate(resolve));
    this.#unschedule();
    while (this.#queue.length > 0 || this.#running !== null) {
      this.#run();
      await this.#running;
    }
  }

  #enqueue(event: LifecycleEvent): void {
    if (event.type === 'secret.created') this.#remember(event.secretId, event.caller?.orgId ?? null);
    this.#queue.push(event);
    if (this.#queue.length > this.#d.maxQueue) {
      const dropped = this.#queue.splice(0, this.#queue.length - this.#d.maxQueue);
      this.#d.warn('audit queue full: events dropped', typesOf(dropped));
    }
    if (this.#running !== null) return;
    if (this.#queue.length >= this.#d.batchSize) {
      this.#unschedule();
      this.#run();
      return;
    }
    if (this.#scheduled !== null) return;
    const go = () => {
      this.#scheduled = null;
      this.#run();
    };
    if (this.#d.lingerMs > 0) {
      const timer = setTimeout(go, this.#d.lingerMs);
      this.#scheduled = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(go);
      this.#scheduled = () => clearImmediate(immediate);
    }
  }

  #unschedule(): void {
    this.#scheduled?.();
    this.#scheduled = null;
  }

  #run(): void {
    if (this.#running !== null || this.#queue.length === 0) return;
    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#d.batchSize);
      await this.#write(batch);
    }
  }

  /** The creator's organisation is the owner (the create route records it so): remembered for the claims. */
  #remember(secretId: string, orgId: string | null): void {
    this.#owners.set(secretId, orgId);
    if (this.#owners.size > this.#d.knownOwners) {
      const oldest = this.#owners.keys().next();
      if (oldest.done !== true) this.#owners.delete(oldest.value);
    }
  }

  /** The owners of a batch's secrets: remembered ones, and ONE lookup for the rest (secrets of other nodes). */
  async #ownersOf(batch: LifecycleEvent[]): Promise<ReadonlyMap<string, string>> {
    const owners = new Map<string, string>();
    const unknown: string[] = [];
    for (const id of new Set(batch.map(secretOf))) {
      if (id === null) continue;
      const known = this.#owners.get(id);
      if (known === undefined) unknown.push(id);
      else if (known !== null) owners.set(id, known);
    }
    if (unknown.length > 0) for (const [id, org] of await this.#d.owners(unknown)) owners.set(id, org);
    return owners;
  }

  async #write(batch: LifecycleEvent[]): Promise<void> {
    for (let attempt = 1; attempt <= this.#d.attempts; attempt++) {
      try {
        const owners = await this.#ownersOf(batch);
        const drafts = batch.flatMap((event) => toDraft(event, { ips: this.#d.ips, owners }) ?? []);
        if (drafts.length === 0) return;
        const records = await this.#d.store.appendAudit(drafts);
        this.#tell(records);
        return;
      } catch {
        if (attempt < this.#d.attempts) await sleep(this.#d.retryMs * attempt);
      }
    }
    this.#d.warn('audit records could not be stored', typesOf(batch));
  }

  #tell(records: AuditRecord[]): void {
    for (const listener of this.#listeners) {
      try {
        listener(records);
      } catch {
        // A follower's failure is its own: it catches up from the store.
      }
    }
  }
}

const typesOf = (events: LifecycleEvent[]) => [...new Set(events.map((e) => e.type))];
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });
