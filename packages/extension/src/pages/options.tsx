import { useEffect, useState } from 'preact/hooks';
import { connect } from '../connection.js';
import { type MessageKey, t } from '../i18n.js';
import {
  loadSettings,
  maskKey,
  originPattern,
  parseServerUrl,
  type Settings,
  saveSettings,
} from '../settings.js';
import { LifetimeAndViews } from '../ui/lifetime-views.js';
import { mount } from '../ui/mount.js';

/** Default lifetimes offered here; one the server does not allow falls back to the server's default. */
const TTL_CHOICES = [300, 3600, 86_400, 7 * 86_400];
const VIEW_CHOICES = [1, 2, 3, 5, 10];

type Status = { kind: 'info' | 'error'; key: MessageKey; subs?: string[] } | null;

/** The options page: server address, optional API key, default lifetime and views. */
function Options() {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [server, setServer] = useState('');
  const [key, setKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [ttl, setTtl] = useState('');
  const [views, setViews] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadSettings().then((s) => {
      setSaved(s);
      setServer(s.serverUrl);
      setTtl(s.ttl === null ? '' : String(s.ttl));
      setViews(s.views === null ? '' : String(s.views));
    });
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const serverUrl = parseServerUrl(server);
    if (serverUrl === null) return setStatus({ kind: 'error', key: 'errBadUrl' });
    const newKey = key.trim();
    if (newKey !== '' && !/^[\x21-\x7e]+$/.test(newKey))
      return setStatus({ kind: 'error', key: 'errBadKey' });
    const pattern = originPattern(serverUrl);
    const origin = new URL(serverUrl).origin;
    // First, while the click still counts as a user gesture (Chrome asks only then).
    const granted = await chrome.permissions.request({ origins: [pattern] });
    if (!granted) return setStatus({ kind: 'error', key: 'errPermissionDenied', subs: [origin] });
    setBusy(true);
    const previous = await loadSettings();
    const next: Settings = {
      serverUrl,
      apiKey: removeKey ? '' : newKey !== '' ? newKey : previous.apiKey,
      ttl: ttl === '' ? null : Number(ttl),
      views: views === '' ? null : Number(views),
    };
    await saveSettings(next);
    // Least privilege: the access to a server that was replaced is given back.
    if (previous.serverUrl !== '' && originPattern(previous.serverUrl) !== pattern) {
      await chrome.permissions.remove({ origins: [originPattern(previous.serverUrl)] });
    }
    setSaved(next);
    setKey('');
    setRemoveKey(false);
    setServer(serverUrl);
    const check = await connect();
    setBusy(false);
    setStatus(
      check.ok
        ? { kind: 'info', key: 'saved', subs: [origin] }
        : {
            kind: 'error',
            key: 'savedUnreachable',
            subs: [t(check.problem.key, ...(check.problem.subs ?? []))],
          },
    );
  };

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <form onSubmit={submit} aria-busy={busy}>
        <div class="field">
          <label for="server">{t('serverLabel')}</label>
          <input
            id="server"
            type="url"
            required
            placeholder="https://burn.example.com"
            value={server}
            onInput={(e) => setServer(e.currentTarget.value)}
            aria-describedby="server-hint permission-why"
          />
          <p class="hint" id="server-hint">
            {t('serverHint')}
          </p>
          <p class="hint" id="permission-why">
            {t('permissionWhy')}
          </p>
        </div>
        <div class="field">
          <label for="api-key">{t('apiKeyLabel')}</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            aria-describedby="api-key-hint"
          />
          <p class="hint" id="api-key-hint">
            {t('apiKeyHint')}
            {saved && saved.apiKey !== '' && <> {t('apiKeySaved', maskKey(saved.apiKey))}</>}
          </p>
          {saved && saved.apiKey !== '' && (
            <label class="check">
              <input
                type="checkbox"
                checked={removeKey}
                onChange={(e) => setRemoveKey(e.currentTarget.checked)}
              />{' '}
              {t('removeKey')}
            </label>
          )}
        </div>
        <fieldset>
          <legend>{t('defaultsLegend')}</legend>
          <LifetimeAndViews
            idPrefix="default-"
            ttl={ttl}
            views={views}
            ttlChoices={TTL_CHOICES}
            viewChoices={VIEW_CHOICES}
            emptyLabel={t('serverDefault')}
            onTtl={setTtl}
            onViews={setViews}
          />
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <p class={status?.kind === 'error' ? 'status error' : 'status'} role="status">
          {status ? t(status.key, ...(status.subs ?? [])) : ''}
        </p>
      </form>
    </main>
  );
}

mount(Options, 'optionsTitle');
