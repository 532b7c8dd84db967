import { useId, useRef, useState } from 'preact/hooks';
import { t } from '../i18n.js';

interface Props {
  label: string;
  value: string;
  copyLabel: string;
}

/** A read-only field with a copy button; when the clipboard refuses, the text is selected for Ctrl+C. */
export function CopyField({ label, value, copyLabel }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      input.current?.select();
      setState('failed');
    }
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="copy-row">
        <input
          id={id}
          ref={input}
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="secondary" onClick={copy}>
          {state === 'copied' ? t('copied') : copyLabel}
        </button>
      </div>
      <p class="status" role="status">
        {state === 'failed' ? t('copyFailed') : ''}
      </p>
    </div>
  );
}
