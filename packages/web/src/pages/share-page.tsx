import { formatReceiptLink } from '@burnlink/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CLIPBOARD_CLEAR_MS } from '../clipboard.js';
import { BurnControl } from '../components/burn-control.js';
import { CopyButton } from '../components/copy-button.js';
import { Expiry } from '../components/expiry.js';
import { LazyQrCode } from '../components/lazy-qr-code.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import type { CreatedSecret } from './create-page.js';

const selectAll = (event: FocusEvent) => (event.currentTarget as HTMLInputElement).select();

/** After create: the link (copy, QR), expiry, views, the generated password once, the receipt, burn. */
export function SharePage({ created, onDone }: { created: CreatedSecret; onDone: () => void }) {
  const { t, tp } = useI18n();
  useDocumentTitle(t('shareTitle'));
  const [burned, setBurned] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const receiptLink = formatReceiptLink(location.origin, created.receipt);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={headingRef}>
        {t('shareTitle')}
      </h1>
      {/* A live region present from the start: "burned" is announced when its words appear. */}
      <p id="share-status" class={burned ? 'notice notice-ok' : 'visually-hidden'} role="status">
        {burned ? t('burned') : ''}
      </p>
      {burned ? null : (
        <>
          <p class="lead">{tp('shareViews', created.maxViews)}</p>
          {created.files > 0 && <p data-testid="share-files">{tp('shareFiles', created.files)}</p>}
          <div class="field">
            <label for="share-link">{t('linkLabel')}</label>
            <div class="with-button">
              <input
                id="share-link"
                class="mono"
                type="text"
                readOnly
                value={created.link}
                onFocus={selectAll}
              />
              <CopyButton text={() => created.link} label={t('copyLink')} class="button-primary" />
            </div>
          </div>
          <Expiry at={created.expiresAt} />
          {created.passphrase && <p class="notice">{t('passphraseProtected')}</p>}
          {created.generated !== null && (
            <div class="field">
              <label for="generated">{t('generatedLabel')}</label>
              <div class="with-button">
                <input
                  id="generated"
                  class="mono"
                  type="text"
                  readOnly
                  value={created.generated}
                  onFocus={selectAll}
                />
                <CopyButton
                  text={() => created.generated ?? ''}
                  label={t('copyPassword')}
                  clearAfterMs={CLIPBOARD_CLEAR_MS}
                />
              </div>
            </div>
          )}
          <figure class="qr-figure">
            <LazyQrCode text={created.link} label={t('qrLabel')} />
          </figure>
        </>
      )}
      <div class="field">
        <label for="receipt-link">{t('receiptLabel')}</label>
        <div class="with-button">
          <input
            id="receipt-link"
            class="mono"
            type="text"
            readOnly
            value={receiptLink}
            onFocus={selectAll}
          />
          <CopyButton text={() => receiptLink} label={t('copyReceipt')} />
        </div>
        <p>
          <a href={receiptLink} target="_blank" rel="noopener noreferrer">
            {t('openReceipt')}
          </a>
        </p>
      </div>
      <div class="actions">
        {!burned && (
          <BurnControl
            receipt={created.receipt}
            onBurned={() => {
              setBurned(true);
              // The confirmation (and the focus in it) is gone: the heading takes the focus back.
              headingRef.current?.focus();
            }}
          />
        )}
        <button type="button" class="button-secondary" onClick={onDone}>
          {t('createAnother')}
        </button>
      </div>
    </section>
  );
}
