import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText } from '../account-i18n.js';
import type { Me, MemberInfo, TeamInfo } from '../account-types.js';
import { failureText, personName } from '../format.js';
import { ConfirmButton, LoadError } from '../ui.js';

interface Props {
  me: Me;
  /** Null while loading (or when they could not be read). */
  members: MemberInfo[] | null;
  onMembersChanged: () => void;
  announce: (message: string) => void;
}

/** Teams and who is in them; creating, deleting and changing them needs `members:manage`. */
export function TeamsSection({ me, members, onMembersChanged, announce }: Props) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const manage = me.scopes.includes('members:manage');
  const [teams, setTeams] = useState<TeamInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.teams();
    if (result.ok) setTeams(result.value.teams);
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setFormError(a('teamNameMissing'));
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    const result = await accountApi.createTeam(name.trim());
    setBusy(false);
    if (!result.ok) {
      setFormError(failureText(result, i18n, text));
      return;
    }
    setName('');
    void load();
  };

  const remove = async (team: TeamInfo) => {
    const result = await accountApi.deleteTeam(team.id);
    if (!result.ok && result.status !== 404) return failureText(result, i18n, text);
    setTeams((current) => current?.filter((t) => t.id !== team.id) ?? null);
    announce(a('teamDeleted', { name: team.name }));
    onMembersChanged();
    return null;
  };

  return (
    <section class="settings-section" aria-labelledby="teams-title">
      <h2 id="teams-title">{a('teamsTitle')}</h2>
      {error && <LoadError error={error} onRetry={load} />}
      {teams && teams.length === 0 && <p>{a('teamsNone')}</p>}
      {teams && teams.length > 0 && (
        <ul class="items" aria-labelledby="teams-title">
          {teams.map((team) => (
            <TeamItem
              key={team.id}
              team={team}
              manage={manage}
              members={members}
              onChanged={() => {
                void load();
                onMembersChanged();
              }}
              onDelete={() => remove(team)}
            />
          ))}
        </ul>
      )}
      {manage && (
        <form onSubmit={create} noValidate aria-busy={busy}>
          <div class="field">
            <label for="team-name">{a('teamName')}</label>
            <div class="with-button">
              <input
                id="team-name"
                ref={nameRef}
                type="text"
                maxLength={100}
                autoComplete="off"
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
              <button type="submit" class="button-primary" disabled={busy}>
                {a('teamCreate')}
              </button>
            </div>
          </div>
          {formError && (
            <p class="notice notice-error" role="alert">
              {formError}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

interface ItemProps {
  team: TeamInfo;
  manage: boolean;
  members: MemberInfo[] | null;
  onChanged: () => void;
  onDelete: () => Promise<string | null>;
}

function TeamItem({ team, manage, members, onChanged, onDelete }: ItemProps) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a, ap } = text;
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inTeam = (members ?? []).filter((m) => team.members.includes(m.user_id));
  const others = (members ?? []).filter((m) => !team.members.includes(m.user_id));
  const selectId = `team-add-${team.id}`;

  const change = async (run: () => ReturnType<typeof accountApi.addToTeam>) => {
    setError(null);
    const result = await run();
    if (!result.ok) setError(failureText(result, i18n, text));
    setAdding('');
    onChanged();
  };

  return (
    <li>
      <div class="item-head">
        <p class="item-title">
          {team.name} <span class="item-meta">· {ap('teamMembers', inTeam.length)}</span>
        </p>
        {manage && (
          <ConfirmButton
            label={a('teamDelete')}
            ariaLabel={`${a('teamDelete')}: ${team.name}`}
            question={a('teamDeleteConfirm', { name: team.name })}
            yes={a('teamDeleteYes')}
            onConfirm={onDelete}
          />
        )}
      </div>
      {members && inTeam.length === 0 && <p class="item-meta">{a('teamNoMembers')}</p>}
      {inTeam.length > 0 && (
        <ul class="plain">
          {inTeam.map((member) => {
            const who = personName(member);
            return (
              <li key={member.user_id}>
                {who}{' '}
                {manage && (
                  <button
                    type="button"
                    class="button-link"
                    aria-label={a('teamRemoveMember', { person: who, team: team.name })}
                    onClick={() => void change(() => accountApi.removeFromTeam(team.id, member.user_id))}
                  >
                    {a('memberRemove')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {manage && others.length > 0 && (
        <div class="field">
          <label for={selectId}>{a('teamAddMember', { name: team.name })}</label>
          <div class="with-button">
            <select id={selectId} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
              <option value="">{a('teamChoose')}</option>
              {others.map((member) => (
                <option key={member.user_id} value={member.user_id}>
                  {member.name || member.email}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="button-secondary"
              disabled={!adding}
              onClick={() => void change(() => accountApi.addToTeam(team.id, adding))}
            >
              {a('teamAdd')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
