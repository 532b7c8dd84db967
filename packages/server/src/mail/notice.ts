import type { AuditRecord } from '../audit/audit-types.js';
import type { MailMessage } from './mailer.js';

/** The audit events a creator who asked for `notify` is told about. */
export const NOTICE_TYPES = ['secret.viewed', 'secret.burned', 'secret.expired'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** True for a successful view, burn or expiry of a secret: what a notice is sent for. */
export function isNotice(record: AuditRecord): record is AuditRecord & { type: NoticeType } {
  return (
    (NOTICE_TYPES as readonly string[]).includes(record.type) &&
    record.outcome === 'ok' &&
    record.subject?.type === 'secret'
  );
}

/** `2026-12-04 10:00:00 UTC`: unambiguous whatever the reader's zone. */
const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

function whatHappened(record: AuditRecord & { type: NoticeType }): { subject: string; lines: string[] } {
  const id = record.subject?.id ?? '';
  const when = utc(record.at);
  switch (record.type) {
    case 'secret.viewed': {
      const left = record.details.views_left;
      const after =
        typeof left === 'number' && left > 0
          ? `It can be viewed ${left} more ${left === 1 ? 'time' : 'times'} before it is destroyed.`
          : 'That was its last view: it is destroyed and its link no longer opens.';
      return {
        subject: 'Your secret was viewed',
        lines: [`Your secret ${id} was viewed on ${when}.`, after],
      };
    }
    case 'secret.burned':
      return {
        subject: 'Your secret was burned',
        lines: [`Your secret ${id} was burned on ${when}.`, 'It is destroyed and its link no longer opens.'],
      };
    case 'secret.expired':
      return {
        subject: 'Your secret expired',
        lines: [`Your secret ${id} expired on ${when}.`, 'It is destroyed and its link no longer opens.'],
      };
  }
}

/**
 * The notice mail for a view, burn or expiry: what happened, when, and the secret's id. Never the content,
 * the link, the receipt or the secret's label (the record holds none of them, and the label may itself say
 * too much to anyone who reads the mail on the way).
 *
 * @example
 * noticeMail(record, 'ada@example.com') // { subject: 'Your secret was viewed', text: 'Your secret Jd0s… was viewed on …' }
 */
export function noticeMail(record: AuditRecord & { type: NoticeType }, to: string): MailMessage {
  const { subject, lines } = whatHappened(record);
  const text = [
    ...lines,
    '',
    'You receive this mail because you asked to be notified when you created the secret.',
    '-- burnlink',
  ].join('\n');
  return { to, subject, text };
}
