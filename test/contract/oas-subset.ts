/**
 * The rules of the official OpenAPI 3.1 schema (spec.openapis.org/oas/3.1/schema) that apply to
 * what naftiko-gen emits, as a JSON Schema: the official file is not available offline. Unknown
 * keys are refused, so a typo in the emitter fails here instead of being ignored by tools.
 */
export const OAS_SUBSET = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  additionalProperties: false,
  properties: {
    openapi: { const: '3.1.0' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      additionalProperties: false,
      properties: { title: { type: 'string', minLength: 1 }, version: { type: 'string', minLength: 1 }, description: { type: 'string' } },
    },
    paths: { type: 'object', propertyNames: { pattern: '^/' }, additionalProperties: { $ref: '#/$defs/pathItem' } },
    components: {
      type: 'object',
      additionalProperties: false,
      properties: {
        schemas: { type: 'object' },
        responses: { type: 'object', additionalProperties: { $ref: '#/$defs/response' } },
        securitySchemes: { type: 'object', additionalProperties: { $ref: '#/$defs/securityScheme' } },
      },
    },
    security: { $ref: '#/$defs/security' },
  },
  $defs: {
    pathItem: {
      type: 'object',
      minProperties: 1,
      propertyNames: { enum: ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] },
      additionalProperties: { $ref: '#/$defs/operation' },
    },
    operation: {
      type: 'object',
      required: ['responses'],
      additionalProperties: false,
      properties: {
        operationId: { type: 'string', minLength: 1 },
        summary: { type: 'string' },
        description: { type: 'string' },
        parameters: { type: 'array', items: { $ref: '#/$defs/parameter' } },
        requestBody: {
          type: 'object',
          required: ['content'],
          additionalProperties: false,
          properties: { required: { type: 'boolean' }, description: { type: 'string' }, content: { $ref: '#/$defs/content' } },
        },
        security: { $ref: '#/$defs/security' },
        responses: {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: '^(?:[1-5](?:[0-9]{2}|XX)|default)$' },
          additionalProperties: { oneOf: [{ $ref: '#/$defs/ref' }, { $ref: '#/$defs/response' }] },
        },
      },
    },
    parameter: {
      type: 'object',
      required: ['name', 'in', 'schema'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        in: { enum: ['path', 'query', 'header', 'cookie'] },
        required: { type: 'boolean' },
        description: { type: 'string' },
        schema: { type: 'object' },
      },
      // OAS 3.1 §4.8.12.1: "If the parameter location is "path", this field is REQUIRED and its value MUST be true."
      if: { properties: { in: { const: 'path' } } },
      then: { required: ['required'], properties: { required: { const: true } } },
    },
    response: {
      type: 'object',
      required: ['description'],
      additionalProperties: false,
      properties: { description: { type: 'string' }, content: { $ref: '#/$defs/content' } },
    },
    content: {
      type: 'object',
      propertyNames: { pattern: '^[a-z]+/[a-z0-9.+-]+$' },
      additionalProperties: { type: 'object', required: ['schema'], additionalProperties: false, properties: { schema: { type: 'object' } } },
    },
    security: { type: 'array', items: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } },
    // OAS 3.1 §4.8.27: the fields each scheme type requires (http: scheme; apiKey: name, in; oauth2: flows).
    securityScheme: {
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: {
        type: { enum: ['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'] },
        description: { type: 'string' },
        name: { type: 'string' },
        in: { enum: ['query', 'header', 'cookie'] },
        scheme: { type: 'string' },
        flows: {
          type: 'object',
          additionalProperties: false,
          properties: {
            clientCredentials: {
              type: 'object',
              required: ['tokenUrl', 'scopes'],
              additionalProperties: false,
              properties: { tokenUrl: { type: 'string', minLength: 1 }, scopes: { type: 'object', additionalProperties: { type: 'string' } } },
            },
          },
        },
      },
      allOf: [
        { if: { properties: { type: { const: 'http' } } }, then: { required: ['scheme'] } },
        { if: { properties: { type: { const: 'apiKey' } } }, then: { required: ['name', 'in'] } },
        { if: { properties: { type: { const: 'oauth2' } } }, then: { required: ['flows'] } },
      ],
    },
    ref: { type: 'object', required: ['$ref'], additionalProperties: false, properties: { $ref: { type: 'string', pattern: '^#/components/' } } },
  },
} as const;
