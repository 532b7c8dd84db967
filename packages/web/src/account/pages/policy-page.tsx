import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText, withAccountText } from '../account-i18n.js';
import type { Me, OrgPolicyReply } from '../account-types.js';
import { failureText, ROLE_LABELS } from '../format.js';
import type { AccountKey } from '../messages/en.js';
import {
  type Enforce,
  type FormProblem,
  fromForm,
  localTimeZone,
  type PolicyForm,
  policyRefusalText,
  TTL_UNITS,
  type TtlUnit,
  toForm,
  WEEKDAYS,
  weekdayNames,
} from '../policy-form.js';
import { AccountBar, LoadError, PageTitle, useAnnouncer, useMe } from '../ui.js';

/** `/policy`: the organisation's rules for what its members send (`policies:manage`; docs/teams.md "Policies"). */
function PolicyView() {
  const { a } = useAccountText();
  const { me, error, reload } = useMe();
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{a('policyTitle')}</PageTitle>
      {me && <AccountBar me={me} current="policy" />}
      <p class="lead">{a('policyIntro')}</p>
      {error && <LoadError error={error} onRetry={reload} />}
      {me && (me.scopes.includes('policies:manage') ? <Policy /> : <PolicyRoleNeeded me={me} />)}
    </section>
  );
}

function PolicyRoleNeeded({ me }: { me: Me }) {
  const { a } = useAccountText();
  return (
    <p class="notice notice-error" role="alert">
      {a('policyRoleNeeded', { role: a(ROLE_LABELS[me.role] ?? 'roleMember') })}
    </p>
  );
}

function Policy() {
  const i18n = useI18n();
  const text = useAccountText();
  const [loaded, setLoaded] = useState<OrgPolicyReply | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.policy();
    if (result.ok) setLoaded(result.value);
    else if (result.status === 401) location.replace('/sign-in');
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);

  if (error) return <LoadError error={error} onRetry={load} />;
  if (!loaded) return <p role="status">{i18n.t('loading')}</p>;
  return <PolicyEditor initial={loaded} />;
}

const ENFORCE_LABELS: Record<Enforce, AccountKey> = {
  default: 'policyEnforceDefault',
  required: 'policyEnforceRequired',
};

function PolicyEditor({ initial }: { initial: OrgPolicyReply }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [announcer, announce] = useAnnouncer();
  const [form, setForm] = useState<PolicyForm>(() => toForm(initial.policy, localTimeZone()));
  const [updatedAt, setUpdatedAt] = useState(initial.updated_at);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const days = useMemo(() => weekdayNames(i18n.locale), [i18n.locale]);

  const update = (patch: Partial<PolicyForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
  };
  const invalid = (field: FormProblem['field']) => (problem?.field === field ? true : undefined);
  const describedBy = (field: FormProblem['field'], hint?: string) =>
    [hint, problem?.field === field ? 'policy-problem' : undefined].filter(Boolean).join(' ') || undefined;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const parsed = fromForm(form);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      document.getElementById(`policy-${parsed.problem.field}`)?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const result = await accountApi.setPolicy(parsed.policy);
    setBusy(false);
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      setError(policyRefusalText(result, text) ?? failureText(result, i18n, text));
      setTimeout(() => errorRef.current?.focus(), 0);
      return;
    }
    // What the server stored (normalised: networks, lower-case domains) is what the form shows now.
    setForm(toForm(result.value.policy, form.officeHours.timeZone));
    setUpdatedAt(result.value.updated_at);
    setSaved(true);
    announce(a('policySaved'));
  };

  const enforceSelect = (id: string, value: Enforce, onChange: (value: Enforce) => void) => (
    <div class="field">
      <label for={id}>{a('policyEnforce')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Enforce)}>
        {(['default', 'required'] as const).map((choice) => (
          <option key={choice} value={choice}>
            {a(ENFORCE_LABELS[choice])}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      {announcer}
      <p>{updatedAt ? a('policyLastChanged', { date: i18n.date(updatedAt) }) : a('policyNeverSet')}</p>
      <form onSubmit={onSubmit} noValidate aria-busy={busy} aria-labelledby="policy-form-title">
        <h2 id="policy-form-title" class="visually-hidden">
          {a('policyTitle')}
        </h2>

        <fieldset>
          <legend>{a('policySectionCreators')}</legend>
          <Check
            id="policy-membersOnly"
            checked={form.membersOnly}
            onChange={(membersOnly) => update({ membersOnly })}
            label={a('policyMembersOnly')}
            hint={a('policyMembersOnlyHint')}
          />
          <div class="field">
            <label for="policy-requests">{a('policyRequests')}</label>
            <select
              id="policy-requests"
              value={form.requests}
              onChange={(e) => update({ requests: e.currentTarget.value as PolicyForm['requests'] })}
            >
              <option value="everyone">{a('policyRequestsEveryone')}</option>
              <option value="members">{a('policyRequestsMembers')}</option>
              <option value="nobody">{a('policyRequestsNobody')}</option>
            </select>
          </div>
        </fieldset>

        <fieldset>
          <legend>{a('policySectionLimits')}</legend>
          <div class="field">
            <label for="policy-maxTtl">{a('policyMaxTtl')}</label>
            <div class="inline-fields">
              <input
                id="policy-maxTtl"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={form.maxTtl}
                aria-invalid={invalid('maxTtl')}
                aria-describedby={describedBy('maxTtl', 'policy-maxTtl-hint')}
                onInput={(e) => update({ maxTtl: e.currentTarget.value })}
              />
              <select
                aria-label={a('policyMaxTtlUnit')}
                value={form.maxTtlUnit}
                onChange={(e) => update({ maxTtlUnit: e.currentTarget.value as TtlUnit })}
              >
                {TTL_UNITS.map((u) => (
                  <option key={u.unit} value={u.unit}>
                    {a(u.label)}
                  </option>
                ))}
              </select>
            </div>
            <p id="policy-maxTtl-hint" class="hint">
              {a('policyNoLimitHint')}
            </p>
          </div>
          <NumberField
            id="policy-maxViews"
            label={a('policyMaxViews')}
            hint={a('policyNoLimitHint')}
            value={form.maxViews}
            onInput={(maxViews) => update({ maxViews })}
            invalid={invalid('maxViews')}
            describedBy={describedBy('maxViews', 'policy-maxViews-hint')}
          />
        </fieldset>

        <fieldset>
          <legend>{a('policySectionPassphrase')}</legend>
          <Check
            id="policy-passphraseRequired"
            checked={form.passphraseRequired}
            onChange={(passphraseRequired) => update({ passphraseRequired })}
            label={a('policyPassphraseRequired')}
          />
          <NumberField
            id="policy-passphraseMinLength"
            label={a('policyPassphraseMinLength')}
            hint={a('policyPassphraseMinLengthHint')}
            value={form.passphraseMinLength}
            onInput={(passphraseMinLength) => update({ passphraseMinLength })}
            invalid={invalid('passphraseMinLength')}
            describedBy={describedBy('passphraseMinLength', 'policy-passphraseMinLength-hint')}
          />
        </fieldset>

        <fieldset>
          <legend>{a('policySectionRecipients')}</legend>
          <Check
            id="policy-verificationRequired"
            checked={form.verificationRequired}
            onChange={(verificationRequired) => update({ verificationRequired })}
            label={a('policyVerificationRequired')}
          />
          <div class="field">
            <label for="policy-recipientDomains">{a('policyRecipientDomains')}</label>
            <textarea
              id="policy-recipientDomains"
              rows={3}
              class="mono"
              spellcheck={false}
              autoComplete="off"
              aria-describedby="policy-recipientDomains-hint"
              value={form.recipientDomains}
              onInput={(e) => update({ recipientDomains: e.currentTarget.value })}
            />
            <p id="policy-recipientDomains-hint" class="hint">
              {a('policyRecipientDomainsHint')}
            </p>
          </div>
        </fieldset>

        <fieldset>
          <legend>{a('policyNetworks')}</legend>
          <Check
            id="policy-networks-on"
            checked={form.networks.on}
            onChange={(on) => update({ networks: { ...form.networks, on } })}
            label={a('policyNetworksOn')}
          />
          {form.networks.on && (
            <>
              <div class="field">
                <label for="policy-networks">{a('policyNetworksCidrs')}</label>
                <textarea
                  id="policy-networks"
                  rows={3}
                  class="mono"
                  spellcheck={false}
                  autoComplete="off"
                  aria-invalid={invalid('networks')}
                  aria-describedby={describedBy('networks', 'policy-networks-hint')}
                  value={form.networks.cidrs}
                  onInput={(e) => update({ networks: { ...form.networks, cidrs: e.currentTarget.value } })}
                />
                <p id="policy-networks-hint" class="hint">
                  {a('policyNetworksHint')}
                </p>
              </div>
              {enforceSelect('policy-networks-enforce', form.networks.enforce, (enforce) =>
                update({ networks: { ...form.networks, enforce } }),
              )}
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>{a('policyCountries')}</legend>
          <Check
            id="policy-countries-on"
            checked={form.countries.on}
            onChange={(on) => update({ countries: { ...form.countries, on } })}
            label={a('policyCountriesOn')}
          />
          {form.countries.on && (
            <>
              <div class="field">
                <label for="policy-countries">{a('policyCountriesAllow')}</label>
                <input
                  id="policy-countries"
                  type="text"
                  class="mono"
                  spellcheck={false}
                  autoComplete="off"
                  aria-invalid={invalid('countries')}
                  aria-describedby={describedBy('countries', 'policy-countries-hint')}
                  value={form.countries.allow}
                  onInput={(e) => update({ countries: { ...form.countries, allow: e.currentTarget.value } })}
                />
                <p id="policy-countries-hint" class="hint">
                  {a('policyCountriesHint')}
                </p>
              </div>
              {enforceSelect('policy-countries-enforce', form.countries.enforce, (enforce) =>
                update({ countries: { ...form.countries, enforce } }),
              )}
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>{a('policyOfficeHours')}</legend>
          <Check
            id="policy-officeHours-on"
            checked={form.officeHours.on}
            onChange={(on) => update({ officeHours: { ...form.officeHours, on } })}
            label={a('policyOfficeHoursOn')}
          />
          {form.officeHours.on && (
            <>
              <fieldset id="policy-days" tabIndex={-1} aria-describedby={describedBy('days')}>
                <legend>{a('policyDays')}</legend>
                {WEEKDAYS.map((day) => (
                  <label class="check check-inline" key={day}>
                    <input
                      type="checkbox"
                      checked={form.officeHours.days.includes(day)}
                      onChange={(e) =>
                        update({
                          officeHours: {
                            ...form.officeHours,
                            days: e.currentTarget.checked
                              ? [...form.officeHours.days, day]
                              : form.officeHours.days.filter((d) => d !== day),
                          },
                        })
                      }
                    />
                    {days[day]}
                  </label>
                ))}
              </fieldset>
              <div class="inline-fields">
                <div class="field">
                  <label for="policy-hours">{a('policyStart')}</label>
                  <input
                    id="policy-hours"
                    type="text"
                    inputMode="numeric"
                    placeholder="08:00"
                    autoComplete="off"
                    value={form.officeHours.start}
                    aria-invalid={invalid('hours')}
                    aria-describedby={describedBy('hours', 'policy-hours-hint')}
                    onInput={(e) =>
                      update({ officeHours: { ...form.officeHours, start: e.currentTarget.value } })
                    }
                  />
                </div>
                <div class="field">
                  <label for="policy-hours-end">{a('policyEnd')}</label>
                  <input
                    id="policy-hours-end"
                    type="text"
                    inputMode="numeric"
                    placeholder="18:00"
                    autoComplete="off"
                    value={form.officeHours.end}
                    aria-invalid={invalid('hours')}
                    aria-describedby="policy-hours-hint"
                    onInput={(e) =>
                      update({ officeHours: { ...form.officeHours, end: e.currentTarget.value } })
                    }
                  />
                </div>
              </div>
              <p id="policy-hours-hint" class="hint">
                {a('policyHoursHint')}
              </p>
              <div class="field">
                <label for="policy-timeZone">{a('policyTimeZone')}</label>
                <input
                  id="policy-timeZone"
                  type="text"
                  autoComplete="off"
                  spellcheck={false}
                  aria-invalid={invalid('timeZone')}
                  aria-describedby={describedBy('timeZone', 'policy-timeZone-hint')}
                  value={form.officeHours.timeZone}
                  onInput={(e) =>
                    update({ officeHours: { ...form.officeHours, timeZone: e.currentTarget.value } })
                  }
                />
                <p id="policy-timeZone-hint" class="hint">
                  {a('policyTimeZoneHint')}
                </p>
              </div>
              {enforceSelect('policy-officeHours-enforce', form.officeHours.enforce, (enforce) =>
                update({ officeHours: { ...form.officeHours, enforce } }),
              )}
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>{a('policySectionEncryption')}</legend>
          <Check
            id="policy-serverEncryption"
            checked={form.serverEncryption}
            onChange={(serverEncryption) => update({ serverEncryption })}
            label={a('policyServerEncryption')}
            hint={a('policyServerEncryptionHint')}
          />
          <Check
            id="policy-keyClaim"
            checked={form.keyClaim}
            onChange={(keyClaim) => update({ keyClaim })}
            label={a('policyKeyClaim')}
            hint={a('policyKeyClaimHint')}
          />
        </fieldset>

        {problem && (
          <p id="policy-problem" class="notice notice-error" role="alert">
            {a(problem.message)}
          </p>
        )}
        {error && (
          <p class="notice notice-error" role="alert" tabIndex={-1} ref={errorRef}>
            {error}
          </p>
        )}
        {saved && <p class="notice">{a('policySaved')}</p>}
        <div class="actions">
          <button type="submit" class="button-primary" disabled={busy}>
            {busy ? a('policySaving') : a('policySave')}
          </button>
        </div>
      </form>
    </>
  );
}

function Check({
  id,
  checked,
  onChange,
  label,
  hint,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  hint?: string;
}) {
  return (
    <div class="field">
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onInput: (value: string) => void;
  invalid: true | undefined;
  describedBy: string | undefined;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={props.value}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <p id={`${props.id}-hint`} class="hint">
        {props.hint}
      </p>
    </div>
  );
}

export const PolicyPage = withAccountText(PolicyView);
