import type { ServerLimits } from '@burnlink/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CLIPBOARD_CLEAR_MS } from '../clipboard.js';
import { CopyButton } from '../components/copy-button.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import { client } from '../sdk-client.js';
import { accountApi } from './account-api.js';
import { useAccountText } from './account-i18n.js';
import type { Me } from './account-types.js';
import { failureText, ROLE_LABELS } from './format.js';
import type { CeremonyResult } from './passkey.js';

/**
 * Runs a passkey ceremony, loading `passkey.ts` and `@simplewebauthn/browser` (about 4 KB gzipped) only now:
 * the dashboard and settings never need them unless a passkey is added.
 */
export async function withPasskeys(
  run: (module: typeof import('./passkey.js')) => Promise<CeremonyResult>,
): Promise<CeremonyResult> {
  let module: typeof import('./passkey.js');
  try {
    module = await import('./passkey.js');
  } catch {
    return { ok: false, status: 0, code: 'network', retryAfter: null };
  }
  return run(module);
}

import './account.css';

/**
 * The signed-in person (`GET /api/v1/me`). A 401 (never signed in, or the session ended) sends the browser to
 * the sign-in page; any other failure is shown with a retry.
 */
export function useMe(): { me: Me | null; error: string | null; reload: () => void } {
  const i18n = useI18n();
  const text = useAccountText();
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    const result = await accountApi.me();
    if (result.ok) setMe(result.value);
    else if (result.status === 401) location.replace('/sign-in');
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);
  return { me, error, reload: () => void load() };
}

/** A level-1 heading that takes focus when the page appears, so screen readers start there. */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(children);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 id="page-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

/**
 * Who is signed in, the account links (the audit trail, webhooks, policy and domains for the roles that have
 * them) and "Sign out".
 */
export function AccountBar({
  me,
  current,
}: {
  me: Me;
  current: 'dashboard' | 'settings' | 'audit' | 'webhooks' | 'policy' | 'domains';
}) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signOut = async () => {
    setBusy(true);
    const result = await accountApi.signOut();
    // An ended session is as good as signed out.
    if (result.ok || result.status === 401) location.assign('/sign-in');
    else {
      setBusy(false);
      setError(failureText(result, i18n, text));
    }
  };
  return (
    <nav class="account-bar" aria-label={a('account')}>
      <p class="account-who">
        {a('signedInAs', { name: me.user.name || me.user.email })}
        <span class="account-org">
          {' '}
          · {me.org.name} · {a(ROLE_LABELS[me.role] ?? 'roleMember')}
        </span>
      </p>
      <ul class="account-links">
        <li>
          <a href="/">{a('newSecret')}</a>
        </li>
        <li>
          <a href="/dashboard" aria-current={current === 'dashboard' ? 'page' : undefined}>
            {a('dashboard')}
          </a>
        </li>
        <li>
          <a href="/settings" aria-current={current === 'settings' ? 'page' : undefined}>
            {a('settings')}
          </a>
        </li>
        {me.scopes.includes('audit:read') && (
          <li>
            <a href="/audit" aria-current={current === 'audit' ? 'page' : undefined}>
              {a('audit')}
            </a>
          </li>
        )}
        {me.scopes.includes('webhooks:manage') && (
          <li>
            <a href="/webhooks" aria-current={current === 'webhooks' ? 'page' : undefined}>
              {a('webhooks')}
            </a>
          </li>
        )}
        {me.scopes.includes('policies:manage') && (
          <li>
            <a href="/policy" aria-current={current === 'policy' ? 'page' : undefined}>
              {a('policy')}
            </a>
          </li>
        )}
        {me.scopes.includes('domains:manage') && (
          <li>
            <a href="/domains" aria-current={current === 'domains' ? 'page' : undefined}>
              {a('domains')}
            </a>
          </li>
        )}
        <li>
          <button type="button" class="button-secondary" disabled={busy} onClick={signOut}>
            {busy ? a('signingOut') : a('signOut')}
          </button>
        </li>
      </ul>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </nav>
  );
}

/** A polite live region for what just happened (copied, burned, revoked…), kept in the page from the start. */
export function useAnnouncer(): [ComponentChildren, (message: string) => void] {
  const [message, setMessage] = useState('');
  const region = (
    <p class="visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
  return [region, setMessage];
}

interface ConfirmProps {
  /** The button's visible text. */
  label: string;
  /** Its accessible name when the visible text needs context (e.g. which row). */
  ariaLabel?: string;
  question: string;
  yes: string;
  busyLabel?: string;
  /** Does the work; answers an error in words, or null on success. */
  onConfirm: () => Promise<string | null>;
  danger?: boolean;
}

/** A button with an inline confirmation step (no window.confirm: keyboard and screen-reader friendly). */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  yes,
  busyLabel,
  onConfirm,
  danger = true,
}: ConfirmProps) {
  const { t } = useI18n();
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [error, setError] = useState<string | null>(null);
  const yesRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (step === 'confirm') yesRef.current?.focus();
  }, [step]);
  if (step === 'idle')
    return (
      <button
        type="button"
        class={danger ? 'button-danger' : 'button-secondary'}
        ref={startRef}
        aria-label={ariaLabel}
        onClick={() => setStep('confirm')}
      >
        {label}
      </button>
    );
  const confirm = async () => {
    setStep('busy');
    setError(null);
    const failure = await onConfirm();
    // On success the owner usually removes or changes the row (and this button with it).
    setError(failure);
    setStep(failure === null ? 'idle' : 'confirm');
  };
  return (
    <fieldset class="confirm">
      <legend>{question}</legend>
      <div class="actions">
        <button type="button" class="button-danger" ref={yesRef} disabled={step === 'busy'} onClick={confirm}>
          {step === 'busy' ? (busyLabel ?? t('loading')) : yes}
        </button>
        <button
          type="button"
          class="button-secondary"
          disabled={step === 'busy'}
          onClick={() => {
            setStep('idle');
            setError(null);
            setTimeout(() => startRef.current?.focus(), 0);
          }}
        >
          {t('cancel')}
        </button>
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A failure in words with a retry button (for loads). */
export function LoadError({ error, onRetry }: { error: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <p>{error}</p>
      <button type="button" class="button-secondary" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}

type Auth = ServerLimits['auth'];

/** The server's sign-in methods (`GET /api/v1/config`); passkeys are assumed until it answers. */
export function useAuthConfig(): Auth | null {
  const [auth, setAuth] = useState<Auth | null>(null);
  useEffect(() => {
    void client.config().then((config) => setAuth(config.ok ? config.auth : null));
  }, []);
  return auth;
}

/** A ceremony's failure in words, or null on success. */
export function useCeremonyText(): (result: CeremonyResult) => string | null {
  const i18n = useI18n();
  const text = useAccountText();
  return (result) => {
    if (result.ok) return null;
    if (result.status === -1 && 'problem' in result) return text.a(result.problem);
    return failureText(result as Exclude<CeremonyResult, { problem: unknown } | { ok: true }>, i18n, text);
  };
}

/**
 * A credential the server shows only once (an API key, a webhook's signing secret): focused heading, the
 * "you will not see it again" line, the value in a read-only field with a copy button that clears the clipboard,
 * and Done.
 */
export function ShownOnce({
  id,
  heading: Heading,
  title,
  once,
  label,
  labelHidden = false,
  mono = false,
  value,
  copyLabel,
  announce,
  onDone,
}: {
  /** Prefix of the element ids (`${id}-title`, `${id}-once`, and the field's `id`). */
  id: string;
  heading: 'h2' | 'h3';
  title: string;
  once: string;
  label: string;
  labelHidden?: boolean;
  mono?: boolean;
  value: string;
  copyLabel: string;
  announce: (message: string) => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { a } = useAccountText();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section class="once" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} tabIndex={-1} ref={ref}>
        {title}
      </Heading>
      <p id={`${id}-once`}>
        <strong>{once}</strong>
      </p>
      <div class="field">
        <label for={id} {...(labelHidden ? { class: 'visually-hidden' } : {})}>
          {label}
        </label>
        <div class="with-button">
          <input
            id={id}
            type="text"
            dir="ltr"
            readOnly
            {...(mono ? { class: 'mono' } : {})}
            value={value}
            aria-describedby={`${id}-once`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton
            text={() => value}
            label={copyLabel}
            clearAfterMs={CLIPBOARD_CLEAR_MS}
            onCopied={() => announce(`${t('copied')}. ${t('clipboardClears')}`)}
          />
        </div>
      </div>
      <button type="button" class="button-secondary" onClick={onDone}>
        {a('keyDone')}
      </button>
    </section>
  );
}
