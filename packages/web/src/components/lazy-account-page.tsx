import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadAccountChunk } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import type { LazyPage } from '../route.js';
import { ErrorNotice } from './error-notice.js';

/**
 * The account pages, the request pages and the receipt page load lazily: none of their code, their messages or
 * `@simplewebauthn/browser` is part of the first load of `/` (issue #11's 45 KiB budget). Their chunk comes from
 * this origin, which the CSP's `script-src 'self'` allows. `param` is the id or receipt from the path.
 */
const loadPage = (page: LazyPage) => loadAccountChunk().then((m) => m.LAZY_PAGES[page]);

export function LazyAccountPage({ page, param = '' }: { page: LazyPage; param?: string }) {
  const { t } = useI18n();
  const [Page, setPage] = useState<ComponentType<{ param?: string }> | null>(null);
  const [failed, setFailed] = useState(false);
  const load = () => {
    setFailed(false);
    loadPage(page).then(
      (component) => setPage(() => component),
      () => setFailed(true),
    );
  };
  useEffect(load, [page]);
  if (Page) return <Page param={param} />;
  return failed ? (
    <ErrorNotice error={t('errNetwork')} onRetry={load} />
  ) : (
    <p role="status">{t('loading')}</p>
  );
}
