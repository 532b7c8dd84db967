import type { Failure } from '@burnlink/client';
import type { Message } from './i18n/i18n.js';

export type { Message };

/** Statuses of a proxy or load balancer in front of the server that mean "try again in a moment". */
const UNAVAILABLE = new Set([502, 503, 504]);

/**
 * Whether the server refused something for its size. Recognised by the code's form (`content_too_large`,
 * `file_too_large`, … and `too_many_files`), so that a size code added to the catalogue gets the same words.
 */
export const isTooLarge = (code: string): boolean => code.endsWith('_too_large') || code === 'too_many_files';

/**
 * Plain words for a call of the SDK that did not succeed. Every `reason` has its words; an error code the app
 * does not know is named in the message rather than hidden (docs/errors.md lists them).
 *
 * @example
 * const result = await client.burn(receipt);
 * if (!result.ok) show(failureMessage(result));
 */
export function failureMessage(failure: Failure): Message {
  switch (failure.reason) {
    case 'network':
      return { key: 'errNetwork' };
    case 'rate_limited':
      return { key: 'errRateLimited' };
    case 'invalid_request':
      return isTooLarge(failure.code)
        ? { key: 'errTooLarge' }
        : { key: 'errRejected', vars: { code: failure.code } };
    case 'server':
      // An answer that is not the API's (a proxy's HTML page): its status says what happened.
      if (failure.status === 413) return { key: 'errTooLarge' };
      return {
        key: failure.status !== undefined && UNAVAILABLE.has(failure.status) ? 'errUnavailable' : 'errServer',
      };
    case 'not_found':
    case 'bad_link':
      return { key: 'unknownTitle' };
    case 'wrong_passphrase':
      return { plural: 'wrongPassphrase', n: failure.attemptsLeft };
    case 'locked':
      return { key: 'locked' };
    case 'passphrase_required':
      return { key: 'passphraseNeeded' };
    case 'decrypt_failed':
      return { key: 'decryptFailed' };
    case 'cancelled':
      return { key: 'uploadCancelled' };
    // A restricted secret's refusals: the reveal page's restrictions part puts them in words; named here.
    case 'restricted':
      return { key: 'errRejected', vars: { code: failure.code } };
    case 'verification_required':
      return { key: 'errRejected', vars: { code: 'recipient_verification_required' } };
    case 'verification_code_invalid':
    // The request pages say these in their own words (src/requests/); named here.
    case 'request_not_found':
    case 'request_answered':
      return { key: 'errRejected', vars: { code: failure.reason } };
  }
}
