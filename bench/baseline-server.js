// The baseline of every HTTP figure: a bare node:http server that reads the request body and answers a
// constant JSON document. Started as a child process, like the burnlink server it is compared with.
import { createServer } from 'node:http';

const body = JSON.stringify({ id: 'AAAAAAAAAAAAAAAAAAAAAA', receipt: 'AAAAAAAAAAAAAAAAAAAAAA', ok: true });
const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`baseline listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
