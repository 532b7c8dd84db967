import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText, withAccountText } from '../account-i18n.js';
import type { DomainInfo, Me } from '../account-types.js';
import { BrandingSection } from '../domains/branding-section.js';
import { domainFailureText } from '../domains/domain-format.js';
import { DomainItem } from '../domains/domain-item.js';
import { useDomainText, withDomainText } from '../domains/domain-text.js';
import { failureText, ROLE_LABELS } from '../format.js';
import { AccountBar, LoadError, PageTitle, useAnnouncer, useMe } from '../ui.js';

/**
 * `/domains`: the organisation's custom domains (add, the DNS record to publish, verify, remove) and its branding
 * (`domains:manage`; docs/domains.md).
 */
function DomainsView() {
  const { d } = useDomainText();
  const { me, error, reload } = useMe();
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{d('domainsTitle')}</PageTitle>
      {me && <AccountBar me={me} current="domains" />}
      <p class="lead">{d('domainsIntro')}</p>
      {error && <LoadError error={error} onRetry={reload} />}
      {me && (me.scopes.includes('domains:manage') ? <Domains me={me} /> : <DomainsRoleNeeded me={me} />)}
    </section>
  );
}

function DomainsRoleNeeded({ me }: { me: Me }) {
  const { a } = useAccountText();
  const { d } = useDomainText();
  return (
    <p class="notice notice-error" role="alert">
      {d('domainsRoleNeeded', { role: a(ROLE_LABELS[me.role] ?? 'roleMember') })}
    </p>
  );
}

function Domains({ me }: { me: Me }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { d } = useDomainText();
  const [announcer, announce] = useAnnouncer();
  const [domains, setDomains] = useState<DomainInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);

  const load = async () => {
    setError(null);
    const result = await accountApi.domains();
    if (result.ok) setDomains(result.value.domains);
    else if (result.status === 401) location.replace('/sign-in');
    else if (result.status === 403) setForbidden(true);
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);

  if (forbidden) return <p class="notice notice-error">{text.a('errForbidden')}</p>;

  const replace = (domain: DomainInfo) =>
    setDomains((current) => current?.map((x) => (x.id === domain.id ? domain : x)) ?? null);

  return (
    <>
      {announcer}
      <section class="settings-section" aria-labelledby="domains-list-title">
        <h2 id="domains-list-title">{d('domainsList')}</h2>
        {error && <LoadError error={error} onRetry={load} />}
        {!domains && !error && <p role="status">{i18n.t('loading')}</p>}
        {domains && domains.length === 0 && <p>{d('domainsNone')}</p>}
        {domains && domains.length > 0 && (
          <ul class="items" aria-labelledby="domains-list-title">
            {domains.map((domain) => (
              <DomainItem
                key={domain.id}
                domain={domain}
                announce={announce}
                onChanged={replace}
                onRemoved={() => setDomains((current) => current?.filter((x) => x.id !== domain.id) ?? null)}
                onReload={load}
              />
            ))}
          </ul>
        )}
      </section>
      <AddDomainForm
        onAdded={(domain) => {
          announce(d('added', { name: domain.name }));
          void load();
        }}
      />
      <BrandingSection orgName={me.org.name} announce={announce} />
    </>
  );
}

function AddDomainForm({ onAdded }: { onAdded: (domain: DomainInfo) => void }) {
  const i18n = useI18n();
  const text = useAccountText();
  const domainWords = useDomainText();
  const { d } = domainWords;
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const wanted = name.trim();
    if (!wanted) {
      setError(d('addMissing'));
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await accountApi.addDomain(wanted);
    setBusy(false);
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      setError(domainFailureText(result, i18n, text, domainWords));
      nameRef.current?.focus();
      return;
    }
    setName('');
    onAdded(result.value);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={busy} aria-labelledby="domain-form-title">
      <h2 id="domain-form-title">{d('addTitle')}</h2>
      <div class="field">
        <label for="domain-name">{d('addName')}</label>
        <input
          id="domain-name"
          ref={nameRef}
          type="text"
          dir="ltr"
          inputMode="url"
          maxLength={253}
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          aria-describedby={error ? 'domain-name-hint domain-name-error' : 'domain-name-hint'}
          aria-invalid={error ? true : undefined}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <p id="domain-name-hint" class="hint">
          {d('addHint')}
        </p>
      </div>
      {error && (
        <p id="domain-name-error" class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? d('adding') : d('addButton')}
        </button>
      </div>
    </form>
  );
}

export const DomainsPage = withAccountText(withDomainText(DomainsView));
