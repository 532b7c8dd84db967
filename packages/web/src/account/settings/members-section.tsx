import { useEffect, useRef, useState } from 'preact/hooks';
import { CopyButton } from '../../components/copy-button.js';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText } from '../account-i18n.js';
import type { CreateInviteReply, InviteInfo, Me, MemberInfo, Role } from '../account-types.js';
import { failureText, manageableRoles, ROLE_LABELS } from '../format.js';
import { ConfirmButton, LoadError } from '../ui.js';

interface Props {
  me: Me;
  members: MemberInfo[];
  onMembersChanged: () => void;
  announce: (message: string) => void;
}

/** Members (role, remove), pending invites (delete) and a new invite (its link shown once). `members:manage`. */
export function MembersSection({ me, members, onMembersChanged, announce }: Props) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const roles = manageableRoles(me.role);
  const [error, setError] = useState<string | null>(null);

  const changeRole = async (member: MemberInfo, role: Role) => {
    setError(null);
    const result = await accountApi.changeRole(member.user_id, role);
    if (!result.ok) setError(failureText(result, i18n, text));
    else announce(a('roleChanged', { name: member.name || member.email, role: a(ROLE_LABELS[role]) }));
    onMembersChanged();
  };

  const remove = async (member: MemberInfo) => {
    const result = await accountApi.removeMember(member.user_id);
    if (!result.ok && result.status !== 404) return failureText(result, i18n, text);
    announce(a('memberRemoved', { name: member.name || member.email }));
    onMembersChanged();
    return null;
  };

  return (
    <section class="settings-section" aria-labelledby="members-title">
      <h2 id="members-title">{a('membersTitle')}</h2>
      <h3 id="members-list-title">{a('membersList')}</h3>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <ul class="items" aria-labelledby="members-list-title">
        {members.map((member) => {
          const who = member.name || member.email;
          const manageable = roles.includes(member.role);
          return (
            <li key={member.user_id}>
              <div class="item-head">
                <div>
                  <p class="item-title">{who}</p>
                  <p class="item-meta">
                    {member.email} · {a('memberJoined', { date: i18n.date(member.joined_at) })}
                  </p>
                </div>
                {manageable ? (
                  <div class="field field-narrow">
                    <label class="visually-hidden" for={`role-${member.user_id}`}>
                      {a('memberRole', { name: who })}
                    </label>
                    <select
                      id={`role-${member.user_id}`}
                      value={member.role}
                      onChange={(e) => void changeRole(member, e.currentTarget.value as Role)}
                    >
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {a(ROLE_LABELS[role])}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : (
                  <p class="item-meta">{a(ROLE_LABELS[member.role])}</p>
                )}
              </div>
              {manageable && member.user_id !== me.user.id && (
                <ConfirmButton
                  label={a('memberRemove')}
                  ariaLabel={`${a('memberRemove')}: ${who}`}
                  question={a('memberRemoveConfirm', { name: who })}
                  yes={a('memberRemoveYes')}
                  onConfirm={() => remove(member)}
                />
              )}
            </li>
          );
        })}
      </ul>
      <Invites roles={roles} announce={announce} />
    </section>
  );
}

function Invites({ roles, announce }: { roles: Role[]; announce: (message: string) => void }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [invites, setInvites] = useState<InviteInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateInviteReply | null>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.invites();
    if (result.ok) setInvites(result.value.invites);
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);

  const remove = async (invite: InviteInfo) => {
    const result = await accountApi.deleteInvite(invite.id);
    if (!result.ok && result.status !== 404) return failureText(result, i18n, text);
    setInvites((current) => current?.filter((i) => i.id !== invite.id) ?? null);
    announce(a('inviteDeleted', { email: invite.email }));
    return null;
  };

  return (
    <>
      <h3 id="invites-title">{a('invitesTitle')}</h3>
      {error && <LoadError error={error} onRetry={load} />}
      {invites && invites.length === 0 && <p>{a('invitesNone')}</p>}
      {invites && invites.length > 0 && (
        <ul class="items" aria-labelledby="invites-title">
          {invites.map((invite) => (
            <li key={invite.id}>
              <div class="item-head">
                <div>
                  <p class="item-title">{invite.email}</p>
                  <p class="item-meta">
                    {a(ROLE_LABELS[invite.role])} ·{' '}
                    {a('inviteExpires', { date: i18n.date(invite.expires_at) })}
                  </p>
                </div>
                <ConfirmButton
                  label={a('inviteDelete')}
                  ariaLabel={`${a('inviteDelete')}: ${invite.email}`}
                  question={a('inviteDeleteConfirm', { email: invite.email })}
                  yes={a('inviteDeleteYes')}
                  onConfirm={() => remove(invite)}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {created && <InviteLink invite={created} announce={announce} />}
      <InviteForm
        roles={roles}
        onCreated={(invite) => {
          setCreated(invite);
          void load();
        }}
      />
    </>
  );
}

function InviteForm({ roles, onCreated }: { roles: Role[]; onCreated: (invite: CreateInviteReply) => void }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!email.trim()) {
      setError(a('inviteEmailMissing'));
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await accountApi.invite(email.trim(), role);
    setBusy(false);
    if (!result.ok) {
      setError(failureText(result, i18n, text));
      return;
    }
    setEmail('');
    onCreated(result.value);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={busy} aria-labelledby="invite-form-title">
      <h3 id="invite-form-title">{a('inviteFormTitle')}</h3>
      <div class="row">
        <div class="field">
          <label for="invite-email">{a('inviteEmail')}</label>
          <input
            id="invite-email"
            ref={emailRef}
            type="email"
            autoComplete="off"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="invite-role">{a('inviteRole')}</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {a(ROLE_LABELS[r])}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? a('inviteSending') : a('inviteSend')}
        </button>
      </div>
    </form>
  );
}

/** The one-time invite link: the server keeps only its hash, so it is shown here once. */
function InviteLink({
  invite,
  announce,
}: {
  invite: CreateInviteReply;
  announce: (message: string) => void;
}) {
  const { t } = useI18n();
  const { a } = useAccountText();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [invite]);
  return (
    <section class="once" aria-labelledby="invite-link-title">
      <h4 id="invite-link-title" tabIndex={-1} ref={ref}>
        {a('inviteCreated', { email: invite.email })}
      </h4>
      <p id="invite-link-once">{a('inviteOnce')}</p>
      <label for="invite-link" class="visually-hidden">
        {a('inviteCreated', { email: invite.email })}
      </label>
      <div class="with-button">
        <input
          id="invite-link"
          type="text"
          dir="ltr"
          readOnly
          value={invite.link}
          aria-describedby="invite-link-once"
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={() => invite.link} label={a('inviteCopy')} onCopied={() => announce(t('copied'))} />
      </div>
    </section>
  );
}
