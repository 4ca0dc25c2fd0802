// Fake upstream for the service benchmarks: node:http, keep-alive, answers every request with the
// same small JSON document (after reading the request body). Prints one JSON "listening" line.
import { createServer } from 'node:http';

const BODY = Buffer.from(
  JSON.stringify({
    customers: [{ lago_id: '1a901a90-1a90-1a90-1a90-1a901a901a90', external_id: 'cust-1', name: 'Acme', currency: 'EUR' }],
    meta: { current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: 1 },
  }),
);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', adapter: 'upstream', url: `http://127.0.0.1:${port}`, bytes: BODY.length })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
