import { useRef, useState } from 'preact/hooks';
import { oidcStartUrl } from '../account-api.js';
import { useAccountText, withAccountText } from '../account-i18n.js';
import { passkeyLabel } from '../format.js';
import { PageTitle, useAuthConfig, useCeremonyText, withPasskeys } from '../ui.js';

let taken: string | null | undefined;

/**
 * The invite token from the address bar's `#fragment`, removed from it at once (`history.replaceState`) so that
 * it stays out of the history, like a secret's key on the reveal page. Kept in this module's memory only.
 */
function takeInvite(): string | null {
  if (taken !== undefined) return taken;
  const fragment = location.hash.slice(1);
  if (fragment) history.replaceState(history.state, '', location.pathname + location.search);
  taken = /^[A-Za-z0-9._~-]{8,1024}$/.test(fragment) ? fragment : null;
  return taken;
}

/** `/join#<invite>`: accept an invite with a new passkey, or through the identity provider. */
function JoinView() {
  const { a } = useAccountText();
  const auth = useAuthConfig();
  const describe = useCeremonyText();
  const [invite] = useState(takeInvite);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  if (!invite)
    return (
      <section aria-labelledby="page-title">
        <PageTitle>{a('joinTitle')}</PageTitle>
        <p class="notice notice-error" role="alert">
          {a('joinNoInvite')}
        </p>
      </section>
    );

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(a('joinNameMissing'));
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const label = passkeyLabel(navigator.userAgent);
    const result = await withPasskeys((passkey) => passkey.registerPasskey({ invite, name: trimmed }, label));
    const failure = describe(result);
    if (failure === null) {
      location.assign('/dashboard');
      return;
    }
    setBusy(false);
    setError(failure);
  };

  return (
    <section aria-labelledby="page-title">
      <PageTitle>{a('joinTitle')}</PageTitle>
      <p class="lead">{a('joinIntro')}</p>
      {auth?.passkeys !== false && (
        <form onSubmit={onSubmit} noValidate aria-busy={busy}>
          <div class="field">
            <label for="join-name">{a('joinName')}</label>
            <input
              id="join-name"
              ref={nameRef}
              type="text"
              autoComplete="name"
              maxLength={100}
              required
              aria-describedby="join-name-hint"
              aria-invalid={error === a('joinNameMissing')}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <p id="join-name-hint" class="hint">
              {a('joinNameHint')}
            </p>
          </div>
          <div class="actions">
            <button type="submit" class="button-primary" disabled={busy}>
              {a('joinCreatePasskey')}
            </button>
          </div>
        </form>
      )}
      <p role="status">{busy ? a('joinCreating') : ''}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {auth?.oidc && (
        <>
          {auth.passkeys && <p class="divider">{a('joinOr')}</p>}
          <p>
            <a class="button-secondary" href={oidcStartUrl({ invite, returnTo: '/dashboard' })}>
              {a('joinOidc', { name: auth.oidc.name })}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

export const JoinPage = withAccountText(JoinView);
