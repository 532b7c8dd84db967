#!/usr/bin/env node
/**
 * The server's entry point (what `npm start` runs): the only place that reads `process.env`.
 * Exit codes: 0 after a graceful shutdown, 2 on a configuration error, 1 when the server cannot start.
 */
import { ConfigError } from './config.js';
import { runServer } from './run-server.js';

try {
  await runServer(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`burnlink: configuration error: ${error.message}\n`);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`burnlink: cannot start: ${message}\n`);
  process.exit(1);
}
