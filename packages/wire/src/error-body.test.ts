import { Value } from 'typebox/value';
import { expect, expectTypeOf, it } from 'vitest';
import { ErrorBody } from './error-body.js';

it('takes any error code, so that a code added to the catalogue needs no new contract', () => {
  const body = {
    error: { code: 'download_in_progress', message: 'Another download of this file is running.' },
  };
  expect(Value.Check(ErrorBody, body)).toBe(true);
  expectTypeOf<ErrorBody['error']['code']>().toEqualTypeOf<string>();
});

it('carries attempts_left only as a whole number, and nothing the contract does not name', () => {
  const wrong = { code: 'wrong_passphrase', message: 'Wrong passphrase.' };
  expect(Value.Check(ErrorBody, { error: { ...wrong, attempts_left: 4 } })).toBe(true);
  expect(Value.Check(ErrorBody, { error: { ...wrong, attempts_left: '4' } })).toBe(false);
  expect(Value.Check(ErrorBody, { error: { ...wrong, stack: 'at …' } })).toBe(false);
  expect(Value.Check(ErrorBody, { error: wrong, attempts_left: 4 })).toBe(false);
});
