// One request at a time over a keep-alive connection, timed with a microsecond clock: latency
// figures that autocannon's millisecond histogram cannot give.
import { request } from 'node:http';
import { percentile } from './measure.mjs';

/** Sends one request of a target ({ url, method, headers, body }); resolves with its status and body. */
export function send(agent, t) {
  return new Promise((resolveSend, reject) => {
    const u = new URL(t.url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: t.method, headers: t.headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolveSend({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(t.body);
  });
}

/** `seconds` of sequential requests after 300 warm-up ones: p50/p90/p99/mean in ms. */
export async function latencyProbe(agent, t, seconds) {
  for (let i = 0; i < 300; i++) await send(agent, t);
  const samples = [];
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let failures = 0;
  while (process.hrtime.bigint() < end && samples.length < 200_000) {
    const start = process.hrtime.bigint();
    const { status } = await send(agent, t);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (status !== 200) failures++;
  }
  samples.sort((a, b) => a - b);
  const round = (x) => Math.round(x * 1000) / 1000;
  return {
    requests: samples.length,
    failures,
    p50Ms: round(percentile(samples, 50)),
    p90Ms: round(percentile(samples, 90)),
    p99Ms: round(percentile(samples, 99)),
    meanMs: round(samples.reduce((s, x) => s + x, 0) / samples.length),
  };
}
