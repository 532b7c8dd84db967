import type { CreatedRequest } from '@burnlink/client';
import { useEffect, useRef } from 'preact/hooks';
import { useAnnouncer } from '../account/ui.js';
import { CopyButton } from '../components/copy-button.js';
import { LazyQrCode } from '../components/lazy-qr-code.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import { useRequestText } from './request-text.js';

const selectAll = (event: FocusEvent) => (event.currentTarget as HTMLInputElement).select();

interface LinkFieldProps {
  id: string;
  label: string;
  link: string;
  copy: string;
  onCopied: () => void;
  primary?: boolean;
}

/** A read-only link with its copy button (as on the share page). */
function LinkField({ id, label, link, copy, onCopied, primary }: LinkFieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="with-button">
        <input id={id} class="mono" type="text" readOnly value={link} onFocus={selectAll} />
        <CopyButton
          text={() => link}
          label={copy}
          class={primary ? 'button-primary' : undefined}
          onCopied={onCopied}
        />
      </div>
    </div>
  );
}

/**
 * After a request is made: the request link to send (copy, QR), the inbox link to keep — with the warning that
 * it is the only way to read the answer — and the receipt link. Like the share page, nothing of it is stored:
 * a reload loses the links by design.
 */
export function RequestCreatedView({ created, onDone }: { created: CreatedRequest; onDone: () => void }) {
  const { t, date } = useI18n();
  const { q } = useRequestText();
  useDocumentTitle(q('readyTitle'));
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const [region, announce] = useAnnouncer();
  const onCopied = () => announce(t('copied'));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={headingRef}>
        {q('readyTitle')}
      </h1>
      <p class="lead">{q('waitsUntil', { date: date(created.expiresAt) })}</p>
      <LinkField
        id="request-link"
        label={q('requestLinkLabel')}
        link={created.requestLink}
        copy={q('copyRequestLink')}
        onCopied={onCopied}
        primary
      />
      <figure class="qr-figure">
        <LazyQrCode text={created.requestLink} label={q('requestQr')} />
      </figure>
      <div class="notice notice-warning" data-testid="inbox-warning">
        <LinkField
          id="inbox-link"
          label={q('inboxLinkLabel')}
          link={created.inboxLink}
          copy={q('copyInboxLink')}
          onCopied={onCopied}
        />
        <p>
          <strong>{q('inboxWarning')}</strong>
        </p>
        <p>
          <a href={created.inboxLink} target="_blank" rel="noopener noreferrer">
            {q('openInbox')}
          </a>
        </p>
      </div>
      <LinkField
        id="request-receipt-link"
        label={q('receiptLinkLabel')}
        link={created.receiptLink}
        copy={q('copyReceiptLink')}
        onCopied={onCopied}
      />
      {region}
      <div class="actions">
        <button type="button" class="button-secondary" onClick={onDone}>
          {q('requestAnother')}
        </button>
      </div>
    </section>
  );
}
