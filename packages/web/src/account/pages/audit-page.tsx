import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi, auditExportUrl } from '../account-api.js';
import { useAccountText, withAccountText } from '../account-i18n.js';
import type { AuditEvent, Me } from '../account-types.js';
import {
  type AuditFilters,
  type AuditNames,
  actorText,
  auditApiParams,
  daysReversed,
  detailsText,
  exportParams,
  filtersFromSearch,
  filtersToSearch,
  NO_FILTERS,
  normaliseTypes,
  OUTCOME_LABELS,
  subjectText,
  TYPE_GROUPS,
  typeChoice,
} from '../audit-query.js';
import { failureText, personName, ROLE_LABELS } from '../format.js';
import { AccountBar, LoadError, PageTitle, useMe } from '../ui.js';

/** `/audit`: the organisation's audit trail, newest first, filtered, paged and downloadable (`audit:read`). */
function AuditView() {
  const { a } = useAccountText();
  const { me, error, reload } = useMe();
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{a('auditTitle')}</PageTitle>
      {me && <AccountBar me={me} current="audit" />}
      <p class="lead">{a('auditIntro')}</p>
      {error && <LoadError error={error} onRetry={reload} />}
      {me && (me.scopes.includes('audit:read') ? <AuditTrail me={me} /> : <AuditRoleNeeded me={me} />)}
    </section>
  );
}

/** What a person without `audit:read` sees instead (also on a 403 from the server). */
function AuditRoleNeeded({ me }: { me: Me }) {
  const { a } = useAccountText();
  return (
    <p class="notice notice-error" role="alert">
      {a('auditRoleNeeded', { role: a(ROLE_LABELS[me.role] ?? 'roleMember') })}
    </p>
  );
}

/** Names for the ids records hold: the members (anyone may list them) and the keys the person may list. */
function useNames(me: Me): AuditNames {
  const [people, setPeople] = useState<ReadonlyMap<string, string>>(new Map());
  const [keys, setKeys] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    void accountApi.members().then((result) => {
      if (result.ok) setPeople(new Map(result.value.members.map((m) => [m.user_id, personName(m)] as const)));
    });
    void accountApi.keys().then((result) => {
      if (result.ok) setKeys(new Map(result.value.keys.map((k) => [k.id, k.name] as const)));
    });
  }, []);
  return useMemo(() => ({ people, keys, meId: me.user.id }), [people, keys, me.user.id]);
}

function AuditTrail({ me }: { me: Me }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a, ap } = text;
  const names = useNames(me);
  const [filters, setFilters] = useState<AuditFilters>(() => filtersFromSearch(location.search));
  const [rows, setRows] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const request = useRef(0);
  const time = useMemo(
    () => new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'medium' }),
    [i18n.locale],
  );

  // Back and forward move between filter sets (each "Apply" is a history entry).
  useEffect(() => {
    const onPop = () => setFilters(filtersFromSearch(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const load = async (after: number | null) => {
    const ticket = ++request.current;
    setLoading(true);
    setError(null);
    const result = await accountApi.audit(auditApiParams(filters, after));
    if (ticket !== request.current) return; // newer filters won
    setLoading(false);
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      else if (result.status === 403) setForbidden(true);
      else setError(failureText(result, i18n, text));
      return;
    }
    setRows((current) => (after === null ? result.value.events : [...current, ...result.value.events]));
    setNext(result.value.next ?? null);
  };

  useEffect(() => {
    setRows([]);
    setNext(null);
    void load(null);
  }, [filters]);

  const apply = (chosen: AuditFilters) => {
    const search = filtersToSearch(chosen);
    if (search !== location.search) history.pushState(null, '', `${location.pathname}${search}`);
    setFilters(chosen);
  };

  if (forbidden) return <AuditRoleNeeded me={me} />;

  return (
    <>
      <FilterForm filters={filters} names={names} onApply={apply} />
      <p class="downloads">
        <a class="button-secondary" href={auditExportUrl(exportParams(filters, 'jsonl'))} download>
          {a('auditDownloadJsonl')}
        </a>{' '}
        <a class="button-secondary" href={auditExportUrl(exportParams(filters, 'csv'))} download>
          {a('auditDownloadCsv')}
        </a>
      </p>
      {error && <LoadError error={error} onRetry={() => void load(rows.length ? next : null)} />}
      <p role="status" class="hint">
        {loading
          ? i18n.t('loading')
          : rows.length === 0 && !error
            ? a(filtersToSearch(filters) ? 'auditNoneMatch' : 'auditNone')
            : ap('auditCount', rows.length)}
      </p>
      {rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable)
        <section class="table-scroll table-wide" aria-labelledby="audit-caption" tabIndex={0}>
          <table class="data-table">
            <caption id="audit-caption" class="visually-hidden">
              {a('auditCaption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{a('auditColTime')}</th>
                <th scope="col">{a('auditColType')}</th>
                <th scope="col">{a('auditColActor')}</th>
                <th scope="col">{a('auditColSubject')}</th>
                <th scope="col">{a('auditColOutcome')}</th>
                <th scope="col">{a('auditColDetails')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={event.id}>
                  <td class="nowrap">
                    <time dateTime={event.at}>{time.format(new Date(event.at))}</time>
                  </td>
                  <td class="mono">{event.type}</td>
                  <td class="wrap">{actorText(event.actor, names, text)}</td>
                  <td class="wrap">{subjectText(event.subject, names, text)}</td>
                  <td>
                    <span class="outcome" data-outcome={event.outcome}>
                      {OUTCOME_LABELS[event.outcome] ? a(OUTCOME_LABELS[event.outcome]) : event.outcome}
                    </span>
                  </td>
                  <td class="wrap details mono">{detailsText(event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {next !== null && !loading && (
        <div class="actions">
          <button type="button" class="button-secondary" onClick={() => void load(next)}>
            {a('loadMore')}
          </button>
        </div>
      )}
    </>
  );
}

/** The filters: a type group or patterns, an actor, a range of days; applied together. */
function FilterForm({
  filters,
  names,
  onApply,
}: {
  filters: AuditFilters;
  names: AuditNames;
  onApply: (filters: AuditFilters) => void;
}) {
  const { a } = useAccountText();
  const [choice, setChoice] = useState(typeChoice(filters.type));
  const [patterns, setPatterns] = useState(typeChoice(filters.type) === 'custom' ? filters.type : '');
  const [actor, setActor] = useState(filters.actor);
  const [since, setSince] = useState(filters.since);
  const [until, setUntil] = useState(filters.until);
  const [problem, setProblem] = useState<string | null>(null);

  // The address bar changed (back/forward): show what is applied.
  useEffect(() => {
    setChoice(typeChoice(filters.type));
    setPatterns(typeChoice(filters.type) === 'custom' ? filters.type : '');
    setActor(filters.actor);
    setSince(filters.since);
    setUntil(filters.until);
    setProblem(null);
  }, [filters]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const chosen: AuditFilters = {
      type: choice === 'custom' ? normaliseTypes(patterns) : choice,
      actor,
      since,
      until,
    };
    if (choice === 'custom' && patterns.trim() && !chosen.type) {
      setProblem(a('auditPatternInvalid'));
      return;
    }
    if (daysReversed(chosen)) {
      setProblem(a('auditDaysReversed'));
      return;
    }
    setProblem(null);
    if (choice === 'custom') setPatterns(chosen.type);
    onApply(chosen);
  };

  const knownActor =
    !actor || actor === 'anonymous' || actor === 'system' || names.people.has(actor) || names.keys.has(actor);

  return (
    <form class="filters" onSubmit={onSubmit} noValidate aria-labelledby="audit-filters-title">
      <h2 id="audit-filters-title" class="visually-hidden">
        {a('auditFilters')}
      </h2>
      <div class="filter-grid">
        <div class="field">
          <label for="audit-type">{a('auditType')}</label>
          <select id="audit-type" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value="">{a('auditTypeAll')}</option>
            {TYPE_GROUPS.map((group) => (
              <option key={group.type} value={group.type}>
                {a(group.label)}
              </option>
            ))}
            <option value="custom">{a('auditTypeCustom')}</option>
          </select>
        </div>
        {choice === 'custom' && (
          <div class="field">
            <label for="audit-patterns">{a('auditPatterns')}</label>
            <input
              id="audit-patterns"
              type="text"
              autoComplete="off"
              spellcheck={false}
              class="mono"
              aria-describedby="audit-patterns-hint"
              value={patterns}
              onInput={(e) => setPatterns(e.currentTarget.value)}
            />
            <p id="audit-patterns-hint" class="hint">
              {a('auditPatternsHint')}
            </p>
          </div>
        )}
        <div class="field">
          <label for="audit-actor">{a('auditActor')}</label>
          <select id="audit-actor" value={actor} onChange={(e) => setActor(e.currentTarget.value)}>
            <option value="">{a('auditActorAll')}</option>
            {[...names.people].map(([id, name]) => (
              <option key={id} value={id}>
                {id === names.meId ? `${name} (${a('you')})` : name}
              </option>
            ))}
            {[...names.keys].map(([id, name]) => (
              <option key={id} value={id}>
                {a('actorKeyNamed', { name })}
              </option>
            ))}
            <option value="anonymous">{a('actorAnonymous')}</option>
            <option value="system">{a('actorSystem')}</option>
            {!knownActor && <option value={actor}>{actor}</option>}
          </select>
        </div>
        <div class="field">
          <label for="audit-since">{a('auditSince')}</label>
          <input
            id="audit-since"
            type="date"
            value={since}
            onInput={(e) => setSince(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="audit-until">{a('auditUntil')}</label>
          <input
            id="audit-until"
            type="date"
            value={until}
            onInput={(e) => setUntil(e.currentTarget.value)}
          />
        </div>
      </div>
      {problem && (
        <p class="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button-primary">
          {a('auditApply')}
        </button>
        <button type="button" class="button-secondary" onClick={() => onApply({ ...NO_FILTERS })}>
          {a('auditClear')}
        </button>
      </div>
    </form>
  );
}

export const AuditPage = withAccountText(AuditView);
