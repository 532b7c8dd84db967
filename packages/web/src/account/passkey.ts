import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';
import { type ApiFailure, accountApi } from './account-api.js';
import type { AccountKey } from './messages/en.js';

/**
 * The two passkey ceremonies (docs/teams.md): ask the server for options, let the browser and authenticator
 * do their part (`@simplewebauthn/browser`, bundled with the account pages), send the answer back. A result,
 * never a throw: a ceremony the person cancels is an expected outcome, not an error.
 */
export type CeremonyResult = { ok: true } | ApiFailure | { ok: false; status: -1; problem: AccountKey };

const problem = (key: AccountKey): CeremonyResult => ({ ok: false, status: -1, problem: key });

/** The options object, whether the server sends it bare or as `{options}`. */
const optionsOf = <T>(body: unknown): T => ((body as { options?: T } | null)?.options ?? body) as T;

/** What a failed `startRegistration` / `startAuthentication` means for the person, in one of our messages. */
export function ceremonyProblem(error: unknown): CeremonyResult {
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    return problem('errPasskeyKnown');
  // Cancelled, timed out, or refused by the person: browsers say NotAllowedError (or AbortError).
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') return problem('errCancelled');
  return problem('errPasskeyFailed');
}

/** Signs in with a discoverable passkey; the server sets the session cookies. */
export async function signInWithPasskey(): Promise<CeremonyResult> {
  if (!browserSupportsWebAuthn()) return problem('errNoWebAuthn');
  const options = await accountApi.passkeySignInOptions();
  if (!options.ok) return options;
  let response: unknown;
  try {
    response = await startAuthentication({
      optionsJSON: optionsOf<PublicKeyCredentialRequestOptionsJSON>(options.value),
    });
  } catch (error) {
    return ceremonyProblem(error);
  }
  const signedIn = await accountApi.passkeySignIn(response);
  return signedIn.ok ? { ok: true } : signedIn;
}

/**
 * Registers a passkey: with an invite (joining: the server creates the person and signs them in), or signed in
 * with `{}` (another passkey). `label` names the passkey in "My passkeys".
 */
export async function registerPasskey(
  start: { invite: string; name: string } | Record<string, never>,
  label: string,
): Promise<CeremonyResult> {
  if (!browserSupportsWebAuthn()) return problem('errNoWebAuthn');
  const options = await accountApi.passkeyRegisterOptions(start);
  if (!options.ok) return options;
  let response: unknown;
  try {
    response = await startRegistration({
      optionsJSON: optionsOf<PublicKeyCredentialCreationOptionsJSON>(options.value),
    });
  } catch (error) {
    return ceremonyProblem(error);
  }
  const registered = await accountApi.passkeyRegister(response, label);
  return registered.ok ? { ok: true } : registered;
}
