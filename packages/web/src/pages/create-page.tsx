import { fileSourceFromBlob, type ServerLimits } from '@burnlink/client';
import {
  CONTEXT_FIELD_MAX_CHARS,
  CONTEXT_FIELDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_CONTENT_BYTES,
  DEFAULT_MAX_VIEWS,
  KDF_DEFAULT_ITERATIONS,
  MAX_VIEWS_LIMIT,
  type SecretContext,
  TTL_CHOICES_SECONDS,
  TTL_DEFAULT_SECONDS,
  TTL_MAX_SECONDS,
  TTL_MIN_SECONDS,
  utf8Encode,
} from '@burnlink/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AccountLine } from '../components/account-line.js';
import { ErrorNotice } from '../components/error-notice.js';
import { FilePicker } from '../components/file-picker.js';
import { ModeNav } from '../components/mode-nav.js';
import type { PasswordChoice } from '../components/password-options.js';
import { failureMessage } from '../failure-message.js';
import { checkFileLimits, type LimitProblem } from '../files/file-limits.js';
import { uploadFailureMessage } from '../files/transfer-errors.js';
import { useUpload } from '../files/use-upload.js';
import { loadAccountChunk, useDocumentTitle, useLazy } from '../hooks.js';
import { type I18n, useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages/en.js';
import type { CreateRestrictionsHandle } from '../restrictions/create-panel.js';
import { canEncrypt, client } from '../sdk-client.js';

/** What the share page shows after a successful create. */
export interface CreatedSecret {
  link: string;
  receipt: string;
  expiresAt: string;
  maxViews: number;
  passphrase: boolean;
  /** The generated password, shown once on the share page; null for a typed secret. */
  generated: string | null;
  /** Number of attached files. */
  files: number;
}

/** The server's limits as the page uses them; `files` is unknown until the config answers. */
type Limits = Omit<ServerLimits, 'ok' | 'files'> & { files?: ServerLimits['files'] };

/** Used until (or if never) `GET /api/v1/config` answers: the shared defaults from core. */
const FALLBACK_CONFIG: Limits = {
  ttl: {
    min: TTL_MIN_SECONDS,
    max: TTL_MAX_SECONDS,
    default: TTL_DEFAULT_SECONDS,
    choices: [...TTL_CHOICES_SECONDS],
  },
  maxViews: { max: MAX_VIEWS_LIMIT, default: DEFAULT_MAX_VIEWS },
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  maxContentBytes: DEFAULT_MAX_CONTENT_BYTES,
  kdfIterations: KDF_DEFAULT_ITERATIONS,
  serverEncryption: false,
  keyClaim: false,
  auth: null,
  restrictions: null,
  policy: null,
};

const CONTEXT_LABELS: Record<(typeof CONTEXT_FIELDS)[number], MessageKey> = {
  label: 'contextLabel',
  username: 'contextUsername',
  url: 'contextUrl',
  environment: 'contextEnvironment',
  note: 'contextNote',
};

/** The words for a file limit the chosen files break. */
export function limitMessage(problem: LimitProblem, { t, bytes }: I18n): string {
  switch (problem.problem) {
    case 'files-off':
      return t('filesOff');
    case 'too-many':
      return t('errTooManyFiles', { count: problem.count, max: problem.max });
    case 'file-too-large':
      return t('errFileTooLarge', { name: problem.name, size: bytes(problem.size), max: bytes(problem.max) });
    case 'total-too-large':
      return t('errFilesTooLarge', { size: bytes(problem.size), max: bytes(problem.max) });
  }
}

export function CreatePage({ onCreated }: { onCreated: (created: CreatedSecret) => void }) {
  const i18n = useI18n();
  const { t, lifetime, size, say } = i18n;
  useDocumentTitle(t('createTitle'));
  const [config, setConfig] = useState<Limits>(FALLBACK_CONFIG);
  const [configFailed, setConfigFailed] = useState(false);
  const [ttl, setTtl] = useState(FALLBACK_CONFIG.ttl.default);
  const [views, setViews] = useState(FALLBACK_CONFIG.maxViews.default);
  const [text, setText] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [context, setContext] = useState<SecretContext>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [generatorOpen, setGeneratorOpen] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  // Accounts: who is here (null: not known yet), and the team the secret is recorded under.
  const [account, setAccount] = useState<'anonymous' | 'creator' | 'viewer' | null>(null);
  const [team, setTeam] = useState('');
  const [notify, setNotify] = useState(false);
  const [restrictionsOpen, setRestrictionsOpen] = useState(false);
  const policy = config.policy;
  // The restrictions, the organisation's passphrase rule and the password generator come with the account
  // pages' lazy chunk, once they are needed.
  const chunk = useLazy(loadAccountChunk, restrictionsOpen || !!policy || generatorOpen);
  const restricting = useRef<CreateRestrictionsHandle | null>(null);
  const upload = useUpload(files);
  const secretRef = useRef<HTMLTextAreaElement>(null);
  const limitProblem = checkFileLimits(files, config.files);

  const loadConfig = async () => {
    const result = await client.config();
    setConfigFailed(!result.ok);
    if (result.ok) {
      setConfig(result);
      // The organisation's maximums narrow the server's choices.
      setTtl(Math.min(result.ttl.default, result.policy?.max_ttl ?? 1e9));
      setViews(Math.min(result.maxViews.default, result.policy?.max_views ?? 1e9));
    }
  };
  useEffect(() => {
    void loadConfig();
  }, []);

  /**
   * Encrypts and sends through the SDK: the text (and context) as the payload, and each file encrypted while
   * it is read and uploaded, with progress and cancel. A cancelled or failed upload leaves nothing behind.
   */
  const create = async (secretText: string, generated: boolean) => {
    setFailure(null);
    setNotice(null);
    if (limitProblem) {
      setFailure(limitMessage(limitProblem, i18n));
      return;
    }
    // The server limits the text (UTF-8 bytes); say so before encrypting rather than after a 413.
    const bytes = utf8Encode(secretText).length;
    if (bytes > config.maxContentBytes) {
      setFailure(t('errTooLargeLocal', { size: size(bytes), max: size(config.maxContentBytes) }));
      return;
    }
    // Web Crypto is missing outside secure contexts (plain HTTP on a non-local host); nothing is sent.
    if (!canEncrypt()) {
      setFailure(t('errCrypto'));
      return;
    }
    const problem = restricting.current?.check(passphrase);
    if (problem) {
      setFailure(problem);
      return;
    }
    const filled = Object.fromEntries(
      Object.entries(context)
        .map(([k, v]) => [k, (v ?? '').trim()])
        .filter(([, v]) => v),
    ) as SecretContext;
    const withFiles = files.length > 0;
    setBusy(true);
    const transfer = withFiles ? upload.begin() : null;
    try {
      const result = await client.send({
        text: secretText,
        context: filled,
        ttl,
        maxViews: views,
        ...(passphrase ? { passphrase, iterations: config.kdfIterations } : {}),
        ...(team && account === 'creator' ? { team } : {}),
        ...(notify && account === 'creator' ? { notify: true } : {}),
        ...restricting.current?.fields(),
        ...(transfer ? { files: files.map((file) => fileSourceFromBlob(file)), ...transfer } : {}),
      });
      if (!result.ok) {
        const message = withFiles ? uploadFailureMessage(result) : failureMessage(result);
        if (result.reason === 'cancelled') setNotice(say(message));
        else setFailure(restricting.current?.failureText(result) ?? say(message));
        return;
      }
      onCreated({
        link: result.link,
        receipt: result.receipt,
        expiresAt: result.expiresAt,
        maxViews: views,
        passphrase: passphrase !== '',
        generated: generated ? secretText : null,
        files: files.length,
      });
    } finally {
      upload.end();
      setBusy(false);
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!text.trim() && files.length === 0) {
      setFailure(t('errEmpty'));
      secretRef.current?.focus();
      return;
    }
    void create(text, false);
  };

  const onGenerate = (choice: PasswordChoice) => {
    if (chunk) void create(chunk.generatePassword(choice), true);
  };

  const ttlChoices = (
    config.ttl.choices.includes(ttl) ? config.ttl.choices : [...config.ttl.choices, ttl]
  ).filter((seconds) => seconds <= (policy?.max_ttl ?? 1e9));
  const viewChoices = Array.from(
    { length: Math.min(config.maxViews.max, 10, policy?.max_views ?? 10) },
    (_, i) => i + 1,
  );
  if (!viewChoices.includes(views)) viewChoices.push(views);
  const signInRequired = config.auth?.anonymousCreate === false;

  return (
    <section aria-labelledby="page-title">
      <ModeNav current="share" />
      <h1 id="page-title" tabIndex={-1}>
        {t('createTitle')}
      </h1>
      <p class="lead">{t('createIntro')}</p>
      {configFailed && <ErrorNotice error={t('errConfig')} onRetry={loadConfig} />}
      <AccountLine
        required={signInRequired}
        onAccount={setAccount}
        team={team}
        onTeam={setTeam}
        notify={notify}
        onNotify={setNotify}
      />
      {(signInRequired && account !== 'creator') || account === 'viewer' ? null : (
        <form onSubmit={onSubmit} noValidate aria-busy={busy}>
          <div class="field">
            <label for="secret">{t('secretLabel')}</label>
            <textarea
              id="secret"
              ref={secretRef}
              dir="auto"
              rows={6}
              autoComplete="off"
              autocapitalize="off"
              spellcheck={false}
              placeholder={t('secretPlaceholder')}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="passphrase">{t('passphraseLabel')}</label>
            <input
              id="passphrase"
              type="password"
              autoComplete="new-password"
              aria-describedby="passphrase-hint"
              value={passphrase}
              onInput={(e) => setPassphrase(e.currentTarget.value)}
            />
            <p id="passphrase-hint" class="hint">
              {t('passphraseHint')}
              {policy && chunk && <chunk.PassphraseRule policy={policy} />}
            </p>
          </div>
          <div class="row">
            <div class="field">
              <label for="ttl">{t('lifetimeLabel')}</label>
              <select id="ttl" value={String(ttl)} onChange={(e) => setTtl(Number(e.currentTarget.value))}>
                {ttlChoices.map((seconds) => (
                  <option key={seconds} value={String(seconds)}>
                    {lifetime(seconds)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="views">{t('viewsLabel')}</label>
              <select
                id="views"
                value={String(views)}
                onChange={(e) => setViews(Number(e.currentTarget.value))}
              >
                {viewChoices.map((n) => (
                  <option key={n} value={String(n)}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <FilePicker
            files={files}
            limits={config.files}
            disabled={busy}
            onChange={(next) => {
              setFiles(next);
              setFailure(null);
              setNotice(null);
            }}
          />
          {limitProblem && !failure && (
            <p class="notice notice-error" role="alert">
              {limitMessage(limitProblem, i18n)}
            </p>
          )}
          <details class="context">
            <summary>{t('contextLegend')}</summary>
            <div class="context-fields">
              {CONTEXT_FIELDS.map((field) => (
                <div class="field" key={field}>
                  <label for={`context-${field}`}>{t(CONTEXT_LABELS[field])}</label>
                  {field === 'note' ? (
                    <textarea
                      id={`context-${field}`}
                      rows={2}
                      maxLength={CONTEXT_FIELD_MAX_CHARS}
                      value={context[field] ?? ''}
                      onInput={(e) => setContext({ ...context, [field]: e.currentTarget.value })}
                    />
                  ) : (
                    <input
                      id={`context-${field}`}
                      type={field === 'url' ? 'url' : 'text'}
                      maxLength={CONTEXT_FIELD_MAX_CHARS}
                      autoComplete="off"
                      value={context[field] ?? ''}
                      onInput={(e) => setContext({ ...context, [field]: e.currentTarget.value })}
                    />
                  )}
                </div>
              ))}
            </div>
          </details>
          <details class="context" onToggle={(e) => setRestrictionsOpen(e.currentTarget.open)}>
            <summary>{t('restrictionsLegend')}</summary>
            {chunk ? (
              <chunk.RestrictionsPanel config={config} handle={restricting} />
            ) : (
              <p role="status">{t('loading')}</p>
            )}
          </details>
          {failure && <ErrorNotice error={failure} />}
          {/* Always present, so that a notice (an upload cancelled) is announced when its words appear. */}
          <p class={notice ? 'notice' : 'visually-hidden'} role="status">
            {notice ?? ''}
          </p>
          {upload.view}
          <div class="actions">
            <button type="submit" class="button-primary" disabled={busy}>
              {busy ? (upload.uploading ? t('uploading') : t('creating')) : t('createButton')}
            </button>
            {upload.uploading && (
              <button type="button" class="button-secondary" onClick={upload.cancel}>
                {t('cancelUpload')}
              </button>
            )}
            <button
              type="button"
              class="button-link"
              aria-expanded={generatorOpen}
              aria-controls="generator"
              onClick={() => setGeneratorOpen(!generatorOpen)}
            >
              {t('generateToggle')}
            </button>
          </div>
        </form>
      )}
      {generatorOpen &&
        (chunk ? (
          <chunk.PasswordOptions id="generator" busy={busy} onGenerate={onGenerate} />
        ) : (
          <p id="generator" role="status">
            {t('loading')}
          </p>
        ))}
    </section>
  );
}
