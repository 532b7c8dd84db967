import type { ApiError } from '../api.js';
import { type I18n, useI18n } from '../i18n/i18n.js';

/** Plain words for a failed network call. */
export function describeError(t: I18n['t'], error: ApiError): string {
  switch (error.kind) {
    case 'network':
      return t('errNetwork');
    case 'rate-limited':
      return t('errRateLimited');
    case 'too-large':
      return t('errTooLarge');
    case 'unavailable':
      return t('errUnavailable');
    case 'server':
      return t('errServer');
    case 'not-found':
      return t('unknownTitle');
    case 'wrong-passphrase':
      return t('wrongPassphrase_other', { n: error.attemptsLeft });
    case 'locked':
      return t('locked');
    case 'rejected':
      return t('errRejected', { code: error.code });
  }
}

interface Props {
  error: ApiError | string;
  onRetry?: () => void;
}

/** An error announced to screen readers, with an optional retry button. */
export function ErrorNotice({ error, onRetry }: Props) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <p>{typeof error === 'string' ? error : describeError(t, error)}</p>
      {onRetry && (
        <button type="button" class="button-secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
