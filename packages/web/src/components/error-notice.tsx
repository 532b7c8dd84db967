import type { Failure } from '@burnlink/client';
import { failureMessage } from '../failure-message.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  /** A failed SDK call (put into words here) or a sentence already in words. */
  error: Failure | string;
  onRetry?: () => void;
}

/** An error announced to screen readers, with an optional retry button. */
export function ErrorNotice({ error, onRetry }: Props) {
  const { t, say } = useI18n();
  const message = typeof error === 'string' ? null : failureMessage(error);
  const words = message === null ? (error as string) : say(message);
  return (
    <div class="notice notice-error" role="alert">
      <p>{words}</p>
      {onRetry && (
        <button type="button" class="button-secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
