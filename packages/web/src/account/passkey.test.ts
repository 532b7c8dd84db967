import { WebAuthnError } from '@simplewebauthn/browser';
import { describe, expect, it, vi } from 'vitest';

// passkey.ts reaches the SDK client, which is made for this page's origin when loaded.
vi.stubGlobal('location', new URL('http://127.0.0.1:8080/sign-in'));
const { ceremonyProblem } = await import('./passkey.js');

const named = (name: string) => Object.assign(new Error('from the browser'), { name });

describe('ceremonyProblem', () => {
  it('reads a cancelled or timed-out ceremony as such, not as a failure', () => {
    expect(ceremonyProblem(named('NotAllowedError'))).toMatchObject({ problem: 'errCancelled' });
    expect(ceremonyProblem(named('AbortError'))).toMatchObject({ problem: 'errCancelled' });
  });

  it('says when this device already holds a passkey for the account', () => {
    const known = new WebAuthnError({
      message: 'The authenticator was previously registered',
      code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED',
      cause: named('InvalidStateError'),
    });
    expect(ceremonyProblem(known)).toMatchObject({ problem: 'errPasskeyKnown' });
  });

  it('calls anything else a device failure', () => {
    expect(ceremonyProblem(named('SecurityError'))).toMatchObject({ ok: false, problem: 'errPasskeyFailed' });
    expect(ceremonyProblem('odd')).toMatchObject({ problem: 'errPasskeyFailed' });
  });
});
