import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText } from '../account-i18n.js';
import type { BrandingReply, LogoBody } from '../account-types.js';
import { ConfirmButton } from '../ui.js';
import { domainFailureText } from './domain-format.js';
import { useDomainText } from './domain-text.js';
import { readLogoFile } from './logo-file.js';

/**
 * The logo: which one is set, a file input (an SVG or PNG of at most 64 KB, checked here before anything is
 * sent), "Upload logo" (`PUT /api/v1/org/branding/logo`, base64) and "Remove logo" with an inline confirmation.
 * `onChanged` gets the server's answer (the new logo type and `updated_at`, which the preview follows).
 */
export function LogoControls({
  logoType,
  announce,
  onChanged,
}: {
  logoType: BrandingReply['logo'];
  announce: (message: string) => void;
  onChanged: (reply: BrandingReply) => void;
}) {
  const i18n = useI18n();
  const text = useAccountText();
  const domainWords = useDomainText();
  const { d } = domainWords;
  const [chosen, setChosen] = useState<LogoBody | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (input: HTMLInputElement) => {
    setError(null);
    setChosen(null);
    const file = input.files?.[0];
    if (!file) return;
    const read = await readLogoFile(file);
    if (!read.ok) {
      setError(d(read.problem));
      return;
    }
    setChosen(read.logo);
  };

  const upload = async (event: Event) => {
    event.preventDefault();
    if (!chosen) {
      setError(d('logoChoose'));
      document.getElementById('branding-logo')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await accountApi.setLogo(chosen);
    setBusy(false);
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      setError(domainFailureText(result, i18n, text, domainWords, 'branding'));
      return;
    }
    onChanged(result.value);
    announce(d('logoUploaded'));
  };

  const remove = async () => {
    const result = await accountApi.removeLogo();
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      return domainFailureText(result, i18n, text, domainWords, 'branding');
    }
    onChanged(result.value);
    setChosen(null);
    announce(d('logoRemoved'));
    return null;
  };

  return (
    <form onSubmit={upload} noValidate aria-busy={busy} aria-labelledby="logo-title" class="logo-form">
      <h3 id="logo-title">{d('logoTitle')}</h3>
      <p>
        {logoType === 'image/svg+xml'
          ? d('logoCurrentSvg')
          : logoType === 'image/png'
            ? d('logoCurrentPng')
            : d('logoNone')}
      </p>
      <div class="field">
        <label for="branding-logo">{d('logoFile')}</label>
        <input
          id="branding-logo"
          type="file"
          accept="image/svg+xml,image/png,.svg,.png"
          onChange={(e) => void onFile(e.currentTarget)}
        />
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button-secondary" disabled={busy}>
          {busy ? d('logoUploading') : d('logoUpload')}
        </button>
        {logoType && (
          <ConfirmButton
            label={d('logoRemove')}
            question={d('logoRemoveConfirm')}
            yes={d('logoRemoveYes')}
            onConfirm={remove}
          />
        )}
      </div>
    </form>
  );
}
