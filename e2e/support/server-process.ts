import { readdir, readFile, readlink } from 'node:fs/promises';

/**
 * The PID of the process listening on 127.0.0.1:`port` (the server Playwright started; it does not say its
 * PID): the listening socket's inode from /proc/net/tcp, then the process holding that socket. Linux only;
 * null elsewhere or when not found.
 */
export async function listeningPid(port: number): Promise<number | null> {
  let table: string;
  try {
    table = await readFile('/proc/net/tcp', 'utf8');
  } catch {
    return null;
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inode = table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A')?.[9];
  if (!inode) return null;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      if (target === `socket:[${inode}]`) return Number(entry);
    }
  }
  return null;
}

/** Resident memory of a process in bytes (VmRSS), or null when it is gone. */
export async function rssBytes(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status?.match(/^VmRSS:\s+(\d+) kB/m)?.[1];
  return kb ? Number(kb) * 1024 : null;
}

/** Samples a process's RSS every `everyMs` until stopped; reports the peak. */
export function sampleRss(pid: number, everyMs = 200) {
  let peak = 0;
  let samples = 0;
  const timer = setInterval(async () => {
    const rss = await rssBytes(pid);
    if (rss !== null) {
      peak = Math.max(peak, rss);
      samples += 1;
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peak, samples };
    },
  };
}
