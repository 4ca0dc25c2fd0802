/**
 * --skip-invalid on an Ikanos document: units are left out of the read (alpha2-shaped) data, and
 * each path goes back through the skip map and then the Ikanos locator, so a left-out keyed entry
 * is reported at its map key and what is kept is generated from the rest. The tool \`count\` fails
 * only once \`count-pets\` is left out: its error is found in data that lacks \`broken-tool\`, so its
 * position is right only if the skip map and the locator compose.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../src/pipeline.js';

const spec = `ikanos: 1.0.0-beta4
info: {display: Pets, description: Pets}
capability:
  consumes:
    - type: http
      namespace: pets
      baseUri: https://pets.example.com
      resources:
        pet:
          path: /pets
          operations:
            list-pets:
              method: GET
              inputParameters:
                kind:
                  in: matrix
            count-pets:
              method: HEAD
  exposes:
    - type: mcp
      port: 9090
      namespace: pets-mcp
      tools:
        broken-tool:
          description: Its call is not a name.
          call: 5
        count:
          description: Left out in a second round, once count-pets is gone.
          call: pets.count-pets
        list-pets:
          description: All pets.
          call: pets.list-pets
`;

/** 1-based line and column of `text` in the spec. */
function positionOf(text: string): { line: number; col: number } {
  const lines = spec.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  return { line: line + 1, col: lines[line]!.indexOf(text) + 1 };
}

describe('--skip-invalid on an Ikanos document', () => {
  it('leaves out the broken tool, reported at its map key, and generates the rest', () => {
    const { model, diagnostics } = analyzeSpec({ file: 'pets.yaml', text: spec, id: 'pets' }, { skipInvalid: true });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model?.mcp?.tools.map((t) => t.name)).toEqual(['list-pets']);
    const skipped = diagnostics.filter((d) => d.code === 'NG2122');
    expect(skipped.map((d) => ({ line: d.line, col: d.col, path: d.path }))).toEqual([
      { ...positionOf('kind:'), path: ['capability', 'consumes', 0, 'resources', 'pet', 'operations', 'list-pets', 'inputParameters', 'kind'] },
      { ...positionOf('count-pets:'), path: ['capability', 'consumes', 0, 'resources', 'pet', 'operations', 'count-pets'] },
      { ...positionOf('broken-tool:'), path: ['capability', 'exposes', 0, 'tools', 'broken-tool'] },
      { ...positionOf('count:'), path: ['capability', 'exposes', 0, 'tools', 'count'] },
    ]);
    // The causes, now warnings, stay where they are written.
    const causes = diagnostics.filter((d) => d.code === 'NG1001' || d.code === 'NG2101');
    expect(causes.map((d) => ({ code: d.code, severity: d.severity, line: d.line, col: d.col }))).toEqual([
      { code: 'NG1001', severity: 'warning', ...positionOf('5') },
      { code: 'NG2101', severity: 'warning', ...positionOf('pets.count-pets') },
    ]);
  });

  it('rejects the same document without the flag, at the same positions', () => {
    const { model, diagnostics } = analyzeSpec({ file: 'pets.yaml', text: spec, id: 'pets' });
    expect(model).toBeUndefined();
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['NG1003', 'NG1003', 'NG1001']);
  });
});
