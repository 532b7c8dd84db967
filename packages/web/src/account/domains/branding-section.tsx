import { useEffect, useRef, useState } from 'preact/hooks';
import { applyAccent, supportLink } from '../../branding.js';
import { useI18n } from '../../i18n/i18n.js';
import { LOCALES } from '../../i18n/locales.js';
import { accountApi, orgLogoUrl } from '../account-api.js';
import { useAccountText } from '../account-i18n.js';
import type { BrandingReply } from '../account-types.js';
import { LoadError } from '../ui.js';
import {
  type BrandingField,
  type BrandingForm,
  DEFAULT_ACCENT,
  fromBrandingForm,
  logoVersion,
  toBrandingForm,
} from './branding-form.js';
import { domainFailureText } from './domain-format.js';
import { useDomainText } from './domain-text.js';
import { LogoControls } from './logo-controls.js';

/**
 * The organisation's branding (`GET/PUT /api/v1/org/branding`): name, accent colour, support contact and default
 * language, the logo (`logo-controls.tsx`), and a live preview of a branded page's header and footer.
 */
export function BrandingSection({
  orgName,
  announce,
}: {
  orgName: string;
  announce: (message: string) => void;
}) {
  const i18n = useI18n();
  const text = useAccountText();
  const domainWords = useDomainText();
  const { d } = domainWords;
  const [reply, setReply] = useState<BrandingReply | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.branding();
    if (result.ok) setReply(result.value);
    else if (result.status === 401) location.replace('/sign-in');
    else setError(domainFailureText(result, i18n, text, domainWords, 'branding'));
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <section class="settings-section" aria-labelledby="branding-title">
      <h2 id="branding-title">{d('brandingTitle')}</h2>
      <p>{d('brandingIntro')}</p>
      {error && <LoadError error={error} onRetry={load} />}
      {!reply && !error && <p role="status">{i18n.t('loading')}</p>}
      {reply && <BrandingEditor initial={reply} orgName={orgName} announce={announce} />}
    </section>
  );
}

function BrandingEditor({
  initial,
  orgName,
  announce,
}: {
  initial: BrandingReply;
  orgName: string;
  announce: (message: string) => void;
}) {
  const i18n = useI18n();
  const text = useAccountText();
  const domainWords = useDomainText();
  const { d } = domainWords;
  const [form, setForm] = useState<BrandingForm>(() => toBrandingForm(initial, orgName));
  const [isSet, setIsSet] = useState(initial.branding !== null);
  // What the server last answered: the logo's type and `updated_at`, which the preview's logo URL follows.
  const [stored, setStored] = useState<BrandingReply>(initial);
  const [problem, setProblem] = useState<{ field: BrandingField; words: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const update = (patch: Partial<BrandingForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
  };
  const describedBy = (field: BrandingField, hint: string) =>
    problem?.field === field ? `${hint} branding-problem` : hint;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const parsed = fromBrandingForm(form);
    if (!parsed.ok) {
      setProblem({ field: parsed.field, words: d(parsed.problem) });
      document.getElementById(`branding-${parsed.field}`)?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const result = await accountApi.setBranding(parsed.body);
    setBusy(false);
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      setError(domainFailureText(result, i18n, text, domainWords, 'branding'));
      return;
    }
    setStored(result.value);
    if (result.value.branding) setForm(toBrandingForm(result.value, orgName));
    setIsSet(true);
    setSaved(true);
    announce(d('brandingSaved'));
  };

  const accentValid = /^#[0-9a-f]{6}$/i.test(form.accent.trim());
  return (
    <>
      {!isSet && <p class="hint">{d('brandingNotSet')}</p>}
      <form onSubmit={onSubmit} noValidate aria-busy={busy} aria-label={d('brandingTitle')}>
        <div class="field">
          <label for="branding-name">{d('brandingName')}</label>
          <input
            id="branding-name"
            type="text"
            maxLength={80}
            autoComplete="organization"
            aria-describedby={describedBy('name', 'branding-name-hint')}
            aria-invalid={problem?.field === 'name' ? true : undefined}
            value={form.name}
            onInput={(e) => update({ name: e.currentTarget.value })}
          />
          <p id="branding-name-hint" class="hint">
            {d('brandingNameHint')}
          </p>
        </div>
        <div class="field">
          <label for="branding-accent">{d('brandingAccent')}</label>
          <div class="with-button">
            <input
              id="branding-accent"
              type="text"
              dir="ltr"
              class="mono"
              maxLength={7}
              autoComplete="off"
              spellcheck={false}
              placeholder={DEFAULT_ACCENT}
              aria-describedby={describedBy('accent', 'branding-accent-hint')}
              aria-invalid={problem?.field === 'accent' ? true : undefined}
              value={form.accent}
              onInput={(e) => update({ accent: e.currentTarget.value })}
            />
            <input
              id="branding-accent-pick"
              type="color"
              class="colour-pick"
              aria-label={d('brandingAccentPick')}
              value={accentValid ? form.accent.trim().toLowerCase() : DEFAULT_ACCENT}
              onInput={(e) => update({ accent: e.currentTarget.value })}
            />
          </div>
          <p id="branding-accent-hint" class="hint">
            {d('brandingAccentHint')}
          </p>
        </div>
        <div class="field">
          <label for="branding-support">{d('brandingSupport')}</label>
          <input
            id="branding-support"
            type="text"
            dir="ltr"
            inputMode="email"
            maxLength={200}
            autoComplete="off"
            spellcheck={false}
            aria-describedby={describedBy('support', 'branding-support-hint')}
            aria-invalid={problem?.field === 'support' ? true : undefined}
            value={form.support}
            onInput={(e) => update({ support: e.currentTarget.value })}
          />
          <p id="branding-support-hint" class="hint">
            {d('brandingSupportHint')}
          </p>
        </div>
        <div class="field">
          <label for="branding-language">{d('brandingLanguage')}</label>
          <select
            id="branding-language"
            aria-describedby="branding-language-hint"
            value={form.language}
            onChange={(e) => update({ language: e.currentTarget.value })}
          >
            <option value="">{d('brandingLanguageNone')}</option>
            {Object.entries(LOCALES).map(([code, { name, dir }]) => (
              <option key={code} value={code} lang={code} dir={dir}>
                {name}
              </option>
            ))}
          </select>
          <p id="branding-language-hint" class="hint">
            {d('brandingLanguageHint')}
          </p>
        </div>
        {problem && (
          <p id="branding-problem" class="notice notice-error" role="alert">
            {problem.words}
          </p>
        )}
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {saved && <p class="notice notice-ok">{d('brandingSaved')}</p>}
        <div class="actions">
          <button type="submit" class="button-primary" disabled={busy}>
            {busy ? d('brandingSaving') : d('brandingSave')}
          </button>
        </div>
      </form>
      <LogoControls logoType={stored.logo} announce={announce} onChanged={setStored} />
      <BrandingPreview form={form} logo={logoUrl(stored)} />
    </>
  );
}

function logoUrl(reply: BrandingReply): string | null {
  const version = logoVersion(reply);
  return version === null ? null : orgLogoUrl(version);
}

/**
 * A branded page's header and footer as the form now stands: the name with the stored logo (`logo`, the URL of
 * `GET /api/v1/org/branding/logo`: the sanitised image visitors get, also before any domain is verified), the
 * accent on a button and the header's rule, the support contact. The accent is set through the CSSOM, as on the
 * branded pages themselves. A logo that fails to load (404: removed meanwhile) leaves the name alone.
 */
function BrandingPreview({ form, logo }: { form: BrandingForm; logo: string | null }) {
  const { t } = useI18n();
  const { d } = useDomainText();
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const shown = logo !== null && logo !== failed ? logo : null;
  const accent = form.accent.trim();
  useEffect(() => {
    if (ref.current) applyAccent(ref.current, /^#[0-9a-f]{6}$/i.test(accent) ? accent.toLowerCase() : null);
  }, [accent]);
  const name = form.name.trim() || '—';
  const support = supportLink(form.support);
  return (
    <section class="brand-preview-section" aria-labelledby="preview-title">
      <h3 id="preview-title">{d('previewTitle')}</h3>
      <div class="brand-preview" ref={ref}>
        <div class="site-header branded">
          <span class="brand">
            {shown && <img class="brand-logo" src={shown} alt={name} onError={() => setFailed(shown)} />}
            <span aria-hidden={shown ? 'true' : undefined}>{name}</span>
          </span>
        </div>
        <p>
          <span class="button-primary preview-button">{t('createButton')}</span>
        </p>
        <div class="site-footer">
          {support && (
            <p>
              {t('brandSupport')}{' '}
              <span class="preview-link" dir="ltr">
                {support.text}
              </span>
            </p>
          )}
          <p>{t('tagline')}</p>
        </div>
      </div>
    </section>
  );
}
