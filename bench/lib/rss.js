// Resident memory of a child process from /proc (Linux): current, peak since start or since the last reset.
import { readFileSync, writeFileSync } from 'node:fs';

function statusKiB(pid, field) {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}

/** Current resident set size, MiB. */
export const rssMiB = (pid) => statusKiB(pid, 'VmRSS') / 1024;

/** Peak resident set size (VmHWM), MiB: since the process started or since `resetPeak`. */
export const peakRssMiB = (pid) => statusKiB(pid, 'VmHWM') / 1024;

/**
 * Resets VmHWM to the current RSS (`5` → /proc/PID/clear_refs), so the next peak belongs to the next phase.
 * Returns false where the kernel does not allow it: peaks are then since the process started.
 */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
