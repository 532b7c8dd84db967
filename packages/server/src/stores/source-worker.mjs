// Starts a worker thread whose entry is TypeScript source (`workerData.entry`), as when the server runs from
// its sources under Vitest: the built server starts its workers from `dist/*.js` and never loads this file.
// `source-hooks.mjs` compiles each `.ts` module the thread imports.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

register('./source-hooks.mjs', import.meta.url);
await import(workerData.entry);
