import type { Burned, Failure } from '@burnlink/client';
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { client } from '../sdk-client.js';
import { ErrorNotice } from './error-notice.js';

interface Props {
  receipt: string;
  onBurned: () => void;
  /** Another burn than a secret's by its receipt (a request's, by inbox link or receipt), with its words. */
  burn?: (receipt: string) => Promise<Burned | Failure>;
  label?: string;
  question?: string;
}

/** "Burn this secret" with an inline confirmation step (no window.confirm, so it works with the keyboard). */
export function BurnControl({
  receipt,
  onBurned,
  burn: burnIt = (r) => client.burn(r),
  label,
  question,
}: Props) {
  const { t } = useI18n();
  const [step, setStep] = useState<'idle' | 'confirm' | 'burning'>('idle');
  const [error, setError] = useState<Failure | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const burnRef = useRef<HTMLButtonElement>(null);

  const burn = async () => {
    setStep('burning');
    setError(null);
    const result = await burnIt(receipt);
    if (result.ok) {
      setStep('idle');
      onBurned();
    } else {
      setStep('confirm');
      setError(result);
    }
  };

  if (step === 'idle') {
    return (
      <button
        type="button"
        class="button-danger"
        ref={burnRef}
        onClick={() => {
          setStep('confirm');
          setTimeout(() => confirmRef.current?.focus(), 0);
        }}
      >
        {label ?? t('burnButton')}
      </button>
    );
  }
  return (
    <fieldset class="confirm">
      <legend>{question ?? t('burnConfirm')}</legend>
      <div class="actions">
        <button
          type="button"
          class="button-danger"
          ref={confirmRef}
          disabled={step === 'burning'}
          onClick={burn}
        >
          {step === 'burning' ? t('burning') : t('burnYes')}
        </button>
        <button
          type="button"
          class="button-secondary"
          disabled={step === 'burning'}
          onClick={() => {
            setStep('idle');
            setError(null);
            setTimeout(() => burnRef.current?.focus(), 0);
          }}
        >
          {t('cancel')}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
    </fieldset>
  );
}
