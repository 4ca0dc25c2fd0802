// Building blocks of a REST pass-through, one per MODE, to attribute the generated route's cost:
//   http-fetch: node:http + global fetch;  express-agent: Express 5 + node:http keep-alive agent;
//   express-fetch: Express 5 + global fetch (the generated runtime's transport until rest-perf);
//   express-runtime: Express 5 + the generated runtime's upstream client (dist/runtime/http.js),
//   without zod, request ids, abort signals or logging. UPSTREAM=http://127.0.0.1:<port>. Run from
//   a compiled generated project whose node_modules is the repository's (express).
import { Agent, createServer, request } from 'node:http';
import express from 'express';

const upstream = process.env.UPSTREAM;
const mode = process.env.MODE;
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const viaAgent = (path) =>
  new Promise((resolve, reject) => {
    const u = new URL(path, upstream);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
const viaFetch = async (path) => {
  const res = await fetch(new URL(path, upstream), { headers: { authorization: 'Bearer k' }, redirect: 'manual' });
  return { status: res.status, body: await res.text() };
};
const runtime = mode === 'express-runtime' ? (await import('./dist/runtime/http.js')).createHttpClient({ baseUrl: upstream, auth: { kind: 'bearer', token: 'k' } }) : undefined;
const viaRuntime = async (path) => {
  const r = await runtime.request({ operation: 'bench', method: 'GET', path });
  return { status: r.status, body: JSON.stringify(r.body) };
};
// UNDICI_MODULE=<path to undici's index.js>: undici is not a dependency of generated projects, so
// the row that measures it loads an undici installed elsewhere (see bench/rest-layers.mjs).
const pool = mode === 'express-undici' ? new (await import(process.env.UNDICI_MODULE)).default.Pool(upstream, { connections: 128 }) : undefined;
const viaUndici = async (path) => {
  const r = await pool.request({ path, method: 'GET', headers: { authorization: 'Bearer k', accept: 'application/json' } });
  return { status: r.statusCode, body: await r.body.text() };
};
let server;
if (mode === 'http-fetch') {
  server = createServer(async (req, res) => {
    const r = await viaFetch('/api/v1/customers');
    res.writeHead(r.status, { 'content-type': 'application/json' });
    res.end(r.body);
  });
} else {
  const app = express();
  const call = { 'express-agent': viaAgent, 'express-runtime': viaRuntime, 'express-undici': viaUndici }[mode] ?? viaFetch;
  app.get('/v1/customers', async (_req, res) => {
    const r = await call('/api/v1/customers');
    res.status(r.status).type('application/json').send(r.body);
  });
  server = createServer(app);
}
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ msg: 'listening', adapter: mode, url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
