import type { RevealedFile } from '@burnlink/client/files';
import { useRef, useState } from 'preact/hooks';
import { useLeaveWarning } from '../files/leave-warning.js';
import { BLOB_SAVE_MAX_BYTES, canSave, openSaveTarget } from '../files/save-target.js';
import { downloadFailureMessage, type Message } from '../files/transfer-errors.js';
import { useTransferProgress } from '../files/use-transfer-progress.js';
import { useI18n } from '../i18n/i18n.js';
import { ProgressView } from './progress-view.js';

type FileState =
  | { name: 'idle' }
  | { name: 'saving' }
  | { name: 'done' }
  /** `final`: no retry can work (the grant is used or expired, or the file cannot be saved here). */
  | { name: 'error'; message: Message; final: boolean };

interface Props {
  files: RevealedFile[];
  grantExpiresAt: string | null;
}

/**
 * The revealed secret's files, each with a Download button: the SDK streams the ciphertext, decrypts it and
 * writes into the save target (a file on disk where the browser allows, else a Blob up to 512 MiB). The page
 * asks before it is left while a file is not downloaded yet: the grant lives only in this page.
 */
export function FileDownloads({ files, grantExpiresAt }: Props) {
  const { t, date } = useI18n();
  const [states, setStates] = useState<FileState[]>(() => files.map(() => ({ name: 'idle' })));
  useLeaveWarning(states.some((state) => state.name !== 'done' && !(state.name === 'error' && state.final)));
  const setState = (index: number, state: FileState) =>
    setStates((current) => current.map((old, i) => (i === index ? state : old)));

  return (
    <>
      <h2 id="files-title">{t('filesTitle')}</h2>
      {grantExpiresAt && <p class="notice">{t('filesOnce', { date: date(grantExpiresAt) })}</p>}
      <ul class="file-list" aria-labelledby="files-title">
        {files.map((file, index) => (
          <FileRow
            key={index}
            index={index}
            file={file}
            state={states[index]!}
            onState={(state) => setState(index, state)}
          />
        ))}
      </ul>
    </>
  );
}

interface RowProps {
  index: number;
  file: RevealedFile;
  state: FileState;
  onState: (state: FileState) => void;
}

function FileRow({ index, file, state, onState }: RowProps) {
  const { t, bytes, say } = useI18n();
  const progress = useTransferProgress();
  const abortRef = useRef<AbortController | null>(null);
  const tooLarge: Message = {
    key: 'errSaveTooLarge',
    vars: { size: bytes(file.size), max: bytes(BLOB_SAVE_MAX_BYTES) },
  };

  const download = async () => {
    if (!canSave(file.size)) {
      onState({ name: 'error', message: tooLarge, final: true });
      return;
    }
    let opened: Awaited<ReturnType<typeof openSaveTarget>>;
    try {
      // In the click handler: the save picker needs the user's gesture.
      opened = await openSaveTarget(file.name, file.size);
    } catch {
      onState({ name: 'error', message: { key: 'errDownloadFailed' }, final: false });
      return;
    }
    if (!opened.ok) {
      if (opened.reason === 'too-large') onState({ name: 'error', message: tooLarge, final: true });
      return; // the user closed the save dialog: nothing happened
    }
    const controller = new AbortController();
    abortRef.current = controller;
    progress.reset();
    onState({ name: 'saving' });
    let result: Awaited<ReturnType<RevealedFile['download']>>;
    try {
      result = await file.download(opened.target.writable, {
        signal: controller.signal,
        onProgress: (p) => progress.report(p.bytes, p.total),
      });
    } catch {
      // The SDK answers failures as results; this is a bug or a broken browser API, said in plain words.
      result = { ok: false, reason: 'server', message: 'download failed' };
    } finally {
      abortRef.current = null;
    }
    if (result.ok) {
      onState({ name: 'done' });
      return;
    }
    const message = downloadFailureMessage(result, controller.signal.aborted);
    onState({ name: 'error', message, final: 'key' in message && message.key === 'errDownloadGone' });
  };

  const id = `file-${index}`;
  return (
    <li class="file-row" data-testid={id}>
      <span class="file-name">{file.name}</span>
      <span class="file-meta">
        {file.type || t('fileTypeUnknown')} · {bytes(file.size)}
      </span>
      {/* In the row from the start, so that "Downloaded" is announced when it appears. */}
      <span class={state.name === 'done' ? 'file-done' : 'visually-hidden'} role="status">
        {state.name === 'done' ? t('downloadDone') : ''}
      </span>
      {state.name === 'done' ? null : state.name === 'saving' ? (
        <button type="button" class="button-secondary" onClick={() => abortRef.current?.abort()}>
          {t('cancelDownload')}
        </button>
      ) : state.name === 'error' && state.final ? null : (
        <button
          type="button"
          class="button-primary"
          aria-label={t('downloadLabel', { name: file.name })}
          onClick={download}
        >
          {t('downloadButton')}
        </button>
      )}
      {state.name === 'saving' && progress.figures && (
        <div class="file-progress">
          <ProgressView
            id={`${id}-progress`}
            label={t('downloadProgress', { name: file.name })}
            figures={progress.figures}
          />
        </div>
      )}
      {state.name === 'error' && (
        <p
          class={
            'key' in state.message && state.message.key === 'downloadCancelled'
              ? 'notice'
              : 'notice notice-error'
          }
          role="alert"
        >
          {say(state.message)}
        </p>
      )}
    </li>
  );
}
