import { useNow } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';

/** "Expires 21 Nov 2026, 14:05 (in 23 hr, 59 min)", ticking every second. */
export function Expiry({ at }: { at: string }) {
  const { t, date, duration } = useI18n();
  const now = useNow(1000);
  const ms = Date.parse(at) - now;
  return (
    <p class="expiry">
      <time dateTime={at}>{t('expires', { date: date(at), duration: duration(ms) })}</time>
    </p>
  );
}
