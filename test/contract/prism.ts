/**
 * A real Prism mock of a vendor's OpenAPI document, behind a loopback recording proxy: the service
 * under test passes Prism's status and body through but not its headers, so the proxy is where
 * the test reads each upstream status and Prism's `sl-violations` header.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from './net.js';

const PRISM = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));

export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

export interface PrismMock {
  /** The proxy's URL: the base URL the service under test is given. */
  readonly url: string;
  readonly exchanges: Exchange[];
  /** Milliseconds from spawn until Prism answered its first request. */
  readonly startupMs: number;
  stop(): Promise<void>;
}

export async function startPrism(document: string): Promise<PrismMock> {
  const { port, child, startupMs } = await spawnPrism(['mock', document]);
  const exchanges: Exchange[] = [];
  const proxy = await startProxy(port, exchanges);
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    exchanges,
    startupMs,
    stop: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await stopChild(child);
    },
  };
}

/**
 * Prism's validating proxy: forwards to `upstream` and reports, in an `sl-violations` response
 * header, every way the request or the response departs from `document`.
 */
export async function startPrismProxy(document: string, upstream: string): Promise<{ url: string; stop(): Promise<void> }> {
  const { port, child } = await spawnPrism(['proxy', document, upstream]);
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

async function spawnPrism(args: readonly string[]): Promise<{ port: number; child: ChildProcess; startupMs: number }> {
  const port = await freePort();
  const started = Date.now();
  const output: string[] = [];
  const [mode, ...rest] = args;
  const child = spawn(process.execPath, [PRISM, mode!, '-h', '127.0.0.1', '-p', String(port), ...rest], { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => output.push(chunk.toString()) > 200 && output.shift();
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const target = `http://127.0.0.1:${port}`;
  // Any HTTP answer (Prism says 404 for an unknown path) means it is listening.
  const ready = await waitFor('Prism to listen', async () => (child.exitCode !== null ? 'exited' : (await fetch(`${target}/__naftiko_ready`)).status), 60_000).catch(
    (error: unknown) => String(error),
  );
  if (typeof ready !== 'number') {
    await stopChild(child);
    throw new Error(`Prism ${mode} did not start (${ready}):\n${output.join('')}`);
  }
  return { port, child, startupMs: Date.now() - started };
}

function startProxy(prismPort: number, exchanges: Exchange[]): Promise<Server> {
  const server = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port: prismPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      exchanges.push({ method: req.method ?? '', url: req.url ?? '', status: answer.statusCode ?? 0, headers: answer.headers });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
