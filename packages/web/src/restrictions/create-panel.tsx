import type { Failure } from '@burnlink/client';
import type { OrgPolicy, Restrictions } from '@burnlink/wire';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type Capabilities,
  checkDraft,
  checkPassphrase,
  createFailureText,
  type Draft,
  daysOf,
  FIELD,
  initialDraft,
  LIMITS,
  passphraseRule,
  WEEK,
} from './create-check.js';
import { countryCode, splitList } from './parse.js';
import { useRestrictionText, withRestrictionText } from './restriction-text.js';

export type { Capabilities } from './create-check.js';

/** What the create page asks the restrictions when the sender clicks "Create". */
export interface CreateRestrictionsHandle {
  /**
   * The organisation's passphrase rule (the server cannot see a passphrase encrypted in the browser) and the
   * restrictions' checks: the words of the first problem (its field marked, the disclosure opened and the field
   * focused), or null when the secret may be sent.
   */
  check(passphrase: string): string | null;
  /** The fields to add to the create: `{restrictions}`, or nothing. */
  fields(): { restrictions?: Restrictions };
  /** Plain words for a create the server refused over restrictions or the organisation's policy; else null. */
  failureText(failure: Failure): string | null;
}

export interface RestrictionsPanelProps {
  /**
   * The server's config: `restrictions`, what it can enforce (absent or null: it does not say, and recipients
   * and countries are not offered), and `policy`, the signed-in person's organisation's rules (or null).
   */
  config: { restrictions?: Capabilities | null; policy?: OrgPolicy | null };
  /** Set while the panel is shown, for the create page to use on submit. */
  handle: { current: CreateRestrictionsHandle | null };
}

/** Weekday names in the locale (1 January 2024 was a Monday). */
function weekdayNames(locale: string): Record<string, string> {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return Object.fromEntries(WEEK.map((day, i) => [day, format.format(new Date(Date.UTC(2024, 0, 1 + i)))]));
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/**
 * The body of the create page's "Restrictions" disclosure: recipient verification, networks, office hours and
 * countries, each offered only when the server can enforce it, and within the organisation's policy (required
 * rules prefilled or fixed, and explained). Sets `handle` for the create page: the checks before sending, the
 * restrictions to send, and words for the server's refusals.
 */
function Panel({ config, handle }: RestrictionsPanelProps) {
  const capabilities = config.restrictions ?? null;
  const policy = config.policy ?? null;
  const text = useRestrictionText();
  const { r, list, locale } = text;
  const [draft, setDraft] = useState<Draft>(() => initialDraft(policy));
  const [tried, setTried] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // The policy arrives with the config: prefill again when it changes (before the sender typed, it is the same).
  useEffect(() => setDraft(initialDraft(policy)), [policy]);
  const checked = useMemo(
    () => checkDraft(draft, capabilities, policy, text),
    [draft, capabilities, policy, text],
  );
  handle.current = {
    check: (passphrase) => {
      const problem = checkPassphrase(passphrase, policy, text) ?? checked.problem;
      if (!problem) return null;
      setTried(true);
      const field = problem.field;
      if (field && field !== FIELD.passphrase) {
        const details = root.current?.closest('details');
        if (details) details.open = true;
      }
      // After the render that marks the field.
      if (field) setTimeout(() => document.getElementById(field)?.focus(), 0);
      return problem.message;
    },
    fields: () => (checked.restrictions ? { restrictions: checked.restrictions } : {}),
    failureText: (failure) => createFailureText(failure, text),
  };
  useEffect(
    () => () => {
      handle.current = null;
    },
    [],
  );
  const days = useMemo(() => weekdayNames(locale), [locale]);
  const zones = useMemo(timeZones, []);
  const regions = useMemo(() => {
    try {
      return new Intl.DisplayNames(locale, { type: 'region' });
    } catch {
      return null;
    }
  }, [locale]);

  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const bad = tried ? checked.problem?.field : undefined;
  /** The problem's words under the field it is about, once a create was tried. */
  const problemAt = (field: string) =>
    bad === field ? (
      <p id={`${field}-problem`} class="field-problem">
        {checked.problem?.message}
      </p>
    ) : null;
  const described = (field: string, ...hints: (string | false)[]) =>
    [...hints.filter(Boolean), bad === field && `${field}-problem`].filter(Boolean).join(' ') || undefined;

  const requiredHours = policy?.office_hours?.enforce === 'required' ? policy.office_hours.hours : null;
  const hoursDefault = policy?.office_hours?.enforce === 'default';
  const countryNames = splitList(draft.countries, true)
    .map(countryCode)
    .filter((code): code is string => code !== null)
    .map((code) => regions?.of(code) ?? code);

  return (
    <div class="restrictions" ref={root}>
      <p class="hint">{r('intro')}</p>
      {capabilities?.verification ? (
        <div class="field">
          <label for={FIELD.recipients}>{r('recipientsLabel')}</label>
          <textarea
            id={FIELD.recipients}
            rows={2}
            autoComplete="off"
            autocapitalize="off"
            spellcheck={false}
            aria-invalid={bad === FIELD.recipients}
            aria-describedby={described(
              FIELD.recipients,
              'restrict-recipients-hint',
              policy?.verification_required === true && 'restrict-recipients-required',
              (policy?.recipient_domains.length ?? 0) > 0 && 'restrict-recipients-domains',
            )}
            value={draft.recipients}
            onInput={(e) => set({ recipients: e.currentTarget.value })}
          />
          {problemAt(FIELD.recipients)}
          <p id="restrict-recipients-hint" class="hint">
            {r('recipientsHint', { max: LIMITS.recipients })}
          </p>
          {policy?.verification_required && (
            <p id="restrict-recipients-required" class="hint">
              {r('recipientsRequired')}
            </p>
          )}
          {policy && policy.recipient_domains.length > 0 && (
            <p id="restrict-recipients-domains" class="hint">
              {r('recipientsDomains', { domains: list(policy.recipient_domains) })}
            </p>
          )}
        </div>
      ) : (
        policy?.verification_required && (
          <p class="notice notice-error" role="alert">
            {r('verificationUnavailable')}
          </p>
        )
      )}

      <div class="field">
        <label for={FIELD.networks}>{r('networksLabel')}</label>
        <textarea
          id={FIELD.networks}
          class="mono"
          rows={2}
          autoComplete="off"
          autocapitalize="off"
          spellcheck={false}
          aria-invalid={bad === FIELD.networks}
          aria-describedby={described(
            FIELD.networks,
            'restrict-networks-hint',
            policy?.networks != null && 'restrict-networks-policy',
          )}
          value={draft.networks}
          onInput={(e) => set({ networks: e.currentTarget.value })}
        />
        {problemAt(FIELD.networks)}
        <p id="restrict-networks-hint" class="hint">
          {r('networksHint')}
        </p>
        {policy?.networks && (
          <p id="restrict-networks-policy" class="hint">
            {policy.networks.enforce === 'required'
              ? r('networksPolicy', { cidrs: policy.networks.cidrs.join(', ') })
              : r('policyDefault')}
          </p>
        )}
      </div>

      {requiredHours ? (
        <p class="hint" id="restrict-hours-fixed">
          {r('hoursFixed', {
            days: list(WEEK.filter((day) => daysOf(requiredHours).includes(day)).map((day) => days[day]!)),
            start: requiredHours.start,
            end: requiredHours.end,
            zone: requiredHours.time_zone,
          })}
        </p>
      ) : (
        <>
          <div class="check">
            <input
              id={FIELD.hours}
              type="checkbox"
              checked={draft.hoursOn}
              aria-controls={draft.hoursOn ? 'restrict-hours-fields' : undefined}
              aria-describedby={hoursDefault ? 'restrict-hours-default' : undefined}
              onChange={(e) => set({ hoursOn: e.currentTarget.checked })}
            />
            <label for={FIELD.hours}>{r('hoursToggle')}</label>
          </div>
          {hoursDefault && (
            <p id="restrict-hours-default" class="hint">
              {r('policyDefault')}
            </p>
          )}
          {draft.hoursOn && (
            <fieldset id="restrict-hours-fields">
              <legend>{r('hoursToggle')}</legend>
              <fieldset class="days" aria-describedby={described(FIELD.day)}>
                <legend>{r('hoursDays')}</legend>
                {WEEK.map((day) => (
                  <div class="check" key={day}>
                    <input
                      id={`restrict-day-${day}`}
                      type="checkbox"
                      checked={draft.days.includes(day)}
                      onChange={(e) =>
                        set({
                          days: e.currentTarget.checked
                            ? [...draft.days, day]
                            : draft.days.filter((d) => d !== day),
                        })
                      }
                    />
                    <label for={`restrict-day-${day}`}>{days[day]}</label>
                  </div>
                ))}
                {problemAt(FIELD.day)}
              </fieldset>
              <div class="row">
                <div class="field">
                  <label for={FIELD.start}>{r('hoursStart')}</label>
                  <input
                    id={FIELD.start}
                    type="time"
                    aria-invalid={bad === FIELD.start}
                    aria-describedby={described(FIELD.start)}
                    value={draft.start}
                    onInput={(e) => set({ start: e.currentTarget.value })}
                  />
                  {problemAt(FIELD.start)}
                </div>
                <div class="field">
                  <label for={FIELD.end}>{r('hoursEnd')}</label>
                  <input
                    id={FIELD.end}
                    type="time"
                    aria-invalid={bad === FIELD.end}
                    aria-describedby={described(FIELD.end, 'restrict-hours-hint')}
                    value={draft.end}
                    onInput={(e) => set({ end: e.currentTarget.value })}
                  />
                  {problemAt(FIELD.end)}
                </div>
              </div>
              <div class="field">
                <label for={FIELD.zone}>{r('hoursZone')}</label>
                <input
                  id={FIELD.zone}
                  type="text"
                  list={zones.length > 0 ? 'restrict-zones' : undefined}
                  autoComplete="off"
                  spellcheck={false}
                  aria-invalid={bad === FIELD.zone}
                  aria-describedby={described(FIELD.zone, 'restrict-hours-hint')}
                  value={draft.zone}
                  onInput={(e) => set({ zone: e.currentTarget.value })}
                />
                {zones.length > 0 && (
                  <datalist id="restrict-zones">
                    {zones.map((zone) => (
                      <option key={zone} value={zone} />
                    ))}
                  </datalist>
                )}
                {problemAt(FIELD.zone)}
                <p id="restrict-hours-hint" class="hint">
                  {r('hoursHint')}
                </p>
              </div>
            </fieldset>
          )}
        </>
      )}

      {capabilities?.countries && (
        <div class="field">
          <label for={FIELD.countries}>{r('countriesLabel')}</label>
          <input
            id={FIELD.countries}
            type="text"
            autoComplete="off"
            autocapitalize="characters"
            spellcheck={false}
            aria-invalid={bad === FIELD.countries}
            aria-describedby={described(
              FIELD.countries,
              'restrict-countries-hint',
              countryNames.length > 0 && 'restrict-countries-named',
              policy?.countries != null && 'restrict-countries-policy',
            )}
            value={draft.countries}
            onInput={(e) => set({ countries: e.currentTarget.value })}
          />
          {problemAt(FIELD.countries)}
          {countryNames.length > 0 && (
            <p id="restrict-countries-named" class="hint">
              {r('countriesNamed', { names: list(countryNames) })}
            </p>
          )}
          <p id="restrict-countries-hint" class="hint">
            {r('countriesHint')}
          </p>
          {policy?.countries && (
            <p id="restrict-countries-policy" class="hint">
              {policy.countries.enforce === 'required'
                ? r('countriesPolicy', { codes: policy.countries.allow.join(', ') })
                : r('policyDefault')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function PolicyRule({ policy }: { policy: OrgPolicy }) {
  const rule = passphraseRule(policy, useRestrictionText());
  return rule ? <span> {rule}</span> : null;
}

/** The create page's restrictions (see `Panel`), once the locale's messages of this part are loaded. */
export const RestrictionsPanel = withRestrictionText(Panel);
/** The organisation's passphrase rule, in words added to the passphrase field's hint (nothing without one). */
export const PassphraseRule = withRestrictionText(PolicyRule);
