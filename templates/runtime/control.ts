// The control adapter (`exposes[].type: control`): the management plane on its own port. Health
// probes, status and non-secret configuration, and the Prometheus scrape endpoint.

import express from 'express';
import type { Express } from 'express';
import { requireAuth, type InboundAuth } from './auth.js';
import type { Logger } from './log.js';
import { METRICS_CONTENT_TYPE, type ServiceMetrics } from './metrics.js';
import { problem, sendProblem } from './problem.js';
import type { Readiness } from './server.js';

export interface AdapterStatus {
  name: string;
  url: string;
}

/** One environment variable as /config shows it: whether it is set, never its value. */
export interface EnvStatus {
  name: string;
  set: boolean;
  secret: boolean;
}

export interface ControlAppOptions {
  logger: Logger;
  readiness: Readiness;
  /** GET /health/live and /health/ready. */
  health: boolean;
  /** GET /status and /config. */
  info?: {
    name: string;
    version: string;
    adapters: () => readonly AdapterStatus[];
    /** Non-secret settings; the caller never puts secret values here. */
    settings: Readonly<Record<string, unknown>>;
    environment: readonly EnvStatus[];
  };
  /** GET /metrics. */
  metrics?: ServiceMetrics;
  /** GET /traces: the last ended spans (`traces.local`), newest first. */
  traces?: () => readonly unknown[];
  auth?: InboundAuth;
  /** Injectable for tests; default Date.now. */
  now?: () => number;
}

/** Which of `names` are set in `env` (non-empty), for /config: names and flags only. */
export function environmentStatus(names: readonly string[], secrets: ReadonlySet<string>, env: NodeJS.ProcessEnv): EnvStatus[] {
  return names.map((name) => ({ name, set: (env[name] ?? '') !== '', secret: secrets.has(name) }));
}

export function createControlApp(options: ControlAppOptions): Express {
  const now = options.now ?? Date.now;
  const started = now();
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-store');
    next();
  });
  if (options.auth) app.use(requireAuth(options.auth, (res) => sendProblem(res, problem(401))));
  if (options.health) {
    app.get('/health/live', (_req, res) => {
      res.json({ status: 'live' });
    });
    app.get('/health/ready', (_req, res) => {
      const status = options.readiness.status;
      res.status(status === 'ready' ? 200 : 503).json({ status });
    });
  }
  const info = options.info;
  if (info) {
    app.get('/status', (_req, res) => {
      const uptimeSeconds = Math.floor((now() - started) / 1000);
      res.json({ name: info.name, version: info.version, status: options.readiness.status, startedAt: new Date(started).toISOString(), uptimeSeconds, adapters: info.adapters() });
    });
    app.get('/config', (_req, res) => {
      res.json({ settings: info.settings, environment: info.environment });
    });
  }
  const metrics = options.metrics;
  if (metrics) {
    app.get('/metrics', (_req, res) => {
      res.setHeader('content-type', METRICS_CONTENT_TYPE);
      res.send(metrics.render());
    });
  }
  const traces = options.traces;
  if (traces) {
    app.get('/traces', (_req, res) => {
      res.json({ spans: traces() });
    });
  }
  app.use((req, res) => {
    sendProblem(res, problem(404, `No control endpoint ${req.method} ${req.path}`));
  });
  app.use(((error, _req, res, _next) => {
    options.logger.error('control request failed', { error });
    sendProblem(res, problem(500));
  }) as express.ErrorRequestHandler);
  return app;
}
