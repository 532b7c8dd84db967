import type { Failure } from '@burnlink/client';
import type { MessageKey } from '../i18n/en.js';

/** A message of the app's locales with its placeholders. */
export interface Message {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

const TOO_LARGE = new Set(['too_many_files', 'file_too_large', 'secret_too_large', 'upload_too_large']);

/** Plain words for a send with files that did not work (the SDK deleted the unfinished secret). */
export function uploadFailureMessage(failure: Failure): Message {
  switch (failure.reason) {
    case 'cancelled':
      return { key: 'uploadCancelled' };
    case 'network':
      return { key: 'errNetwork' };
    case 'rate_limited':
      return { key: 'errRateLimited' };
    case 'server':
      return { key: 'errServer' };
    case 'invalid_request':
      if (TOO_LARGE.has(failure.code)) return { key: 'errTooLarge' };
      if (failure.code === 'file_changed' || failure.code === 'file_unreadable')
        return { key: 'errUploadFailed' };
      return { key: 'errRejected', vars: { code: failure.code } };
    default:
      return { key: 'errUploadFailed' };
  }
}

/** Plain words for a download that did not complete; `stopped` when the user pressed cancel. */
export function downloadFailureMessage(failure: Failure, stopped: boolean): Message {
  if (stopped) return { key: 'downloadCancelled' };
  switch (failure.reason) {
    case 'not_found':
      return { key: 'errDownloadGone' };
    case 'decrypt_failed':
      return { key: 'errDecryptFile' };
    case 'rate_limited':
      return { key: 'errRateLimited' };
    default:
      return { key: 'errDownloadFailed' };
  }
}
