/**
 * Lifecycle events: what the secret service tells subscribers (metrics today; audit, webhooks and syslog
 * later) after a step has COMMITTED in the SecretStore. An event carries the secret id, the time and what
 * the step knows (views left, attempts left, file index) — never a token, verifier, receipt, key or content.
 */
export type LifecycleEvent =
  | {
      type: 'secret.created';
      secretId: string;
      at: number;
      files: number;
      expiresAt: number;
      maxViews: number;
    }
  | { type: 'secret.viewed'; secretId: string; at: number; viewsLeft: number; files: number }
  | { type: 'secret.burned'; secretId: string; at: number }
  | { type: 'secret.expired'; secretId: string; at: number }
  | { type: 'secret.locked'; secretId: string; at: number }
  | { type: 'secret.claim_failed'; secretId: string; at: number; attemptsLeft: number }
  | { type: 'file.downloaded'; secretId: string; at: number; file: number }
  | { type: 'upload.cancelled'; secretId: string; at: number; reason: 'cancelled' | 'too_large' }
  /** Bytes that went into a file's upload (recorded) or out of a download, for throughput metrics. */
  | {
      type: 'file.bytes';
      secretId: string;
      at: number;
      file: number;
      direction: 'upload' | 'download';
      bytes: number;
    };

export type LifecycleEventType = LifecycleEvent['type'];
export type EventOf<T extends LifecycleEventType> = Extract<LifecycleEvent, { type: T }>;
type Handler<T extends LifecycleEventType> = (event: EventOf<T>) => void | Promise<void>;

/**
 * A typed in-process event bus. `emit` never throws and never waits: each handler runs in its own microtask
 * after the step that emitted, so a subscriber can neither change nor delay an outcome. A handler that throws
 * (or rejects) is reported to `onError` — which logs the event type only — and ignored.
 *
 * @example
 * const events = new LifecycleEvents((error, type) => log.warn({ type }, 'subscriber failed'));
 * events.on('secret.viewed', (event) => metrics.claimed.inc());
 */
export class LifecycleEvents {
  readonly #handlers = new Map<LifecycleEventType, Handler<LifecycleEventType>[]>();
  readonly #onError: (error: unknown, type: LifecycleEventType) => void;

  constructor(onError: (error: unknown, type: LifecycleEventType) => void = () => {}) {
    this.#onError = onError;
  }

  /** Subscribes to one event type; returns a function that unsubscribes. */
  on<T extends LifecycleEventType>(type: T, handler: Handler<T>): () => void {
    const list = this.#handlers.get(type) ?? [];
    list.push(handler as unknown as Handler<LifecycleEventType>);
    this.#handlers.set(type, list);
    return () => {
      const current = this.#handlers.get(type) ?? [];
      this.#handlers.set(
        type,
        current.filter((h) => h !== (handler as unknown)),
      );
    };
  }

  emit(event: LifecycleEvent): void {
    const handlers = this.#handlers.get(event.type);
    if (!handlers || handlers.length === 0) return;
    // Frozen: one subscriber cannot change what the next one sees (emitters hand over a fresh object).
    const frozen = Object.freeze(event);
    for (const handler of handlers) {
      queueMicrotask(() => {
        try {
          const result = handler(frozen as never);
          if (result instanceof Promise) result.catch((error: unknown) => this.#report(error, event.type));
        } catch (error) {
          this.#report(error, event.type);
        }
      });
    }
  }

  #report(error: unknown, type: LifecycleEventType): void {
    try {
      this.#onError(error, type);
    } catch {
      // A failing reporter must not break the emitter either.
    }
  }
}
