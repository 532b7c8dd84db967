import { type ChildProcess, spawn } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { access, constants } from 'node:fs/promises';
import { freePort, waitUntil } from './backend-processes.js';

/** Debian's `dnsmasq-base` (scripts/ensure-services.sh installs it in CI). */
export const DNSMASQ = '/usr/sbin/dnsmasq';

/**
 * TXT records by owner name: a list of records, each a string or several character strings (chunks) that
 * resolvers hand back separately.
 */
export type TxtRecords = Record<string, (string | string[])[]>;

/**
 * A real DNS server on a spare loopback port, answering TXT queries from `records` and NXDOMAIN for every
 * other name (`--local=/#/`: it forwards nothing). `address` is what BURNLINK_DNS_SERVERS takes.
 */
export interface Dnsmasq {
  address: string;
  port: number;
  /** Restarts it with these records instead, on the same port; resolves once it answers again. */
  setRecords(records: TxtRecords): Promise<void>;
  stop(): Promise<void>;
}

/** Whether dnsmasq is installed: a loud skip on a laptop, a failure when `CI=true`. */
export async function dnsmasqAvailable(): Promise<boolean> {
  try {
    await access(DNSMASQ, constants.X_OK);
    return true;
  } catch {
    if (process.env.CI === 'true')
      throw new Error(`${DNSMASQ} is required when CI=true (apt-get install dnsmasq-base)`);
    console.warn(
      `\n${'!'.repeat(100)}\n!!! ${DNSMASQ} is missing: the DNS verification tests are SKIPPED here (they fail when CI=true)\n${'!'.repeat(100)}\n`,
    );
    return false;
  }
}

/** `--txt-record=NAME,CHUNK,…` arguments (dnsmasq splits the value at commas, so a chunk never has one). */
function txtArgs(records: TxtRecords): string[] {
  const args: string[] = [];
  for (const [name, list] of Object.entries(records)) {
    for (const record of list) {
      const chunks = typeof record === 'string' ? [record] : record;
      if (chunks.some((c) => c.includes(',') || c.includes('"')))
        throw new Error(`unsupported TXT chunk in ${name}`);
      args.push(`--txt-record=${name},${chunks.join(',')}`);
    }
  }
  return args;
}

/** Starts dnsmasq in the foreground with `records`; call `stop()` when done. */
export async function startDnsmasq(records: TxtRecords = {}): Promise<Dnsmasq> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async (current: TxtRecords) => {
    output = '';
    const running = spawn(
      DNSMASQ,
      [
        '--keep-in-foreground',
        '--conf-file=/dev/null',
        '--no-resolv',
        '--no-hosts',
        '--no-poll',
        `--port=${port}`,
        '--listen-address=127.0.0.1',
        '--bind-interfaces',
        '--pid-file=',
        // As root it would switch to the `nobody` user; there is nothing to protect in a test.
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
        // Authoritative for every name: what it has not got is NXDOMAIN, never a refusal.
        '--local=/#/',
        '--cache-size=0',
        '--log-facility=-',
        ...txtArgs(current),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = running;
    running.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    running.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const resolver = new Resolver({ timeout: 300, tries: 1 });
    resolver.setServers([address]);
    await waitUntil(async () => {
      if (running.exitCode !== null) throw new Error(`dnsmasq exited (${running.exitCode}): ${output}`);
      try {
        await resolver.resolveTxt('_probe.burnlink.invalid');
      } catch (error) {
        // NXDOMAIN: it answers.
        if ((error as { code?: string }).code !== 'ENOTFOUND') throw error;
      }
    }, 10_000);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };

  await start(records);
  return {
    address,
    port,
    setRecords: async (next) => {
      await stop();
      await start(next);
    },
    stop,
  };
}
