/**
 * Shapes of catalogue specs that --skip-invalid builds brought to light (generated code that did
 * not type-check): a consumed path naming one placeholder twice; an object-typed query input
 * feeding an object-typed body field.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../src/pipeline.js';

const spec = `naftiko: 1.0.0-alpha2
info:
  label: Roles
  description: A placeholder written twice in a consumed path.
capability:
  consumes:
    - type: http
      namespace: admin
      baseUri: https://admin.example
      resources:
        - name: endpoint
          path: /{workspace}/roles/{role}/endpoints/{workspace}{endpoint}
          operations:
            - name: delete-endpoint
              method: DELETE
  exposes:
    - type: mcp
      namespace: admin-mcp
      port: 9090
      tools:
        - name: delete-endpoint
          description: Delete an endpoint.
          inputParameters:
            - { name: workspace, type: string }
            - { name: role, type: string }
            - { name: endpoint, type: string }
          call: admin.delete-endpoint
          with:
            workspace: admin-mcp.workspace
            role: admin-mcp.role
            endpoint: admin-mcp.endpoint
`;

describe('a consumed path with a repeated placeholder', () => {
  it('gives one parameter per name and fills both places from it', () => {
    const { model, diagnostics } = analyzeSpec({ file: 's.yaml', text: spec, id: 's' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const op = model!.upstreams[0]!.operations[0]!;
    expect(op.params.map((p) => p.name)).toEqual(['workspace', 'role', 'endpoint']);
    expect(op.pathValues.map((v) => v.name)).toEqual(['workspace', 'role', 'workspace', 'endpoint']);
    expect(model!.mcp!.tools[0]!.args.map((a) => a.target)).toEqual(['workspace', 'role', 'endpoint']);
  });
});

const objectQuery = `naftiko: 1.0.0-alpha2
info:
  label: Incidents
  description: An object-typed query input feeding an object-typed body field.
capability:
  consumes:
    - type: http
      namespace: xdr
      baseUri: https://xdr.example
      resources:
        - name: incidents
          path: /incidents
          operations:
            - name: get-incidents
              method: POST
              inputParameters:
                - { name: sort, in: body, type: object }
  exposes:
    - type: rest
      namespace: api
      port: 8080
      resources:
        - path: /incidents
          operations:
            - method: GET
              inputParameters:
                - { name: sort, in: query, type: object }
              call: xdr.get-incidents
              with:
                sort: api.sort
`;

describe('an object-typed query input into an object-typed body field', () => {
  it('arrives as text and is converted (JSON text to an object) on its way', () => {
    const { model, diagnostics } = analyzeSpec({ file: 's.yaml', text: objectQuery, id: 's' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model!.rest!.routes[0]!.args).toMatchObject([{ target: 'sort', source: { kind: 'input', input: 'query:sort', convert: 'object' } }]);
  });
});
