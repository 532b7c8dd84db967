import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpReceiver, startSmtpReceiver } from '../../test/support/smtp-receiver.js';
import type { AuditStore } from '../audit/audit-store.js';
import type { AuditDraft } from '../audit/audit-types.js';
import { MemoryAuditStore } from '../audit/memory-audit-store.js';
import { createMailer, type Mailer } from './mailer.js';
import { MAIL_CURSOR, Notifier } from './notifier.js';

const T0 = Date.UTC(2026, 11, 4, 10, 0, 0);
const quiet = { warn: () => {}, info: () => {} };

const draft = (type: string, secretId: string, details: AuditDraft['details'] = {}): AuditDraft => ({
  at: T0,
  type,
  org: 'org1',
  actor: { type: 'anonymous', id: null },
  subject: { type: 'secret', id: secretId },
  outcome: 'ok',
  details,
  ip: null,
});

/** Resolves once the notifier's cursor has reached `id`, i.e. every record up to it has been dealt with. */
async function cursorAt(audit: AuditStore, id: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await audit.getCursor(MAIL_CURSOR)) >= id) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the mail cursor never reached ${id}`);
}

describe('Notifier', () => {
  let receiver: SmtpReceiver;
  const notifiers: Notifier[] = [];
  const mailers: Mailer[] = [];
  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.stop()));
    for (const mailer of mailers.splice(0)) mailer.close();
    await receiver?.close();
  });

  async function notifier(audit: AuditStore, recipients: Record<string, string>, now = () => T0) {
    const mailer = await createMailer({ smtpUrl: receiver.url, from: 'burnlink@example.com' });
    mailers.push(mailer);
    const n = new Notifier(
      {
        audit,
        recipients: async (ids) =>
          new Map(ids.filter((id) => id in recipients).map((id) => [id, recipients[id] as string])),
        mailer,
        now,
        log: quiet,
      },
      { pollMs: 20, backoff: { minMs: 10, maxMs: 40 } },
    );
    notifiers.push(n);
    n.start();
    return n;
  }

  it('mails the creator once for a view, a burn and an expiry, and nothing for other records or secrets', async () => {
    receiver = await startSmtpReceiver();
    const audit = new MemoryAuditStore();
    const records = await audit.appendAudit([
      draft('secret.created', 'aaaa'),
      draft('secret.viewed', 'aaaa', { views_left: 0, files: 0 }),
      draft('secret.viewed', 'quiet'),
      draft('secret.burned', 'bbbb'),
      draft('secret.claim_failed', 'cccc', { attempts_left: 2 }),
      { ...draft('secret.viewed', 'cccc'), outcome: 'failed' },
      draft('secret.expired', 'cccc'),
    ]);
    await notifier(audit, { aaaa: 'ada@example.com', bbbb: 'bob@example.com', cccc: 'cy@example.com' });
    await cursorAt(audit, records.at(-1)?.id ?? 0);
    expect(receiver.received.map((m) => [m.to, m.subject])).toEqual([
      [['ada@example.com'], 'Your secret was viewed'],
      [['bob@example.com'], 'Your secret was burned'],
      [['cy@example.com'], 'Your secret expired'],
    ]);
    expect(receiver.received[0]?.text).toContain('Your secret aaaa was viewed on 2026-12-04 10:00:00 UTC.');
    expect(receiver.received[0]?.text).toContain('That was its last view');
  });

  it('says how many views are left after a view that was not the last', async () => {
    receiver = await startSmtpReceiver();
    const audit = new MemoryAuditStore();
    await audit.appendAudit([draft('secret.viewed', 'aaaa', { views_left: 2 })]);
    await notifier(audit, { aaaa: 'ada@example.com' });
    const [mail] = await receiver.waitFor(1);
    expect(mail?.text).toContain('It can be viewed 2 more times before it is destroyed.');
  });

  it('retries a temporary refusal until the SMTP server takes the mail, then sends it once', async () => {
    receiver = await startSmtpReceiver();
    receiver.refuseWith(451);
    const audit = new MemoryAuditStore();
    const [record] = await audit.appendAudit([draft('secret.burned', 'aaaa')]);
    await notifier(audit, { aaaa: 'ada@example.com' });
    // Refused and retried: the cursor stays before the record while the server refuses.
    await receiver.waitForRefusals(3);
    expect(await audit.getCursor(MAIL_CURSOR)).toBe(0);
    receiver.refuseWith(null);
    await cursorAt(audit, record?.id ?? 0);
    expect(receiver.received).toHaveLength(1);
  });

  it('skips a mail refused for good (5xx) and goes on with the next', async () => {
    receiver = await startSmtpReceiver();
    receiver.refuseWith(550);
    const audit = new MemoryAuditStore();
    const [first] = await audit.appendAudit([draft('secret.burned', 'aaaa')]);
    await notifier(audit, { aaaa: 'gone@example.com', bbbb: 'bob@example.com' });
    await cursorAt(audit, first?.id ?? 0);
    receiver.refuseWith(null);
    const [second] = await audit.appendAudit([draft('secret.burned', 'bbbb')]);
    await cursorAt(audit, second?.id ?? 0);
    expect(receiver.received.map((m) => m.to)).toEqual([['bob@example.com']]);
  });

  it('resumes from its durable cursor after a restart, sending nothing twice', async () => {
    receiver = await startSmtpReceiver();
    const audit = new MemoryAuditStore();
    const [first] = await audit.appendAudit([draft('secret.burned', 'aaaa')]);
    const before = await notifier(audit, { aaaa: 'ada@example.com', bbbb: 'bob@example.com' });
    await cursorAt(audit, first?.id ?? 0);
    await before.stop();
    const [second] = await audit.appendAudit([draft('secret.expired', 'bbbb')]);
    await notifier(audit, { aaaa: 'ada@example.com', bbbb: 'bob@example.com' });
    await cursorAt(audit, second?.id ?? 0);
    expect(receiver.received.map((m) => m.to)).toEqual([['ada@example.com'], ['bob@example.com']]);
  });

  it('sends each notice once with two nodes following the same trail', async () => {
    receiver = await startSmtpReceiver();
    const audit = new MemoryAuditStore();
    const recipients: Record<string, string> = {};
    const drafts = Array.from({ length: 20 }, (_, i) => {
      recipients[`s${i}`] = `p${i}@example.com`;
      return draft('secret.viewed', `s${i}`, { views_left: 0 });
    });
    await notifier(audit, recipients);
    await notifier(audit, recipients);
    const records = await audit.appendAudit(drafts);
    await cursorAt(audit, records.at(-1)?.id ?? 0);
    expect(receiver.received.map((m) => m.to[0]).sort()).toEqual(Object.values(recipients).sort());
  });

  it('drops a notice whose event is more than a day old', async () => {
    receiver = await startSmtpReceiver();
    const audit = new MemoryAuditStore();
    const records = await audit.appendAudit([draft('secret.burned', 'aaaa'), draft('secret.burned', 'bbbb')]);
    await notifier(audit, { aaaa: 'ada@example.com' }, () => T0 + 86_400_001);
    await cursorAt(audit, records.at(-1)?.id ?? 0);
    expect(receiver.received).toHaveLength(0);
  });
});
