import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditStore } from '../audit/audit-store.js';
import type { AuditRecord } from '../audit/audit-types.js';
import { MailError, type Mailer } from './mailer.js';
import { isNotice, noticeMail } from './notice.js';

/** The lease and the durable cursor of the notifier on the audit store. */
export const MAIL_CURSOR = 'mail';

export interface NotifierDeps {
  audit: AuditStore;
  /**
   * For these secret ids, the address to notify of each secret whose creator asked for `notify` and can still be
   * told (`notifyRecipients` in `notify-recipients.ts`); secrets absent from the answer are not mailed about.
   */
  recipients(secretIds: string[]): Promise<Map<string, string>>;
  mailer: Mailer;
  now: () => number;
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>;
}

export interface NotifierOptions {
  /** How often to look for new records when nothing wakes the notifier. Default 5 s. */
  pollMs?: number;
  /** How long a node holds the lease without renewing it. Default 60 s (longer than one SMTP send may take). */
  leaseMs?: number;
  /** Records read per round. Default 200. */
  batch?: number;
  /** A notice whose event is older than this when it could first be sent is dropped. Default 24 h. */
  maxAgeMs?: number;
  /** Backoff after a failure (SMTP or store unreachable): from `minMs`, doubling, up to `maxMs`. */
  backoff?: { minMs: number; maxMs: number };
}

/**
 * Mails creators who asked for `notify` when their secret is viewed, burned or expires. A follower of the audit
 * trail, like the syslog shipper and the webhook dispatcher: one node at a time holds the lease `mail`, reads
 * records after the durable cursor `mail`, mails the creators of the secrets concerned, and moves the cursor
 * only after each mail is accepted by the SMTP server — so a notice is sent at least once, across restarts and
 * SMTP outages. A temporary failure (4xx, no connection) stops the round and retries the same record with
 * backoff; a permanent refusal (5xx) is logged and skipped, so one bad address cannot hold up the others.
 * Logs never carry an address, the SMTP URL or a mail's text.
 */
export class Notifier {
  readonly #deps: NotifierDeps;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  readonly #batch: number;
  readonly #maxAgeMs: number;
  readonly #backoff: { minMs: number; maxMs: number };
  readonly #holder = `notifier-${randomUUID()}`;
  #running: Promise<void> | null = null;
  #stopped = false;
  #failures = 0;
  #wake: (() => void) | null = null;
  #woken = false;

  constructor(deps: NotifierDeps, options: NotifierOptions = {}) {
    this.#deps = deps;
    this.#pollMs = options.pollMs ?? 5_000;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#batch = options.batch ?? 200;
    this.#maxAgeMs = options.maxAgeMs ?? 86_400_000;
    this.#backoff = options.backoff ?? { minMs: 1_000, maxMs: 300_000 };
  }

  /** Starts following the trail (idempotent). */
  start(): void {
    if (this.#running !== null || this.#stopped) return;
    this.#running = this.#loop();
  }

  /** New records were appended (the recorder calls this): look at once rather than at the next poll. */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Stops after the mail under way and releases the lease. The mailer is the caller's to close. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
    await this.#deps.audit.releaseLease(MAIL_CURSOR, this.#holder).catch(() => {});
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      let delay = this.#pollMs;
      try {
        const more = await this.#round();
        this.#failures = 0;
        if (more) delay = 0;
      } catch (error) {
        this.#failures += 1;
        delay = Math.min(this.#backoff.maxMs, this.#backoff.minMs * 2 ** (this.#failures - 1));
        this.#deps.log.warn(
          {
            err: {
              type: (error as Error)?.name,
              message: error instanceof MailError ? error.message : undefined,
            },
          },
          'notification mail failed; retrying',
        );
      }
      await this.#sleep(delay, this.#failures === 0);
    }
  }

  /** Waits `ms`; a wake cuts the wait short unless this is a backoff (which a busy trail must not shorten). */
  async #sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.#stopped) return;
    if (wakeable && this.#woken) {
      this.#woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        if (wakeable || this.#stopped) done();
      };
    });
    this.#wake = null;
    this.#woken = false;
  }

  async #holdLease(): Promise<boolean> {
    const now = this.#deps.now();
    return this.#deps.audit.takeLease(MAIL_CURSOR, this.#holder, now + this.#leaseMs, now);
  }

  /** One batch: true when it was full (there may be more right away). Throws on a temporary failure. */
  async #round(): Promise<boolean> {
    const { audit } = this.#deps;
    if (!(await this.#holdLease())) return false;
    let cursor = await audit.getCursor(MAIL_CURSOR);
    const records = await audit.auditAfter(cursor, this.#batch);
    const last = records.at(-1);
    if (last === undefined) return false;
    const ids = [...new Set(records.filter(isNotice).map((record) => record.subject?.id as string))];
    const recipients = ids.length === 0 ? new Map<string, string>() : await this.#deps.recipients(ids);
    for (const record of records) {
      if (this.#stopped) return false;
      const to = isNotice(record) ? recipients.get(record.subject?.id as string) : undefined;
      if (to === undefined) continue;
      // Renewed before each send: a slow SMTP server must not let another node take over mid-batch.
      if (!(await this.#holdLease())) return false;
      await this.#notify(record, to);
      if (!(await audit.moveCursor(MAIL_CURSOR, cursor, record.id))) return false;
      cursor = record.id;
    }
    if (cursor !== last.id && !(await audit.moveCursor(MAIL_CURSOR, cursor, last.id))) return false;
    return records.length === this.#batch;
  }

  async #notify(record: AuditRecord, to: string): Promise<void> {
    if (!isNotice(record)) return;
    if (record.at < this.#deps.now() - this.#maxAgeMs) {
      this.#deps.log.info({ record: record.id }, 'notification dropped: its event is too old');
      return;
    }
    try {
      await this.#deps.mailer.send(noticeMail(record, to));
    } catch (error) {
      if (!(error instanceof MailError && error.permanent)) throw error;
      this.#deps.log.warn(
        { record: record.id, err: { type: error.name, message: error.message } },
        'notification mail refused for good; skipped',
      );
    }
  }
}
