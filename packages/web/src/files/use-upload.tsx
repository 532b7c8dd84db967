import type { TransferProgress } from '@burnlink/client';
import { useRef, useState } from 'preact/hooks';
import { ProgressView } from '../components/progress-view.js';
import { useI18n } from '../i18n/i18n.js';
import { useLeaveWarning } from './leave-warning.js';
import { useTransferProgress } from './use-transfer-progress.js';

/**
 * The files upload of a form that sends them (create a secret, answer a request): `begin()` gives the SDK call
 * its `signal` and `onProgress`, `end()` follows the call. Meanwhile `view` is the progress bar naming the file
 * being sent ("… (1 of 2)"), `cancel()` stops it, and leaving the page asks first.
 */
export function useUpload(files: readonly File[]) {
  const { t } = useI18n();
  const [current, setCurrent] = useState<number | null>(null);
  const progress = useTransferProgress();
  const abortRef = useRef<AbortController | null>(null);
  useLeaveWarning(current !== null);
  return {
    uploading: current !== null,
    begin() {
      const controller = new AbortController();
      abortRef.current = controller;
      progress.reset();
      setCurrent(0);
      return {
        signal: controller.signal,
        onProgress: (moved: TransferProgress) => {
          setCurrent(moved.file);
          progress.report(moved.allBytes, moved.allTotal);
        },
      };
    },
    end() {
      abortRef.current = null;
      setCurrent(null);
    },
    cancel: () => abortRef.current?.abort(),
    view:
      current !== null && progress.figures ? (
        <ProgressView
          id="upload-progress"
          label={t('uploadProgress', {
            name: files[current]?.name ?? '',
            index: current + 1,
            count: files.length,
          })}
          figures={progress.figures}
        />
      ) : null,
  };
}
