/** Resolution decisions for the skill and control adapters that no golden case shows. */
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyzeSpec, runPipeline } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { TEST_GENERATOR } from '../helpers/cases.js';

function specText(exposes: unknown[]): string {
  const spec = {
    naftiko: '1.0.0-alpha2',
    info: { label: 'T', description: 'T' },
    capability: {
      consumes: [{ type: 'http', namespace: 'api', baseUri: 'https://api.example.com', resources: [{ name: 'r', path: '/r', operations: [{ name: 'get-r', method: 'GET' }] }] }],
      exposes: [{ type: 'mcp', namespace: 'tools', port: 9090, tools: [{ name: 'get-r', description: 'd', call: 'api.get-r' }] }, ...exposes],
    },
  };
  return stringify(spec);
}

function analyze(exposes: unknown[]) {
  const { model, diagnostics } = analyzeSpec({ file: 't.yaml', text: specText(exposes), id: 't' });
  return { model, codes: diagnostics.map((d) => `${d.severity} ${d.code}`), messages: diagnostics.map((d) => d.message) };
}

const skill = (extra: Record<string, unknown> = {}) => ({
  type: 'skill',
  namespace: 'skills',
  port: 9200,
  skills: [{ name: 's', description: 'd', tools: [{ name: 't', description: 'd', from: { sourceNamespace: 'tools', action: 'get-r' } }] }],
  ...extra,
});

describe('skill adapter resolution', () => {
  it('resolves a tool from a sibling MCP tool', () => {
    const { model, codes } = analyze([skill()]);
    expect(codes).toEqual([]);
    expect(model?.skill?.skills[0]?.tools[0]?.invocation).toEqual({ kind: 'mcp', namespace: 'tools', tool: 'get-r' });
  });

  it('skips a catalogue-style adapter without port or skills, with a dialect warning, and generates the rest', () => {
    const { model, codes, messages } = analyze([{ type: 'skill', namespace: 'skills', description: 'x' }]);
    expect(codes).toEqual(['warning NG1120']);
    expect(messages[0]).toContain('has no "port"');
    expect(model?.skill).toBeUndefined();
    expect(model?.mcp?.tools).toHaveLength(1);
  });

  it('lists a tool with neither from nor instruction by its description only', () => {
    const { model, codes } = analyze([skill({ skills: [{ name: 's', description: 'd', tools: [{ name: 'bare', description: 'just words' }] }] })]);
    expect(codes).toEqual(['warning NG1120']);
    expect(model?.skill?.skills[0]?.tools[0]?.invocation).toEqual({ kind: 'none' });
  });

  it('drops tools of an adapter the surfaces option leaves out', async () => {
    const rest = { type: 'rest', namespace: 'api-rest', port: 8080, resources: [{ path: '/r', operations: [{ name: 'get-r', method: 'GET', call: 'api.get-r' }] }] };
    const tools = [
      { name: 'by-mcp', description: 'd', from: { sourceNamespace: 'tools', action: 'get-r' } },
      { name: 'by-rest', description: 'd', from: { sourceNamespace: 'api-rest', action: 'get-r' } },
    ];
    const text = specText([rest, skill({ skills: [{ name: 's', description: 'd', tools }] })]);
    const result = await runPipeline({ file: 't.yaml', text, id: 't' }, { templates: loadTemplates(), generator: TEST_GENERATOR, emit: false, surfaces: ['rest'] });
    expect(result.model?.skill?.skills[0]?.tools.map((t) => t.name)).toEqual(['by-rest']);
  });

  it('rejects a second skill adapter', () => {
    expect(analyze([skill(), skill({ namespace: 'more', port: 9201 })]).codes).toEqual(['error NG2301']);
  });
});

describe('control adapter resolution', () => {
  it('defaults to health on loopback, no info, metrics on', () => {
    const { model, codes } = analyze([{ type: 'control', port: 9100 }]);
    expect(codes).toEqual([]);
    expect(model?.control).toEqual({ port: 9100, host: '127.0.0.1', health: true, info: false, metrics: true });
    expect(model?.env.map((e) => e.name)).toEqual(expect.arrayContaining(['CONTROL_HOST', 'CONTROL_PORT']));
  });

  it('turns metrics off with observability or its local endpoint, without warnings for what is off', () => {
    const off = analyze([{ type: 'control', port: 9100, observability: { enabled: false, traces: { sampling: 1 } } }]);
    expect([off.model?.control?.metrics, off.codes]).toEqual([false, []]);
    const local = analyze([{ type: 'control', port: 9100, observability: { metrics: { local: { enabled: false } } } }]);
    expect(local.model?.control?.metrics).toBe(false);
  });

  it('names each enabled feature it does not generate', () => {
    const { codes, messages } = analyze([
      {
        type: 'control',
        port: 9100,
        management: { reload: true, validate: true, logs: { stream: true }, scripting: { enabled: true } },
        observability: { exporters: { otlp: { endpoint: 'http://otel:4318' } } },
      },
    ]);
    expect(codes).toEqual(Array(4).fill('warning NG2310'));
    expect(messages.map((m) => m.split(':')[0])).toEqual(['POST /config/reload', 'POST /config/validate', 'the /logs endpoints', 'the /scripting endpoint']);
  });

  it('generates traces and the OTLP exporter onto OpenTelemetry, without a warning', () => {
    const { codes } = analyze([{ type: 'control', port: 9100, observability: { traces: { sampling: 0.25, propagation: 'b3' }, exporters: { otlp: { endpoint: 'http://otel:4318' } } } }]);
    expect(codes).toEqual([]);
  });

  it('rejects a second control adapter, an unknown key and a port shared with another adapter', () => {
    expect(analyze([{ type: 'control', port: 9100 }, { type: 'control', port: 9101 }]).codes).toEqual(['error NG2301']);
    expect(analyze([{ type: 'control', port: 9090 }]).codes).toEqual(['error NG2113']);
    expect(analyze([{ type: 'control', port: 9100, managment: {} }]).codes).toEqual(['warning NG1101']);
  });
});
