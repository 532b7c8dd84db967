import { describe, expect, test } from 'vitest';
import { ApiError } from '../errors.js';
import { SignInThrottle } from './sign-in-throttle.js';

describe('SignInThrottle', () => {
  test('blocks after maxFailures within the window, until the oldest of them leaves it', () => {
    let now = 0;
    const throttle = new SignInThrottle(() => now, { maxFailures: 3, windowMs: 1000 });
    for (const at of [0, 100, 200]) {
      now = at;
      expect(throttle.retryAfterSeconds('a')).toBe(0);
      throttle.fail('a');
    }
    expect(throttle.retryAfterSeconds('a')).toBe(1);
    expect(() => throttle.check('a')).toThrow(ApiError);
    expect(throttle.retryAfterSeconds('b')).toBe(0);
    now = 999;
    expect(throttle.retryAfterSeconds('a')).toBe(1);
    now = 1000;
    expect(throttle.retryAfterSeconds('a')).toBe(0);
    throttle.check('a');
  });

  test('429 rate_limited with Retry-After in whole seconds', () => {
    const throttle = new SignInThrottle(() => 0, { maxFailures: 1, windowMs: 90_500 });
    throttle.fail('a');
    try {
      throttle.check('a');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'rate_limited',
        statusCode: 429,
        headers: { 'retry-after': '91' },
      });
    }
  });

  test('remembers at most maxAddresses, forgetting the longest quiet first', () => {
    const throttle = new SignInThrottle(() => 0, { maxFailures: 1, windowMs: 1000, maxAddresses: 2 });
    throttle.fail('a');
    throttle.fail('b');
    throttle.fail('a');
    throttle.fail('c');
    expect(throttle.retryAfterSeconds('a')).toBe(1);
    expect(throttle.retryAfterSeconds('b')).toBe(0);
    expect(throttle.retryAfterSeconds('c')).toBe(1);
  });
});
