import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText, withAccountText } from '../account-i18n.js';
import type { Me, MemberInfo } from '../account-types.js';
import { failureText } from '../format.js';
import { KeysSection } from '../settings/keys-section.js';
import { MembersSection } from '../settings/members-section.js';
import { PasskeysSection } from '../settings/passkeys-section.js';
import { SessionsSection } from '../settings/sessions-section.js';
import { TeamsSection } from '../settings/teams-section.js';
import { AccountBar, LoadError, PageTitle, useAnnouncer, useMe } from '../ui.js';

/** `/settings`: API keys, members and invites (`members:manage`), teams, my passkeys and my sessions. */
function SettingsView() {
  const { a } = useAccountText();
  const { me, error, reload } = useMe();
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{a('settingsTitle')}</PageTitle>
      {error && <LoadError error={error} onRetry={reload} />}
      {me && <Sections me={me} />}
    </section>
  );
}

function Sections({ me }: { me: Me }) {
  const i18n = useI18n();
  const text = useAccountText();
  const [announcer, announce] = useAnnouncer();
  const [members, setMembers] = useState<MemberInfo[] | null>(null);
  const [membersError, setMembersError] = useState<string | null>(null);
  const manage = me.scopes.includes('members:manage');

  const loadMembers = async () => {
    setMembersError(null);
    const result = await accountApi.members();
    if (result.ok) setMembers(result.value.members);
    else setMembersError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void loadMembers();
  }, []);

  return (
    <>
      <AccountBar me={me} current="settings" />
      {announcer}
      <KeysSection me={me} announce={announce} />
      {manage && membersError && <LoadError error={membersError} onRetry={loadMembers} />}
      {manage && members && (
        <MembersSection me={me} members={members} onMembersChanged={loadMembers} announce={announce} />
      )}
      <TeamsSection me={me} members={members} onMembersChanged={loadMembers} announce={announce} />
      <PasskeysSection announce={announce} />
      <SessionsSection announce={announce} />
    </>
  );
}

export const SettingsPage = withAccountText(SettingsView);
