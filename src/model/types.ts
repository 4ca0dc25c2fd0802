/**
 * The capability model: the one resolved, plain-data IR that emitters read. Every name, parameter
 * location, call target, env variable and tool input is decided in src/model; emitters only
 * switch over the discriminants here. JSON-serialisable: no classes, functions or cycles.
 */

/**
 * An identifier of generated code (`lagoCustomers`, `ListCustomersOutput`): ASCII letters, digits,
 * `_` and `$`, never starting with a digit. Only src/model/naming.ts makes one, from spec names it
 * has reduced to that form, so emitters never paste a spec name as code.
 */
export type SafeIdent = string & { readonly [safeIdent]: true };
declare const safeIdent: unique symbol;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/**
 * `outputRawFormat` values a generated service handles (docs/engine-parity.md lists the others):
 * `binary` answers (Ikanos) are passed on as bytes, the others are text read as JSON.
 */
export type AnswerFormat = 'json' | 'xml' | 'yaml' | 'csv' | 'tsv' | 'psv' | 'binary';
/** The text formats read converted to JSON before anything reads them. */
export type ConvertedFormat = Exclude<AnswerFormat, 'json' | 'binary'>;
export type ValueType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'any';

export interface CapabilityModel {
  /** Project directory and npm package name: the spec file name without extension. */
  readonly id: string;
  /** Spec path relative to the working directory (for banners and README, never absolute). */
  readonly sourceFile: string;
  readonly info: {
    readonly label: string;
    readonly description: string;
    readonly tags: readonly string[];
    /** Ikanos `info.version` as written; `packageVersion` is set when it is a semantic version. */
    readonly version?: string;
    readonly packageVersion?: string;
  };
  /** Every environment variable the service reads, sorted by name. */
  readonly env: readonly EnvVar[];
  /** Consumed HTTP APIs, in spec order. */
  readonly upstreams: readonly Upstream[];
  readonly rest?: RestSurface;
  readonly mcp?: McpSurface;
  readonly skill?: SkillSurface;
  readonly control?: ControlSurface;
  /** `--openapi`: the named schemas typed operations refer to, dependencies first. */
  readonly schemas?: readonly NamedSchema[];
}

export interface EnvVar {
  readonly name: string;
  /** Start-up fails with a message naming it when a required variable is missing. */
  readonly required: boolean;
  /** Written into .env.example; absent for secrets. */
  readonly example?: string;
  readonly secret: boolean;
  readonly description: string;
}

/** A string assembled from literal text and env variables: `Bearer {{env.TOKEN}}`. */
export type ValueExpr = readonly ValuePart[];
export type ValuePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'env'; readonly name: string };

/** Like ValueExpr, but may also splice in a caller input (a `template` parameter of the operation). */
export type TemplateText = readonly TemplatePart[];
export type TemplatePart = ValuePart | { readonly kind: 'input'; readonly name: string };

/** A JSON request body template (`RequestBodyJson.data`), leaves resolved. */
export type JsonTemplate =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'text'; readonly text: TemplateText }
  /** A string that is exactly one `{{input}}`: the input's JSON value is inserted as is. */
  | { readonly kind: 'input'; readonly name: string }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonTemplate])[] }
  | { readonly kind: 'array'; readonly items: readonly JsonTemplate[] };

/** How an operation's request body is built (`RequestBody` variants and the catalogue `in: body`). */
export type RequestBody =
  | {
      readonly kind: 'input';
      readonly name: string;
      readonly required: boolean;
      readonly type: ValueType;
      readonly description?: string;
      /** `--openapi`: the body's schema from the matched operation. */
      readonly schema?: TypedSchema;
    }
  | { readonly kind: 'json'; readonly template: JsonTemplate }
  | { readonly kind: 'text'; readonly contentType: string; readonly text: TemplateText }
  | { readonly kind: 'form'; readonly fields: readonly { readonly name: string; readonly value: TemplateText }[] }
  | {
      readonly kind: 'multipart';
      readonly parts: readonly { readonly name: string; readonly value: TemplateText; readonly filename?: string; readonly contentType?: string }[];
    };

/** `Authentication` on a consumed API (AuthBearer, AuthApiKey, AuthBasic). */
export type UpstreamAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'bearer'; readonly token: ValueExpr }
  | { readonly kind: 'apikey'; readonly placement: 'header' | 'query'; readonly name: string; readonly value: ValueExpr }
  | { readonly kind: 'basic'; readonly username: ValueExpr; readonly password: ValueExpr }
  /** Upstream only: answers the server's Digest challenge (RFC 7616). */
  | { readonly kind: 'digest'; readonly username: ValueExpr; readonly password: ValueExpr };

/** One `ConsumesHttp` namespace. */
export interface Upstream {
  readonly namespace: string;
  /** Property name in the `Upstreams` object and module-local identifier: `lagoCustomers`. */
  readonly key: SafeIdent;
  /** Type and factory suffix: `LagoCustomers`. */
  readonly typeName: SafeIdent;
  /** Module path under src/ without extension: `upstream/lago-customers.client.gen`. */
  readonly module: string;
  /** Default base URL; undefined when the spec has none usable, which makes `baseUrlEnv` required. */
  readonly baseUri?: string;
  readonly baseUrlEnv: string;
  readonly auth: UpstreamAuth;
  readonly operations: readonly UpstreamOperation[];
}

export interface UpstreamOperation {
  /** `<namespace>.<name>`: the `call` reference and the operation label in errors. */
  readonly ref: string;
  readonly name: string;
  readonly functionName: SafeIdent;
  readonly inputTypeName: SafeIdent;
  readonly method: HttpMethod;
  readonly description: string;
  /**
   * `outputRawFormat`: answers in another text format are read converted to JSON (see
   * CallTarget.format); binary ones stay bytes, never read.
   */
  readonly responseFormat: AnswerFormat;
  /** Ikanos `outputMediaType`: the media type asked for and advertised instead of the upstream's. */
  readonly mediaType?: string;
  /** Ikanos `maxBinarySize` of a binary operation, in bytes (else the exposing adapter's applies). */
  readonly maxBinaryBytes?: number;
  /** Path template split like a tagged template: text parts around the path parameters. */
  readonly pathStrings: readonly string[];
  /**
   * The value of each path placeholder, in path order (length = pathStrings.length - 1): a caller
   * input of the placeholder's name, or what an `in: environment` parameter of that name gives.
   */
  readonly pathValues: readonly PathValue[];
  /** Caller-supplied parameters (path, query, header, cookie), declaration order. */
  readonly params: readonly Param[];
  /** Parameters with a fixed value from the spec, sent on every call. */
  readonly fixed: readonly FixedParam[];
  readonly body?: RequestBody;
  /**
   * `outputParameters` (ConsumedOutputParameter): they shape the answer a `call` step stores, as
   * the engine's resolveStepOutput does; a direct call's answer is not shaped by them (nor is the
   * engine's).
   */
  readonly outputs?: readonly ConsumedOutput[];
  /** `--openapi`: the vendor operation this one was matched to. */
  readonly contract?: OperationContract;
}

/**
 * A consumed output parameter, as the engine reads it (OutputParameterDeserializer): `name` +
 * `value` starting with `$` is a mapping; any other `value` is static text. Evaluated at run time
 * by templates/runtime/step-output.ts.
 */
export interface ConsumedOutput {
  readonly name?: string;
  readonly type?: string;
  /** The JSONPath `mapping` (or `value`), reduced to steps. */
  readonly path?: readonly PathStep[];
  /** Static text: the engine answers it as is. */
  readonly text?: string;
  readonly properties?: readonly ConsumedOutput[];
  readonly items?: ConsumedOutput;
}

/** A path placeholder's name (shown in docs) and the text it is replaced with, percent-encoded. */
export interface PathValue {
  readonly name: string;
  readonly value: TemplateText;
}

/** `template`: an input only spliced into a body or parameter value template. */
export type ParamLocation = 'path' | 'query' | 'header' | 'cookie' | 'template';

export interface Param {
  /** Name on the wire and key in the operation's input object. */
  readonly name: string;
  readonly in: ParamLocation;
  readonly type: ValueType;
  readonly required: boolean;
  readonly description?: string;
  /**
   * A query, header or cookie parameter some call passes a list to (an array input or a list
   * literal), whatever its declared type: the query repeats it (`form`, exploded), a header or
   * cookie joins the items with commas (OpenAPI's defaults for each location).
   */
  readonly list?: boolean;
  /** `--openapi`: the matched operation's schema of this parameter (or body field). */
  readonly schema?: TypedSchema;
}

export interface FixedParam {
  readonly name: string;
  readonly in: 'query' | 'header' | 'cookie';
  readonly value: TemplateText;
}

/** Where an argument of an upstream call comes from. */
/** How a value reaches a parameter of another type. */
export type Conversion = 'array' | 'text' | 'number' | 'boolean' | 'object';

export type ArgSource =
  /** `convert`: the input's type differs from the parameter's, so the value is converted on the way. */
  | {
      readonly kind: 'input';
      readonly input: string;
      readonly convert?: Conversion;
      /** The parameter is required but the input is optional: a missing value is a 400. */
      readonly required?: boolean;
    }
  /** Inside an orchestration: a value selected from the context (caller inputs and step outputs). */
  | { readonly kind: 'context'; readonly path: readonly PathStep[]; readonly convert?: Conversion; readonly required?: boolean }
  /** A list only for a query, header or cookie parameter: several values on the wire. */
  | { readonly kind: 'literal'; readonly value: string | number | boolean | readonly (string | number | boolean)[] };

/** One property of the upstream input object (a consumed parameter or the body). */
export interface ArgBinding {
  readonly target: string;
  readonly source: ArgSource;
}

export interface CallTarget {
  readonly upstream: string;
  readonly operation: string;
  readonly ref: string;
  /**
   * The operation's `outputRawFormat` when it is not JSON: whatever reads the answer (a mapped
   * output, a step) reads it converted to JSON as the engine does; a pass-through forwards it as is.
   */
  readonly format?: ConvertedFormat;
}

/**
 * A JSONPath reduced to steps (src/model/jsonpath.ts parses, templates/runtime/jsonpath.ts
 * walks): a name, an index (negative from the end), `*`, an index list, a slice, or a deep scan.
 */
export type PathStep =
  | string
  | number
  | { readonly all: true }
  | { readonly indexes: readonly number[] }
  | { readonly slice: readonly [number | null, number | null] }
  | { readonly scan: string | { readonly all: true } };

/**
 * A mapped output node: what the caller receives instead of the upstream JSON as is. Emitted as a
 * generated type and straight-line mapper (src/emit/ts/outputs.ts), and as JSON Schema.
 * `path` carries the declared `type` ('any' when none): a value of another type is converted by
 * the runtime's as* primitives where lossless, else becomes null.
 */
export type OutputNode =
  /** `schema`: `--openapi` typed what the path selects from the matched operation's answer. */
  | { readonly kind: 'path'; readonly path: readonly PathStep[]; readonly type: OutputScalarType; readonly schema?: TypedSchema }
  | { readonly kind: 'const'; readonly value: unknown }
  | { readonly kind: 'template'; readonly parts: readonly ({ readonly text: string } | { readonly path: readonly PathStep[] })[] }
  | { readonly kind: 'object'; readonly path: readonly PathStep[]; readonly properties: readonly (readonly [string, OutputNode])[] }
  | { readonly kind: 'array'; readonly path: readonly PathStep[]; readonly items?: OutputNode; readonly schema?: TypedSchema };

/** Declared type of a value read by a JSONPath (`object`: one without `properties`). */
export type OutputScalarType = 'string' | 'number' | 'boolean' | 'object' | 'any';

/** A mapped output with the names its generated module gives it (unique within the surface). */
export interface MappedOutput {
  /** `ListCustomersOutput`: the exported type of the mapped value. */
  readonly typeName: SafeIdent;
  /** `mapListCustomersOutput(body: unknown): ListCustomersOutput`. */
  readonly mapperName: SafeIdent;
  /** `listCustomersOutputSchema`: its JSON Schema (MCP outputSchema). */
  readonly schemaName: SafeIdent;
  readonly node: OutputNode;
}

/** `authentication` on an exposed adapter: what callers must present. */
export type InboundAuth = Exclude<UpstreamAuth, { readonly kind: 'none' } | { readonly kind: 'digest' }> | OAuth2Auth;

/** `AuthOAuth2`: callers present access tokens of an OAuth 2.1 authorization server. */
export interface OAuth2Auth {
  readonly kind: 'oauth2';
  /** `authorizationServerUri` as written: the default of `issuerEnv`. */
  readonly issuer: string;
  /** Environment variable that overrides the issuer (staging, tests). */
  readonly issuerEnv: string;
  /** `resource` as written: the default of `resourceEnv`. */
  readonly resource: string;
  /** Environment variable that overrides the resource (a deployment under another URL). */
  readonly resourceEnv: string;
  /** `audience`; absent: tokens must name the resource (as configured at run time). */
  readonly audience?: string;
  readonly scopes: readonly string[];
  readonly tokenValidation: 'jwks' | 'introspection';
  /** OpenAPI clientCredentials tokenUrl: `tokenEndpoint`, else the issuer (NG2135). */
  readonly tokenUrl: string;
  /** Introspection only: environment variables holding this server's client credentials. */
  readonly client?: { readonly idEnv: string; readonly secretEnv: string };
}

/** `steps` of an orchestrated operation or tool (OperationStepCall, OperationStepLookup). */
export type Step =
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly call: CallTarget;
      readonly args: readonly ArgBinding[];
      /** The consumed operation's output parameters: they shape what the step stores. */
      readonly outputs?: readonly ConsumedOutput[];
    }
  | {
      readonly kind: 'lookup';
      readonly name: string;
      readonly index: string;
      readonly match: string;
      readonly lookupValue: readonly PathStep[];
      /**
       * Absent: `$.step.field`, read from the step outputs. `context`: a `{{name}}` template, read
       * from the caller's inputs and step outputs and compared as its text.
       */
      readonly scope?: 'context';
      readonly fields: readonly string[];
    };

export interface Orchestration {
  readonly steps: readonly Step[];
  /** `mappings`: `targetName` split on dots, filled from a JSONPath over the context. */
  readonly mappings: readonly { readonly target: readonly string[]; readonly path: readonly PathStep[] }[];
}

/** A `forward` resource: requests under the path go to a consumed API as they are. */
export interface RestForward {
  readonly specPath: string;
  /** Express path; the spec's last placeholder becomes the wildcard `*param`. */
  readonly expressPath: string;
  /** Wildcard name; absent when the path has no placeholder (the API's root is the target). */
  readonly param?: string;
  /** `Upstreams.$http` key and namespace of the target API. */
  readonly upstream: string;
  readonly namespace: string;
  readonly trustedHeaders: readonly string[];
}

export interface RestSurface {
  readonly namespace: string;
  readonly port: number;
  /** Ikanos `maxBinarySize`: the limit of binary answers whose operation sets none. */
  readonly maxBinaryBytes?: number;
  readonly auth?: InboundAuth;
  readonly forwards: readonly RestForward[];
  readonly description?: string;
  readonly routes: readonly RestRoute[];
}

/** `field`: a property of the JSON request body. */
export type RestInputLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'field';

export interface RestInput {
  /** Unique key among the route's inputs; `ArgSource.input` refers to it. */
  readonly key: string;
  readonly in: RestInputLocation;
  /** Express param identifier, query name, lower-case header name; unused for `body`. */
  readonly name: string;
  /** Name as written in the spec (path placeholder or `rest.X`), for docs. */
  readonly specName: string;
  readonly type: ValueType;
  readonly required: boolean;
  readonly description?: string;
  /** `ExposedInputParameter.pattern`: a regular expression the text must match. */
  readonly pattern?: string;
  /** `ExposedInputParameter.value` (static): used when the caller sends nothing. */
  readonly defaultValue?: string;
  /** For `field` inputs: where in the JSON body (`value: $.a.b`); default: the field `name`. */
  readonly bodyPath?: readonly string[];
  /** `--openapi`: the schema of what it passes to (a parameter, the body or a body field). */
  readonly schema?: TypedSchema;
}

/** An answer that is the bytes of a binary upstream answer. */
export interface BinaryAnswer {
  /** Media type advertised instead of the upstream's Content-Type. */
  readonly mediaType?: string;
  /** REST only: success status sent instead of the upstream's (`responseBinary.status`). */
  readonly status?: number;
}

/** What a route or tool does when called: one upstream call, a mock answer, or an orchestration. */
export interface Invocation {
  /** Absent for a mock or orchestrated operation. */
  readonly call?: CallTarget;
  readonly args: readonly ArgBinding[];
  /** Absent: the upstream JSON passes through. */
  readonly output?: MappedOutput;
  readonly orchestration?: Orchestration;
  /** Present when the answer is bytes (the call is a binary operation): passed on as they are. */
  readonly binary?: BinaryAnswer;
  /** `--openapi`: the upstream JSON passes through and the matched operation documents it. */
  readonly typedResult?: TypedSchema;
}

export interface RestRoute extends Invocation {
  /** Unique within the surface: the operation name, or derived from method and path. */
  readonly operationId: string;
  /** Ikanos `tags` of the resource, then of the operation (or the flow it refers to), without repeats. */
  readonly tags?: readonly string[];
  readonly method: HttpMethod;
  /** Path as written in the spec, for docs: `/v1/customers/{external-id}` (characters clients percent-encode encoded, NG2153). */
  readonly specPath: string;
  /** Express 5 (path-to-regexp 8) path with escaped literals: `/v1/customers/:externalId`. */
  readonly expressPath: string;
  /** OpenAPI path: `/v1/customers/{externalId}`. */
  readonly openApiPath: string;
  readonly description: string;
  readonly inputs: readonly RestInput[];
  /** Ikanos `responses`, for the OpenAPI document: status -> description and content per media type. */
  readonly responses?: Readonly<Record<string, { readonly description?: string; readonly content: Readonly<Record<string, { readonly binary: boolean; readonly schema?: unknown }>> }>>;
}

/** `McpResource` read through a consumed operation; `{x}` in the URI makes it a template. */
export interface McpResource {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly uri: string;
  readonly mimeType: string;
  /** URI template variables, in order; each is a string input of the call. */
  readonly variables: readonly string[];
  /** Absent for a static resource, whose `text` was read from its `location` at generation time. */
  readonly call?: CallTarget;
  readonly args: readonly ArgBinding[];
  readonly output?: MappedOutput;
  readonly text?: string;
}

/** `McpPrompt`: messages whose `{{argument}}` references are filled from the prompt arguments. */
export interface McpPrompt {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly arguments: readonly { readonly name: string; readonly description?: string; readonly required: boolean }[];
  readonly messages: readonly { readonly role: 'user' | 'assistant'; readonly text: TemplateText }[];
}

export interface McpSurface {
  readonly namespace: string;
  /** `http`: Streamable HTTP at /mcp on `port`; `stdio`: newline JSON-RPC on stdin/stdout. */
  readonly transport: 'http' | 'stdio';
  /** Present exactly when the transport is http. */
  readonly port?: number;
  readonly auth?: InboundAuth;
  readonly description?: string;
  /**
   * Ikanos `ttlMs` / `cacheScope`: the cache hint of list and read results on MCP 2026-07-28
   * (what is unset stays the protocol's conservative default).
   */
  readonly cacheHint?: { readonly ttlMs?: number; readonly cacheScope?: 'public' | 'private' };
  /** Ikanos `maxBinarySize`: the limit of binary answers whose operation sets none. */
  readonly maxBinaryBytes?: number;
  readonly tools: readonly McpTool[];
  readonly resources: readonly McpResource[];
  readonly prompts: readonly McpPrompt[];
}

export interface ToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

export interface ToolInput {
  readonly name: string;
  readonly type: ValueType;
  readonly required: boolean;
  readonly description?: string;
  /** `--openapi`: the schema of what it passes to (a parameter, the body or a body field). */
  readonly schema?: TypedSchema;
}

export interface McpTool extends Invocation {
  readonly name: string;
  /** Ikanos `tags` of the tool (or of the flow it refers to). */
  readonly tags?: readonly string[];
  readonly title?: string;
  readonly description: string;
  readonly annotations: ToolAnnotations;
  readonly inputs: readonly ToolInput[];
  /**
   * `--openapi`, with `typedResult`: how the outputSchema states it. MCP wants an object, so an
   * array answer is `{ result: [...] }` (as runtime/mcp.ts wraps it); other answers get none.
   */
  readonly resultShape?: 'object' | 'wrapped';
  /** With `resultShape`: the exported name of that outputSchema (src/mcp/result-schemas.gen.ts). */
  readonly resultSchemaName?: SafeIdent;
}

/** `ExposesControl`: the management plane on its own port (health, info, metrics). */
export interface ControlSurface {
  readonly port: number;
  /** Default bind address (CONTROL_HOST overrides): the spec's `address`, else loopback. */
  readonly host: string;
  readonly auth?: InboundAuth;
  /** `management.health`: GET /health/live and /health/ready. */
  readonly health: boolean;
  /** `management.info`: GET /status and /config. */
  readonly info: boolean;
  /** `observability.metrics.local`: GET /metrics (Prometheus text). */
  readonly metrics: boolean;
  /** `observability.traces` and `exporters.otlp`: OpenTelemetry settings (the OTEL_* variables override). */
  readonly tracing?: ControlTracing;
}

export interface ControlTracing {
  /** `traces.sampling`: ratio of new traces recorded (parent-based). */
  readonly sampling?: number;
  /** `traces.propagation`: the header format of outgoing calls. */
  readonly propagation: 'w3c' | 'b3';
  /** `traces.local` (enabled by default): GET /traces keeps this many ended spans. */
  readonly recentSpans?: number;
  /** `exporters.otlp.endpoint`: the OTLP/HTTP base URL, used when OTEL_EXPORTER_OTLP_ENDPOINT is unset. */
  readonly otlpEndpoint?: ValueExpr;
}

/** `ExposesSkill`: a read-only catalogue of Agent Skills; it executes nothing. */
export interface SkillSurface {
  readonly namespace: string;
  readonly port: number;
  readonly auth?: InboundAuth;
  readonly description?: string;
  readonly skills: readonly Skill[];
}

/** Agent Skills frontmatter values: text, flags, and the string-to-string `metadata` map. */
export type FrontmatterValue = string | boolean | Readonly<Record<string, string>>;

export interface Skill {
  readonly name: string;
  readonly description: string;
  /** Every frontmatter field the spec sets, name and description first, in schema order. */
  readonly frontmatter: readonly (readonly [string, FrontmatterValue])[];
  readonly tools: readonly SkillTool[];
  /** SKILL.md read from `location` at generation time; absent: rendered from the spec. */
  readonly document?: string;
}

export interface SkillTool {
  readonly name: string;
  readonly description: string;
  readonly invocation: SkillInvocation;
}

/** How an agent uses a skill tool: a sibling adapter's tool or route, or an instruction text. */
export type SkillInvocation =
  | { readonly kind: 'mcp'; readonly namespace: string; readonly tool: string }
  | { readonly kind: 'rest'; readonly namespace: string; readonly method: HttpMethod; readonly path: string }
  | { readonly kind: 'instruction'; readonly file: string; readonly text: string }
  /** Catalogue dialect: neither `from` nor `instruction` (reported); described only. */
  | { readonly kind: 'none' };

/**
 * A JSON Schema from a vendor's OpenAPI document (`--openapi`), resolved to what the generated
 * code can state: plain data, `ref` nodes naming a `NamedSchema` of the project (so recursive
 * schemas stay finite). Where a document says more than this can express, the node is looser
 * (it accepts more), never stricter, and a warning said where.
 */
export type TypedSchema = TypedSchemaMeta &
  (
    | { readonly kind: 'any' }
    | {
        readonly kind: 'string';
        /** `format` as written; the runtime checks the ones it knows (see templates/runtime/formats.ts). */
        readonly format?: string;
        readonly pattern?: string;
        readonly minLength?: number;
        /** Counted in code points, as JSON Schema does. */
        readonly maxLength?: number;
      }
    | {
        readonly kind: 'number';
        readonly integer: boolean;
        readonly format?: string;
        readonly minimum?: number;
        readonly maximum?: number;
        readonly exclusiveMinimum?: number;
        readonly exclusiveMaximum?: number;
        readonly multipleOf?: number;
      }
    | { readonly kind: 'boolean' }
    | { readonly kind: 'null' }
    | { readonly kind: 'enum'; readonly values: readonly (string | number | boolean | null)[] }
    | { readonly kind: 'array'; readonly items: TypedSchema; readonly minItems?: number; readonly maxItems?: number; readonly uniqueItems?: boolean }
    | {
        readonly kind: 'object';
        readonly properties: readonly TypedProperty[];
        /** Other properties: their schema (`any` for an open object), or `none` (additionalProperties: false). */
        readonly additional: TypedSchema | 'none';
        readonly minProperties?: number;
        readonly maxProperties?: number;
      }
    /** anyOf (`exclusive: false`) or oneOf (`exclusive: true`). */
    | { readonly kind: 'union'; readonly exclusive: boolean; readonly options: readonly TypedSchema[]; readonly discriminator?: TypedDiscriminator }
    /** allOf. */
    | { readonly kind: 'intersection'; readonly parts: readonly TypedSchema[] }
    | { readonly kind: 'ref'; readonly name: string }
  );

export interface TypedSchemaMeta {
  readonly description?: string;
  /** `nullable: true` (3.0) or `null` among the types (3.1). */
  readonly nullable?: boolean;
  readonly deprecated?: boolean;
}

export interface TypedProperty {
  readonly name: string;
  readonly schema: TypedSchema;
  readonly required: boolean;
}

/** A oneOf/anyOf `discriminator`: the property whose value says which option applies. */
export interface TypedDiscriminator {
  readonly property: string;
  /** The discriminator values of each option, by option index (several values may name one). */
  readonly values: readonly (readonly string[])[];
}

/** A schema the project names: a `$ref` target of an OpenAPI document, or an operation's body or result. */
export interface NamedSchema {
  /** TypeScript type name; the zod schema is `schemaName`. Unique in the project. */
  readonly name: SafeIdent;
  readonly schemaName: SafeIdent;
  readonly schema: TypedSchema;
  /** Reaches itself through refs: its zod schema is lazy, and JSON Schemas refer to it by name. */
  readonly recursive: boolean;
  /** `file#pointer` it came from, for doc comments. */
  readonly origin: string;
}

/** Which OpenAPI operation a consumed operation was matched to. */
export interface OperationContract {
  /** The OpenAPI document, relative to the working directory. */
  readonly document: string;
  readonly method: string;
  /** The document's path template: `/customers/{external_id}`. */
  readonly path: string;
  readonly operationId?: string;
  /**
   * The 2xx JSON answer the client's result type (and a pass-through's outputs) take; absent
   * when the document describes none (or a 204 only).
   */
  readonly result?: TypedSchema;
}
