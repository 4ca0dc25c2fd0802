/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance 0.1.13, the last release
 * that runs on Node 20) against a running seed service. Every server scenario the suite lists is
 * either run here and must pass with no failure or warning, or named below with the reason it does
 * not apply to a generated tools-only, stateless server; a new scenario fails the test until sorted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';

const CONFORMANCE = fileURLToPath(new URL('../../node_modules/@modelcontextprotocol/conformance/dist/index.js', import.meta.url));

const APPLICABLE = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

const SUITE_TOOLS = "calls the suite's own test tool (e.g. test_simple_text), which only a server built for the suite has";
const NOT_APPLICABLE: Record<string, string> = {
  'logging-set-level': 'generated servers declare no logging capability (logs go to stdout as JSON lines)',
  'completion-complete': 'generated servers have no prompts or resource templates to complete',
  'tools-call-simple-text': SUITE_TOOLS,
  'tools-call-image': SUITE_TOOLS,
  'tools-call-audio': SUITE_TOOLS,
  'tools-call-embedded-resource': SUITE_TOOLS,
  'tools-call-mixed-content': SUITE_TOOLS,
  'tools-call-with-logging': SUITE_TOOLS,
  'tools-call-error': SUITE_TOOLS,
  'tools-call-with-progress': SUITE_TOOLS,
  'tools-call-sampling': SUITE_TOOLS,
  'tools-call-elicitation': SUITE_TOOLS,
  'json-schema-2020-12': "looks for the suite's own json_schema_2020_12_tool",
  'elicitation-sep1034-defaults': "needs the suite's elicitation tool; generated tools never elicit",
  'elicitation-sep1330-enums': "needs the suite's elicitation tool; generated tools never elicit",
  'server-sse-polling': 'needs a session id; generated servers are stateless (a new server per request, JSON responses)',
  'server-sse-multiple-streams': 'needs a session id; generated servers are stateless (a new server per request, JSON responses)',
  'resources-list': 'generated servers expose tools only, no resources',
  'resources-read-text': 'generated servers expose tools only, no resources',
  'resources-read-binary': 'generated servers expose tools only, no resources',
  'resources-templates-read': 'generated servers expose tools only, no resources',
  'resources-subscribe': 'generated servers expose tools only, no resources',
  'resources-unsubscribe': 'generated servers expose tools only, no resources',
  'prompts-list': 'generated servers expose tools only, no prompts',
  'prompts-get-simple': 'generated servers expose tools only, no prompts',
  'prompts-get-with-args': 'generated servers expose tools only, no prompts',
  'prompts-get-embedded-resource': 'generated servers expose tools only, no prompts',
  'prompts-get-with-image': 'generated servers expose tools only, no prompts',
};

function conformance(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CONFORMANCE, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

interface Check {
  id: string;
  status: string;
  errorMessage?: string;
}

describe('MCP conformance suite 0.1.13 against the lago-customers service', () => {
  let upstream: FakeUpstream;
  let dir: string;
  let service: RunningService;
  let results: string;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    dir = buildProjectCopy(join(GENERATED_DIR, 'lago-customers'));
    service = await startService(dir, { LAGO_API_KEY: 'k', LAGO_CUSTOMERS_BASE_URL: upstream.url, REST_PORT: '0', MCP_PORT: '0' }, ['rest', 'mcp']);
    results = mkdtempSync(join(tmpdir(), 'naftiko-gen-conformance-'));
  });

  afterAll(async () => {
    await service?.stop();
    await upstream?.close();
    if (dir) removeProjectCopy(dir);
    if (results) rmSync(results, { recursive: true, force: true });
  });

  it('every listed server scenario is either run here or named as not applicable', async () => {
    const { code, output } = await conformance(['list', '--server']);
    expect(code).toBe(0);
    const listed = [...output.matchAll(/^\s+- (\S+)$/gm)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual([...APPLICABLE, ...Object.keys(NOT_APPLICABLE)].sort());
  });

  it.each(APPLICABLE)('%s passes with every check a success', async (scenario) => {
    const out = join(results, scenario);
    const { code, output } = await conformance(['server', '--url', `${service.urls.mcp}/mcp`, '--scenario', scenario, '-o', out]);
    expect(code, output).toBe(0);
    const [run] = readdirSync(out);
    const checks = JSON.parse(readFileSync(join(out, run!, 'checks.json'), 'utf8')) as Check[];
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.filter((c) => c.status !== 'SUCCESS')).toEqual([]);
  });
});
