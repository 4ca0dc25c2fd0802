// What the generated REST routes reach without Express (a measurement for BENCHMARKS.md, not a
// proposal of code): node:http + a tiny path matcher in front of the generated project's own
// routes, upstream clients and logger, doing the per-request work rest.ts does (request id,
// security headers, query/cookie parsing, zod validation, invoke, JSON pass-through, request log).
// Run from a compiled generated project (dist/) with the usual environment (REST_PORT, base URL
// and credential variables, LOG_LEVEL).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { loadConfig } from './dist/config.gen.js';
import { createLogger } from './dist/runtime/log.js';
import { parseCookies } from './dist/runtime/rest.js';
import { isJsonMediaType } from './dist/runtime/http.js';
import { routes } from './dist/rest/routes.gen.js';
import { createUpstreams } from './dist/upstreams.gen.js';

const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel });
const upstreams = createUpstreams(config);
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

// "/v1/customers/:id" -> /^\/v1\/customers\/([^/]+)$/ with the parameter names beside it.
const table = routes.map((route) => {
  const names = [];
  const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, name) => (names.push(name), '([^/]+)'));
  return { route, method: route.method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), names };
});

function send(res, status, contentType, text) {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req, res, match, params, query) {
  const requestId = typeof req.headers['x-request-id'] === 'string' && REQUEST_ID.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID();
  res.setHeader('x-request-id', requestId);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  const started = performance.now();
  res.on('finish', () => logger.info('request', { method: req.method, path: req.url, status: res.statusCode, durationMs: Math.round(performance.now() - started), requestId }));
  const input = { params, query, headers: req.headers, cookies: parseCookies(req.headers.cookie), body: undefined };
  const parsed = await match.route.input.safeParseAsync(input);
  if (!parsed.success) return send(res, 400, 'application/problem+json', JSON.stringify({ status: 400, title: 'Bad Request' }));
  const controller = new AbortController();
  res.once('close', () => res.writableFinished || controller.abort());
  const r = await match.route.invoke(upstreams, parsed.data, { requestId, signal: controller.signal });
  if (r.body === undefined) return send(res, r.status, 'application/json', '');
  const json = isJsonMediaType(r.contentType) || typeof r.body !== 'string';
  send(res, r.status, json ? r.contentType ?? 'application/json' : r.contentType ?? 'text/plain', json ? JSON.stringify(r.body) : r.body);
}

const server = createServer((req, res) => {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  for (const entry of table) {
    if (entry.method !== req.method) continue;
    const m = entry.pattern.exec(path);
    if (!m) continue;
    const params = Object.fromEntries(entry.names.map((name, i) => [name, decodeURIComponent(m[i + 1])]));
    handle(req, res, entry, params, q < 0 ? {} : { ...parseQuery(req.url.slice(q + 1)) }).catch(() => {
      if (!res.headersSent) send(res, 502, 'application/problem+json', '{"status":502}');
    });
    return;
  }
  send(res, 404, 'application/problem+json', '{"status":404}');
});
server.keepAliveTimeout = 60_000;
server.listen(config.restPort, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ msg: 'listening', adapter: 'mini-router', url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
