/**
 * The official framework's own alpha2 examples (tutorial steps, schema examples, test fixtures) as
 * runnable projects: whichever of them generate today, written outside the repository, with the
 * environment, inbound credentials and upstream traffic each one's model implies.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapabilityModel, InboundAuth, Invocation } from '../../src/model/types.js';
import { inboundCredentials, type Credentials } from '../../src/emit/tests/harness.js';
import { writeProject } from '../../src/write/write.js';
import { runCorpus, type CorpusEntry } from './corpus.js';
import type { OpenApiDocument } from './openapi-calls.js';

export const FRAMEWORK_GROUP = 'naftiko__framework@v1.0.0-alpha2';

export interface FrameworkExample {
  readonly id: string;
  readonly file: string;
  readonly model: CapabilityModel;
  /** The generated project, in a temporary directory. */
  readonly dir: string;
  readonly openapi?: OpenApiDocument;
}

/** The Ikanos engine's own examples at main (the Shipyard tutorial is under modules/ikanos-docs/tutorial/). */
export const IKANOS_GROUP = 'naftiko__ikanos@main';

/**
 * Generates every file of the framework's alpha2 tag through the real batch (one of them, the
 * agent skill's example, still says alpha1 and generates too), or the corpus files `only` keeps;
 * keeps those that generate.
 */
export async function generateFrameworkExamples(
  only: (entry: CorpusEntry & { group: string }) => boolean = (e) => e.group === FRAMEWORK_GROUP,
): Promise<{ root: string; examples: FrameworkExample[] }> {
  const results = await runCorpus({ emit: true }, only);
  const root = mkdtempSync(join(tmpdir(), 'naftiko-gen-framework-'));
  const examples: FrameworkExample[] = [];
  for (const { result } of results) {
    if (!result.model || result.files.length === 0) continue;
    writeProject(root, result.id, result.files);
    const openapi = result.files.find((f) => f.path === 'openapi.json');
    examples.push({
      id: result.id,
      file: result.file,
      model: result.model,
      dir: join(root, result.id),
      ...(openapi ? { openapi: JSON.parse(openapi.contents) as OpenApiDocument } : {}),
    });
  }
  return { root, examples };
}

const PORTS = new Set(['REST_PORT', 'MCP_PORT', 'SKILL_PORT', 'CONTROL_PORT']);

/** Every consumed API at the fake upstream, every port chosen by the OS, every required variable set. */
export function serviceEnv(model: CapabilityModel, upstreamUrl: string): Record<string, string> {
  const baseUrls = new Set(model.upstreams.map((u) => u.baseUrlEnv));
  // The examples' collector endpoints get placeholder values, which the OTLP exporter would refuse
  // at start-up: these runs test calls, not tracing (test/tracing and the control-traces case do).
  const env: Record<string, string> = { OTEL_SDK_DISABLED: 'true' };
  for (const v of model.env) {
    if (baseUrls.has(v.name)) env[v.name] = upstreamUrl;
    else if (PORTS.has(v.name)) env[v.name] = '0';
    else if (v.required) env[v.name] = `dummy-${v.name.toLowerCase().replaceAll('_', '-')}`;
  }
  return env;
}

/** The adapters that log `listening` with a URL (an MCP adapter on stdio has none). */
export function httpAdapters(model: CapabilityModel): string[] {
  return [
    ...(model.rest ? ['rest'] : []),
    ...(model.mcp?.transport === 'http' ? ['mcp'] : []),
    ...(model.skill ? ['skill'] : []),
    ...(model.control ? ['control'] : []),
  ];
}

/**
 * Valid credentials for an adapter, built from the env values the service was started with;
 * undefined when it is open. oauth2 needs an authorization server: `'oauth2'` says to skip.
 * The generated tests' own derivation (src/emit/tests/harness.ts), fed this run's values.
 */
export function credentials(auth: InboundAuth | undefined, env: Record<string, string>): Credentials | 'oauth2' | undefined {
  return inboundCredentials(auth, (name) => env[name] ?? '');
}

/** Adds query credentials to a relative URL. */
export function withQuery(url: string, query: Record<string, string>): string {
  const extra = new URLSearchParams(query).toString();
  return extra ? `${url}${url.includes('?') ? '&' : '?'}${extra}` : url;
}

/** One request the fake upstream must see: its method and the consumed API's credentials. */
export interface UpstreamCall {
  readonly ref: string;
  readonly method: string;
  readonly credentials?: Credentials;
}

/**
 * The requests the fake upstream must see, in order, for one call of a route, tool or resource:
 * one for a `call`, one per `call` step of an orchestration, none for a mock. Credentials come
 * from the env values the service was started with (digest answers a challenge the fake never
 * sends, so it carries none).
 */
export function upstreamCalls(model: CapabilityModel, invocation: Invocation, env: Record<string, string>): UpstreamCall[] {
  const expected = (ref: string): UpstreamCall => {
    const upstream = model.upstreams.find((u) => u.operations.some((o) => o.ref === ref));
    if (!upstream) throw new Error(`${model.id}: no upstream operation ${ref}`);
    const auth = upstream.auth.kind === 'none' || upstream.auth.kind === 'digest' ? undefined : upstream.auth;
    const creds = credentials(auth, env);
    return { ref, method: upstream.operations.find((o) => o.ref === ref)!.method, ...(typeof creds === 'object' ? { credentials: creds } : {}) };
  };
  if (invocation.call) return [expected(invocation.call.ref)];
  return (invocation.orchestration?.steps ?? []).flatMap((s) => (s.kind === 'call' ? [expected(s.call.ref)] : []));
}
