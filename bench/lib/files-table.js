// The files table: MB/s both ways as ratios to the node:http baseline of the same size, the server's peak
// RSS per row, and issue #11's targets marked PASS or MISS (lib/targets.js; figures only: nothing here fails
// a build): raw upload and download ratios, the CLI's MB/s at 1 GiB and more, idle and peak RSS.
import { fmt } from './load.js';
import { atLeast, atMost, notMeasured, TARGETS } from './targets.js';

const blank = ''.padStart(5);

function line(result, r, base) {
  const size = result.name;
  const head = `${size.padEnd(9)}${r.name.padEnd(20)}`;
  if (r.note) return `${head}${r.note}`;
  const raw = r.name === 'burnlink raw';
  const cli = r.name === 'burnlink CLI' && result.size >= TARGETS.cliAtBytes;
  const ratio = (what, value, baseValue, limit) => {
    if (!baseValue) return ''.padStart(12);
    const x = value / baseValue;
    return `${fmt(x, 2).padStart(7)}${raw ? atLeast(`raw ${what} ${size} ratio`, x, limit, '×') : blank}`;
  };
  const speed = (what, value) =>
    `${fmt(value, 1).padStart(10)}${cli ? atLeast(`CLI ${what} ${size}`, value, TARGETS.cliMBps, ' MB/s', 0) : blank}`;
  return (
    `${head}${speed('up', r.up)}${ratio('up', r.up, base?.up, TARGETS.rawUpRatio)}${speed('down', r.down)}` +
    `${ratio('down', r.down, base?.down, TARGETS.rawDownRatio)}${fmt(r.peak, 1).padStart(11)}`
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
    `${'size'.padEnd(9)}${'path'.padEnd(20)}${'up MB/s'.padStart(10)}${''.padEnd(5)}${'ratio'.padStart(7)}${''.padEnd(5)}` +
      `${'down MB/s'.padStart(10)}${''.padEnd(5)}${'ratio'.padStart(7)}${''.padEnd(5)}${'peak RSS MiB'.padStart(13)}`,
  );
  const peaks = [];
  for (const result of results) {
    const { name, rows } = result;
    const base = rows.find((r) => r.name === 'node:http baseline' && !r.note);
    for (const r of rows) console.log(line(result, r, base));
    const served = rows.filter((r) => r.name !== 'node:http baseline' && !r.note).map((r) => r.peak);
    if (served.length) {
      const peak = Math.max(...served);
      peaks.push(
        `${name} ${fmt(peak, 1)} MiB${atMost(`server peak RSS, ${name}`, peak, TARGETS.peakRssMiB, ' MiB', 1)}`,
      );
    }
  }
  if (
    !results.some(
      (r) => r.size >= TARGETS.cliAtBytes && r.rows.some((row) => row.name === 'burnlink CLI' && !row.note),
    )
  )
    notMeasured('CLI up and down, 1 GiB', `≥ ${TARGETS.cliMBps} MB/s`, 'no 1 GiB');
  const sinceStart = results.some(({ rows }) => rows.some((r) => r.peaksSinceStart));
  const idle = atMost('server idle RSS', idleMiB, TARGETS.idleRssMiB, ' MiB', 1);
  console.log(
    `burnlink server RSS: idle ${fmt(idleMiB, 1)} MiB${idle}; peak ${peaks.join(', ') || 'n/a'}` +
      `${sinceStart ? ' (peaks since start: /proc/PID/clear_refs not writable)' : ''}`,
  );
  console.log(
    `Targets: raw upload ≥ ${fmt(TARGETS.rawUpRatio, 2)} and download ≥ ${fmt(TARGETS.rawDownRatio, 2)} of the ` +
      `baseline; the CLI ≥ ${TARGETS.cliMBps} MB/s both ways from ${TARGETS.cliAtBytes / 1024 ** 3} GiB; server ` +
      `RSS ≤ ${TARGETS.idleRssMiB} MiB idle and ≤ ${TARGETS.peakRssMiB} MiB at peak.`,
  );
}
