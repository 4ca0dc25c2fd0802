/**
 * The OpenAPI 3.1 document of a project's REST surface, built from the IR as a typed object and
 * emitted twice: `openapi.json` for tools and `src/rest/openapi.gen.ts`, which main.ts serves at
 * GET /openapi.json. Passed-through success bodies are whatever the upstream answers, so their
 * schema is open; mapped outputs and the errors the service makes itself are described exactly.
 */
import type { CapabilityModel, InboundAuth, RestInput, RestRoute, RestSurface, ValueType } from '../model/types.js';
import { dataLiteral, join, key, laidOutTsFile, literal, ts, tsFile, type Code } from './code.js';
import { AUTH_RESPONSES, authResponses, protectedResourceProbe, securityRequirement, securitySchemes } from './openapi-security.js';
import { outputSchema } from './output-schema.js';
import { jsonSchema, OPENAPI_STYLE } from './json-schema.js';
import type { GeneratedFile } from './types.js';
import { serviceVersion } from './versions.js';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
type JsonSchema = { readonly [key: string]: JsonValue };

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
}
interface Operation {
  readonly operationId?: string;
  readonly tags?: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required: boolean; readonly description?: string; readonly content: JsonSchema };
  readonly responses: { readonly [status: string]: JsonValue };
  /** `[]` on the service's own open endpoints when the document requires credentials. */
  readonly security?: readonly JsonValue[];
}
type PathItem = { [method: string]: Operation };

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  /** Ikanos resource and operation `tags`, in order of first use. */
  readonly tags?: readonly { readonly name: string }[];
  readonly paths: { readonly [path: string]: PathItem };
  readonly components: { readonly schemas: JsonSchema; readonly responses: JsonSchema; readonly securitySchemes?: JsonSchema };
  readonly security?: readonly JsonValue[];
}

const PROBLEM_JSON = 'application/problem+json';
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { [PROBLEM_JSON]: { schema: PROBLEM_REF } } });

const COMPONENTS = {
  schemas: {
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details, produced by this service (not by the upstream).',
      required: ['type', 'title', 'status'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        errors: {
          type: 'array',
          items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
  responses: {
    Success: { description: "The upstream's success answer, passed through unchanged (status and JSON body).", content: { 'application/json': { schema: {} } } },
    // Its own entry: a response with `content` promises a body, and validators (Prism) hold it to that.
    NoContent: { description: 'The upstream answered 204 No Content, passed through without a body.' },
    MappedSuccess: { description: "The operation's output as the spec maps it (from the upstream answer, or fixed for a mock).", content: { 'application/json': { schema: {} } } },
    InvalidInput: problemResponse('An input is missing or invalid; `errors` names each one. The upstream was not called.'),
    BadGateway: problemResponse('The upstream could not be reached or sent an unusable answer (malformed JSON, or longer than UPSTREAM_MAX_RESPONSE_BYTES).'),
    GatewayTimeout: problemResponse('The upstream did not answer within UPSTREAM_TIMEOUT_MS (after retries for idempotent calls).'),
    UpstreamError: {
      description: "The upstream's error answer, passed through unchanged: its status, content type and body.",
      content: { 'application/json': { schema: {} }, [PROBLEM_JSON]: { schema: {} } },
    },
  },
} as const satisfies OpenApiDocument['components'];

const ref = (name: keyof typeof COMPONENTS.responses) => ({ $ref: `#/components/responses/${name}` });

export function buildOpenApi(model: CapabilityModel, rest: RestSurface): OpenApiDocument {
  const paths: Record<string, PathItem> = {};
  for (const route of rest.routes) (paths[route.openApiPath] ??= {})[route.method.toLowerCase()] = operation(route, rest.auth);
  addProbes(paths, rest.auth);
  // The REST adapter's own description is documented (NG1103) as README-only, so the capability's is used.
  const description = model.info.description;
  const tags = [...new Set(rest.routes.flatMap((r) => r.tags ?? []))];
  // `--openapi`: the vendor schemas the routes refer to, beside the service's own Problem.
  const vendor = Object.fromEntries((model.schemas ?? []).map((s) => [s.name, jsonSchema(s.schema, OPENAPI_STYLE)]));
  const schemas = model.schemas?.length ? { schemas: { ...COMPONENTS.schemas, ...vendor } } : {};
  return {
    openapi: '3.1.0',
    info: { title: model.info.label, version: serviceVersion(model), ...(description ? { description } : {}) },
    ...(tags.length > 0 ? { tags: tags.map((name) => ({ name })) } : {}),
    paths,
    components: {
      ...(rest.auth ? { ...COMPONENTS, responses: { ...COMPONENTS.responses, ...AUTH_RESPONSES }, securitySchemes: securitySchemes(rest.auth) } : COMPONENTS),
      ...schemas,
    },
    ...(rest.auth ? { security: securityRequirement(rest.auth) } : {}),
  };
}

function operation(route: RestRoute, auth: InboundAuth | undefined): Operation {
  const parameters = route.inputs.filter((i) => i.in === 'path' || i.in === 'query' || i.in === 'header' || i.in === 'cookie').map(parameter);
  const body = requestBody(route.inputs);
  // A mock route has no `call`; a mapped route answers its `output`, not the upstream body as is.
  const upstream = route.call?.ref;
  const passThrough = upstream !== undefined && route.output === undefined;
  const responses: Record<string, JsonValue> = { '2XX': route.binary ? binarySuccess(route.binary) : passThrough ? passedThrough(route) : mappedSuccess(route) };
  if (passThrough) responses['204'] = ref('NoContent');
  Object.assign(responses, declaredResponses(route));
  // Only routes with inputs can fail validation; any route may still pass an upstream 400 through.
  if (route.inputs.length > 0) responses['400'] = ref('InvalidInput');
  if (upstream) Object.assign(responses, { '502': ref('BadGateway'), '504': ref('GatewayTimeout'), default: ref('UpstreamError') });
  Object.assign(responses, authResponses(auth));
  return {
    operationId: route.operationId,
    ...(route.tags ? { tags: route.tags } : {}),
    summary: route.description,
    description: upstream ? `Calls upstream operation \`${upstream}\`.` : 'A mock operation: answers from the spec alone.',
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/** Bytes passed on from a binary upstream answer, as the spec's media type (else any). */
function binarySuccess(binary: NonNullable<RestRoute['binary']>): JsonValue {
  const type = binary.mediaType ?? 'application/octet-stream';
  return { description: "The upstream's binary answer, passed on as it is.", content: { [type]: { schema: { type: 'string', contentMediaType: type } } } };
}

/** Ikanos `responses`: the statuses the spec documents, with their content (binary or a JSON Schema). */
function declaredResponses(route: RestRoute): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(route.responses ?? {})
      .filter(([status]) => !/^2/.test(status))
      .map(([status, r]) => {
        const content = Object.fromEntries(
          Object.entries(r.content).map(([type, c]) => [type, { schema: (c.binary ? { type: 'string', contentMediaType: type } : (c.schema ?? {})) as JsonValue }]),
        );
        return [status, { description: r.description ?? `Status ${status}.`, ...(Object.keys(content).length > 0 ? { content } : {}) }];
      }),
  );
}

/** The upstream's answer as is: described by the vendor's document when `--openapi` matched it. */
function passedThrough(route: RestRoute): JsonValue {
  if (!route.typedResult) return ref('Success');
  const schema = jsonSchema(route.typedResult, OPENAPI_STYLE);
  return { description: "The upstream's success answer, passed through unchanged, as the vendor documents it.", content: { 'application/json': { schema } } };
}

/** A mapped route documents the shape its generated mapper produces (the same JSON Schema tools advertise). */
function mappedSuccess(route: RestRoute): JsonValue {
  if (!route.output || route.orchestration) return ref('MappedSuccess');
  const schema = outputSchema(route.output.node, OPENAPI_STYLE);
  return { description: `The operation's output as the spec maps it (\`${route.output.typeName}\`).`, content: { 'application/json': { schema } } };
}

function parameter(input: RestInput): Parameter {
  const location = input.in === 'path' || input.in === 'query' || input.in === 'cookie' ? input.in : 'header';
  return {
    name: input.name,
    in: location,
    // OpenAPI requires path parameters to be required; the IR already makes them so.
    required: location === 'path' || input.required,
    ...(input.description ? { description: input.description } : {}),
    schema: input.schema ? jsonSchema(input.schema, OPENAPI_STYLE) : textSchema(input.type),
  };
}

/**
 * The JSON request body: named `field` inputs as properties (other properties pass, as in the zod
 * schema), else the whole body from the `body` input.
 */
function requestBody(inputs: readonly RestInput[]): Operation['requestBody'] {
  const whole = inputs.find((i) => i.in === 'body');
  const fields = inputs.filter((i) => i.in === 'field');
  const described = whole?.description ? { description: whole.description } : {};
  if (fields.length === 0) {
    const schema = whole?.schema ? jsonSchema(whole.schema, OPENAPI_STYLE) : whole && valueSchema(whole.type);
    return whole && { required: whole.required, ...described, content: { 'application/json': { schema: schema! } } };
  }
  const properties = Object.fromEntries(
    fields.map((f) => [f.name, { ...(f.schema ? jsonSchema(f.schema, OPENAPI_STYLE) : valueSchema(f.type)), ...(f.description ? { description: f.description } : {}) }]),
  );
  const required = fields.filter((f) => f.required).map((f) => f.name);
  const schema = { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  return { required: required.length > 0 || (whole?.required ?? false), ...described, content: { 'application/json': { schema } } };
}

/** JSON body values keep their JSON type; an unknown or `any` type accepts every value. */
function valueSchema(type: ValueType): JsonSchema {
  return ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(type) ? { type } : {};
}

/** Path, query and header values arrive as text; the REST adapter coerces them (see zod.ts). */
function textSchema(type: ValueType): JsonSchema {
  // Repeated keys (`?name=a&name=b`): OpenAPI's default form/explode style.
  if (type === 'array') return { type: 'array', items: { type: 'string' } };
  return ['integer', 'number', 'boolean'].includes(type) ? { type } : { type: 'string' };
}

const STATUS_SCHEMA = { type: 'object', required: ['status'], properties: { status: { type: 'string' } } };

/** The service's own endpoints. createRestApp registers them before the spec routes, so they win. */
function addProbes(paths: Record<string, PathItem>, auth: InboundAuth | undefined): void {
  const probes: Record<string, Operation> = {
    '/health': { summary: 'Liveness probe', responses: { '200': { description: 'The process is up.', content: { 'application/json': { schema: STATUS_SCHEMA } } } } },
    '/ready': {
      summary: 'Readiness probe',
      responses: {
        '200': { description: 'Ready for traffic.', content: { 'application/json': { schema: STATUS_SCHEMA } } },
        '503': { description: 'Not ready yet.', content: { 'application/json': { schema: STATUS_SCHEMA } } },
      },
    },
    '/openapi.json': { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document of this service.', content: { 'application/json': { schema: { type: 'object' } } } } } },
  };
  if (auth?.kind === 'oauth2') probes['/.well-known/oauth-protected-resource'] = protectedResourceProbe();
  // Probes and metadata answer without credentials.
  for (const [path, op] of Object.entries(probes)) (paths[path] ??= {}).get = auth ? { ...op, security: [] } : op;
}

export function emitOpenApi(model: CapabilityModel): GeneratedFile[] {
  if (!model.rest) return [];
  const document = buildOpenApi(model, model.rest);
  return [{ path: 'openapi.json', contents: `${JSON.stringify(document, null, 2)}\n` }, openApiModule(model.sourceFile, document as unknown as JsonValue)];
}

const OPENAPI_PATH = 'src/rest/openapi.gen.ts';
const DECLARATION = ts`export const openapi = `;
const DECLARATION_WIDTH = 'export const openapi = '.length;
const DOC = ts`/** OpenAPI 3.1 document of the REST adapter, served at GET /openapi.json (same as openapi.json). */`;

/** src/rest/openapi.gen.ts, laid out directly when dataLiteral can, else left to prettier. */
function openApiModule(sourceFile: string, document: JsonValue): GeneratedFile {
  const laidOut = dataLiteral(document, DECLARATION_WIDTH, ' as const;'.length);
  if (laidOut !== undefined) return laidOutTsFile(OPENAPI_PATH, sourceFile, ts`${DOC}\n${DECLARATION}${laidOut} as const;\n`);
  return tsFile(OPENAPI_PATH, sourceFile, [], (w) => {
    w.writeLine(DOC);
    w.write(DECLARATION);
    w.write(literalOf(document));
    w.write(ts` as const;`).newLine();
  });
}

/** A JSON value as a TS literal with bare keys where they are identifiers (`__proto__` computed, so it stays data). */
function literalOf(value: JsonValue): Code {
  if (value === null || typeof value !== 'object') return literal(value);
  if (Array.isArray(value)) return ts`[${join(value.map((item: JsonValue) => literalOf(item)))}]`;
  const entries = Object.entries(value);
  return entries.length ? ts`{ ${join(entries.map(([name, item]) => ts`${key(name)}: ${literalOf(item)}`))} }` : ts`{}`;
}
