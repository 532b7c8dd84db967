import type { Failure } from '@burnlink/client';
import { failureMessage, type Message } from '../failure-message.js';

export type { Message } from '../failure-message.js';

/** Plain words for a send with files that did not work (the SDK deleted the unfinished secret). */
export function uploadFailureMessage(failure: Failure): Message {
  if (
    failure.reason === 'invalid_request' &&
    (failure.code === 'file_changed' || failure.code === 'file_unreadable')
  )
    return { key: 'errUploadFailed' };
  switch (failure.reason) {
    case 'cancelled':
    case 'network':
    case 'rate_limited':
    case 'server':
    case 'invalid_request':
      return failureMessage(failure);
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
