// The baseline of every file figure: a bare node:http server that streams a PUT or PATCH body to a file on
// disk and a GET back from it, no checks. Started as a child process, like the burnlink server it is compared
// with; BENCH_FILE_DIR is where it writes (one file per path name).
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = process.env.BENCH_FILE_DIR;
if (!dir) throw new Error('BENCH_FILE_DIR is not set');
// 1 MiB reads and writes: the fastest chunk size measured for this server (64 KiB, the default, was slower),
// so that the ratios to it are not flattered by a weak baseline.
const CHUNK = { highWaterMark: 1 << 20 };

const server = createServer((req, res) => {
  const file = join(dir, basename(req.url) || 'file');
  const fail = (error) => {
    if (!res.headersSent) res.writeHead(error.code === 'ENOENT' ? 404 : 500).end();
    else res.destroy();
  };
  if (req.method === 'PUT' || req.method === 'PATCH') {
    pipeline(req, createWriteStream(file, CHUNK)).then(() => res.writeHead(204).end(), fail);
  } else if (req.method === 'GET') {
    let size;
    try {
      size = statSync(file).size;
    } catch (error) {
      return fail(error);
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    pipeline(createReadStream(file, CHUNK), res).catch(fail);
  } else {
    res.writeHead(405).end();
  }
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`file baseline listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
