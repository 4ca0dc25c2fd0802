/**
 * A tutorial of the reference engine (its Shipyard steps) generated, built and started against
 * the Microcks mock of its OpenAPI documents, and called the way an agent or a client does: MCP
 * tools through the SDK client, REST routes over HTTP. run-tutorial.ts builds the run test of a
 * tutorial out of these; the alpha2 and Ikanos tutorials use the same documents and mock.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../../src/batch.js';
import type { CapabilityModel } from '../../src/model/types.js';
import { loadTemplates } from '../../src/templates.js';
import { writeProject } from '../../src/write/write.js';
import { TEST_GENERATOR } from '../helpers/cases.js';
import { credentials, httpAdapters, serviceEnv, withQuery } from '../helpers/framework-examples.js';
import { startService, type RunningService } from '../helpers/service.js';
import type { MicrocksMock } from './microcks.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
/** The engine CI's mock documents (in the Ikanos repository, for alpha2 and later tutorials). */
const OPENAPI = join(CORPUS, 'naftiko__ikanos@main/modules/ikanos-engine/src/test/resources/openapi');
/** The host the tutorials' consumed APIs name: Microcks at mocks.naftiko.net. */
const MOCK_HOST = 'https://mocks.naftiko.net';

export const SHIPYARD_DOCUMENTS = (): string[] => readdirSync(OPENAPI).sort().map((f) => readFileSync(join(OPENAPI, f), 'utf8'));

export interface TutorialStep {
  /** The spec file name: `step-5-shipyard-multi-source.yml`. */
  readonly file: string;
  readonly model: CapabilityModel;
  /** The generated project, outside the repository. */
  readonly dir: string;
}

/** Generates every `step-*` file of a tutorial directory through the real batch (imports resolve in it). */
export async function generateTutorial(tutorialDir: string): Promise<{ root: string; steps: TutorialStep[] }> {
  const files = readdirSync(tutorialDir).filter((f) => /^step-.*\.ya?ml$/.test(f)).sort((a, b) => stepNumber(a) - stepNumber(b));
  const batch = await runBatch(files.map((f) => ({ path: join(tutorialDir, f), root: tutorialDir })), { templates: loadTemplates(), generator: TEST_GENERATOR, emit: true });
  const root = mkdtempSync(join(tmpdir(), 'naftiko-gen-tutorial-'));
  const steps = batch.results.map((result, i) => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (!result.model || errors.length) throw new Error(`${files[i]} does not generate:\n${errors.map((d) => d.message).join('\n')}`);
    writeProject(root, result.id, result.files);
    return { file: files[i]!, model: result.model, dir: join(root, result.id) };
  });
  return { root, steps };
}

export function stepNumber(file: string): number {
  return Number(/^step-(\d+)/.exec(file)?.[1] ?? 0);
}

/**
 * Builds a project the fast way: esbuild transpiles src/ to dist/ without type-checking (the
 * compile tests type-check the same output), in a copy whose node_modules is the repository's.
 */
export async function buildTranspiled(projectDir: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-tutorial-run-'));
  cpSync(projectDir, dir, { recursive: true });
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
  const sources = (readdirSync(join(dir, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(dir, 'src', f));
  await build({ entryPoints: sources, outdir: join(dir, 'dist'), outbase: join(dir, 'src'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  return dir;
}

export interface RunningTutorialStep {
  readonly env: Record<string, string>;
  readonly service: RunningService;
  readonly mcp?: Client;
  /** `http://127.0.0.1:<port>` of the REST adapter. */
  readonly rest?: string;
  /** Credentials the REST adapter wants, as headers. */
  readonly restHeaders: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts a built step with every consumed API of the mock host pointed at the Microcks mock. */
export async function startTutorialStep(step: TutorialStep, dir: string, mock: MicrocksMock): Promise<RunningTutorialStep> {
  const env = serviceEnv(step.model, mock.url);
  for (const upstream of step.model.upstreams) {
    if (!upstream.baseUri?.startsWith(MOCK_HOST)) throw new Error(`${step.file}: ${upstream.namespace} is not served by the mock (${upstream.baseUri ?? 'no baseUri'})`);
    env[upstream.baseUrlEnv] = `${mock.url}${upstream.baseUri.slice(MOCK_HOST.length)}`;
  }
  const service = await startService(dir, env, httpAdapters(step.model));
  let mcp: Client | undefined;
  if (step.model.mcp) {
    const creds = credentials(step.model.mcp.auth, env);
    mcp = new Client({ name: 'tutorial-run', version: '1.0.0' });
    const url = withQuery(`${service.urls.mcp}/mcp`, typeof creds === 'object' ? creds.query : {});
    await mcp.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: typeof creds === 'object' ? creds.headers : {} } }));
  }
  const restCreds = credentials(step.model.rest?.auth, env);
  return {
    env,
    service,
    ...(mcp ? { mcp } : {}),
    ...(service.urls.rest ? { rest: service.urls.rest } : {}),
    restHeaders: typeof restCreds === 'object' ? restCreds.headers : {},
    stop: async () => {
      await mcp?.close();
      await service.stop();
    },
  };
}

/** What a tool or route answered, in the form the fixtures record the engine's answer. */
export interface Answer {
  readonly status?: number;
  readonly isError?: boolean;
  /** The answer parsed as JSON, when it is JSON. */
  readonly json?: unknown;
  /** The answer's text, when it is not JSON (an upstream's XML passed through). */
  readonly text?: string;
}

/** An MCP tool's answer as the engine gives it: the first text content, JSON or not. */
export async function callTool(mcp: Client, name: string, args: Record<string, unknown>): Promise<Answer> {
  const result = await mcp.callTool({ name, arguments: args });
  const text = (result.content as { type: string; text?: string }[])[0]?.text ?? '';
  return { ...(result.isError ? { isError: true } : {}), ...parsed(text) };
}

export async function callRoute(step: RunningTutorialStep, request: { method: string; url: string; body?: unknown }): Promise<Answer> {
  const res = await fetch(`${step.rest}${request.url}`, {
    method: request.method,
    headers: { ...step.restHeaders, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  return { status: res.status, ...parsed(await res.text()) };
}

function parsed(text: string): Pick<Answer, 'json' | 'text'> {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { text };
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A path under ../shared/corpus (fixtures name their tutorial relative to it). */
export const corpusPath = (path: string): string => join(CORPUS, path);
