import { useI18n } from '../i18n/i18n.js';

/** "Share a secret" · "Request a secret": the two ways to start, above the create page and the request page. */
export function ModeNav({ current }: { current: 'share' | 'request' }) {
  const { t } = useI18n();
  return (
    <nav class="mode-nav" aria-label={t('modeNav')}>
      <a href="/" aria-current={current === 'share' ? 'page' : undefined}>
        {t('createTitle')}
      </a>
      <a href="/request" aria-current={current === 'request' ? 'page' : undefined}>
        {t('requestNav')}
      </a>
    </nav>
  );
}
