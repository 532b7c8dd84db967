import { useEffect, useState } from 'preact/hooks';
import { hasSessionCookie } from '../session-cookie.js';
import { accountApi } from './account-api.js';
import { useAccountText, withAccountText } from './account-i18n.js';
import type { Me } from './account-types.js';

export interface CreateExtrasProps {
  /** The server wants a session to create (`anonymous_create: false`). */
  required: boolean;
  /** Nobody signed in, someone who may create, or someone whose role may not (an auditor). */
  onAccount: (account: 'anonymous' | 'creator' | 'viewer') => void;
  team: string;
  onTeam: (team: string) => void;
  /** Mail me when it is viewed, burned or expires (`notify`, docs/api.md "Notify on view"). */
  notify: boolean;
  onNotify: (notify: boolean) => void;
}

/**
 * The create page's account line, loaded only when this browser holds a session cookie or the server requires
 * sign-in: "Signed in as … · Dashboard" with an optional team select and "Notify me when it is viewed", or
 * "sign in to create".
 */
function CreateExtras({ required, onAccount, team, onTeam, notify, onNotify }: CreateExtrasProps) {
  const { a } = useAccountText();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    if (!hasSessionCookie()) {
      setMe(null);
      onAccount('anonymous');
      return;
    }
    void accountApi.me().then((result) => {
      setMe(result.ok ? result.value : null);
      onAccount(
        !result.ok ? 'anonymous' : result.value.scopes.includes('secrets:create') ? 'creator' : 'viewer',
      );
    });
  }, []);

  if (me === undefined) return null;
  if (me === null)
    return required ? (
      <div class="notice" role="status">
        <p>
          {a('createSignInRequired')} <a href="/sign-in">{a('createSignInLink')}</a>
        </p>
      </div>
    ) : null;
  return (
    <>
      <p class="hint">
        {a('createSignedIn', { name: me.user.name || me.user.email })} ·{' '}
        <a href="/dashboard">{a('dashboard')}</a>
      </p>
      {!me.scopes.includes('secrets:create') && (
        <p class="notice" role="status">
          {a('createNoScope')}
        </p>
      )}
      {me.teams.length > 0 && me.scopes.includes('secrets:create') && (
        <div class="field">
          <label for="team">{a('createTeam')}</label>
          <select
            id="team"
            aria-describedby="team-hint"
            value={team}
            onChange={(e) => onTeam(e.currentTarget.value)}
          >
            <option value="">{a('createNoTeam')}</option>
            {me.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <p id="team-hint" class="hint">
            {a('createTeamHint')}
          </p>
        </div>
      )}
      {me.scopes.includes('secrets:create') && (
        <div class="field">
          <div class="check">
            <input
              id="notify"
              type="checkbox"
              aria-describedby="notify-hint"
              checked={notify}
              onChange={(e) => onNotify(e.currentTarget.checked)}
            />
            <label for="notify">{a('createNotify')}</label>
          </div>
          <p id="notify-hint" class="hint">
            {a('createNotifyHint')}
          </p>
        </div>
      )}
    </>
  );
}

export const CreateAccountExtras = withAccountText(CreateExtras, true);
