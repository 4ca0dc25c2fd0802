/**
 * Builds small but complete capabilities as plain objects (then `yaml.stringify`): one consumed
 * operation with a path and a query parameter, exposed as one REST route and one MCP tool, with a
 * chosen text in every free-text field and as a fixed query value (`q`).
 */
export interface SpecParts {
  /** Free text: label, descriptions, and the literal value of the fixed query parameter `q`. */
  readonly text: string;
  readonly namespace?: string;
  readonly operation?: string;
  readonly tool?: string;
  readonly pathParam?: string;
  readonly resource?: string;
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly hints?: { readOnly: boolean; destructive: boolean; idempotent: boolean };
  /** Exposed REST path; default `/items/{<pathParam>}`. */
  readonly restPath?: string;
  readonly restPort?: number;
  readonly mcpPort?: number;
  /** Map the output instead of passing it through: the text becomes property names and `value` text. */
  readonly mappedOutput?: boolean;
}

export function buildSpec(p: SpecParts): Record<string, unknown> {
  const ns = p.namespace ?? 'up';
  const op = p.operation ?? 'getitem';
  const param = p.pathParam ?? 'id';
  const method = p.method ?? 'GET';
  const output = p.mappedOutput ? [mappedOutput(p.text)] : [{ type: 'object', mapping: '$.' }];
  return {
    naftiko: '1.0.0-alpha2',
    info: { label: p.text, description: p.text },
    capability: {
      consumes: [
        {
          type: 'http',
          namespace: ns,
          baseUri: 'http://127.0.0.1:9/base',
          description: p.text,
          resources: [
            {
              name: p.resource ?? 'items',
              path: `/items/{${param}}`,
              description: p.text,
              operations: [
                {
                  name: op,
                  method,
                  description: p.text,
                  inputParameters: [
                    { name: param, in: 'path', type: 'string', description: p.text, required: true },
                    { name: 'q', in: 'query', type: 'string', description: p.text },
                  ],
                  outputParameters: [{ name: 'result', type: 'object', value: '$.' }],
                },
              ],
            },
          ],
        },
      ],
      exposes: [
        {
          type: 'rest',
          namespace: 'api',
          port: p.restPort ?? 8080,
          description: p.text,
          resources: [
            {
              path: p.restPath ?? `/items/{${param}}`,
              name: p.resource ?? 'items',
              description: p.text,
              operations: [{ method, name: op, description: p.text, call: `${ns}.${op}`, with: { [param]: `rest.${param}`, q: p.text }, outputParameters: output }],
            },
          ],
        },
        {
          type: 'mcp',
          namespace: 'mcp',
          port: p.mcpPort ?? 9090,
          transport: 'http',
          description: p.text,
          tools: [
            {
              name: p.tool ?? 'get-item',
              description: p.text,
              hints: p.hints ?? { readOnly: true, destructive: false, idempotent: true },
              call: `${ns}.${op}`,
              with: { [param]: `tools.${param}`, q: p.text },
              outputParameters: output,
            },
          ],
        },
      ],
    },
  };
}

/** An object output whose property names, constant and template text are all `text`. */
function mappedOutput(text: string): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      [text]: { type: 'string', mapping: '$.echo.method' },
      constant: { type: 'string', value: text },
      template: { type: 'string', value: `${text} {{$.echo.method}}` },
      nested: { type: 'array', mapping: '$.items', items: { type: 'object', properties: { [text]: { type: 'number', mapping: '$.n' } } } },
    },
  };
}

/** The environment variable overriding the base URL of namespace `ns` (as the generator names it). */
export function baseUrlEnv(ns: string): string {
  return `${ns.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toUpperCase()}_BASE_URL`;
}
