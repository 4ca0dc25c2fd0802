/**
 * Resolution pass: the `control` adapter -> ControlSurface. Health, info, the local metrics endpoint
 * and observability (traces, OTLP export) are generated; the rest of the management plane each gets
 * a warning naming it.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecExposesControlT } from '../formats/spec.js';
import { resolveUpstreamAuth } from './auth.js';
import type { EnvRegistry } from './env.js';
import type { ControlSurface, ControlTracing } from './types.js';

/** The schema's default is `localhost`; the loopback address is the same and binds predictably. */
const DEFAULT_HOST = '127.0.0.1';

export function resolveControl(control: SpecExposesControlT, path: SpecPath, env: EnvRegistry, reporter: Reporter): ControlSurface {
  const management = control.management ?? {};
  const observability = control.observability ?? {};
  reportNotGenerated(control, path, reporter);
  const auth = resolveUpstreamAuth(control.authentication, [...path, 'authentication'], env, reporter, 'inbound');
  const observed = observability.enabled ?? true;
  const tracing = observed ? resolveTracing(observability, [...path, 'observability'], env, reporter) : undefined;
  return {
    port: control.port,
    host: control.address === undefined || control.address === 'localhost' ? DEFAULT_HOST : control.address,
    ...(auth.kind !== 'none' && auth.kind !== 'digest' ? { auth } : {}),
    health: management.health ?? true,
    info: management.info ?? false,
    metrics: observed && (observability.metrics?.local?.enabled ?? true),
    ...(tracing ? { tracing } : {}),
  };
}

type Observability = NonNullable<SpecExposesControlT['observability']>;

/** Traces and the OTLP exporter, onto OpenTelemetry (templates/runtime/tracing.ts). */
function resolveTracing(observability: Observability, path: SpecPath, env: EnvRegistry, reporter: Reporter): ControlTracing | undefined {
  const { traces, exporters } = observability;
  if (traces === undefined && exporters?.otlp === undefined) return undefined;
  const local = traces !== undefined && traces.local?.enabled !== false;
  const endpoint = exporters?.otlp?.endpoint;
  return {
    propagation: traces?.propagation ?? 'w3c',
    ...(traces?.sampling !== undefined ? { sampling: traces.sampling } : {}),
    ...(local ? { recentSpans: traces.local?.['buffer-size'] ?? 100 } : {}),
    ...(endpoint !== undefined ? { otlpEndpoint: env.template(endpoint, [...path, 'exporters', 'otlp', 'endpoint'], 'OTLP/HTTP endpoint of the trace exporter', reporter) } : {}),
  };
}

/** Every enabled management or observability feature the generated service does not implement. */
function reportNotGenerated(control: SpecExposesControlT, path: SpecPath, reporter: Reporter): void {
  const m = control.management ?? {};
  const at = (keys: (string | number)[], feature: string, reason: string) => reporter.atKey('NG2310', [...path, ...keys], { feature, reason });
  if (m.reload === true) at(['management', 'reload'], 'POST /config/reload', 'the service reads its configuration once at start-up; restart it to apply changes');
  if (m.validate === true) at(['management', 'validate'], 'POST /config/validate', 'validate the spec with `naftiko-gen validate` instead');
  if (m.logs !== undefined && m.logs !== false) at(['management', 'logs'], 'the /logs endpoints', 'set LOG_LEVEL at start-up; logs are JSON lines on stdout');
  if (m.scripting !== undefined) at(['management', 'scripting'], 'the /scripting endpoint', 'script steps are not generated');
}
