import type { Failure } from '@burnlink/client';
import type { MessageKey } from './i18n.js';

/** Something the page says instead of a result; `settings` offers the way to the options page. */
export interface Problem {
  key: MessageKey;
  subs?: Array<string | number>;
  settings?: boolean;
}

/** Error codes of the server (docs/errors.md) that the settings can fix. */
const KEY_CODES: Record<string, MessageKey> = {
  sign_in_required: 'errSignInRequired',
  unauthenticated: 'errSignInRequired',
  invalid_api_key: 'errInvalidKey',
  insufficient_scope: 'errScope',
  forbidden: 'errScope',
};

/**
 * Plain words for a call of the SDK that did not succeed: unreachable, refused by the key or the policy,
 * too large, … An error code the extension does not know is named rather than hidden.
 */
export function problemFor(failure: Failure, origin: string): Problem {
  switch (failure.reason) {
    case 'network':
      return { key: 'errNetwork', subs: [origin], settings: true };
    case 'rate_limited':
      return { key: 'errRateLimited' };
    case 'invalid_request': {
      const fixable = KEY_CODES[failure.code];
      if (fixable) return { key: fixable, settings: true };
      if (failure.code === 'policy_violation') return { key: 'errPolicy', subs: [failure.message] };
      if (failure.code.endsWith('_too_large') || failure.code === 'too_many_files')
        return { key: 'errTooLarge' };
      return { key: 'errRejected', subs: [failure.code] };
    }
    case 'server':
      return failure.status === 413 ? { key: 'errTooLarge' } : { key: 'errServer' };
    default:
      return { key: 'errRejected', subs: [failure.reason] };
  }
}
