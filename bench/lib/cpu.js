// CPU time of child processes from /proc (Linux): what a server spent per request, a figure that other jobs on
// a shared machine disturb far less than requests per second (they take cores away, not work per request).
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ: 100 on every Linux build). */
const TICKS_PER_SECOND = 100;

/** User plus system CPU seconds the process has used, or null where /proc cannot be read. */
export function cpuSeconds(pid) {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The summed CPU seconds of `pids`, or null when any is unreadable. */
export function totalCpuSeconds(pids) {
  let sum = 0;
  for (const pid of pids) {
    const seconds = cpuSeconds(pid);
    if (seconds === null) return null;
    sum += seconds;
  }
  return sum;
}
