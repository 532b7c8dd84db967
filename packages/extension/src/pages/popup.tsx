import type { SentSecret } from '@burnlink/client';
import { fileSourceFromBlob } from '@burnlink/client/files';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Connection, connect, defaultChoices } from '../connection.js';
import { checkFiles, fileCap } from '../file-cap.js';
import { sizeText, t } from '../i18n.js';
import { type Problem, problemFor } from '../problems.js';
import { LifetimeAndViews } from '../ui/lifetime-views.js';
import { mount } from '../ui/mount.js';
import { ProblemView } from '../ui/problem-view.js';
import { ResultView } from '../ui/result-view.js';

type State =
  | { step: 'loading' }
  | { step: 'unavailable'; problem: Problem }
  | { step: 'form'; connection: Connection }
  | { step: 'done'; sent: SentSecret };

/** The toolbar popup (also opened in a tab): text, lifetime, views, passphrase and small files → a link. */
function Popup() {
  const [state, setState] = useState<State>({ step: 'loading' });
  const load = () => {
    setState({ step: 'loading' });
    void connect().then((c) =>
      setState(c.ok ? { step: 'form', connection: c } : { step: 'unavailable', problem: c.problem }),
    );
  };
  useEffect(load, []);
  return (
    <main>
      <header>
        <h1>{t('popupTitle')}</h1>
        <nav>
          <a href="popup.html" target="_blank" rel="noreferrer">
            {t('openInTab')}
          </a>
          <button type="button" class="link" onClick={() => chrome.runtime.openOptionsPage()}>
            {t('settingsLink')}
          </button>
        </nav>
      </header>
      {state.step === 'loading' && <p role="status">…</p>}
      {state.step === 'unavailable' && <ProblemView problem={state.problem} onRetry={load} />}
      {state.step === 'form' && (
        <CreateForm connection={state.connection} onSent={(sent) => setState({ step: 'done', sent })} />
      )}
      {state.step === 'done' && (
        <>
          <ResultView sent={state.sent} />
          <button type="button" class="secondary" onClick={load}>
            {t('another')}
          </button>
        </>
      )}
    </main>
  );
}

function CreateForm({ connection, onSent }: { connection: Connection; onSent: (sent: SentSecret) => void }) {
  const { limits, client } = connection;
  const defaults = defaultChoices(connection);
  const cap = fileCap(limits);
  const origin = new URL(client.baseUrl).origin;
  const [text, setText] = useState('');
  const [ttl, setTtl] = useState(defaults.ttl);
  const [views, setViews] = useState(defaults.views);
  const [passphrase, setPassphrase] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const secretField = useRef<HTMLTextAreaElement>(null);
  // The popup is a small dialog opened to write a secret: the cursor starts in its field.
  useEffect(() => secretField.current?.focus(), []);
  const choices = limits.ttl.choices.includes(ttl)
    ? limits.ttl.choices
    : [...limits.ttl.choices, ttl].sort((a, b) => a - b);
  const upTo10 = Array.from({ length: Math.min(limits.maxViews.max, 10) }, (_, i) => i + 1);
  const viewChoices = upTo10.includes(views) ? upTo10 : [...upTo10, views];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (text === '' && files.length === 0) return setProblem({ key: 'emptySecret' });
    const tooMuch = checkFiles(files, cap);
    if (tooMuch) return setProblem(tooMuch);
    setProblem(null);
    setSending(true);
    const sent = await client.send({
      text,
      ttl,
      maxViews: views,
      ...(passphrase !== '' ? { passphrase } : {}),
      ...(files.length > 0 ? { files: files.map((file) => fileSourceFromBlob(file)) } : {}),
    });
    setSending(false);
    if (sent.ok) onSent(sent);
    else setProblem(problemFor(sent, origin));
  };

  return (
    <form onSubmit={submit} aria-busy={sending}>
      <div class="field">
        <label for="secret">{t('secretLabel')}</label>
        <textarea
          id="secret"
          rows={4}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-describedby="secret-hint"
          ref={secretField}
          spellcheck={false}
        />
        <p class="hint" id="secret-hint">
          {t('secretHint')}
        </p>
      </div>
      <LifetimeAndViews
        idPrefix=""
        ttl={String(ttl)}
        views={String(views)}
        ttlChoices={choices}
        viewChoices={viewChoices}
        onTtl={(v) => setTtl(Number(v))}
        onViews={(v) => setViews(Number(v))}
      />
      <div class="field">
        <label for="passphrase">{t('passphraseLabel')}</label>
        <input
          id="passphrase"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
      </div>
      {cap.maxFiles > 0 && (
        <div class="field">
          <label for="files">{t('filesLabel')}</label>
          <input
            id="files"
            type="file"
            multiple
            aria-describedby="files-hint"
            onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])}
          />
          <p class="hint" id="files-hint">
            {t('filesLimit', cap.maxFiles, sizeText(cap.maxSecretBytes))}
          </p>
        </div>
      )}
      {problem && <ProblemView problem={problem} />}
      <button type="submit" disabled={sending}>
        {sending ? t('sending') : t('createButton')}
      </button>
      <p class="hint">{t('serverLine', origin)}</p>
    </form>
  );
}

mount(Popup, 'popupTitle');
