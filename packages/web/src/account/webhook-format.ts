import type { AccountText } from './account-i18n.js';
import type { DeliveryInfo } from './account-types.js';
import type { AccountKey } from './messages/en.js';

/** The events a new endpoint can be given with a tick; any other type or pattern is typed. */
export const WEBHOOK_EVENT_CHOICES: readonly { events: string; label: AccountKey }[] = [
  { events: '*', label: 'eventsAll' },
  { events: 'secret.*', label: 'eventsSecrets' },
  { events: 'secret.viewed', label: 'eventsSecretViewed' },
  { events: 'session.*', label: 'eventsSignIns' },
  { events: 'member.*', label: 'eventsMembers' },
  { events: 'key.*', label: 'eventsKeys' },
  { events: 'webhook.*', label: 'eventsWebhooks' },
  { events: 'alert.*', label: 'eventsAlerts' },
];

/**
 * The `events` of a new endpoint: the ticked ones and those typed (commas or spaces between them), each once,
 * in that order; just `['*']` when "every event" is among them (it covers the rest).
 */
export function requestedEvents(ticked: readonly string[], typed: string): string[] {
  const events = [
    ...new Set([
      ...ticked,
      ...typed
        .split(/[\s,]+/)
        .map((part) => part.trim())
        .filter(Boolean),
    ]),
  ];
  return events.includes('*') ? ['*'] : events;
}

/** A delivery's outcome in a sentence: "Delivered: HTTP 200 in 12 ms" or "Not delivered: timeout after 10s". */
export function deliveryResultText(delivery: DeliveryInfo, { a }: AccountText): string {
  if (delivery.ok) return a('deliveryOkText', { status: delivery.status ?? '—', ms: delivery.duration_ms });
  return a('deliveryFailedText', {
    reason: delivery.error ?? (delivery.status === null ? '—' : `HTTP ${delivery.status}`),
  });
}
