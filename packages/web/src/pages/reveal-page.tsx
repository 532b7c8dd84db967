import type { Failure, RevealedSecret, SecretInfo } from '@burnlink/client';
import type { RevealedFile } from '@burnlink/client/files';
import { formatSecretLink, type SecretPayload } from '@burnlink/core';
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CLIPBOARD_CLEAR_MS } from '../clipboard.js';
import { CopyButton } from '../components/copy-button.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Expiry } from '../components/expiry.js';
import { BLOB_SAVE_MAX_BYTES, canStreamToDisk } from '../files/save-target.js';
import { loadAccountChunk, useDocumentTitle, useLazy } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages/en.js';
import { forgetLinkKey, takeLinkKey } from '../link-key.js';
import type { VerificationHandle } from '../restrictions/reveal-step.js';
import { canEncrypt, client } from '../sdk-client.js';

type View =
  | { name: 'loading' }
  | { name: 'error'; error: Failure }
  | { name: 'gone' }
  | { name: 'locked' }
  | { name: 'link-problem'; message: MessageKey }
  | { name: 'ready'; info: SecretInfo }
  | ({ name: 'revealed' } & Omit<RevealedSecret, 'ok'>);

/**
 * The reveal of protocol v1 through the SDK: it derives the access token (and link token) from the key and the
 * passphrase, claims with them and decrypts. The link is rebuilt here in memory from the id and the key taken
 * from the address bar; it never reaches the DOM, and only the derived tokens go to the server.
 */
function reveal(
  id: string,
  linkKey: Uint8Array,
  passphrase: string,
  verificationCode?: string,
): Promise<RevealedSecret | Failure> {
  const link = formatSecretLink(location.origin, id, linkKey);
  return client.reveal(link, { passphrase, verificationCode });
}

/**
 * `/s/{id}`: peeks (never consumes), then reveals only on an explicit click (link previews that GET the page
 * consume nothing). The secret enters the DOM only after that click.
 */
export function RevealPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>({ name: 'loading' });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [linkKey] = useState(() => takeLinkKey(id));
  useDocumentTitle(
    t(
      view.name === 'gone' || view.name === 'locked'
        ? 'unknownTitle'
        : view.name === 'revealed'
          ? 'revealedTitle'
          : 'revealTitle',
    ),
  );

  const peek = async () => {
    setView({ name: 'loading' });
    const result = await client.peek(id);
    if (!result.ok) {
      // A malformed id in the address is as unknown as a secret that is gone.
      const gone = result.reason === 'not_found' || result.reason === 'bad_link';
      setView(gone ? { name: 'gone' } : { name: 'error', error: result });
    } else if (!linkKey.ok) {
      setView({ name: 'link-problem', message: linkKey.reason === 'missing' ? 'missingKey' : 'badLink' });
    } else {
      setView({ name: 'ready', info: result });
    }
  };
  useEffect(() => {
    void peek();
    // Opening the link again in this tab only changes the fragment (no page load); start over like a fresh visit.
    const onHashChange = () => location.hash.length > 1 && location.reload();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  useEffect(() => {
    if (view.name !== 'loading' && view.name !== 'ready') headingRef.current?.focus();
  }, [view.name]);

  switch (view.name) {
    case 'loading':
      return (
        <Heading
          headingRef={headingRef}
          title={t('revealTitle')}
          body={<p role="status">{t('loading')}</p>}
        />
      );
    case 'error':
      return (
        <Heading
          headingRef={headingRef}
          title={t('revealTitle')}
          body={<ErrorNotice error={view.error} onRetry={peek} />}
        />
      );
    case 'gone':
      return (
        <Heading
          headingRef={headingRef}
          title={t('unknownTitle')}
          body={<p class="lead">{t('unknownBody')}</p>}
        />
      );
    case 'locked':
      return (
        <Heading
          headingRef={headingRef}
          title={t('unknownTitle')}
          body={<p class="notice notice-error">{t('locked')}</p>}
        />
      );
    case 'link-problem':
      return (
        <Heading
          headingRef={headingRef}
          title={t('revealTitle')}
          body={<p class="notice notice-error">{t(view.message)}</p>}
        />
      );
    case 'ready':
      return (
        <RevealForm
          id={id}
          info={view.info}
          linkKey={linkKey.ok ? linkKey.key : new Uint8Array()}
          onDone={(next) => {
            if (next.name === 'revealed' || next.name === 'locked' || next.name === 'gone') forgetLinkKey(id);
            setView(next);
          }}
        />
      );
    case 'revealed':
      return <RevealedView headingRef={headingRef} {...view} />;
  }
}

function Heading({
  title,
  body,
  headingRef,
}: {
  title: string;
  body: ComponentChildren;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={headingRef}>
        {title}
      </h1>
      {body}
    </section>
  );
}

interface FormProps {
  id: string;
  info: SecretInfo;
  linkKey: Uint8Array;
  onDone: (view: View) => void;
}

function RevealForm({ id, info, linkKey, onDone }: FormProps) {
  const { t, tp, bytes } = useI18n();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | MessageKey | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const needsPassphrase = info.passphrase;
  // A restricted secret (recipient verification, networks, office hours, countries) brings its own part.
  const Restricted = useLazy(loadAccountChunk, Object.values(info.requires).some(Boolean));
  const verification = useRef<VerificationHandle | null>(null);

  const onReveal = async (event: Event) => {
    event.preventDefault();
    if (needsPassphrase && !passphrase) {
      passphraseRef.current?.focus();
      return;
    }
    // With recipient verification: the code, or null when the step had to say what is missing.
    const code = verification.current?.code();
    if (code === null) return;
    // Without Web Crypto nothing can be derived: say so before anything is sent or consumed.
    if (!canEncrypt()) {
      setFailure('errCrypto');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const result = await reveal(id, linkKey, needsPassphrase ? passphrase : '', code);
      if (result.ok) {
        const { payload, viewsLeft, files, grantExpiresAt } = result;
        onDone({ name: 'revealed', payload, viewsLeft, files, grantExpiresAt });
        return;
      }
      switch (result.reason) {
        case 'decrypt_failed':
          setFailure('decryptFailed');
          break;
        case 'not_found':
          onDone({ name: 'gone' });
          break;
        case 'locked':
          onDone({ name: 'locked' });
          break;
        case 'wrong_passphrase':
          setFailure(result);
          setPassphrase('');
          passphraseRef.current?.focus();
          break;
        default:
          setFailure(result);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('revealTitle')}
      </h1>
      <p class="lead">{tp('revealViews', info.viewsLeft)}</p>
      <Expiry at={info.expiresAt} />
      {info.files > 0 && (
        <div class="notice" data-testid="files-before-reveal">
          <p>{tp('filesAttached', info.files)}</p>
          {!canStreamToDisk() && <p>{t('filesBrowserLimit', { max: bytes(BLOB_SAVE_MAX_BYTES) })}</p>}
        </div>
      )}
      <form onSubmit={onReveal} noValidate aria-busy={busy}>
        {Restricted && (
          <Restricted.RevealRestrictions
            id={id}
            linkKey={linkKey}
            info={info}
            failure={failure}
            handle={verification}
            onCodeSent={() => setFailure(null)}
          />
        )}
        {needsPassphrase && (
          <div class="field">
            <label for="reveal-passphrase">{t('passphrasePrompt')}</label>
            <input
              id="reveal-passphrase"
              ref={passphraseRef}
              type="password"
              autoComplete="off"
              required
              aria-describedby="reveal-passphrase-hint"
              value={passphrase}
              onInput={(e) => setPassphrase(e.currentTarget.value)}
            />
            <p id="reveal-passphrase-hint" class="hint">
              {t('passphraseNeeded')}
            </p>
          </div>
        )}
        {failure &&
          !Restricted?.explains(failure) &&
          (typeof failure === 'string' ? (
            <ErrorNotice error={t(failure)} />
          ) : failure.reason === 'wrong_passphrase' ? (
            <ErrorNotice error={tp('wrongPassphrase', failure.attemptsLeft)} />
          ) : (
            <ErrorNotice error={failure} />
          ))}
        <div class="actions">
          <button type="submit" class="button-primary" disabled={busy}>
            {busy ? t('revealing') : t('revealButton')}
          </button>
        </div>
      </form>
    </section>
  );
}

const CONTEXT_ROWS: [keyof NonNullable<SecretPayload['context']>, MessageKey][] = [
  ['label', 'contextLabel'],
  ['username', 'contextUsername'],
  ['url', 'contextUrl'],
  ['environment', 'contextEnvironment'],
  ['note', 'contextNote'],
];

/** A revealed secret: its text (copy, cleared clipboard), context and files; also the inbox's read answer. */
export function RevealedView({
  payload,
  viewsLeft,
  files,
  grantExpiresAt,
  headingRef,
}: {
  payload: SecretPayload;
  viewsLeft: number;
  files: RevealedFile[];
  grantExpiresAt: string | null;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t, tp } = useI18n();
  // The file list (downloads, progress, saving) comes with the account pages' lazy chunk, as the restrictions do.
  const chunk = useLazy(loadAccountChunk, files.length > 0);
  const context = payload.context ?? {};
  const rows = CONTEXT_ROWS.filter(([key]) => context[key]);
  const lines = payload.text.split('\n').length;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={headingRef}>
        {t('revealedTitle')}
      </h1>
      <p class="notice notice-ok" role="status">
        {viewsLeft > 0 ? tp('remainNote', viewsLeft) : t('goneNote')}
      </p>
      {(payload.text !== '' || files.length === 0) && (
        <div class="field">
          <label for="revealed-secret">{t('secretLabel')}</label>
          <textarea
            id="revealed-secret"
            class="mono"
            dir="auto"
            readOnly
            rows={Math.min(12, Math.max(2, lines))}
            spellcheck={false}
            value={payload.text}
          />
          <div class="actions">
            <CopyButton
              text={() => payload.text}
              label={t('copySecret')}
              clearAfterMs={CLIPBOARD_CLEAR_MS}
              class="button-primary"
            />
          </div>
          <p class="hint">{t('clipboardClears')}</p>
        </div>
      )}
      {rows.length > 0 && (
        <>
          <h2>{t('contextTitle')}</h2>
          <dl class="facts" data-testid="context">
            {rows.map(([key, label]) => (
              <div key={key}>
                <dt>{t(label)}</dt>
                <dd class="pre">{context[key]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {files.length > 0 &&
        (chunk ? (
          <chunk.FileDownloads files={files} grantExpiresAt={grantExpiresAt} />
        ) : (
          <p role="status">{t('loading')}</p>
        ))}
    </section>
  );
}
