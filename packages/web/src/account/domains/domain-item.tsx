import { useState } from 'preact/hooks';
import { CopyButton } from '../../components/copy-button.js';
import { useI18n } from '../../i18n/i18n.js';
import { accountApi } from '../account-api.js';
import { useAccountText } from '../account-i18n.js';
import type { DomainInfo } from '../account-types.js';
import { ConfirmButton } from '../ui.js';
import {
  CHECK_RESULT_LABELS,
  DOMAIN_STATE_LABELS,
  domainFailureText,
  domainStateText,
  lastCheckText,
} from './domain-format.js';
import { useDomainText } from './domain-text.js';

/**
 * One domain: its state and last check in words, the TXT record to publish (name and value, each with a copy
 * button), "Verify now" (what it found is shown and announced) and "Remove" with an inline confirmation.
 */
export function DomainItem({
  domain,
  announce,
  onChanged,
  onRemoved,
  onReload,
}: {
  domain: DomainInfo;
  announce: (message: string) => void;
  onChanged: (domain: DomainInfo) => void;
  onRemoved: () => void;
  onReload: () => void;
}) {
  const i18n = useI18n();
  const text = useAccountText();
  const domainWords = useDomainText();
  const { d } = domainWords;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = domain.id;

  const verify = async () => {
    setBusy(true);
    setError(null);
    const reply = await accountApi.verifyDomain(domain.id);
    setBusy(false);
    if (!reply.ok) {
      if (reply.status === 401) location.replace('/sign-in');
      setError(domainFailureText(reply, i18n, text, domainWords));
      if (reply.code === 'domain_not_found') onReload();
      return;
    }
    onChanged(reply.value);
    const check = reply.value.last_check;
    if (check) announce(`${domain.name}: ${d(CHECK_RESULT_LABELS[check.result] ?? 'checkDnsError')}`);
  };

  const remove = async () => {
    const reply = await accountApi.removeDomain(domain.id);
    if (!reply.ok && reply.status !== 404) return domainFailureText(reply, i18n, text, domainWords);
    onRemoved();
    announce(d('removed', { name: domain.name }));
    return null;
  };

  return (
    <li class="domain">
      <div class="item-head">
        <h3 class="item-title mono" dir="ltr">
          {domain.name}
        </h3>
        <span class="state" data-state={domain.state}>
          {d(DOMAIN_STATE_LABELS[domain.state] ?? 'statePending')}
        </span>
      </div>
      <p class="item-meta">{domainStateText(domain, domainWords, i18n)}</p>
      <p class="item-meta" data-check={domain.last_check?.result ?? 'none'}>
        {lastCheckText(domain, domainWords, i18n)}
      </p>
      <fieldset class="txt-record">
        <legend>{d('txtRecord')}</legend>
        <RecordField
          id={`txt-name-${key}`}
          label={d('txtName')}
          copyLabel={d('copyTxtName')}
          value={domain.txt_record.name}
          announce={announce}
        />
        <RecordField
          id={`txt-value-${key}`}
          label={d('txtValue')}
          copyLabel={d('copyTxtValue')}
          value={domain.txt_record.value}
          announce={announce}
        />
      </fieldset>
      <div class="actions">
        <button
          type="button"
          class="button-secondary"
          disabled={busy}
          aria-label={`${d('verifyNow')}: ${domain.name}`}
          onClick={verify}
        >
          {busy ? d('verifying') : d('verifyNow')}
        </button>
        <ConfirmButton
          label={d('remove')}
          ariaLabel={`${d('remove')}: ${domain.name}`}
          question={d('removeConfirm', { name: domain.name })}
          yes={d('removeYes')}
          onConfirm={remove}
        />
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** A part of the DNS record, read-only, with a copy button (the copy is announced by the page). */
function RecordField({
  id,
  label,
  copyLabel,
  value,
  announce,
}: {
  id: string;
  label: string;
  copyLabel: string;
  value: string;
  announce: (message: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="with-button">
        <input
          id={id}
          type="text"
          dir="ltr"
          class="mono"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={() => value} label={copyLabel} onCopied={() => announce(t('copied'))} />
      </div>
    </div>
  );
}
