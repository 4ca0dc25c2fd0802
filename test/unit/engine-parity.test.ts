/**
 * Generation-time decisions of docs/engine-parity.md that no golden case or run test shows: which
 * `outputRawFormat`s are generated and which refused, `script` steps refused, and consumed
 * `outputParameters` carried on call steps as the engine reads them (no NG2302), `binds` files not read.
 */
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../src/pipeline.js';

function analyze(operation: Record<string, unknown>, steps?: unknown[], top: Record<string, unknown> = {}) {
  const spec = {
    naftiko: '1.0.0-alpha2',
    ...top,
    info: { label: 'T', description: 'T' },
    capability: {
      consumes: [{ type: 'http', namespace: 'api', baseUri: 'https://api.example.com', resources: [{ name: 'r', path: '/r', operations: [{ name: 'get-r', method: 'GET', ...operation }] }] }],
      exposes: [
        {
          type: 'mcp',
          namespace: 'tools',
          port: 9090,
          tools: [steps ? { name: 'run', description: 'd', steps } : { name: 'get-r', description: 'd', call: 'api.get-r', outputParameters: [{ name: 'id', type: 'string', mapping: '$.id' }] }],
        },
      ],
    },
  };
  const { model, diagnostics } = analyzeSpec({ file: 't.yaml', text: stringify(spec), id: 't' });
  return { model, codes: diagnostics.map((d) => `${d.severity} ${d.code} ${d.path?.join('.') ?? ''}`.trim()) };
}

const OPERATION = 'capability.consumes.0.resources.0.operations.0';

describe('outputRawFormat', () => {
  it.each(['json', 'xml', 'yaml', 'csv', 'tsv', 'psv'])('%s is generated and read where mapped', (format) => {
    const { model, codes } = analyze({ outputRawFormat: format });
    expect(codes).toEqual([]);
    const call = model?.mcp?.tools[0]?.call;
    expect(call?.format).toBe(format === 'json' ? undefined : format);
  });

  it.each(['html', 'markdown', 'avro', 'protobuf'])('%s is refused with NG2301 at the format (a deliberate difference)', (format) => {
    const { model, codes } = analyze({ outputRawFormat: format });
    expect(model).toBeUndefined();
    expect(codes).toEqual([`error NG2301 ${OPERATION}.outputRawFormat`]);
  });
});

describe('steps', () => {
  it('refuses a script step with NG2301', () => {
    const { codes } = analyze({}, [{ name: 's', type: 'script', language: 'groovy', script: 'return 1' }]);
    expect(codes).toContain('error NG2301 capability.exposes.0.tools.0.steps.0.type');
  });

  it('carries consumed outputParameters on the call step, a `$` value as a path and any other as text, without NG2302', () => {
    const outputParameters = [
      { name: 'imo-number', type: 'string', value: '$.imo_number' },
      { name: 'source', type: 'string', value: 'legacy' },
      { name: 'ships', type: 'array', mapping: '$.ships[*].name' },
    ];
    const { model, codes } = analyze({ outputParameters }, [{ name: 'c', type: 'call', call: 'api.get-r' }]);
    expect(codes).toEqual([]);
    const step = model?.mcp?.tools[0]?.orchestration?.steps[0];
    expect(step?.kind === 'call' ? step.outputs : undefined).toEqual([
      { name: 'imo-number', type: 'string', path: ['imo_number'] },
      { name: 'source', type: 'string', text: 'legacy' },
      { name: 'ships', type: 'array', path: ['ships', { all: true }, 'name'] },
    ]);
  });
});

describe('with', () => {
  it('reads `$.step.field` from the step outputs (the engine sends the text upstream, a deliberate difference)', () => {
    const steps = [
      { name: 'c', type: 'call', call: 'api.get-r' },
      { name: 'd', type: 'call', call: 'api.get-r', with: { q: '$.c.id' } },
    ];
    const { model, codes } = analyze({ inputParameters: [{ name: 'q', in: 'query' }] }, steps);
    expect(codes).toEqual([]);
    const step = model?.mcp?.tools[0]?.orchestration?.steps[1];
    expect(step?.kind === 'call' ? step.args : undefined).toEqual([{ target: 'q', source: { kind: 'context', path: ['c', 'id'], convert: 'text' } }]);
  });
});

describe('binds', () => {
  it('reads each variable from the environment variable of its own name when a location is given, with NG2302', () => {
    const top = { binds: [{ namespace: 'env', location: 'file:///etc/secrets.env', keys: { API_TOKEN: 'token' } }] };
    const { model, codes } = analyze({ inputParameters: [{ name: 'authorization', in: 'header', value: '{{API_TOKEN}}' }] }, undefined, top);
    expect(codes).toEqual(['warning NG2302 binds.0.location']);
    expect(model?.env.map((v) => v.name)).toContain('API_TOKEN');
  });
});
