import type { Failure } from '@burnlink/client';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages/en.js';
import { downloadFailureMessage, type Message, uploadFailureMessage } from './transfer-errors.js';

const fail = (reason: Failure['reason'], extra: Record<string, unknown> = {}) =>
  ({ ok: false, reason, message: 'x', ...extra }) as Failure;

const keyOf = (message: Message) => ('key' in message ? message.key : message.plural);

describe('transfer failures in plain words', () => {
  it('says what happened to an upload', () => {
    expect(keyOf(uploadFailureMessage(fail('cancelled')))).toBe('uploadCancelled');
    expect(keyOf(uploadFailureMessage(fail('network')))).toBe('errNetwork');
    expect(keyOf(uploadFailureMessage(fail('invalid_request', { code: 'upload_too_large' })))).toBe(
      'errTooLarge',
    );
    expect(uploadFailureMessage(fail('invalid_request', { code: 'bad_ttl' }))).toEqual({
      key: 'errRejected',
      vars: { code: 'bad_ttl' },
    });
    expect(keyOf(uploadFailureMessage(fail('not_found')))).toBe('errUploadFailed');
    expect(en[keyOf(uploadFailureMessage(fail('cancelled'))) as keyof typeof en]).toMatch(
      /Nothing was kept on the server/,
    );
  });

  it('tells a used-up grant from a damaged file and a dropped connection', () => {
    expect(keyOf(downloadFailureMessage(fail('not_found'), false))).toBe('errDownloadGone');
    expect(keyOf(downloadFailureMessage(fail('decrypt_failed'), false))).toBe('errDecryptFile');
    expect(keyOf(downloadFailureMessage(fail('network'), false))).toBe('errDownloadFailed');
    // The sink failing (disk full, permission) is also "cancelled" in the SDK; only the user's stop says so.
    expect(keyOf(downloadFailureMessage(fail('cancelled'), false))).toBe('errDownloadFailed');
    expect(keyOf(downloadFailureMessage(fail('cancelled'), true))).toBe('downloadCancelled');
  });
});
