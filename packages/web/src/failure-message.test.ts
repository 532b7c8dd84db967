import type { Failure } from '@burnlink/client';
import { describe, expect, it } from 'vitest';
import { failureMessage } from './failure-message.js';
import { en } from './i18n/en.js';

const fail = (reason: Failure['reason'], extra: Record<string, unknown> = {}) =>
  ({ ok: false, reason, message: 'x', ...extra }) as Failure;

describe('SDK failures in plain words', () => {
  it('tells an unreachable server, a busy one, a failing one and a proxy page apart', () => {
    expect(failureMessage(fail('network')).key).toBe('errNetwork');
    expect(failureMessage(fail('rate_limited', { retryAfter: 30 })).key).toBe('errRateLimited');
    expect(failureMessage(fail('server', { status: 503 })).key).toBe('errUnavailable');
    expect(failureMessage(fail('server', { status: 502 })).key).toBe('errUnavailable');
    expect(failureMessage(fail('server', { status: 500 })).key).toBe('errServer');
    expect(failureMessage(fail('server')).key).toBe('errServer');
    expect(failureMessage(fail('server', { status: 413 })).key).toBe('errTooLarge');
  });

  it('says "too large" for every size code, and names a code it does not know', () => {
    for (const code of ['content_too_large', 'payload_too_large', 'file_too_large', 'too_many_files'])
      expect(failureMessage(fail('invalid_request', { code })).key).toBe('errTooLarge');
    expect(failureMessage(fail('invalid_request', { code: 'download_in_progress' }))).toEqual({
      key: 'errRejected',
      vars: { code: 'download_in_progress' },
    });
  });

  it('has words in the locale for every reason', () => {
    // A record, so that a reason added to the SDK does not compile here until it is listed.
    const reasons: Record<Failure['reason'], true> = {
      not_found: true,
      wrong_passphrase: true,
      locked: true,
      passphrase_required: true,
      rate_limited: true,
      invalid_request: true,
      bad_link: true,
      decrypt_failed: true,
      network: true,
      server: true,
      cancelled: true,
      restricted: true,
      verification_required: true,
      verification_code_invalid: true,
      request_not_found: true,
      request_answered: true,
    };
    for (const reason of Object.keys(reasons) as Failure['reason'][]) {
      const { key } = failureMessage(fail(reason, { code: 'c', attemptsLeft: 2 }));
      expect(en[key], reason).toEqual(expect.any(String));
    }
    expect(failureMessage(fail('wrong_passphrase', { attemptsLeft: 2 }))).toEqual({
      key: 'wrongPassphrase_other',
      vars: { n: 2 },
    });
  });
});
