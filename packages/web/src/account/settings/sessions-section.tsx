import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText } from '../account-i18n.js';
import type { SessionInfo } from '../account-types.js';
import { failureText } from '../format.js';
import { ConfirmButton, LoadError } from '../ui.js';

/** My sessions: where I am signed in; end one, or all of them ("Sign out everywhere"). */
export function SessionsSection({ announce }: { announce: (message: string) => void }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.sessions();
    if (result.ok) setSessions(result.value.sessions);
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);

  const end = async (session: SessionInfo) => {
    const result = await accountApi.endSession(session.id);
    if (!result.ok && result.status !== 404) return failureText(result, i18n, text);
    // Ending this browser's own session is signing out.
    if (session.current) {
      location.assign('/sign-in');
      return null;
    }
    setSessions((current) => current?.filter((s) => s.id !== session.id) ?? null);
    announce(a('sessionEnded'));
    return null;
  };

  const everywhere = async () => {
    const result = await accountApi.signOutEverywhere();
    if (!result.ok && result.status !== 401) return failureText(result, i18n, text);
    location.assign('/sign-in');
    return null;
  };

  return (
    <section class="settings-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{a('sessionsTitle')}</h2>
      <p class="hint">{a('sessionsIntro')}</p>
      {error && <LoadError error={error} onRetry={load} />}
      {sessions && sessions.length > 0 && (
        <ul class="items" aria-labelledby="sessions-title">
          {sessions.map((session) => {
            const label = session.label || a('sessionUnknown');
            return (
              <li key={session.id}>
                <div class="item-head">
                  <div>
                    <p class="item-title">
                      {label}
                      {session.current && ` · ${a('sessionThis')}`}
                    </p>
                    <p class="item-meta">
                      {a('sessionStarted', { date: i18n.date(session.created_at) })}
                      {session.last_seen_at &&
                        ` · ${a('sessionSeen', { date: i18n.date(session.last_seen_at) })}`}
                    </p>
                  </div>
                  <ConfirmButton
                    label={a('sessionEnd')}
                    ariaLabel={`${a('sessionEnd')}: ${label}`}
                    question={a('sessionEndConfirm', { name: label })}
                    yes={a('sessionEndYes')}
                    onConfirm={() => end(session)}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmButton
        label={a('signOutEverywhere')}
        question={a('signOutEverywhereConfirm')}
        yes={a('signOutEverywhereYes')}
        onConfirm={everywhere}
      />
    </section>
  );
}
