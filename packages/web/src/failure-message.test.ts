import type { Failure } from '@burnlink/client';
import { describe, expect, it } from 'vitest';
import { failureMessage, type Message } from './failure-message.js';
import { en } from './i18n/messages/en.js';

const fail = (reason: Failure['reason'], extra: Record<string, unknown> = {}) =>
  ({ ok: false, reason, message: 'x', ...extra }) as Failure;

const keyOf = (message: Message) => ('key' in message ? message.key : message.plural);

describe('SDK failures in plain words', () => {
  it('tells an unreachable server, a busy one, a failing one and a proxy page apart', () => {
    expect(keyOf(failureMessage(fail('network')))).toBe('errNetwork');
    expect(keyOf(failureMessage(fail('rate_limited', { retryAfter: 30 })))).toBe('errRateLimited');
    expect(keyOf(failureMessage(fail('server', { status: 503 })))).toBe('errUnavailable');
    expect(keyOf(failureMessage(fail('server', { status: 502 })))).toBe('errUnavailable');
    expect(keyOf(failureMessage(fail('server', { status: 500 })))).toBe('errServer');
    expect(keyOf(failureMessage(fail('server')))).toBe('errServer');
    expect(keyOf(failureMessage(fail('server', { status: 413 })))).toBe('errTooLarge');
  });

  it('says "too large" for every size code, and names a code it does not know', () => {
    for (const code of ['content_too_large', 'payload_too_large', 'file_too_large', 'too_many_files'])
      expect(keyOf(failureMessage(fail('invalid_request', { code })))).toBe('errTooLarge');
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
      const message = failureMessage(fail(reason, { code: 'c', attemptsLeft: 2 }));
      const key = 'key' in message ? message.key : (`${message.plural}_other` as const);
      expect(en[key], reason).toEqual(expect.any(String));
    }
    expect(failureMessage(fail('wrong_passphrase', { attemptsLeft: 2 }))).toEqual({
      plural: 'wrongPassphrase',
      n: 2,
    });
  });
});
