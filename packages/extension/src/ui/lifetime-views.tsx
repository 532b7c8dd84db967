import { lifetimeText, t } from '../i18n.js';

interface Props {
  /** Prefix of the two fields' ids (a page may hold one pair). */
  idPrefix: string;
  /** Seconds, or '' for the empty choice. */
  ttl: string;
  views: string;
  ttlChoices: number[];
  viewChoices: number[];
  /** When given, a first choice with value '' and this label ("Server default"). */
  emptyLabel?: string;
  onTtl(value: string): void;
  onViews(value: string): void;
}

/** The lifetime and views pickers, side by side, as the popup and the options page show them. */
export function LifetimeAndViews(props: Props) {
  const pick = (
    id: string,
    label: string,
    value: string,
    choices: number[],
    text: (n: number) => string,
    onChange: (v: string) => void,
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {choices.map((n) => (
          <option key={n} value={String(n)}>
            {text(n)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div class="row">
      {pick(
        `${props.idPrefix}ttl`,
        t('lifetimeLabel'),
        props.ttl,
        props.ttlChoices,
        lifetimeText,
        props.onTtl,
      )}
      {pick(`${props.idPrefix}views`, t('viewsLabel'), props.views, props.viewChoices, String, props.onViews)}
    </div>
  );
}
