import {
  CONTEXT_FIELD_MAX_CHARS,
  CONTEXT_FIELDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_CONTENT_BYTES,
  DEFAULT_MAX_VIEWS,
  formatSecretLink,
  generatePassword,
  KDF_DEFAULT_ITERATIONS,
  MAX_VIEWS_LIMIT,
  type SecretContext,
  sealSecret,
  TTL_CHOICES_SECONDS,
  TTL_DEFAULT_SECONDS,
  TTL_MAX_SECONDS,
  TTL_MIN_SECONDS,
  toBase64Url,
  utf8Encode,
} from '@burnlink/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, api, type ServerConfig } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { FilePicker } from '../components/file-picker.js';
import { type PasswordChoice, PasswordOptions } from '../components/password-options.js';
import { ProgressView } from '../components/progress-view.js';
import { checkFileLimits, type LimitProblem } from '../files/file-limits.js';
import { useLeaveWarning } from '../files/leave-warning.js';
import { uploadFailureMessage } from '../files/transfer-errors.js';
import { useTransferProgress } from '../files/use-transfer-progress.js';
import { useDocumentTitle } from '../hooks.js';
import type { MessageKey } from '../i18n/en.js';
import { type I18n, useI18n } from '../i18n/i18n.js';

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

/** Used until (or if never) `GET /api/v1/config` answers: the shared defaults from core. */
const FALLBACK_CONFIG: ServerConfig = {
  ttl: {
    min: TTL_MIN_SECONDS,
    max: TTL_MAX_SECONDS,
    default: TTL_DEFAULT_SECONDS,
    choices: [...TTL_CHOICES_SECONDS],
  },
  max_views: { max: MAX_VIEWS_LIMIT, default: DEFAULT_MAX_VIEWS },
  max_attempts: DEFAULT_MAX_ATTEMPTS,
  max_content_bytes: DEFAULT_MAX_CONTENT_BYTES,
  kdf_iterations: KDF_DEFAULT_ITERATIONS,
};

const CONTEXT_LABELS: Record<(typeof CONTEXT_FIELDS)[number], MessageKey> = {
  label: 'contextLabel',
  username: 'contextUsername',
  url: 'contextUrl',
  environment: 'contextEnvironment',
  note: 'contextNote',
};

type Failure = { api: ApiError } | { text: string };

/** The words for a file limit the chosen files break. */
function limitMessage(problem: LimitProblem, { t, bytes }: I18n): string {
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
  const { t, lifetime, size } = i18n;
  useDocumentTitle(t('createTitle'));
  const [config, setConfig] = useState<ServerConfig>(FALLBACK_CONFIG);
  const [configFailed, setConfigFailed] = useState<ApiError | null>(null);
  const [ttl, setTtl] = useState(FALLBACK_CONFIG.ttl.default);
  const [views, setViews] = useState(FALLBACK_CONFIG.max_views.default);
  const [text, setText] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [context, setContext] = useState<SecretContext>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [generatorOpen, setGeneratorOpen] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState<{ file: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const upload = useTransferProgress();
  const abortRef = useRef<AbortController | null>(null);
  const secretRef = useRef<HTMLTextAreaElement>(null);
  useLeaveWarning(uploading !== null);
  const limitProblem = checkFileLimits(files, config.files);

  const loadConfig = async () => {
    const result = await api.config();
    if (result.ok) {
      setConfig(result.value);
      setTtl(result.value.ttl.default);
      setViews(result.value.max_views.default);
      setConfigFailed(null);
    } else {
      setConfigFailed(result.error);
    }
  };
  useEffect(() => {
    void loadConfig();
  }, []);

  const create = async (secretText: string, generated: boolean) => {
    setFailure(null);
    setNotice(null);
    if (limitProblem) {
      setFailure({ text: limitMessage(limitProblem, i18n) });
      return;
    }
    // The server limits the text (UTF-8 bytes); say so before encrypting rather than after a 413.
    const bytes = utf8Encode(secretText).length;
    if (bytes > config.max_content_bytes) {
      setFailure({ text: t('errTooLargeLocal', { size: size(bytes), max: size(config.max_content_bytes) }) });
      return;
    }
    const filled = Object.fromEntries(
      Object.entries(context)
        .map(([k, v]) => [k, (v ?? '').trim()])
        .filter(([, v]) => v),
    ) as SecretContext;
    if (files.length > 0) {
      await createWithFiles(secretText, filled, generated);
      return;
    }
    setBusy(true);
    try {
      const sealed = await sealSecret(
        { v: 1, text: secretText, ...(Object.keys(filled).length ? { context: filled } : {}) },
        passphrase ? { passphrase, iterations: config.kdf_iterations } : {},
      );
      const result = await api.create({
        ttl,
        max_views: views,
        verifier: sealed.verifier,
        ...(sealed.linkVerifier ? { link_verifier: sealed.linkVerifier } : {}),
        kdf: sealed.kdf,
        content: toBase64Url(sealed.content),
      });
      if (!result.ok) {
        setFailure({ api: result.error });
        return;
      }
      onCreated({
        link: formatSecretLink(location.origin, result.value.id, sealed.linkKey),
        receipt: result.value.receipt,
        expiresAt: result.value.expires_at,
        maxViews: views,
        passphrase: passphrase !== '',
        generated: generated ? secretText : null,
        files: 0,
      });
    } catch (error) {
      // Web Crypto is missing outside secure contexts (plain HTTP on a non-local host); nothing was sent.
      if (globalThis.crypto?.subtle) throw error;
      setFailure({ text: t('errCrypto') });
    } finally {
      setBusy(false);
    }
  };

  /** Encrypts while reading each file and uploads it (SDK, lazily loaded), with progress and cancel. */
  const createWithFiles = async (secretText: string, filled: SecretContext, generated: boolean) => {
    const controller = new AbortController();
    abortRef.current = controller;
    setBusy(true);
    upload.reset();
    setUploading({ file: 0 });
    try {
      const { sendFiles } = await import('../files/transfer.js');
      const result = await sendFiles({
        text: secretText,
        context: filled,
        ttl,
        maxViews: views,
        passphrase,
        iterations: config.kdf_iterations,
        files,
        signal: controller.signal,
        onProgress: (progress) => {
          setUploading((current) => (current?.file === progress.file ? current : { file: progress.file }));
          upload.report(progress.allBytes, progress.allTotal);
        },
      });
      if (!result.ok) {
        const message = uploadFailureMessage(result);
        if (result.reason === 'cancelled') setNotice(t(message.key, message.vars));
        else setFailure({ text: t(message.key, message.vars) });
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
    } catch {
      // The lazily loaded code did not arrive (server gone, connection dropped).
      setFailure({ api: { kind: 'network' } });
    } finally {
      abortRef.current = null;
      setUploading(null);
      setBusy(false);
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!text.trim() && files.length === 0) {
      setFailure({ text: t('errEmpty') });
      secretRef.current?.focus();
      return;
    }
    void create(text, false);
  };

  const onGenerate = (choice: PasswordChoice) => {
    void create(generatePassword(choice), true);
  };

  const ttlChoices = config.ttl.choices.includes(ttl) ? config.ttl.choices : [...config.ttl.choices, ttl];
  const viewChoices = Array.from({ length: Math.min(config.max_views.max, 10) }, (_, i) => i + 1);
  if (!viewChoices.includes(views)) viewChoices.push(views);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('createTitle')}
      </h1>
      <p class="lead">{t('createIntro')}</p>
      {configFailed && <ErrorNotice error={t('errConfig')} onRetry={loadConfig} />}
      <form onSubmit={onSubmit} noValidate aria-busy={busy}>
        <div class="field">
          <label for="secret">{t('secretLabel')}</label>
          <textarea
            id="secret"
            ref={secretRef}
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
        {failure && <ErrorNotice error={'api' in failure ? failure.api : failure.text} />}
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {uploading && upload.figures && (
          <ProgressView
            id="upload-progress"
            label={t('uploadProgress', {
              name: files[uploading.file]?.name ?? '',
              index: uploading.file + 1,
              count: files.length,
            })}
            figures={upload.figures}
          />
        )}
        <div class="actions">
          <button type="submit" class="button-primary" disabled={busy}>
            {busy ? (uploading ? t('uploading') : t('creating')) : t('createButton')}
          </button>
          {uploading && (
            <button type="button" class="button-secondary" onClick={() => abortRef.current?.abort()}>
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
      {generatorOpen && <PasswordOptions id="generator" busy={busy} onGenerate={onGenerate} />}
    </section>
  );
}
