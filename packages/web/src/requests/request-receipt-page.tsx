import type { Failure, RequestReceipt } from '@burnlink/client';
import { useEffect, useState } from 'preact/hooks';
import { useAnnouncer } from '../account/ui.js';
import { BurnControl } from '../components/burn-control.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import { client } from '../sdk-client.js';
import { useRequestText, withRequestText } from './request-text.js';
import { isOpen, PageHeading, RequestFacts, usePolling } from './request-ui.js';

type View =
  | { name: 'loading' }
  | { name: 'gone' }
  | { name: 'error'; error: Failure }
  | { name: 'ok'; receipt: RequestReceipt };

/** `/rq/{receipt}`: where a request stands (never its answer), burn; refreshes itself while it is open. */
export const RequestReceiptPage = withRequestText(function RequestReceiptPage({
  param: receipt = '',
}: {
  param?: string;
}) {
  const { t } = useI18n();
  const { q } = useRequestText();
  useDocumentTitle(q('receiptTitle'));
  const [view, setView] = useState<View>({ name: 'loading' });
  const [region, announce] = useAnnouncer();

  const load = async (quiet = false) => {
    if (!quiet) setView({ name: 'loading' });
    const result = await client.requestReceipt(receipt);
    if (result.ok) setView({ name: 'ok', receipt: result });
    else if (
      result.reason === 'request_not_found' ||
      result.reason === 'not_found' ||
      result.reason === 'bad_link'
    )
      setView({ name: 'gone' });
    else if (!quiet) setView({ name: 'error', error: result });
  };
  useEffect(() => {
    void load();
  }, []);
  const open = view.name === 'ok' && isOpen(view.receipt.state);
  usePolling(open, () => void load(true));

  return (
    <PageHeading title={q('receiptTitle')}>
      {region}
      {view.name === 'loading' && <p role="status">{t('loading')}</p>}
      {view.name === 'gone' && <p class="notice notice-error">{q('receiptUnknown')}</p>}
      {view.name === 'error' && <ErrorNotice error={view.error} onRetry={() => load()} />}
      {view.name === 'ok' && (
        <>
          <p class="lead">{q('receiptIntro')}</p>
          <RequestFacts times={view.receipt} />
          {open && <p class="hint">{q('refreshing')}</p>}
          <div class="actions">
            {open && (
              <BurnControl
                receipt={receipt}
                burn={(token) => client.burnRequest(token)}
                label={q('burnRequest')}
                question={q('burnConfirm')}
                onBurned={() => {
                  announce(q('burnedNow'));
                  void load(true);
                }}
              />
            )}
            <button type="button" class="button-secondary" onClick={() => load(true)}>
              {t('refresh')}
            </button>
          </div>
        </>
      )}
    </PageHeading>
  );
});
