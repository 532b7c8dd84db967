import { type Failure, fileSourceFromBlob, type OpenedRequest, type ServerLimits } from '@burnlink/client';
import { formatRequestLink } from '@burnlink/core/requests';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../components/error-notice.js';
import { Expiry } from '../components/expiry.js';
import { FilePicker } from '../components/file-picker.js';
import { failureMessage } from '../failure-message.js';
import { checkFileLimits } from '../files/file-limits.js';
import { uploadFailureMessage } from '../files/transfer-errors.js';
import { useUpload } from '../files/use-upload.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import { forgetLinkKey, takeLinkKey } from '../link-key.js';
import { limitMessage } from '../pages/create-page.js';
import { canEncrypt, client } from '../sdk-client.js';
import type { RequestKey } from './messages/en.js';
import { useRequestText, withRequestText } from './request-text.js';
import { PageHeading, useReloadOnNewFragment } from './request-ui.js';

type View =
  | { name: 'loading' }
  | { name: 'error'; error: Failure }
  /** `afterSend`: a "Send" was refused, so say that nothing was sent. */
  | { name: 'closed'; message: RequestKey; afterSend?: boolean }
  | { name: 'ready'; link: string; request: OpenedRequest }
  | { name: 'sent'; expiresAt: string };

/**
 * `/q/{id}#Q`: the responder's page. The request key leaves the address bar at once (`takeLinkKey`); the request
 * link is rebuilt in memory for the SDK, which decrypts the description and, on "Send", encrypts the answer
 * under a fresh key, seals that key to the requester and sends it (files uploaded as for a secret). The
 * answer's lifetime is the request's `responseTtl`.
 */
export const RespondPage = withRequestText(function RespondPage({ param: id = '' }: { param?: string }) {
  const { t } = useI18n();
  const { q } = useRequestText();
  const [view, setView] = useState<View>({ name: 'loading' });
  const [key] = useState(() => takeLinkKey(id));
  useReloadOnNewFragment();
  useDocumentTitle(
    q(view.name === 'closed' ? 'requestGoneTitle' : view.name === 'sent' ? 'sentTitle' : 'respondTitle'),
  );

  const open = async () => {
    if (!key.ok) {
      setView({ name: 'closed', message: key.reason === 'missing' ? 'missingKey' : 'badLink' });
      return;
    }
    setView({ name: 'loading' });
    const link = formatRequestLink(location.origin, id, key.key);
    const result = await client.openRequest(link);
    if (result.ok) setView({ name: 'ready', link, request: result });
    else if (result.reason === 'request_answered') {
      forgetLinkKey(id);
      setView({ name: 'closed', message: 'alreadyAnswered' });
    } else if (result.reason === 'request_not_found' || result.reason === 'bad_link') {
      forgetLinkKey(id);
      setView({ name: 'closed', message: 'requestGone' });
    } else if (result.reason === 'decrypt_failed')
      setView({ name: 'closed', message: 'descriptionUnreadable' });
    else setView({ name: 'error', error: result });
  };
  useEffect(() => {
    void open();
  }, []);

  switch (view.name) {
    case 'loading':
    case 'error':
      return (
        <PageHeading title={q('respondTitle')}>
          {view.name === 'loading' ? (
            <p role="status">{t('loading')}</p>
          ) : (
            <ErrorNotice error={view.error} onRetry={open} />
          )}
        </PageHeading>
      );
    case 'closed':
      return (
        <PageHeading title={q('requestGoneTitle')}>
          <div class="notice notice-error" role={view.afterSend ? 'alert' : undefined}>
            <p>{q(view.message)}</p>
            {view.afterSend && <p>{q('notSent')}</p>}
          </div>
        </PageHeading>
      );
    case 'sent':
      return <SentView expiresAt={view.expiresAt} />;
    case 'ready':
      return (
        <RespondForm
          link={view.link}
          request={view.request}
          onSent={(expiresAt) => {
            forgetLinkKey(id);
            setView({ name: 'sent', expiresAt });
          }}
          onClosed={(message) => {
            forgetLinkKey(id);
            setView({ name: 'closed', message, afterSend: true });
          }}
        />
      );
  }
});

function SentView({ expiresAt }: { expiresAt: string }) {
  const { date } = useI18n();
  const { q } = useRequestText();
  return (
    <PageHeading title={q('sentTitle')} focus>
      <p class="notice notice-ok" role="status">
        {q('sentBody')}
      </p>
      <p>{q('sentExpires', { date: date(expiresAt) })}</p>
    </PageHeading>
  );
}

interface FormProps {
  link: string;
  request: OpenedRequest;
  onSent: (expiresAt: string) => void;
  onClosed: (message: RequestKey) => void;
}

function RespondForm({ link, request, onSent, onClosed }: FormProps) {
  const i18n = useI18n();
  const { t, lifetime } = i18n;
  const { q } = useRequestText();
  const [text, setText] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [limits, setLimits] = useState<ServerLimits['files']>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const upload = useUpload(files);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const limitProblem = checkFileLimits(files, limits);

  useEffect(() => {
    void client.config().then((config) => config.ok && setLimits(config.files));
  }, []);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    setNotice(null);
    if (!text.trim() && files.length === 0) {
      setFailure(q('errAnswerEmpty'));
      textRef.current?.focus();
      return;
    }
    if (limitProblem) {
      setFailure(limitMessage(limitProblem, i18n));
      return;
    }
    if (!canEncrypt()) {
      setFailure(t('errCrypto'));
      return;
    }
    const withFiles = files.length > 0;
    setBusy(true);
    const transfer = withFiles ? upload.begin() : undefined;
    try {
      const result = await client.respond(
        link,
        {
          text,
          ...(passphrase ? { passphrase } : {}),
          ...(withFiles ? { files: files.map((file) => fileSourceFromBlob(file)) } : {}),
        },
        transfer,
      );
      if (result.ok) onSent(result.expiresAt);
      else if (result.reason === 'request_answered') onClosed('alreadyAnswered');
      else if (result.reason === 'request_not_found') onClosed('requestGone');
      else {
        const message = withFiles ? uploadFailureMessage(result) : failureMessage(result);
        if (result.reason === 'cancelled') setNotice(t(message.key, message.vars));
        else setFailure(t(message.key, message.vars));
      }
    } finally {
      upload.end();
      setBusy(false);
    }
  };

  return (
    <PageHeading title={q('respondTitle')}>
      <p class="lead">{q('respondIntro')}</p>
      <h2>{q('askedFor')}</h2>
      <blockquote class="request-description pre" data-testid="request-description">
        {request.description}
      </blockquote>
      <Expiry at={request.expiresAt} />
      <form onSubmit={onSubmit} noValidate aria-busy={busy}>
        <div class="field">
          <label for="answer">{q('answerLabel')}</label>
          <textarea
            id="answer"
            ref={textRef}
            rows={6}
            autoComplete="off"
            autocapitalize="off"
            spellcheck={false}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <FilePicker
          files={files}
          limits={limits}
          disabled={busy}
          onChange={(next) => {
            setFiles(next);
            setFailure(null);
            setNotice(null);
          }}
        />
        <div class="field">
          <label for="answer-passphrase">{t('passphraseLabel')}</label>
          <input
            id="answer-passphrase"
            type="password"
            autoComplete="new-password"
            aria-describedby="answer-passphrase-hint"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
          <p id="answer-passphrase-hint" class="hint">
            {t('passphraseHint')}
          </p>
        </div>
        <p class="hint">{q('answerKept', { time: lifetime(request.responseTtl) })}</p>
        {limitProblem && !failure && (
          <p class="notice notice-error" role="alert">
            {limitMessage(limitProblem, i18n)}
          </p>
        )}
        {failure && <ErrorNotice error={failure} />}
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {upload.view}
        <div class="actions">
          <button type="submit" class="button-primary" disabled={busy}>
            {busy ? (upload.uploading ? t('uploading') : q('sending')) : q('sendButton')}
          </button>
          {upload.uploading && (
            <button type="button" class="button-secondary" onClick={upload.cancel}>
              {t('cancelUpload')}
            </button>
          )}
        </div>
      </form>
    </PageHeading>
  );
}
