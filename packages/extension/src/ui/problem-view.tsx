import { t } from '../i18n.js';
import type { Problem } from '../problems.js';

/** A problem in words, with the way to the settings when they can fix it, and a retry when given. */
export function ProblemView({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  return (
    <div class="problem" role="alert">
      <p>{t(problem.key, ...(problem.subs ?? []))}</p>
      <p class="actions">
        {problem.settings && (
          <button type="button" class="secondary" onClick={() => chrome.runtime.openOptionsPage()}>
            {t('openSettings')}
          </button>
        )}
        {onRetry && (
          <button type="button" class="secondary" onClick={onRetry}>
            {t('retry')}
          </button>
        )}
      </p>
    </div>
  );
}
