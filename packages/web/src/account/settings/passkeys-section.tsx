import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText } from '../account-i18n.js';
import type { PasskeyView } from '../account-types.js';
import { failureText, passkeyLabel } from '../format.js';
import { ConfirmButton, LoadError, useCeremonyText, withPasskeys } from '../ui.js';

/** My passkeys: add another one on this device, remove one. */
export function PasskeysSection({ announce }: { announce: (message: string) => void }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const describe = useCeremonyText();
  const [passkeys, setPasskeys] = useState<PasskeyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.passkeys();
    if (result.ok) setPasskeys(result.value.passkeys);
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);

  const add = async () => {
    setAdding(true);
    setAddError(null);
    const label = passkeyLabel(navigator.userAgent);
    const failure = describe(await withPasskeys((passkey) => passkey.registerPasskey({}, label)));
    setAdding(false);
    if (failure !== null) {
      setAddError(failure);
      return;
    }
    announce(a('passkeyAdded'));
    void load();
  };

  const remove = async (passkey: PasskeyView) => {
    const result = await accountApi.removePasskey(passkey.id);
    if (!result.ok && result.status !== 404) return failureText(result, i18n, text);
    setPasskeys((current) => current?.filter((p) => p.id !== passkey.id) ?? null);
    announce(a('passkeyRemoved', { name: passkey.name }));
    return null;
  };

  return (
    <section class="settings-section" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{a('passkeysTitle')}</h2>
      {error && <LoadError error={error} onRetry={load} />}
      {passkeys && passkeys.length === 0 && <p>{a('passkeysNone')}</p>}
      {passkeys && passkeys.length > 0 && (
        <ul class="items" aria-labelledby="passkeys-title">
          {passkeys.map((passkey) => (
            <li key={passkey.id}>
              <div class="item-head">
                <div>
                  <p class="item-title">{passkey.name}</p>
                  <p class="item-meta">
                    {a('passkeyCreated', { date: i18n.date(passkey.created_at) })}
                    {passkey.last_used_at &&
                      ` · ${a('passkeyLastUsed', { date: i18n.date(passkey.last_used_at) })}`}
                  </p>
                </div>
                <ConfirmButton
                  label={a('passkeyRemove')}
                  ariaLabel={`${a('passkeyRemove')}: ${passkey.name}`}
                  question={a('passkeyRemoveConfirm', { name: passkey.name })}
                  yes={a('passkeyRemoveYes')}
                  onConfirm={() => remove(passkey)}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" class="button-secondary" disabled={adding} onClick={add}>
          {a('passkeyAdd')}
        </button>
      </div>
      <p role="status">{adding ? a('passkeyAdding') : ''}</p>
      {addError && (
        <p class="notice notice-error" role="alert">
          {addError}
        </p>
      )}
    </section>
  );
}
