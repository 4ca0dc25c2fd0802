/** `with` list literals: several values for a query, header or cookie parameter, refused elsewhere. */
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../src/pipeline.js';

function spec(withBlock: string): string {
  return `naftiko: 1.0.0-alpha2
capability:
  consumes:
    - type: http
      namespace: api
      baseUri: https://api.example
      resources:
        - name: items
          path: /items/{id}
          operations:
            - name: get-item
              method: GET
              inputParameters:
                - name: id
                  in: path
                - name: page
                  in: query
                  type: integer
  exposes:
    - type: mcp
      namespace: mcp
      port: 9090
      tools:
        - name: get-item
          description: One item.
          call: api.get-item
          with:
${withBlock}
`;
}

const codes = (text: string) => analyzeSpec({ file: 's.yaml', text, id: 's' }).diagnostics.map((d) => `${d.code} ${d.message}`);

describe('with list literals', () => {
  it('send each item, converted to the parameter type', () => {
    const { model, diagnostics } = analyzeSpec({ file: 's.yaml', text: spec('            id: "7"\n            page: [1, "2"]'), id: 's' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model!.mcp!.tools[0]!.args.find((a) => a.target === 'page')!.source).toEqual({ kind: 'literal', value: [1, 2] });
    expect(model!.upstreams[0]!.operations[0]!.params.find((p) => p.name === 'page')!.list).toBe(true);
  });

  it('are refused for a path parameter, and when an item does not fit the type', () => {
    expect(codes(spec('            id: [a, b]'))).toContain('NG2116 literal "a,b" cannot be sent as string parameter "id"');
    expect(codes(spec('            id: "7"\n            page: [1, x]'))).toContain('NG2116 literal "1,x" cannot be sent as a list of integer parameter "page"');
  });
});
