/**
 * Text of the transfer progress line (the CLI's progress bar), pure functions so they can be tested.
 * Binary units throughout: 1 MiB = 1 048 576 bytes.
 */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * `0 B`, `1023 B`, `1.0 KiB`, `12.3 MiB`, `200 MiB`, `1.0 GiB`: one decimal below 100 of a unit.
 *
 * @example
 * ```ts
 * formatBytes(1536); // '1.5 KiB'
 * ```
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}

/**
 * `m:ss` below an hour, `h:mm:ss` above; `--:--` when unknown (not finite or negative).
 *
 * @example
 * ```ts
 * formatDuration(75_000); // '1:15'
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--:--';
  const total = Math.round(ms / 1000);
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface ProgressState {
  /** `sending` or `receiving`. */
  verb: string;
  /** 1-based index of the current file, and how many there are. */
  file: number;
  files: number;
  /** Bytes done and to do, over all files. */
  done: number;
  total: number;
  /** Since the transfer started. */
  elapsedMs: number;
}

const BAR_WIDTH = 20;

/**
 * One progress line: `sending 1/2 [########------------]  42%  84.0 MiB / 200 MiB  85.3 MiB/s  0:01 left`.
 * Speed is the average since the start; when done, the time left becomes the time taken.
 *
 * @example
 * ```ts
 * formatProgress({ verb: 'sending', file: 1, files: 1, done: 50, total: 100, elapsedMs: 1000 });
 * ```
 */
export function formatProgress(state: ProgressState): string {
  const { done, total, elapsedMs } = state;
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const speed = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const rate = speed > 0 ? `${formatBytes(Math.round(speed))}/s` : '-- /s';
  const time =
    done >= total
      ? `in ${formatDuration(elapsedMs)}`
      : `${speed > 0 ? formatDuration(((total - done) / speed) * 1000) : '--:--'} left`;
  const which = state.files > 1 ? ` ${state.file}/${state.files}` : '';
  return `${state.verb}${which} ${bar} ${percent}  ${formatBytes(done)} / ${formatBytes(total)}  ${rate}  ${time}`;
}
