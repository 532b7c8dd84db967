#!/usr/bin/env node
// Rotate a PostgreSQL role's password once burnlink has delivered it: see README.md.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { handOver } from './lib/hand-over.js';
import { createRotationService } from './lib/service.js';
import { Tracked } from './lib/tracked.js';

const USAGE = `Usage:
  rotate-on-view serve                 receive burnlink webhooks and rotate after delivery
  rotate-on-view hand-over ROLE [--ttl SECONDS]
                                       set a fresh password on ROLE and print a one-time burnlink link to it

Environment:
  DATABASE_URL             PostgreSQL, as a role allowed to ALTER ROLE (required)
  STATE_DIR                where tracked secrets are kept (default ./state)
  BURNLINK_WEBHOOK_SECRET  serve: the endpoint's signing secret (whsec_…) (required)
  HOST, PORT               serve: where to listen (default 127.0.0.1:8787)
  ROTATE_GRACE_SECONDS     serve: wait this long after the view before rotating (default 0)
  BURNLINK_URL             hand-over: the burnlink server (required)
  BURNLINK_API_KEY         hand-over: an API key with secrets:create (required)
`;

const log = (line) => process.stderr.write(`rotate-on-view: ${line}\n`);

function required(name) {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`rotate-on-view: ${name} is not set\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

function wholeNumber(name, text, fallback) {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text)) {
    process.stderr.write(`rotate-on-view: ${name} must be a whole number of seconds; got "${text}"\n`);
    process.exit(2);
  }
  return Number(text);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { ttl: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
const [command, role] = positionals;
if (values.help || !['serve', 'hand-over'].includes(command) || (command === 'hand-over' && !role)) {
  process.stderr.write(USAGE);
  process.exit(values.help ? 0 : 2);
}

const db = new pg.Pool({ connectionString: required('DATABASE_URL'), max: 2 });
const tracked = new Tracked(process.env.STATE_DIR || 'state');

if (command === 'hand-over') {
  const burnlinkUrl = required('BURNLINK_URL');
  const apiKey = required('BURNLINK_API_KEY');
  const ttlSeconds = wholeNumber('--ttl', values.ttl, undefined);
  try {
    const handed = await handOver({ db, tracked, burnlinkUrl, apiKey, role, ttlSeconds });
    process.stdout.write(`${handed.link}\n`);
    log(`role ${JSON.stringify(role)} has a new password, in secret ${handed.id} until ${handed.expiresAt}`);
  } catch (error) {
    log(error.message);
    process.exitCode = 1;
  } finally {
    await db.end();
  }
} else {
  const server = createRotationService({
    webhookSecret: required('BURNLINK_WEBHOOK_SECRET'),
    db,
    tracked,
    graceSeconds: wholeNumber('ROTATE_GRACE_SECONDS', process.env.ROTATE_GRACE_SECONDS, 0),
    log,
  });
  const port = wholeNumber('PORT', process.env.PORT, 8787);
  server.listen(port, process.env.HOST || '127.0.0.1', () => {
    const address = server.address();
    log(`listening on http://${address.address}:${address.port}/webhook`);
  });
  const stop = () => server.close(() => void db.end());
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
