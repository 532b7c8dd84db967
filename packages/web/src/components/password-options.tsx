import {
  type PasswordOptions as CoreOptions,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@burnlink/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages/en.js';
import { ErrorNotice } from './error-notice.js';

export type PasswordChoice = Required<CoreOptions>;

const SETS: [keyof PasswordChoice, MessageKey][] = [
  ['lowercase', 'pwLowercase'],
  ['uppercase', 'pwUppercase'],
  ['digits', 'pwDigits'],
  ['symbols', 'pwSymbols'],
  ['excludeLookAlikes', 'pwExcludeLookAlikes'],
];

interface Props {
  id: string;
  busy: boolean;
  onGenerate: (choice: PasswordChoice) => void;
}

/** Length and character sets for "Or generate a random password"; look-alikes are left out by default. */
export function PasswordOptions({ id, busy, onGenerate }: Props) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<PasswordChoice>({
    length: 20,
    lowercase: true,
    uppercase: true,
    digits: true,
    symbols: true,
    excludeLookAlikes: true,
  });
  const [noSet, setNoSet] = useState(false);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!choice.lowercase && !choice.uppercase && !choice.digits && !choice.symbols) {
      setNoSet(true);
      return;
    }
    setNoSet(false);
    const length = Math.min(
      PASSWORD_MAX_LENGTH,
      Math.max(PASSWORD_MIN_LENGTH, Math.round(choice.length) || 20),
    );
    onGenerate({ ...choice, length });
  };

  return (
    <form id={id} class="generator" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('generateLegend')}</legend>
        <div class="field field-narrow">
          <label for="pw-length">{t('pwLength')}</label>
          <input
            id="pw-length"
            type="number"
            inputMode="numeric"
            min={PASSWORD_MIN_LENGTH}
            max={PASSWORD_MAX_LENGTH}
            value={choice.length}
            onInput={(e) => setChoice({ ...choice, length: Number(e.currentTarget.value) })}
          />
        </div>
        {SETS.map(([key, label]) => (
          <div class="check" key={key}>
            <input
              id={`pw-${key}`}
              type="checkbox"
              checked={Boolean(choice[key])}
              onChange={(e) => setChoice({ ...choice, [key]: e.currentTarget.checked })}
            />
            <label for={`pw-${key}`}>{t(label)}</label>
          </div>
        ))}
        {noSet && <ErrorNotice error={t('pwNoSet')} />}
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? t('creating') : t('generateButton')}
        </button>
      </fieldset>
    </form>
  );
}
