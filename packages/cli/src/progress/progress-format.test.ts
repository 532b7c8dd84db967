import { describe, expect, it } from 'vitest';
import type { Output } from '../cli-context.js';
import { ProgressBar } from './progress-bar.js';
import { formatBytes, formatDuration, formatProgress } from './progress-format.js';

const MiB = 1024 * 1024;

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [12.34 * MiB, '12.3 MiB'],
    [200 * MiB, '200 MiB'],
    [1024 * MiB, '1.0 GiB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [59_400, '0:59'],
    [75_000, '1:15'],
    [3_600_000 + 62_000, '1:01:02'],
    [Number.POSITIVE_INFINITY, '--:--'],
    [-1, '--:--'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatProgress', () => {
  it('shows the bar, percent, bytes, speed and time left', () => {
    const line = formatProgress({
      verb: 'sending',
      file: 1,
      files: 2,
      done: 50 * MiB,
      total: 200 * MiB,
      elapsedMs: 2000,
    });
    expect(line).toBe('sending 1/2 [#####---------------]  25%  50.0 MiB / 200 MiB  25.0 MiB/s  0:06 left');
  });

  it('says how long it took once done, and leaves out the file count for one file', () => {
    const line = formatProgress({
      verb: 'receiving',
      file: 1,
      files: 1,
      done: 10,
      total: 10,
      elapsedMs: 3000,
    });
    expect(line).toBe('receiving [####################] 100%  10 B / 10 B  3 B/s  in 0:03');
  });

  it('has no speed or time left before the first byte', () => {
    const line = formatProgress({ verb: 'sending', file: 1, files: 1, done: 0, total: MiB, elapsedMs: 0 });
    expect(line).toBe('sending [--------------------]   0%  0 B / 1.0 MiB  -- /s  --:-- left');
  });
});

describe('ProgressBar', () => {
  const output = (isTTY: boolean) => {
    let text = '';
    const out: Output = {
      isTTY,
      write: (t) => {
        text += t;
      },
    };
    return { out, text: () => text };
  };

  it('draws in place on a terminal, at most every 100 ms, and ends the line', () => {
    let now = 0;
    const { out, text } = output(true);
    const bar = new ProgressBar(out, 'sending', 1, 100, () => now);
    bar.update(1, 10);
    now = 50;
    bar.update(1, 20); // too soon: not drawn
    now = 150;
    bar.update(1, 30);
    bar.finish();
    const lines = text().split('\r').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(' 10%');
    expect(lines[1]).toContain(' 30%');
    expect(text().endsWith('\u001b[K\n')).toBe(true);
  });

  it('writes nothing at all when stderr is not a terminal', () => {
    const { out, text } = output(false);
    const bar = new ProgressBar(out, 'sending', 1, 100, () => 0);
    bar.update(1, 50);
    bar.update(1, 100);
    bar.clear();
    bar.finish();
    expect(text()).toBe('');
  });
});
