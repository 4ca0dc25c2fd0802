// Starting HTTP listeners, and draining them on SIGTERM/SIGINT: readiness goes false at once, the
// servers keep accepting while load balancers notice, then in-flight requests finish and the process
// exits 0 within a bounded time.

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from './log.js';

/** Ready once every server listens; not ready again once shutdown starts (/ready answers 503). */
export class Readiness {
  private state: 'starting' | 'ready' | 'shutting down' = 'starting';

  markReady(): void {
    if (this.state === 'starting') this.state = 'ready';
  }

  markShuttingDown(): void {
    this.state = 'shutting down';
  }

  get status(): 'starting' | 'ready' | 'shutting down' {
    return this.state;
  }

  get ready(): boolean {
    return this.state === 'ready';
  }
}

export interface ListeningServer {
  name: string;
  url: string;
  /** Keeps serving, but every response from now on closes its connection (`Connection: close`). */
  drain(): void;
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  close(): Promise<void>;
  /** Destroys every open connection, which makes a pending close() resolve at once. */
  terminate(): void;
}

export interface ListenOptions {
  name: string;
  host: string;
  port: number;
  logger: Logger;
  /** Socket time limits; the defaults suit an API behind a proxy or called directly. */
  timeouts?: Partial<SocketTimeouts>;
}

export interface SocketTimeouts {
  /** A client must send its complete request headers within this time (slowloris), default 10_000. */
  headersMs: number;
  /** A client must send its complete request, body included, within this time, default 30_000. */
  requestMs: number;
  /** An idle keep-alive connection is closed after this time, default 5_000. */
  keepAliveMs: number;
  /** How often Node checks the two limits above, default 1_000 (Node's own default is 30_000). */
  checkIntervalMs: number;
}

export const DEFAULT_TIMEOUTS: SocketTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 };

// Node 20 keeps a keep-alive socket open until its idle timeout even after server.close(), so
// idle sockets are swept repeatedly while the close is pending.
const IDLE_SWEEP_MS = 50;

export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function closeGracefully(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    sweep.unref();
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export function listen(app: Express, options: ListenOptions): Promise<ListeningServer> {
  const { name, host, port, logger } = options;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return new Promise((resolve, reject) => {
    // Node's defaults (60 s for headers, checked every 30 s) let a client that trickles its headers
    // hold a socket for a minute and more; these limits close such sockets within seconds.
    let draining = false;
    // While draining, clients and load balancers reconnect for their next request, and a replica
    // that is no longer ready gets no new requests on old connections.
    const server = createServer({ connectionsCheckingInterval: timeouts.checkIntervalMs }, (req, res) => {
      if (draining) res.setHeader('connection', 'close');
      app(req, res);
    });
    server.headersTimeout = timeouts.headersMs;
    server.requestTimeout = Math.max(timeouts.requestMs, timeouts.headersMs);
    server.keepAliveTimeout = timeouts.keepAliveMs;
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.message;
      reject(new Error(`${name} cannot listen on ${formatUrl(host, port)}: ${reason}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      server.on('error', (error) => logger.error('server error', { adapter: name, error }));
      const url = formatUrl(host, (server.address() as AddressInfo).port);
      logger.info('listening', { adapter: name, url });
      const drain = () => {
        draining = true;
      };
      resolve({ name, url, drain, close: () => closeGracefully(server), terminate: () => server.closeAllConnections() });
    });
  });
}

export interface ShutdownOptions {
  /**
   * How long the servers keep accepting after the signal while readiness says 503, so that load
   * balancers (health checks) and Kubernetes (endpoint removal) stop routing here; default 0.
   */
  drainDelayMs?: number;
  /** Time in-flight requests then get before their connections are destroyed; default 10_000. */
  graceMs?: number;
  /** Injectable for tests; default process.exit. */
  exit?: (code: number) => void;
  /** Called when shutdown starts, before any server closes (readiness goes false). */
  onShutdown?: () => void;
  /** Called once the servers are closed, before exiting (flushing telemetry); bounded by graceMs. */
  onClosed?: () => Promise<void>;
}

/** Resolves after ms; an unref'd timer does not keep the process alive by itself. */
function delay(ms: number, unref = false): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });
}

/**
 * Drains and closes all servers, then exits with code 0: readiness false at once, `drainDelayMs` of
 * accepting, then no new connections, in-flight requests finish, and after `graceMs` the remaining
 * connections are destroyed.
 */
export async function shutdown(servers: readonly ListeningServer[], logger: Logger, options: ShutdownOptions = {}): Promise<void> {
  const graceMs = options.graceMs ?? 10_000;
  const drainDelayMs = servers.length > 0 ? (options.drainDelayMs ?? 0) : 0;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  logger.info('shutting down', { drainDelayMs, graceMs, servers: servers.map((server) => server.name) });
  options.onShutdown?.();
  for (const server of servers) server.drain();
  if (drainDelayMs > 0) await delay(drainDelayMs);
  const force = setTimeout(() => {
    logger.warn('grace period over, closing remaining connections', { graceMs });
    for (const server of servers) server.terminate();
  }, graceMs);
  force.unref();
  try {
    await Promise.all(servers.map((server) => server.close()));
  } finally {
    clearTimeout(force);
  }
  if (options.onClosed) await Promise.race([options.onClosed().catch((error: unknown) => logger.warn('shutdown hook failed', { error })), delay(graceMs, true)]);
  logger.info('shutdown complete');
  exit(0);
}

/** Installs SIGTERM/SIGINT handlers; a second signal exits at once (code 1). Returns an uninstaller. */
export function installGracefulShutdown(
  servers: readonly ListeningServer[],
  logger: Logger,
  options: ShutdownOptions = {},
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (started) {
      logger.warn('second signal, exiting immediately', { signal });
      exit(1);
      return;
    }
    started = true;
    logger.info('signal received', { signal });
    shutdown(servers, logger, { ...options, exit }).catch((error: unknown) => {
      logger.error('shutdown failed', { error });
      exit(1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}

/** Closes servers at once, dropping open connections: for a failed start-up and for tests. */
export async function stopServers(servers: readonly ListeningServer[]): Promise<void> {
  for (const server of servers) server.terminate();
  await Promise.all(servers.map((server) => server.close()));
}
