/**
 * The subscribers phase's receiving end, in a process of its own: an HTTP server on 127.0.0.1 that answers
 * every webhook delivery 200 at once and counts them. Prints `{"port":n}` when listening; `GET /count`
 * answers what arrived so far and when the last one did.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let incident = 0;
let component = 0;
let lastAt = 0;
const paths = new Set<string>();

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ incident, component, subscribers: paths.size, lastAt }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (body.startsWith('{"meta"') && body.includes('"incident":{')) {
      incident += 1;
      paths.add(req.url ?? '');
    } else if (body.includes('"component_update":')) component += 1;
    lastAt = Date.now();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 1_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
