import type { Failure, ReceiptStatus } from '@burnlink/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BurnControl } from '../components/burn-control.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages/en.js';
import { client } from '../sdk-client.js';

/** How often a pending receipt asks the server again. */
const REFRESH_MS = 5000;

type View =
  | { name: 'loading' }
  | { name: 'gone' }
  | { name: 'error'; error: Failure }
  | { name: 'ok'; receipt: ReceiptStatus };

/** When the secret stopped existing: burned, locked or expired (`endedAt`), or its last view. */
const endedAt = (receipt: ReceiptStatus): string | null => receipt.endedAt ?? receipt.viewedAt.at(-1) ?? null;

/**
 * `/r/{receipt}`: what happened to the secret; burn it; refreshes itself while the secret is pending. Loaded
 * lazily with the account pages' chunk (a page of its own, never needed on the first load of `/`).
 */
export function ReceiptPage({ param: receipt = '' }: { param?: string }) {
  const { t, date, duration } = useI18n();
  useDocumentTitle(t('receiptTitle'));
  const [view, setView] = useState<View>({ name: 'loading' });
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = async (quiet = false) => {
    if (!quiet) setView({ name: 'loading' });
    const result = await client.receipt(receipt);
    if (result.ok) setView({ name: 'ok', receipt: result });
    // A malformed receipt in the address is as unknown as one past its retention.
    else if (result.reason === 'not_found' || result.reason === 'bad_link') setView({ name: 'gone' });
    // A failed background refresh keeps the last known state on screen rather than flashing an error.
    else if (!quiet) setView({ name: 'error', error: result });
  };
  useEffect(() => {
    void load();
  }, []);

  const pending = view.name === 'ok' && view.receipt.state === 'pending';
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load(true);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending]);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={headingRef}>
        {t('receiptTitle')}
      </h1>
      {view.name === 'loading' && <p role="status">{t('loading')}</p>}
      {view.name === 'gone' && <p class="notice notice-error">{t('receiptUnknown')}</p>}
      {view.name === 'error' && <ErrorNotice error={view.error} onRetry={() => load()} />}
      {view.name === 'ok' && (
        <>
          <p class="lead">{t('receiptIntro')}</p>
          <dl class="facts">
            <div>
              <dt>{t('receiptState')}</dt>
              <dd>
                <strong
                  class={`state state-${view.receipt.state}`}
                  data-state={view.receipt.state}
                  aria-live="polite"
                >
                  {t(`state_${view.receipt.state}` as MessageKey)}
                </strong>
              </dd>
            </div>
            <div>
              <dt>{t('receiptCreated')}</dt>
              <dd>
                <time dateTime={view.receipt.createdAt}>{date(view.receipt.createdAt)}</time>
              </dd>
            </div>
            {pending ? (
              <div>
                <dt>{t('receiptExpires')}</dt>
                <dd>
                  <time dateTime={view.receipt.expiresAt}>
                    {date(view.receipt.expiresAt)} (
                    {duration(Date.parse(view.receipt.expiresAt) - Date.now())})
                  </time>
                </dd>
              </div>
            ) : (
              endedAt(view.receipt) && (
                <div>
                  <dt>{t('receiptEnded')}</dt>
                  <dd>
                    <time dateTime={endedAt(view.receipt)!}>{date(endedAt(view.receipt)!)}</time>
                  </dd>
                </div>
              )
            )}
            <div>
              <dt>{t('receiptViewsLeft')}</dt>
              <dd>
                {view.receipt.viewsLeft} / {view.receipt.maxViews}
              </dd>
            </div>
            {view.receipt.viewedAt.length > 0 && (
              <div>
                <dt>{t('receiptViewedAt')}</dt>
                <dd>
                  <ul class="plain">
                    {view.receipt.viewedAt.map((at) => (
                      <li key={at}>
                        <time dateTime={at}>{date(at)}</time>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {view.receipt.downloads.length ? (
              <div>
                <dt>{t('receiptDownloads')}</dt>
                <dd>
                  <ul class="plain" data-testid="receipt-downloads">
                    {view.receipt.downloads.map(({ file, at }) => (
                      <li key={`${file}:${at}`}>
                        <time dateTime={at}>{t('receiptDownloadAt', { n: file + 1, date: date(at) })}</time>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('receiptPassphrase')}</dt>
              <dd>{view.receipt.passphrase ? t('yes') : t('no')}</dd>
            </div>
            {view.receipt.passphrase && (
              <div>
                <dt>{t('receiptFailed')}</dt>
                <dd>
                  {view.receipt.failedAttempts} / {view.receipt.maxAttempts}
                </dd>
              </div>
            )}
          </dl>
          {pending && <p class="hint">{t('receiptRefreshing')}</p>}
          <div class="actions">
            {pending && (
              <BurnControl
                receipt={receipt}
                onBurned={() => {
                  void load(true);
                  headingRef.current?.focus();
                }}
              />
            )}
            <button type="button" class="button-secondary" onClick={() => load(true)}>
              {t('refresh')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
