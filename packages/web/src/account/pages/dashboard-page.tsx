import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText, withAccountText } from '../account-i18n.js';
import { type Me, type OwnedSecretInfo, SECRET_STATES } from '../account-types.js';
import { burnable, failureText, type ListScope, listScopes, secretRowText, stateLabel } from '../format.js';
import type { AccountKey } from '../messages/en.js';
import { AccountBar, ConfirmButton, LoadError, PageTitle, useAnnouncer, useMe } from '../ui.js';

const SCOPE_LABELS: Record<ListScope, AccountKey> = { own: 'tabOwn', team: 'tabTeam', org: 'tabOrg' };

/** `/dashboard`: the secrets the person, their teams or (with org reach) the organisation sent. */
function DashboardView() {
  const { a } = useAccountText();
  const { me, error, reload } = useMe();
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{a('dashboardTitle')}</PageTitle>
      {me && <AccountBar me={me} current="dashboard" />}
      <p class="lead">{a('dashboardIntro')}</p>
      {error && <LoadError error={error} onRetry={reload} />}
      {me && <SecretListReply me={me} />}
    </section>
  );
}

function SecretListReply({ me }: { me: Me }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a, ap } = text;
  const scopes = listScopes(me.role);
  const [scope, setScope] = useState<ListScope>('own');
  const [state, setState] = useState('');
  const [rows, setRows] = useState<OwnedSecretInfo[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [announcer, announce] = useAnnouncer();
  const request = useRef(0);
  const canBurn = me.scopes.includes('secrets:burn');

  const load = async (cursor: string | null) => {
    const ticket = ++request.current;
    setLoading(true);
    setError(null);
    const result = await accountApi.secrets({ scope, state, cursor });
    if (ticket !== request.current) return; // a newer tab or filter won
    setLoading(false);
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      else setError(failureText(result, i18n, text));
      return;
    }
    setRows((current) => (cursor ? [...current, ...result.value.secrets] : result.value.secrets));
    setNext(result.value.next ?? null);
  };

  useEffect(() => {
    setRows([]);
    setNext(null);
    void load(null);
  }, [scope, state]);

  const burn = async (row: OwnedSecretInfo): Promise<string | null> => {
    const result = await accountApi.burnSecret(row.id);
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      return failureText(result, i18n, text);
    }
    setRows((current) =>
      current.map((r) => (r.id === row.id ? { ...r, state: 'burned', views_left: 0 } : r)),
    );
    announce(a('burned', { date: i18n.date(row.created_at) }));
    return null;
  };

  return (
    <>
      <fieldset class="segmented">
        <legend class="visually-hidden">{a('tabsLabel')}</legend>
        {scopes.map((s) => (
          <button
            key={s}
            type="button"
            class="button-secondary"
            aria-pressed={scope === s}
            onClick={() => setScope(s)}
          >
            {a(SCOPE_LABELS[s])}
          </button>
        ))}
      </fieldset>
      <div class="field field-narrow">
        <label for="state-filter">{a('stateFilter')}</label>
        <select id="state-filter" value={state} onChange={(e) => setState(e.currentTarget.value)}>
          <option value="">{a('stateAll')}</option>
          {SECRET_STATES.map((s) => (
            <option key={s} value={s}>
              {stateLabel(s, i18n)}
            </option>
          ))}
        </select>
      </div>
      {announcer}
      {error && <LoadError error={error} onRetry={() => void load(rows.length ? next : null)} />}
      <p role="status" class="hint">
        {loading
          ? i18n.t('loading')
          : rows.length === 0 && !error
            ? a('noSecrets')
            : ap('listCount', rows.length)}
      </p>
      {rows.length > 0 && (
        <ul class="items" aria-label={a(SCOPE_LABELS[scope])}>
          {rows.map((row) => {
            const cols = secretRowText(row, { i18n, text, meId: me.user.id });
            return (
              <li key={row.id}>
                <div class="item-head">
                  <p class="item-title">
                    <span class="state" data-state={row.state}>
                      {cols.state}
                    </span>{' '}
                    · {cols.created}
                  </p>
                  {canBurn && burnable(row) && (
                    <ConfirmButton
                      label={a('burn')}
                      ariaLabel={`${a('burn')}: ${cols.created}`}
                      question={a('burnConfirm')}
                      yes={a('burnYes')}
                      busyLabel={a('burning')}
                      onConfirm={() => burn(row)}
                    />
                  )}
                </div>
                <dl class="item-facts">
                  <div>
                    <dt>{a('colExpires')}</dt>
                    <dd>{cols.expires}</dd>
                  </div>
                  <div>
                    <dt>{a('colViews')}</dt>
                    <dd>{cols.views}</dd>
                  </div>
                  <div>
                    <dt>{a('colCreator')}</dt>
                    <dd>{cols.creator}</dd>
                  </div>
                  <div>
                    <dt>{a('colTeam')}</dt>
                    <dd>{cols.team}</dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {next && !loading && (
        <div class="actions">
          <button type="button" class="button-secondary" onClick={() => void load(next)}>
            {a('loadMore')}
          </button>
        </div>
      )}
    </>
  );
}

export const DashboardPage = withAccountText(DashboardView);
