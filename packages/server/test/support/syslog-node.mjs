// One burnlink node as far as syslog shipping goes (the built dist/): a SQLite accounts store file, the
// SyslogShipper following its trail to rsyslog over TCP, and records appended steadily (as the recorder would),
// so that a test can kill it with SIGKILL mid-stream and start another node on the same file.
// SYSLOG_NODE_DB: the SQLite file; SYSLOG_NODE_PORT: rsyslog's TCP port; SYSLOG_NODE_NAME: the host name in
// its messages; SYSLOG_NODE_TICKS: how many batches of 10 records to append, one every 10 ms.
import { SqliteAccountsStore } from '../../dist/accounts/sqlite-accounts-store.js';
import { formatSyslog } from '../../dist/audit/syslog/format.js';
import { SyslogShipper } from '../../dist/audit/syslog/shipper.js';
import { syslogTransport } from '../../dist/audit/syslog/transport.js';

const env = process.env;
const name = env.SYSLOG_NODE_NAME ?? 'node';
const accounts = new SqliteAccountsStore(env.SYSLOG_NODE_DB);
const shipper = new SyslogShipper({
  store: accounts.audit,
  transport: syslogTransport({ transport: 'tcp', host: '127.0.0.1', port: Number(env.SYSLOG_NODE_PORT) }),
  format: (record) =>
    formatSyslog(record, 'json', { hostname: name, procId: String(process.pid), version: 't' }),
  log: {
    info: (_fields, message) => console.log(message),
    warn: (_fields, message) => console.log(message),
  },
  holder: `${name}:${process.pid}`,
  pollMs: 100,
  leaseMs: 1500,
  settleMs: 1000,
  backoff: { minMs: 50, maxMs: 500 },
});
shipper.start();
console.log('started');
const ticks = Number(env.SYSLOG_NODE_TICKS ?? 0);
for (let tick = 0; tick < ticks; tick += 1) {
  const drafts = Array.from({ length: 10 }, (_, i) => ({
    at: Date.now(),
    type: 'secret.viewed',
    org: 'public',
    actor: { type: 'anonymous', id: null },
    subject: { type: 'secret', id: `${name}_${tick}_${i}` },
    outcome: 'ok',
    details: { views_left: 0 },
    ip: null,
  }));
  await accounts.audit.appendAudit(drafts);
  shipper.nudge();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log('appended all');
process.on('SIGTERM', async () => {
  await shipper.stop();
  await accounts.close();
  process.exit(0);
});
