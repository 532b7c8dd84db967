import type { Failure, InboxStatus, RevealedSecret } from '@burnlink/client';
import { formatInboxLink } from '@burnlink/core/requests';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useAnnouncer } from '../account/ui.js';
import { BurnControl } from '../components/burn-control.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import { takeLinkKey } from '../link-key.js';
import { RevealedView } from '../pages/reveal-page.js';
import { canEncrypt, client } from '../sdk-client.js';
import type { RequestKey } from './messages/en.js';
import { useRequestText, withRequestText } from './request-text.js';
import { isOpen, PageHeading, RequestFacts, usePolling, useReloadOnNewFragment } from './request-ui.js';

type View =
  | { name: 'loading' }
  | { name: 'error'; error: Failure }
  | { name: 'problem'; message: RequestKey }
  | { name: 'ok'; status: InboxStatus }
  | ({ name: 'revealed' } & Omit<RevealedSecret, 'ok'>);

const STATE_BODY: Record<InboxStatus['state'], RequestKey> = {
  waiting: 'waitingBody',
  answered: 'answeredBody',
  read: 'readBody',
  expired: 'expiredBody',
  burned: 'burnedBody',
};

/**
 * `/i/{id}#S`: the requester's inbox. The inbox key leaves the address bar at once and stays in memory for
 * this page (the inbox link is rebuilt for the SDK, which sends only the derived inbox token). Waiting: it asks
 * again every few seconds. Answered: "Reveal the answer" (a click, so that a link preview reads nothing) opens
 * the sealed key, claims and decrypts the answer — which burns it on the server — and shows it as the reveal
 * page does, files included. Burn works until the answer is read.
 */
export const InboxPage = withRequestText(function InboxPage({ param: id = '' }: { param?: string }) {
  const { t } = useI18n();
  const { q } = useRequestText();
  const [view, setView] = useState<View>({ name: 'loading' });
  const [key] = useState(() => takeLinkKey(id));
  const [region, announce] = useAnnouncer();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inboxLink = key.ok ? formatInboxLink(location.origin, id, key.key) : '';
  useReloadOnNewFragment();
  useDocumentTitle(q('inboxTitle'));

  const load = async (quiet = false) => {
    if (!key.ok) {
      setView({ name: 'problem', message: key.reason === 'missing' ? 'missingKey' : 'badLink' });
      return;
    }
    if (!quiet) setView({ name: 'loading' });
    const result = await client.inbox(inboxLink);
    if (result.ok)
      setView((current) => (current.name === 'revealed' ? current : { name: 'ok', status: result }));
    else if (result.reason === 'request_not_found' || result.reason === 'bad_link')
      setView({ name: 'problem', message: 'inboxUnknown' });
    // A failed background refresh keeps the last known state on screen.
    else if (!quiet) setView({ name: 'error', error: result });
  };
  useEffect(() => {
    void load();
  }, []);
  usePolling(view.name === 'ok' && view.status.state === 'waiting', () => void load(true));

  if (view.name === 'revealed') return <RevealedView headingRef={headingRef} {...view} />;

  return (
    <PageHeading title={q('inboxTitle')}>
      {region}
      {view.name === 'loading' && <p role="status">{t('loading')}</p>}
      {view.name === 'error' && <ErrorNotice error={view.error} onRetry={() => load()} />}
      {view.name === 'problem' && <p class="notice notice-error">{q(view.message)}</p>}
      {view.name === 'ok' && (
        <>
          <p class="lead">{q(STATE_BODY[view.status.state])}</p>
          {view.status.state === 'answered' && view.status.response && (
            <RevealAnswer
              inboxLink={inboxLink}
              response={view.status.response}
              onRevealed={(revealed) => setView({ name: 'revealed', ...revealed })}
              onGone={() => load(true)}
            />
          )}
          <RequestFacts times={view.status} />
          {isOpen(view.status.state) && (
            <div class="actions">
              <BurnControl
                receipt={inboxLink}
                burn={(link) => client.burnRequest(link)}
                label={q('burnRequest')}
                question={q('burnConfirm')}
                onBurned={() => {
                  announce(q('burnedNow'));
                  void load(true);
                }}
              />
            </div>
          )}
        </>
      )}
    </PageHeading>
  );
});

interface RevealProps {
  inboxLink: string;
  response: NonNullable<InboxStatus['response']>;
  onRevealed: (revealed: Omit<RevealedSecret, 'ok'>) => void;
  onGone: () => void;
}

/** The answered inbox's "Reveal the answer", with the passphrase prompt when the responder set one. */
function RevealAnswer({ inboxLink, response, onRevealed, onGone }: RevealProps) {
  const { t, tp } = useI18n();
  const { q, qp } = useRequestText();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | Failure | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);

  const onReveal = async (event: Event) => {
    event.preventDefault();
    if (response.passphrase && !passphrase) {
      passphraseRef.current?.focus();
      return;
    }
    if (!canEncrypt()) {
      setFailure(t('errCrypto'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const result = await client.readResponse(inboxLink, response.passphrase ? { passphrase } : {});
      if (result.ok) {
        const { payload, viewsLeft, files, grantExpiresAt } = result;
        onRevealed({ payload, viewsLeft, files, grantExpiresAt });
      } else if (result.reason === 'wrong_passphrase') {
        setFailure(tp('wrongPassphrase', result.attemptsLeft));
        setPassphrase('');
        passphraseRef.current?.focus();
      } else if (result.reason === 'decrypt_failed') setFailure(t('decryptFailed'));
      else if (
        result.reason === 'locked' ||
        result.reason === 'not_found' ||
        result.reason === 'request_not_found'
      ) {
        if (result.reason === 'locked') setFailure(t('locked'));
        onGone();
      } else setFailure(result);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={onReveal} noValidate aria-busy={busy}>
      {response.files > 0 && <p data-testid="answer-files">{qp('answerFiles', response.files)}</p>}
      {response.passphrase && (
        <div class="field">
          <label for="answer-passphrase">{t('passphrasePrompt')}</label>
          <input
            id="answer-passphrase"
            ref={passphraseRef}
            type="password"
            autoComplete="off"
            required
            aria-describedby="answer-passphrase-hint"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
          <p id="answer-passphrase-hint" class="hint">
            {q('answerPassphrase')}
          </p>
        </div>
      )}
      {failure && <ErrorNotice error={failure} />}
      <div class="actions">
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? t('revealing') : q('revealButton')}
        </button>
      </div>
    </form>
  );
}
