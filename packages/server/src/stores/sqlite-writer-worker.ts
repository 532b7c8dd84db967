import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { BatchResult } from './group-commit.js';
import { openSqlite } from './sqlite-connection.js';
import { type EncodedError, encodeError } from './sqlite-errors.js';
import { SqliteWriter, type WriteOp } from './sqlite-writer.js';

// The writer thread of one `SqliteStore` (started by `sqlite-write-link.ts`). It opens its own connection to
// the store's file (already migrated by the store) and commits the batches it is sent: the fsync of the
// COMMIT happens here, never on the event loop of the server. Before each commit it takes every batch that
// is already waiting (`receiveMessageOnPort`), so the batches sent while it was committing share the next
// transaction and fsync; the answer, one `commit` message, says how many operations each batch had.

/** What the store passes in `workerData`. */
export interface WriterData {
  path: string;
  busyTimeoutMs: number;
  sweepBatch: number;
}

/** Messages to the writer thread, and its answers (one per message, in order). */
export type ToWriter = { type: 'batch'; ops: WriteOp[] } | { type: 'close' };
export type FromWriter = { type: 'commit'; sizes: number[]; result: BatchResult } | { type: 'closed' };

if (!parentPort) throw new Error('sqlite-writer-worker runs as a worker thread only');
const port: MessagePort = parentPort;
const data = workerData as WriterData;

let writer: SqliteWriter | null = null;
let db: ReturnType<typeof openSqlite> | null = null;
let broken: EncodedError | null = null;
try {
  db = openSqlite(data.path, data.busyTimeoutMs);
  writer = new SqliteWriter(db, data.sweepBatch);
} catch (error) {
  // Every batch is then answered with this error: the store reports itself unavailable, as it would on
  // the main thread.
  broken = encodeError(error);
  db?.close();
}

port.on('message', (first: ToWriter) => {
  let batches: WriteOp[][] = [];
  for (let message: ToWriter | undefined = first; message; message = receiveMessageOnPort(port)?.message) {
    if (message.type === 'batch') {
      batches.push(message.ops);
      continue;
    }
    commit(batches);
    batches = [];
    close();
    return;
  }
  commit(batches);
});

function commit(batches: WriteOp[][]): void {
  if (batches.length === 0) return;
  const result: BatchResult = writer
    ? writer.commit(batches.flat())
    : { committed: false, error: broken ?? { kind: 'unavailable', message: 'the SQLite store is closed' } };
  port.postMessage({ type: 'commit', sizes: batches.map((ops) => ops.length), result } satisfies FromWriter);
}

function close(): void {
  writer = null;
  if (db?.open) db.close();
  port.postMessage({ type: 'closed' } satisfies FromWriter);
  port.close();
}
