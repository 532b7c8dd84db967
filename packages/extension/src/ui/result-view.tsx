import type { SentSecret } from '@burnlink/client';
import { useEffect, useRef } from 'preact/hooks';
import { t, uiLocale } from '../i18n.js';
import { CopyField } from './copy-field.js';

/** The created link (with its key in the fragment) and the sender's receipt link. */
export function ResultView({ sent }: { sent: SentSecret }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Moves focus to the result so that a screen reader announces it.
  useEffect(() => heading.current?.focus(), []);
  const expires = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(sent.expiresAt),
  );
  return (
    <section class="result" aria-labelledby="result-title">
      <h2 id="result-title" ref={heading} tabIndex={-1}>
        {t('resultTitle')}
      </h2>
      <CopyField label={t('linkLabel')} value={sent.link} copyLabel={t('copyLink')} />
      <p class="hint">{t('expiresAt', expires)}</p>
      <CopyField label={t('receiptLabel')} value={sent.receiptLink} copyLabel={t('copyReceipt')} />
      <p>
        <a href={sent.receiptLink} target="_blank" rel="noreferrer">
          {t('openReceipt')}
        </a>
      </p>
    </section>
  );
}
