import { useRef, useState } from 'preact/hooks';
import { type FileLimits, totalSize } from '../files/file-limits.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  files: File[];
  onChange: (files: File[]) => void;
  limits: FileLimits | undefined;
  disabled: boolean;
}

/**
 * Files to attach: a drop zone with a "Choose files" button (the native input stays hidden but is what the
 * button opens), then the chosen files with their sizes and a remove button each. Nothing is read here.
 */
export function FilePicker({ files, onChange, limits, disabled }: Props) {
  const { t, tp, bytes } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const add = (list: FileList | null | undefined) => {
    if (list?.length) onChange([...files, ...Array.from(list)]);
  };

  if (limits?.maxFiles === 0) return <p class="hint">{t('filesOff')}</p>;
  return (
    <div class="field">
      <span class="field-label" id="files-label">
        {t('filesLabel')}
      </span>
      <fieldset
        class={dragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
        aria-labelledby="files-label"
        data-testid="drop-zone"
        onDragEnter={(e) => {
          e.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        }}
        onDragLeave={(e) => {
          if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (!disabled) add(e.dataTransfer?.files);
        }}
      >
        <span>{t('filesDrop')}</span>
        <button
          type="button"
          class="button-secondary"
          aria-describedby="files-hint"
          disabled={disabled}
          onClick={() => inputRef.current?.click()}
        >
          {t('filesChoose')}
        </button>
        <input
          ref={inputRef}
          id="files"
          class="file-input"
          type="file"
          multiple
          tabIndex={-1}
          aria-labelledby="files-label"
          disabled={disabled}
          onChange={(e) => {
            add(e.currentTarget.files);
            // Cleared so that choosing the same file again (after removing it) fires a change.
            e.currentTarget.value = '';
          }}
        />
      </fieldset>
      {limits && (
        <p id="files-hint" class="hint">
          {tp('filesLimits', limits.maxFiles, {
            file: bytes(limits.maxFileBytes),
            total: bytes(limits.maxSecretBytes),
          })}
        </p>
      )}
      {files.length > 0 && (
        <>
          <ul class="file-list" aria-labelledby="files-label">
            {files.map((file, index) => (
              <li key={`${index}:${file.name}`}>
                <span class="file-name">{file.name}</span>
                <span class="file-size">{bytes(file.size)}</span>
                <button
                  type="button"
                  class="button-link"
                  aria-label={t('fileRemoveLabel', { name: file.name })}
                  disabled={disabled}
                  onClick={() => onChange(files.filter((_, i) => i !== index))}
                >
                  {t('fileRemove')}
                </button>
              </li>
            ))}
          </ul>
          <p class="hint" data-testid="files-total">
            {tp('filesTotal', files.length, { size: bytes(totalSize(files)) })}
          </p>
        </>
      )}
    </div>
  );
}
