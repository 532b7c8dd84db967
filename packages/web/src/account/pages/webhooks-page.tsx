import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText, withAccountText } from '../account-i18n.js';
import type { CreateWebhookReply, DeliveryInfo, Me, WebhookInfo } from '../account-types.js';
import { failureText, personName, ROLE_LABELS } from '../format.js';
import type { AccountKey } from '../messages/en.js';
import { AccountBar, ConfirmButton, LoadError, PageTitle, ShownOnce, useAnnouncer, useMe } from '../ui.js';
import { deliveryResultText, requestedEvents, WEBHOOK_EVENT_CHOICES } from '../webhook-format.js';

const STATE_LABELS: Record<WebhookInfo['state'], AccountKey> = {
  active: 'webhookActive',
  failing: 'webhookFailing',
  disabled: 'webhookDisabled',
};

/** `/webhooks`: the organisation's signed webhook endpoints and their delivery logs (`webhooks:manage`). */
function WebhooksView() {
  const { a } = useAccountText();
  const { me, error, reload } = useMe();
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{a('webhooksTitle')}</PageTitle>
      {me && <AccountBar me={me} current="webhooks" />}
      <p class="lead">{a('webhooksIntro')}</p>
      {error && <LoadError error={error} onRetry={reload} />}
      {me && (me.scopes.includes('webhooks:manage') ? <Webhooks /> : <WebhooksRoleNeeded me={me} />)}
    </section>
  );
}

function WebhooksRoleNeeded({ me }: { me: Me }) {
  const { a } = useAccountText();
  return (
    <p class="notice notice-error" role="alert">
      {a('webhooksRoleNeeded', { role: a(ROLE_LABELS[me.role] ?? 'roleMember') })}
    </p>
  );
}

function Webhooks() {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [announcer, announce] = useAnnouncer();
  const [hooks, setHooks] = useState<WebhookInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const [created, setCreated] = useState<CreateWebhookReply | null>(null);

  const load = async () => {
    setError(null);
    const result = await accountApi.webhooks();
    if (result.ok) setHooks(result.value.webhooks);
    else if (result.status === 401) location.replace('/sign-in');
    else if (result.status === 403) setForbidden(true);
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, []);

  if (forbidden) return <p class="notice notice-error">{a('errForbidden')}</p>;

  const replace = (hook: WebhookInfo) =>
    setHooks((current) => current?.map((h) => (h.id === hook.id ? hook : h)) ?? null);

  return (
    <>
      {announcer}
      <section class="settings-section" aria-labelledby="webhooks-list-title">
        <h2 id="webhooks-list-title">{a('webhooksList')}</h2>
        {error && <LoadError error={error} onRetry={load} />}
        {!hooks && !error && <p role="status">{i18n.t('loading')}</p>}
        {hooks && hooks.length === 0 && <p>{a('webhooksNone')}</p>}
        {hooks && hooks.length > 0 && (
          <ul class="items" aria-labelledby="webhooks-list-title">
            {hooks.map((hook) => (
              <WebhookItem
                key={hook.id}
                hook={hook}
                announce={announce}
                onChanged={replace}
                onRemoved={() => setHooks((current) => current?.filter((h) => h.id !== hook.id) ?? null)}
                onReload={load}
              />
            ))}
          </ul>
        )}
      </section>
      {created ? (
        <NewWebhook
          created={created}
          announce={announce}
          onDone={() => {
            setCreated(null);
            void load();
          }}
        />
      ) : (
        <WebhookForm
          onCreated={(hook) => {
            setCreated(hook);
            void load();
          }}
        />
      )}
    </>
  );
}

function WebhookItem({
  hook,
  announce,
  onChanged,
  onRemoved,
  onReload,
}: {
  hook: WebhookInfo;
  announce: (message: string) => void;
  onChanged: (hook: WebhookInfo) => void;
  onRemoved: () => void;
  onReload: () => void;
}) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [logOpen, setLogOpen] = useState(false);
  const [logVersion, setLogVersion] = useState(0);
  const [busy, setBusy] = useState<'test' | 'enable' | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const logId = `log-${hook.id}`;

  const sendTest = async () => {
    setBusy('test');
    setResult(null);
    const reply = await accountApi.testWebhook(hook.id);
    setBusy(null);
    if (!reply.ok) {
      if (reply.status === 401) location.replace('/sign-in');
      const words = failureText(reply, i18n, text);
      setResult({ ok: false, text: words });
      if (reply.status === 404) onReload();
      return;
    }
    const words = deliveryResultText(reply.value.delivery, text);
    setResult({ ok: reply.value.delivery.ok, text: words });
    // A failure is an alert already; a success is announced politely.
    if (reply.value.delivery.ok) announce(words);
    setLogOpen(true);
    setLogVersion((v) => v + 1);
  };

  const enable = async () => {
    setBusy('enable');
    setResult(null);
    const reply = await accountApi.enableWebhook(hook.id);
    setBusy(null);
    if (!reply.ok) {
      if (reply.status === 401) location.replace('/sign-in');
      setResult({ ok: false, text: failureText(reply, i18n, text) });
      return;
    }
    onChanged(reply.value);
    announce(a('webhookEnabled', { url: hook.url }));
  };

  const remove = async () => {
    const reply = await accountApi.deleteWebhook(hook.id);
    if (!reply.ok && reply.status !== 404) return failureText(reply, i18n, text);
    onRemoved();
    announce(a('webhookDeleted', { url: hook.url }));
    return null;
  };

  return (
    <li>
      <div class="item-head">
        <p class="item-title mono">{hook.url}</p>
        <span class="state" data-state={hook.state}>
          {a(STATE_LABELS[hook.state] ?? 'webhookActive')}
        </span>
      </div>
      {hook.description && <p class="item-meta">{hook.description}</p>}
      {hook.state === 'failing' && hook.failing && (
        <p class="item-meta">
          {a('webhookFailingSince', {
            date: i18n.date(hook.failing.since),
            attempts: hook.failing.attempts,
            next: i18n.date(hook.failing.next_attempt_at),
          })}
        </p>
      )}
      {hook.state === 'disabled' && (
        <p class="item-meta">
          {a('webhookDisabledSince', {
            date: hook.disabled_at ? i18n.date(hook.disabled_at) : '—',
            reason: hook.disabled_reason ?? '—',
          })}
        </p>
      )}
      <p class="item-meta">
        {a('webhookEvents')}: <span class="mono">{hook.events.join(', ')}</span>
      </p>
      <p class="item-meta">
        {hook.created_by
          ? a('webhookAddedBy', { date: i18n.date(hook.created_at), name: personName(hook.created_by) })
          : a('webhookAdded', { date: i18n.date(hook.created_at) })}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button-secondary"
          disabled={busy !== null}
          aria-label={`${a('webhookTest')}: ${hook.url}`}
          onClick={sendTest}
        >
          {busy === 'test' ? a('webhookTesting') : a('webhookTest')}
        </button>
        {hook.state === 'disabled' && (
          <button
            type="button"
            class="button-secondary"
            disabled={busy !== null}
            aria-label={`${a('webhookEnable')}: ${hook.url}`}
            onClick={enable}
          >
            {busy === 'enable' ? a('webhookEnabling') : a('webhookEnable')}
          </button>
        )}
        <button
          type="button"
          class="button-secondary"
          aria-expanded={logOpen}
          aria-controls={logId}
          aria-label={`${a('webhookLog')}: ${hook.url}`}
          onClick={() => setLogOpen(!logOpen)}
        >
          {a('webhookLog')}
        </button>
        <ConfirmButton
          label={a('webhookDelete')}
          ariaLabel={`${a('webhookDelete')}: ${hook.url}`}
          question={a('webhookDeleteConfirm', { url: hook.url })}
          yes={a('webhookDeleteYes')}
          onConfirm={remove}
        />
      </div>
      {result && (
        <p
          class={result.ok ? 'notice notice-ok' : 'notice notice-error'}
          role={result.ok ? undefined : 'alert'}
        >
          {result.text}
        </p>
      )}
      <div id={logId} hidden={!logOpen}>
        {logOpen && <DeliveryLog hook={hook} version={logVersion} />}
      </div>
    </li>
  );
}

/** An endpoint's latest deliveries, newest first, with a refresh. */
function DeliveryLog({ hook, version }: { hook: WebhookInfo; version: number }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [rows, setRows] = useState<DeliveryInfo[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const time = new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const ms = new Intl.NumberFormat(i18n.locale, { style: 'unit', unit: 'millisecond' });
  const captionId = `log-caption-${hook.id}`;

  const load = async () => {
    const ticket = ++request.current;
    setLoading(true);
    setError(null);
    const result = await accountApi.deliveries(hook.id);
    if (ticket !== request.current) return;
    setLoading(false);
    if (result.ok) setRows(result.value.deliveries);
    else if (result.status === 401) location.replace('/sign-in');
    else setError(failureText(result, i18n, text));
  };
  useEffect(() => {
    void load();
  }, [version]);

  return (
    <div class="delivery-log">
      <div class="item-head">
        <h3 id={captionId}>{a('deliveryLogTitle', { url: hook.url })}</h3>
        <button
          type="button"
          class="button-secondary"
          disabled={loading}
          aria-label={`${a('deliveryRefresh')}: ${hook.url}`}
          onClick={() => void load()}
        >
          {loading ? i18n.t('loading') : a('deliveryRefresh')}
        </button>
      </div>
      {error && <LoadError error={error} onRetry={() => void load()} />}
      <p role="status" class="hint">
        {loading ? i18n.t('loading') : rows && rows.length === 0 ? a('deliveriesNone') : ''}
      </p>
      {rows && rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable)
        <section class="table-scroll" aria-labelledby={captionId} tabIndex={0}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{a('deliveryColTime')}</th>
                <th scope="col">{a('deliveryColType')}</th>
                <th scope="col">{a('deliveryColAttempt')}</th>
                <th scope="col">{a('deliveryColStatus')}</th>
                <th scope="col">{a('deliveryColResult')}</th>
                <th scope="col">{a('deliveryColDuration')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td class="nowrap">
                    <time dateTime={row.at}>{time.format(new Date(row.at))}</time>
                  </td>
                  <td class="mono">{row.type}</td>
                  <td>{row.attempt}</td>
                  <td>{row.status ?? '—'}</td>
                  <td class="wrap">
                    <span class="outcome" data-outcome={row.ok ? 'ok' : 'failed'}>
                      {row.ok ? a('deliveryOk') : a('deliveryFailed')}
                    </span>
                    {row.error ? ` · ${row.error}` : ''}
                  </td>
                  <td class="nowrap">{ms.format(row.duration_ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

function WebhookForm({ onCreated }: { onCreated: (hook: CreateWebhookReply) => void }) {
  const i18n = useI18n();
  const text = useAccountText();
  const { a } = text;
  const [url, setUrl] = useState('');
  const [ticked, setTicked] = useState<string[]>(['secret.*']);
  const [other, setOther] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const urlRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const target = url.trim();
    if (!/^https?:\/\/\S+$/i.test(target)) {
      setError(a('webhookUrlMissing'));
      urlRef.current?.focus();
      return;
    }
    const events = requestedEvents(ticked, other);
    if (events.length === 0) {
      setError(a('webhookEventsMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await accountApi.createWebhook({
      url: target,
      events,
      description: description.trim(),
    });
    setBusy(false);
    if (!result.ok) {
      if (result.status === 401) location.replace('/sign-in');
      setError(failureText(result, i18n, text));
      return;
    }
    setUrl('');
    setOther('');
    setDescription('');
    onCreated(result.value);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={busy} aria-labelledby="webhook-form-title">
      <h2 id="webhook-form-title">{a('webhookAdd')}</h2>
      <div class="field">
        <label for="webhook-url">{a('webhookUrl')}</label>
        <input
          id="webhook-url"
          ref={urlRef}
          type="url"
          inputMode="url"
          maxLength={2048}
          autoComplete="off"
          spellcheck={false}
          aria-describedby="webhook-url-hint"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <p id="webhook-url-hint" class="hint">
          {a('webhookUrlHint')}
        </p>
      </div>
      <fieldset>
        <legend>{a('webhookEvents')}</legend>
        {WEBHOOK_EVENT_CHOICES.map((choice) => (
          <label class="check" key={choice.events}>
            <input
              type="checkbox"
              checked={ticked.includes(choice.events)}
              onChange={(e) =>
                setTicked(
                  e.currentTarget.checked
                    ? [...ticked, choice.events]
                    : ticked.filter((t) => t !== choice.events),
                )
              }
            />
            {a(choice.label)} <span class="mono hint">{choice.events}</span>
          </label>
        ))}
        <div class="field">
          <label for="webhook-other">{a('webhookOtherEvents')}</label>
          <input
            id="webhook-other"
            type="text"
            class="mono"
            autoComplete="off"
            spellcheck={false}
            aria-describedby="webhook-other-hint"
            value={other}
            onInput={(e) => setOther(e.currentTarget.value)}
          />
          <p id="webhook-other-hint" class="hint">
            {a('webhookOtherEventsHint')}
          </p>
        </div>
      </fieldset>
      <div class="field">
        <label for="webhook-description">{a('webhookDescription')}</label>
        <input
          id="webhook-description"
          type="text"
          maxLength={200}
          autoComplete="off"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? a('webhookAdding') : a('webhookAdd')}
        </button>
      </div>
    </form>
  );
}

/** The new endpoint's signing secret, shown once (it signs every delivery; the list never shows it). */
function NewWebhook({
  created,
  announce,
  onDone,
}: {
  created: CreateWebhookReply;
  announce: (message: string) => void;
  onDone: () => void;
}) {
  const { a } = useAccountText();
  return (
    <ShownOnce
      id="new-webhook-secret"
      heading="h2"
      title={a('webhookCreated', { url: created.url })}
      once={a('webhookSecretOnce')}
      label={a('webhookSecret')}
      mono
      value={created.secret}
      copyLabel={a('webhookSecretCopy')}
      announce={announce}
      onDone={onDone}
    />
  );
}

export const WebhooksPage = withAccountText(WebhooksView);
