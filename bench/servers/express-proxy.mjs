// What Express 5 alone costs a proxy (issue 18's REST floor): Express 5, one route, node:http out
// over a keep-alive agent, bodies piped, no validation, no logging. The generated REST route is
// quoted as a share of this one's throughput. UPSTREAM=http://127.0.0.1:<port>. Express resolves
// from the repository's node_modules (the version generated projects pin).
import { Agent, createServer, request } from 'node:http';
import express from 'express';

const upstream = new URL(process.env.UPSTREAM ?? 'http://127.0.0.1:1');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const app = express();
app.disable('x-powered-by');
app.get('/api/v1/customers', (req, res) => {
  const headers = { ...req.headers, host: upstream.host };
  const out = request(
    { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
    (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    },
  );
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(out);
});
const server = createServer(app);
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', adapter: 'express-proxy', url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
