import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText } from '../account-i18n.js';
import type { ApiKeyInfo, CreateKeyReply, Me, Scope } from '../account-types.js';
import { failureText, grantableScopes, KEY_EXPIRY_CHOICES, personName, SCOPE_LABELS } from '../format.js';
import { ConfirmButton, LoadError, ShownOnce } from '../ui.js';

/** API keys: mine (or, with `keys:manage`, the organisation's), a new one shown once, revoke. */
export function KeysSection({ me, announce }: { me: Me; announce: (message: string) => void }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [keys, setKeys] = useState<ApiKeyInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateKeyReply | null>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.keys();
    if (result.ok) setKeys(result.value.keys);
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);

  const revoke = async (key: ApiKeyInfo) => {
    const result = await accountApi.revokeKey(key.id);
    if (!result.ok && result.status !== 404) return failureText(result, i18n, text);
    setKeys((current) => current?.filter((k) => k.id !== key.id) ?? null);
    announce(a('keyRevoked', { name: key.name }));
    return null;
  };

  return (
    <section class="settings-section" aria-labelledby="keys-title">
      <h2 id="keys-title">{a('keysTitle')}</h2>
      <p class="hint">{a('keysIntro')}</p>
      {error && <LoadError error={error} onRetry={load} />}
      {keys && keys.length === 0 && <p>{a('keysNone')}</p>}
      {keys && keys.length > 0 && (
        <ul class="items" aria-labelledby="keys-title">
          {keys.map((key) => (
            <li key={key.id}>
              <div class="item-head">
                <p class="item-title">
                  {key.name}
                  {key.state !== 'active' &&
                    ` · ${a(key.state === 'revoked' ? 'keyStateRevoked' : 'keyStateExpired')}`}
                </p>
                {key.state === 'active' && (
                  <ConfirmButton
                    label={a('keyRevoke')}
                    ariaLabel={`${a('keyRevoke')}: ${key.name}`}
                    question={a('keyRevokeConfirm', { name: key.name })}
                    yes={a('keyRevokeYes')}
                    onConfirm={() => revoke(key)}
                  />
                )}
              </div>
              <p class="item-meta">
                {key.scopes.map((s) => (SCOPE_LABELS[s] ? a(SCOPE_LABELS[s]) : s)).join(', ')}
              </p>
              <p class="item-meta">
                {a('keyExpires', { date: i18n.date(key.expires_at) })} ·{' '}
                {key.last_used_at
                  ? a('keyLastUsed', { date: i18n.date(key.last_used_at) })
                  : a('keyNeverUsed')}
              </p>
              {key.created_by?.id !== me.user.id && (
                <p class="item-meta">
                  {key.created_by ? a('keyOwner', { name: personName(key.created_by) }) : a('nobody')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {created ? (
        <NewKey
          created={created}
          announce={announce}
          onDone={() => {
            setCreated(null);
            void load();
          }}
        />
      ) : (
        <KeyForm me={me} onCreated={setCreated} />
      )}
    </section>
  );
}

function KeyForm({ me, onCreated }: { me: Me; onCreated: (key: CreateKeyReply) => void }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const grantable = grantableScopes(me.scopes);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(grantable.filter((s) => s.startsWith('secrets:')));
  const [expiresIn, setExpiresIn] = useState(KEY_EXPIRY_CHOICES[2]!.seconds);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(a('keyNameMissing'));
      nameRef.current?.focus();
      return;
    }
    if (scopes.length === 0) {
      setError(a('keyScopesMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await accountApi.createKey({ name: name.trim(), scopes, expires_in: expiresIn });
    setBusy(false);
    if (!result.ok) {
      setError(failureText(result, i18n, text));
      return;
    }
    setName('');
    onCreated(result.value);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={busy} aria-labelledby="key-form-title">
      <h3 id="key-form-title">{a('keyCreate')}</h3>
      <div class="field">
        <label for="key-name">{a('keyName')}</label>
        <input
          id="key-name"
          ref={nameRef}
          type="text"
          maxLength={100}
          autoComplete="off"
          aria-describedby="key-name-hint"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <p id="key-name-hint" class="hint">
          {a('keyNameHint')}
        </p>
      </div>
      <fieldset>
        <legend>{a('keyScopes')}</legend>
        {grantable.map((scope) => (
          <label class="check" key={scope}>
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) =>
                setScopes(
                  e.currentTarget.checked
                    ? grantable.filter((s) => s === scope || scopes.includes(s))
                    : scopes.filter((s) => s !== scope),
                )
              }
            />
            {a(SCOPE_LABELS[scope])} <span class="mono hint">{scope}</span>
          </label>
        ))}
      </fieldset>
      <div class="field field-narrow">
        <label for="key-expiry">{a('keyExpiry')}</label>
        <select
          id="key-expiry"
          value={String(expiresIn)}
          onChange={(e) => setExpiresIn(Number(e.currentTarget.value))}
        >
          {KEY_EXPIRY_CHOICES.map((choice) => (
            <option key={choice.seconds} value={String(choice.seconds)}>
              {a(choice.label)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? a('keyCreating') : a('keyCreate')}
        </button>
      </div>
    </form>
  );
}

/** The new key, shown once: the server keeps only its hash. */
function NewKey({
  created,
  announce,
  onDone,
}: {
  created: CreateKeyReply;
  announce: (message: string) => void;
  onDone: () => void;
}) {
  const { a } = useAccountText();
  return (
    <ShownOnce
      id="new-key"
      heading="h3"
      title={a('keyCreated', { name: created.name })}
      once={a('keyOnce')}
      label={a('keyCreated', { name: created.name })}
      labelHidden
      value={created.key}
      copyLabel={a('keyCopy')}
      announce={announce}
      onDone={onDone}
    />
  );
}
