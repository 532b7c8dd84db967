// The files table: MB/s both ways as ratios to the node:http baseline of the same size, the server's peak
// RSS per row, and the issue #5 targets marked PASS or MISS (figures only: nothing here fails a build).
import { fmt } from './load.js';

export const TARGETS = { rawRatio: 0.5, peakMiB: 150 };
const mark = (ok) => (ok ? ' PASS' : ' MISS');

function line(size, r, base) {
  const head = `${size.padEnd(9)}${r.name.padEnd(20)}`;
  if (r.note) return `${head}${r.note}`;
  const raw = r.name === 'burnlink raw';
  const server = r.name !== 'node:http baseline';
  const ratio = (value, baseValue) => {
    if (!baseValue) return ''.padStart(12);
    const x = value / baseValue;
    return `${fmt(x, 2).padStart(7)}${raw ? mark(x >= TARGETS.rawRatio) : '     '}`;
  };
  return (
    `${head}${fmt(r.up, 1).padStart(10)}${ratio(r.up, base?.up)}${fmt(r.down, 1).padStart(12)}` +
    `${ratio(r.down, base?.down)}${fmt(r.peak, 1).padStart(11)}${server ? mark(r.peak <= TARGETS.peakMiB) : ''}`
  );
}

export function printFiles(results, { idle: idleMiB, rounds }) {
  console.log(
    '\nFiles: MB/s = 10^6 bytes/s (raw and baseline: ciphertext bytes; CLI: file bytes, process start-up included;' +
      '\nbrowser: file bytes, from the click to the share page or to the saved file, page loads not included);' +
      `\nbest of ${rounds} round(s), interleaved; ratio: to the node:http baseline of the same bytes in this run;` +
      '\npeak RSS: of the serving process during the row',
  );
  console.log(
    `${'size'.padEnd(9)}${'path'.padEnd(20)}${'up MB/s'.padStart(10)}${'ratio'.padStart(7)}${''.padEnd(5)}` +
      `${'down MB/s'.padStart(12)}${'ratio'.padStart(7)}${''.padEnd(5)}${'peak RSS MiB'.padStart(13)}`,
  );
  const peaks = [];
  for (const { name, rows } of results) {
    const base = rows.find((r) => r.name === 'node:http baseline' && !r.note);
    for (const r of rows) console.log(line(name, r, base));
    const served = rows.filter((r) => r.name !== 'node:http baseline' && !r.note).map((r) => r.peak);
    if (served.length)
      peaks.push(`${name} ${fmt(Math.max(...served), 1)} MiB${mark(Math.max(...served) <= TARGETS.peakMiB)}`);
  }
  const sinceStart = results.some(({ rows }) => rows.some((r) => r.peaksSinceStart));
  console.log(
    `burnlink server RSS: idle ${fmt(idleMiB, 1)} MiB; peak ${peaks.join(', ') || 'n/a'}` +
      `${sinceStart ? ' (peaks since start: /proc/PID/clear_refs not writable)' : ''}`,
  );
  console.log(
    `Targets: raw upload and download ≥ ${fmt(TARGETS.rawRatio, 2)} of the baseline; ` +
      `server peak RSS ≤ ${TARGETS.peakMiB} MiB at any size.`,
  );
}
