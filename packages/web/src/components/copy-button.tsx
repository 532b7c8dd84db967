import { useEffect, useState } from 'preact/hooks';
import { copyText } from '../clipboard.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  /** Called on click, so that the text is only read (and only lives in the closure) when needed. */
  text: () => string;
  label: string;
  clearAfterMs?: number;
  class?: string;
  /** Called after a successful copy (a page may announce it in its own live region). */
  onCopied?: () => void;
}

/**
 * A button that copies text and says so, in its label and in a live region; a failure is announced so the user
 * can copy by hand.
 */
export function CopyButton({ text, label, clearAfterMs, class: className, onCopied }: Props) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span class="copy">
      <button
        type="button"
        class={className ?? 'button-secondary'}
        onClick={async () => {
          const copied = await copyText(text(), clearAfterMs);
          setState(copied ? 'copied' : 'failed');
          if (copied) onCopied?.();
        }}
      >
        {state === 'copied' ? t('copied') : label}
      </button>
      {/* Always in the accessibility tree (never display: none), so that a change of its words is announced;
          "Copied" is shown on the button, a failure under it. A page that announces the copy itself
          (`onCopied`) gets no second "Copied" from here. */}
      <span class={state === 'failed' ? 'copy-status' : 'visually-hidden'} role="status">
        {state === 'failed' ? t('copyFailed') : state === 'copied' && !onCopied ? t('copied') : ''}
      </span>
    </span>
  );
}
