import type { TransferFigures } from '../files/transfer-meter.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  id: string;
  /** What is moving, e.g. "Encrypting and uploading report.pdf (1 of 2)". */
  label: string;
  figures: TransferFigures;
}

/**
 * A native `<progress>` (no inline style needed under the CSP) with the percentage, bytes, speed and time left
 * as text. That text changes several times a second, so it is not a live region; a hidden polite one says what
 * is moving and the percentage in steps of 10%, which a screen reader can keep up with.
 */
export function ProgressView({ id, label, figures }: Props) {
  const { t, bytes, speed, percent, duration } = useI18n();
  const known = figures.bytesPerSecond !== null && figures.secondsLeft !== null;
  const vars = {
    percent: percent(figures.fraction),
    done: bytes(figures.done),
    total: bytes(figures.total),
  };
  return (
    <div class="progress">
      <label for={id}>{label}</label>
      <progress id={id} max={1} value={figures.fraction} />
      <p class="visually-hidden" aria-live="polite" data-testid={`${id}-status`}>
        {label} {percent(Math.floor(figures.fraction * 10) / 10)}
      </p>
      <p class="hint" data-testid={`${id}-figures`}>
        {known
          ? t('progressFigures', {
              ...vars,
              speed: speed(figures.bytesPerSecond!),
              left: duration(Math.ceil(figures.secondsLeft!) * 1000),
            })
          : t('progressStarting', vars)}
      </p>
    </div>
  );
}
