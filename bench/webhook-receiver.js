// The webhook endpoint of bench/audit.js: a bare node:http server that reads each delivery and answers 204,
// counting them; `GET /count` answers how many deliveries (POSTs) it has had. Started as a child process, so
// that the load tool and the receiver do not share an event loop.
import { createServer } from 'node:http';

let deliveries = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ deliveries }));
    return;
  }
  req.on('data', () => {});
  req.on('end', () => {
    if (req.method === 'POST') deliveries += 1;
    res.writeHead(204);
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`webhook receiver listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
