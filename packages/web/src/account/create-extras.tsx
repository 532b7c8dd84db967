import { useEffect, useState } from 'preact/hooks';
import { hasSessionCookie } from '../session-cookie.js';
import { accountApi } from './account-api.js';
import { useAccountText, withAccountText } from './account-i18n.js';
import type { Me } from './account-types.js';

export interface CreateExtrasProps {
  /** The server wants a session to create (`anonymous_create: false`). */
  required: boolean;
  onSignedIn: (signedIn: boolean) => void;
  team: string;
  onTeam: (team: string) => void;
}

/**
 * The create page's account line, loaded only when this browser holds a session cookie or the server requires
 * sign-in: "Signed in as … · Dashboard" with an optional team select, or "sign in to create".
 */
function CreateExtras({ required, onSignedIn, team, onTeam }: CreateExtrasProps) {
  const { a } = useAccountText();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    if (!hasSessionCookie()) {
      setMe(null);
      onSignedIn(false);
      return;
    }
    void accountApi.me().then((result) => {
      setMe(result.ok ? result.value : null);
      onSignedIn(result.ok);
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
      {me.teams.length > 0 && (
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
    </>
  );
}

export const CreateAccountExtras = withAccountText(CreateExtras, true);
