import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import type { Express } from 'express';
import { get } from 'node:http';
import { Readiness, formatUrl, installGracefulShutdown, listen, shutdown } from '../../templates/runtime/server.js';
import type { ListeningServer } from '../../templates/runtime/server.js';
import { captureLogger, waitFor } from './helpers.js';

const opened: ListeningServer[] = [];

afterEach(async () => {
  for (const server of opened.splice(0)) {
    server.terminate();
    await server.close();
  }
});

/** One GET on its own connection: the status and the Connection header the server sent. */
function getStatus(url: string): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    }).on('error', reject);
  });
}

function slowApp(delayMs: number, started: { count: number }): Express {
  const app = express();
  app.get('/slow', (_req, res) => {
    started.count += 1;
    setTimeout(() => res.json({ done: true }), delayMs);
  });
  app.get('/fast', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

async function start(app: Express, host = '127.0.0.1', port = 0): Promise<{ server: ListeningServer; logger: ReturnType<typeof captureLogger> }> {
  const logger = captureLogger();
  const server = await listen(app, { name: 'rest', host, port, logger });
  opened.push(server);
  return { server, logger };
}

describe('listen', () => {
  it('logs exactly the listening line with the actual port', async () => {
    const { server, logger } = await start(slowApp(0, { count: 0 }));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url.endsWith(':0')).toBe(false);
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'info', msg: 'listening', adapter: 'rest', url: server.url })]);
    expect(await (await fetch(`${server.url}/fast`)).json()).toEqual({ ok: true });
  });

  it('brackets IPv6 hosts', () => {
    expect(formatUrl('::1', 8080)).toBe('http://[::1]:8080');
    expect(formatUrl('0.0.0.0', 1)).toBe('http://0.0.0.0:1');
  });

  it('listens on IPv6 loopback when the machine has it', async () => {
    let server: ListeningServer;
    try {
      ({ server } = await start(slowApp(0, { count: 0 }), '::1'));
    } catch (error) {
      expect(String(error)).toMatch(/EADDRNOTAVAIL|EAFNOSUPPORT/);
      return;
    }
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
  });

  it('rejects with a clear message when the port is taken', async () => {
    const { server } = await start(slowApp(0, { count: 0 }));
    const port = Number(new URL(server.url).port);
    await expect(listen(express(), { name: 'mcp', host: '127.0.0.1', port, logger: captureLogger() })).rejects.toThrow(
      `mcp cannot listen on http://127.0.0.1:${port}: the port is already in use`,
    );
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, closes idle keep-alive sockets promptly, then exits 0', async () => {
    const started = { count: 0 };
    const { server, logger } = await start(slowApp(400, started));
    await fetch(`${server.url}/fast`); // leaves an idle keep-alive socket behind
    const inFlight = fetch(`${server.url}/slow`);
    await waitFor(() => started.count === 1);
    const exits: number[] = [];
    const began = Date.now();
    await shutdown([server], logger, { graceMs: 5_000, exit: (code) => exits.push(code) });
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    // Node 20 would otherwise wait for the 5 s keep-alive timeout of the idle socket.
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(exits).toEqual([0]);
    await expect(fetch(`${server.url}/fast`)).rejects.toThrow();
    expect(logger.lines.map((l) => l['msg'])).toEqual(['listening', 'shutting down', 'shutdown complete']);
  });

  it('forces connections closed after graceMs', async () => {
    const started = { count: 0 };
    const { server, logger } = await start(slowApp(10_000, started));
    const inFlight = fetch(`${server.url}/slow`).catch((error: unknown) => error);
    await waitFor(() => started.count === 1);
    const exits: number[] = [];
    const began = Date.now();
    await shutdown([server], logger, { graceMs: 100, exit: (code) => exits.push(code) });
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(await inFlight).toBeInstanceOf(Error);
    expect(exits).toEqual([0]);
    expect(logger.lines.some((l) => l['level'] === 'warn')).toBe(true);
  });

  it('drains: readiness false at once, still accepting with Connection: close for drainDelayMs, then closed', async () => {
    const { server, logger } = await start(slowApp(0, { count: 0 }));
    const readiness = new Readiness();
    readiness.markReady();
    const exits: number[] = [];
    const began = Date.now();
    const done = shutdown([server], logger, { drainDelayMs: 400, graceMs: 1_000, exit: (code) => exits.push(code), onShutdown: () => readiness.markShuttingDown() });
    expect(readiness.ready).toBe(false);
    const during = await getStatus(`${server.url}/fast`);
    expect(during).toEqual({ status: 200, connection: 'close' });
    expect(exits).toEqual([]);
    await done;
    expect(Date.now() - began).toBeGreaterThanOrEqual(390);
    expect(exits).toEqual([0]);
    await expect(getStatus(`${server.url}/fast`)).rejects.toThrow();
  });

  it('finishes a request that arrives during the drain delay and runs onClosed before exiting', async () => {
    const started = { count: 0 };
    const { server, logger } = await start(slowApp(300, started));
    const order: string[] = [];
    const done = shutdown([server], logger, {
      drainDelayMs: 100,
      graceMs: 2_000,
      exit: () => order.push('exit'),
      onClosed: async () => {
        order.push('closed');
      },
    });
    const slow = getStatus(`${server.url}/slow`);
    await waitFor(() => started.count === 1);
    await done;
    expect(await slow).toEqual({ status: 200, connection: 'close' });
    expect(order).toEqual(['closed', 'exit']);
  });

  it('installs signal handlers, exits at once on a second signal, and can be uninstalled', async () => {
    const { server, logger } = await start(slowApp(0, { count: 0 }));
    const before = process.listeners('SIGTERM');
    const exits: number[] = [];
    const uninstall = installGracefulShutdown([server], logger, { graceMs: 1_000, exit: (code) => exits.push(code) });
    const added = process.listeners('SIGTERM').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    expect(process.listeners('SIGINT')).toContain(added[0]);
    // Call the handler directly: emitting a real signal would reach vitest's own handlers too.
    const handler = added[0] as (signal: NodeJS.Signals) => void;
    handler('SIGTERM');
    handler('SIGINT');
    expect(exits).toEqual([1]);
    await waitFor(() => exits.length === 2);
    expect(exits).toEqual([1, 0]);
    uninstall();
    expect(process.listeners('SIGTERM')).toEqual(before);
  });
});

describe('socket time limits', () => {
  it('closes a client that trickles its headers (slowloris) while serving others', async () => {
    const { server } = await (async () => {
      const logger = captureLogger();
      const listening = await listen(slowApp(0, { count: 0 }), { name: 'rest', host: '127.0.0.1', port: 0, logger, timeouts: { headersMs: 400, checkIntervalMs: 100 } });
      opened.push(listening);
      return { server: listening };
    })();
    const { connect } = await import('node:net');
    const url = new URL(server.url);
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise((r) => socket.once('connect', r));
    const header = 'GET /fast HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'x'.repeat(1000);
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed && i < header.length) socket.write(header[i++]!);
    }, 20);
    try {
      expect((await fetch(`${server.url}/fast`)).status).toBe(200);
      await closed;
      expect(i).toBeLessThan(header.length);
      expect(answer.split('\r\n')[0] ?? '').toMatch(/^(HTTP\/1\.1 408\b.*|)$/);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
  });

  it('uses limits well below Node’s defaults', async () => {
    const { DEFAULT_TIMEOUTS } = await import('../../templates/runtime/server.js');
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_TIMEOUTS.requestMs).toBeGreaterThanOrEqual(DEFAULT_TIMEOUTS.headersMs);
    expect(DEFAULT_TIMEOUTS.checkIntervalMs).toBeLessThanOrEqual(1_000);
  });
});
