import type { Failure } from '@burnlink/client';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { downloadFailureMessage, uploadFailureMessage } from './transfer-errors.js';

const fail = (reason: Failure['reason'], extra: Record<string, unknown> = {}) =>
  ({ ok: false, reason, message: 'x', ...extra }) as Failure;

describe('transfer failures in plain words', () => {
  it('says what happened to an upload', () => {
    expect(uploadFailureMessage(fail('cancelled')).key).toBe('uploadCancelled');
    expect(uploadFailureMessage(fail('network')).key).toBe('errNetwork');
    expect(uploadFailureMessage(fail('invalid_request', { code: 'upload_too_large' })).key).toBe(
      'errTooLarge',
    );
    expect(uploadFailureMessage(fail('invalid_request', { code: 'bad_ttl' }))).toEqual({
      key: 'errRejected',
      vars: { code: 'bad_ttl' },
    });
    expect(uploadFailureMessage(fail('not_found')).key).toBe('errUploadFailed');
    expect(en[uploadFailureMessage(fail('cancelled')).key]).toMatch(/Nothing was kept on the server/);
  });

  it('tells a used-up grant from a damaged file and a dropped connection', () => {
    expect(downloadFailureMessage(fail('not_found'), false).key).toBe('errDownloadGone');
    expect(downloadFailureMessage(fail('decrypt_failed'), false).key).toBe('errDecryptFile');
    expect(downloadFailureMessage(fail('network'), false).key).toBe('errDownloadFailed');
    // The sink failing (disk full, permission) is also "cancelled" in the SDK; only the user's stop says so.
    expect(downloadFailureMessage(fail('cancelled'), false).key).toBe('errDownloadFailed');
    expect(downloadFailureMessage(fail('cancelled'), true).key).toBe('downloadCancelled');
  });
});
