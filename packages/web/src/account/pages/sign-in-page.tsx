import { useState } from 'preact/hooks';
import { oidcStartUrl } from '../account-api.js';
import { useAccountText, withAccountText } from '../account-i18n.js';
import { signInErrorKey } from '../format.js';
import { PageTitle, useAuthConfig, useCeremonyText, withPasskeys } from '../ui.js';

/**
 * The identity provider's sign-in comes back to `/sign-in?error=CODE` when it fails: read once, then taken out
 * of the address bar so that a reload does not repeat it.
 */
function takeReturnedError(): string | null {
  const code = new URLSearchParams(location.search).get('error');
  if (code !== null) history.replaceState(history.state, '', location.pathname);
  return code;
}

/** `/sign-in`: a passkey, and "Sign in with {name}" when an identity provider is configured. */
function SignInView() {
  const { a } = useAccountText();
  const auth = useAuthConfig();
  const describe = useCeremonyText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(() => {
    const key = signInErrorKey(takeReturnedError());
    return key && a(key);
  });

  const signIn = async () => {
    setBusy(true);
    setError(null);
    const result = await withPasskeys((passkey) => passkey.signInWithPasskey());
    const failure = describe(result);
    if (failure === null) {
      location.assign('/dashboard');
      return;
    }
    setBusy(false);
    setError(failure);
  };

  const passkeys = auth?.passkeys !== false;
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{a('signInTitle')}</PageTitle>
      <p class="lead">{a('signInIntro')}</p>
      {passkeys && (
        <div class="actions">
          <button
            type="button"
            class="button-primary"
            disabled={busy}
            onClick={signIn}
            aria-describedby="sign-in-status"
          >
            {a('signInPasskey')}
          </button>
        </div>
      )}
      <p id="sign-in-status" role="status">
        {busy ? a('signingIn') : ''}
      </p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {auth?.oidc && (
        <>
          {passkeys && <p class="divider">{a('joinOr')}</p>}
          <p>
            <a class="button-secondary" href={oidcStartUrl({ returnTo: '/dashboard' })}>
              {a('signInOidc', { name: auth.oidc.name })}
            </a>
          </p>
        </>
      )}
      {auth && !passkeys && !auth.oidc && <p class="notice">{a('signInNoMethod')}</p>}
      <p class="hint">{a('signInNeedsInvite')}</p>
    </section>
  );
}

export const SignInPage = withAccountText(SignInView);
