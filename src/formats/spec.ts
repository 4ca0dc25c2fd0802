/**
 * The YAML shape of a Naftiko 1.0.0-alpha2 capability (and the alpha1 subset), as zod schemas.
 * Shape only: what the fields mean is decided in src/model. The catalogue-dialect fields that
 * the official schema forbids but real files carry (consumed parameter `type`/`required`/
 * `description`, REST adapter `description`) are accepted here and reported by dialect.ts.
 * `$defs` names of capability-schema-1.0.0-alpha2.json are cited on each schema.
 *
 * Ikanos documents are read into this same shape (src/formats/ikanos/ turns keyed maps into
 * lists with `name`), so the fields Ikanos added are here too, marked "Ikanos"; the alpha2
 * reader reports them as unknown keys in naftiko documents (src/formats/alpha2.ts).
 */
import * as z from 'zod';

/** Every key any object of the format may have: candidates for "did you mean" on unknown keys. */
export const KNOWN_KEYS = new Set<string>();

const obj = <S extends z.ZodRawShape>(shape: S) => {
  Object.keys(shape).forEach((k) => KNOWN_KEYS.add(k));
  return z.strictObject(shape);
};

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const PARAM_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;
export const SUPPORTED_VERSIONS = ['1.0.0-alpha2', '1.0.0-alpha1'] as const;
/** Every released `ikanos:` version, and main's 1.0.0-beta5 (its schema differs from beta4 only in the const). */
export const IKANOS_VERSIONS = ['1.0.0-alpha3', '1.0.0-alpha4', '1.0.0-beta1', '1.0.0-beta2', '1.0.0-beta3', '1.0.0-beta4', '1.0.0-beta5'] as const;
export type IkanosVersion = (typeof IKANOS_VERSIONS)[number];

/** `IdentifierKebab`; the pattern itself is checked by dialect rules, not here. */
const Name = z.string().min(1);
const Text = z.string();
const Method = z.enum(METHODS);
const ParamType = z.enum(PARAM_TYPES);
/** Ikanos `tags` on resources, operations, tools and flows. */
const Tags = z.array(Text);
/** Ikanos `BinarySize`: `512KiB`, `5MiB`, `1.5GiB`. */
export const BINARY_SIZE = /^\d+(\.\d+)?(B|KiB|MiB|GiB)$/;
const BinarySize = z.string().regex(BINARY_SIZE, 'a size like 512KiB, 5MiB or 1GiB');

/** `Info` */
export const SpecInfo = obj({
  label: Text.optional(),
  description: Text.optional(),
  tags: z.array(Text).optional(),
  /** Ikanos (beta4): the capability's own version. */
  version: Text.optional(),
  created: Text.optional(),
  modified: Text.optional(),
  stakeholders: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** `Binding` */
export const SpecBinding = obj({
  namespace: Name,
  description: Text.optional(),
  location: Text.optional(),
  keys: z.record(z.string(), z.string()),
});

const AuthBearer = obj({ type: z.literal('bearer'), token: Text });
const AuthBasic = obj({ type: z.literal('basic'), username: Text, password: Text });
const AuthDigest = obj({ type: z.literal('digest'), username: Text, password: Text });
/** Only `type` is required by the schema; the model rejects a key without name or value. */
const AuthApiKey = obj({ type: z.literal('apikey'), key: Text.optional(), value: Text.optional(), placement: z.enum(['header', 'query']).optional() });

/** `Authentication` (oneOf by `type`) */
export const SpecAuth = z.discriminatedUnion('type', [AuthBearer, AuthBasic, AuthDigest, AuthApiKey, z.looseObject({ type: z.literal('oauth2') })]);

/** `AuthOAuth2`: resource-server validation of callers' access tokens (exposed adapters only). */
export const SpecOAuth2 = obj({
  type: z.literal('oauth2'),
  authorizationServerUri: Text,
  resource: Text,
  scopes: z.array(Text).optional(),
  audience: Text.optional(),
  tokenEndpoint: Text.optional(),
  tokenValidation: z.enum(['jwks', 'introspection']).optional(),
});

/**
 * `Authentication` on an exposed adapter: oauth2 checked field by field. Consumed APIs keep the
 * loose form above, whose oauth2 is reported as unsupported whatever its fields.
 */
export const SpecInboundAuth = z.discriminatedUnion('type', [AuthBearer, AuthBasic, AuthDigest, AuthApiKey, SpecOAuth2]);

/** `ConsumedInputParameter` plus the dialect's type/description/required. */
export const SpecConsumedParam = obj({
  /** An empty name is the catalogue's way of losing a parameter; dialect.ts reports it. */
  name: Text,
  in: z.enum(['query', 'header', 'path', 'cookie', 'body', 'environment']),
  value: z.union([Text, z.number(), z.boolean()]).optional(),
  type: ParamType.optional(),
  description: Text.optional(),
  required: z.boolean().optional(),
});

/**
 * `ConsumedOutputParameter`. Only orchestration reads these; the catalogue writes `mapping` for
 * `value` and omits fields, so the shape is loose here and checked where it is used.
 */
export const SpecConsumedOutput = z.looseObject({
  name: Text.optional(),
  type: Text.optional(),
  value: Text.optional(),
});

/** `ConsumedHttpOperation` */
export const SpecConsumedOperation = obj({
  /** Required officially; the catalogue sometimes writes `id` instead (dialect). */
  name: Name.optional(),
  id: Name.optional(),
  /** Catalogue dialect: a per-operation path replacing the resource path. */
  path: Text.optional(),
  label: Text.optional(),
  description: Text.optional(),
  method: Method.default('GET'),
  inputParameters: z.array(SpecConsumedParam).optional(),
  /** `binary` is Ikanos (beta1). */
  outputRawFormat: z
    .enum(['json', 'xml', 'avro', 'protobuf', 'csv', 'tsv', 'psv', 'yaml', 'html', 'markdown', 'binary'])
    .optional(),
  outputSchema: Text.optional(),
  /** Ikanos. */
  tags: Tags.optional(),
  /** Ikanos (beta1): the media type of a binary answer. */
  outputMediaType: Text.optional(),
  /** Ikanos (beta1): the largest binary answer accepted. */
  maxBinarySize: BinarySize.optional(),
  outputParameters: z.array(SpecConsumedOutput).optional(),
  body: z.unknown().optional(),
});

/** `ConsumedHttpResource` */
export const SpecConsumedResource = obj({
  name: Name,
  label: Text.optional(),
  description: Text.optional(),
  /** Ikanos. */
  tags: Tags.optional(),
  path: Text,
  inputParameters: z.array(SpecConsumedParam).optional(),
  operations: z.array(SpecConsumedOperation).min(1),
});

/** `ConsumesHttp` */
export const SpecConsumesHttp = obj({
  type: z.literal('http'),
  namespace: Name,
  description: Text.optional(),
  baseUri: Text,
  inputParameters: z.array(SpecConsumedParam).optional(),
  authentication: SpecAuth.optional(),
  /** Ikanos `TunnelZiti`: an OpenZiti overlay, which a generated service cannot join (reported). */
  tunnel: obj({ type: z.literal('ziti'), service: Text, identity: Text, fallback: z.enum(['fail', 'direct']).optional() }).optional(),
  /** Optional in the schema (a consumes used only by `forward` has none). */
  resources: z.array(SpecConsumedResource).default([]),
});

/** `ImportedConsumesHttp` */
export const SpecImportedConsumes = obj({
  location: Text,
  import: Name,
  as: Name.optional(),
  description: Text.optional(),
});

export const SpecConsumes = z.union([SpecConsumesHttp, SpecImportedConsumes]);

const WithScalar = z.union([Text, z.number(), z.boolean()]);

/**
 * `WithInjector`: consumed parameter name -> caller input reference or literal. A list of scalars
 * (not in the official schema) is sent as several values of a query, header or cookie parameter.
 */
export const SpecWith = z.record(z.string(), z.union([WithScalar, z.array(WithScalar)]));

/** `ExposedInputParameter` (type/description are required officially; tolerated when absent). */
export const SpecExposedParam = obj({
  name: Name,
  in: z.enum(['query', 'header', 'path', 'cookie', 'body']),
  type: ParamType.optional(),
  description: Text.optional(),
  pattern: Text.optional(),
  value: Text.optional(),
  required: z.boolean().optional(),
});

/** `MappedOutputParameter`, kept loose: mapping shapes are checked in the model. */
export const SpecOutput = z.looseObject({ type: z.string().optional(), name: Text.optional() });

/** Ikanos `ExposedOperation.responses`: content per status (`200`, `4XX`) and media type. */
export const SpecResponses = z.record(
  z.string().regex(/^[1-5][0-9X]{2}$/, 'a status like 200 or 4XX'),
  obj({
    description: Text.optional(),
    content: z.record(z.string(), obj({ binary: z.boolean().optional(), schema: z.record(z.string(), z.unknown()).optional() })).optional(),
  }),
);

/** Ikanos `ExposedOperation.responseBinary`: the answer is the bytes of a binary upstream answer. */
export const SpecResponseBinary = obj({ status: z.number().int().min(100).max(599).optional(), mediaType: Text, description: Text.optional() });

/** `ExposedOperation` */
export const SpecExposedOperation = obj({
  name: Name.optional(),
  label: Text.optional(),
  /** Ikanos. */
  tags: Tags.optional(),
  /** Ikanos (beta1); not together with `responseBinary`. */
  responses: SpecResponses.optional(),
  responseBinary: SpecResponseBinary.optional(),
  description: Text.optional(),
  method: Method.default('GET'),
  inputParameters: z.array(SpecExposedParam).optional(),
  ref: Text.optional(),
  call: Text.optional(),
  with: SpecWith.optional(),
  outputParameters: z.array(SpecOutput).optional(),
  steps: z.array(z.unknown()).optional(),
  mappings: z.array(z.unknown()).optional(),
});

/** `ExposedResource` */
export const SpecExposedResource = obj({
  path: Text,
  name: Name.optional(),
  label: Text.optional(),
  /** Ikanos. */
  tags: Tags.optional(),
  description: Text.optional(),
  inputParameters: z.array(SpecExposedParam).optional(),
  operations: z.array(SpecExposedOperation).optional(),
  /** `ForwardConfig` */
  forward: obj({ targetNamespace: Name, trustedHeaders: z.array(Text).optional() }).optional(),
});

const Port = z.number().int().min(1).max(65535);

/** `ExposesRest` plus the dialect's description. */
export const SpecExposesRest = obj({
  type: z.literal('rest'),
  namespace: Name,
  port: Port,
  address: Text.optional(),
  description: Text.optional(),
  authentication: SpecInboundAuth.optional(),
  /** Ikanos (beta1). */
  maxBinarySize: BinarySize.optional(),
  resources: z.array(SpecExposedResource).optional(),
});

/** `McpToolHints` */
export const SpecHints = obj({
  readOnly: z.boolean().optional(),
  destructive: z.boolean().optional(),
  idempotent: z.boolean().optional(),
  openWorld: z.boolean().optional(),
});

/** `McpToolInputParameter` */
export const SpecToolParam = obj({
  name: Name,
  type: ParamType.optional(),
  description: Text.optional(),
  required: z.boolean().optional(),
});

/** `McpTool` */
export const SpecTool = obj({
  /** Required unless the tool inherits it through `ref`. */
  name: Name.optional(),
  label: Text.optional(),
  /** Ikanos. */
  tags: Tags.optional(),
  description: Text.optional(),
  inputParameters: z.array(SpecToolParam).optional(),
  ref: Text.optional(),
  call: Text.optional(),
  with: SpecWith.optional(),
  steps: z.array(z.unknown()).optional(),
  mappings: z.array(z.unknown()).optional(),
  hints: SpecHints.optional(),
  outputParameters: z.array(SpecOutput).optional(),
});

/** `McpResource`: data agents read, from a call (or a file location, not generated). */
export const SpecMcpResource = obj({
  name: Name,
  label: Text.optional(),
  uri: Text,
  description: Text.optional(),
  mimeType: Text.optional(),
  /** Ikanos (beta1): the content is bytes (MCP blob contents). */
  binary: z.boolean().optional(),
  call: Text.optional(),
  with: SpecWith.optional(),
  steps: z.array(z.unknown()).optional(),
  mappings: z.array(z.unknown()).optional(),
  outputParameters: z.array(SpecOutput).optional(),
  location: Text.optional(),
});

/** `McpPrompt` with `McpPromptArgument`s and `McpPromptMessage` templates. */
export const SpecMcpPrompt = obj({
  name: Name,
  label: Text.optional(),
  description: Text.optional(),
  arguments: z.array(obj({ name: Name, label: Text.optional(), description: Text.optional(), required: z.boolean().optional() })).optional(),
  template: z.array(obj({ role: z.enum(['user', 'assistant']), content: Text })).optional(),
  location: Text.optional(),
});

/** `ExposesMcp` */
export const SpecExposesMcp = obj({
  type: z.literal('mcp'),
  namespace: Name,
  transport: z.enum(['http', 'stdio']).default('http'),
  port: Port.optional(),
  address: Text.optional(),
  description: Text.optional(),
  authentication: SpecInboundAuth.optional(),
  /** Ikanos (beta1). */
  maxBinarySize: BinarySize.optional(),
  /** Ikanos (beta4): cache hints on list and read results. */
  ttlMs: z.number().int().optional(),
  cacheScope: z.enum(['public', 'private']).optional(),
  tools: z.array(SpecTool).optional(),
  resources: z.array(SpecMcpResource).optional(),
  prompts: z.array(SpecMcpPrompt).optional(),
});

/** `SkillTool`: exactly one of `from` and `instruction` officially; the model reports neither. */
export const SpecSkillTool = obj({
  name: Name,
  description: Text.optional(),
  from: obj({ sourceNamespace: Name, action: Name }).optional(),
  instruction: Text.optional(),
});

/** `ExposedSkill`: Agent Skills frontmatter plus its tools. */
export const SpecSkill = obj({
  name: Name,
  description: Text.optional(),
  license: Text.optional(),
  compatibility: Text.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  'allowed-tools': Text.optional(),
  'argument-hint': Text.optional(),
  'user-invocable': z.boolean().optional(),
  'disable-model-invocation': z.boolean().optional(),
  location: Text.optional(),
  tools: z.array(SpecSkillTool).optional(),
});

/**
 * `ExposesSkill`. `port` and `skills` are required officially; catalogue files omit them (or write
 * `tools`/`groups` instead), so the model reports and skips such an adapter rather than the file.
 */
export const SpecExposesSkill = obj({
  type: z.literal('skill'),
  namespace: Name,
  port: Port.optional(),
  address: Text.optional(),
  description: Text.optional(),
  authentication: SpecAuth.optional(),
  skills: z.array(SpecSkill).optional(),
});

const Language = z.enum(['javascript', 'python', 'groovy']);
const LocalEndpoint = obj({ enabled: z.boolean().optional() });

/** `ExposesControl` with `ControlManagementSpec` and `ObservabilitySpec`. */
export const SpecExposesControl = obj({
  type: z.literal('control'),
  port: Port,
  address: Text.optional(),
  authentication: SpecAuth.optional(),
  management: obj({
    health: z.boolean().optional(),
    info: z.boolean().optional(),
    reload: z.boolean().optional(),
    validate: z.boolean().optional(),
    logs: z
      .union([
        z.boolean(),
        obj({ 'level-control': z.boolean().optional(), stream: z.boolean().optional(), 'max-subscribers': z.number().int().min(1).max(20).optional() }),
      ])
      .optional(),
    scripting: obj({
      enabled: z.boolean().optional(),
      defaultLocation: Text.optional(),
      defaultLanguage: Language.optional(),
      timeout: z.number().int().min(1).optional(),
      statementLimit: z.number().int().min(1).optional(),
      allowedLanguages: z.array(Language).optional(),
    }).optional(),
  }).optional(),
  observability: obj({
    enabled: z.boolean().optional(),
    metrics: obj({ local: LocalEndpoint.optional() }).optional(),
    traces: obj({
      sampling: z.number().min(0).max(1).optional(),
      propagation: z.enum(['w3c', 'b3']).optional(),
      local: obj({ enabled: z.boolean().optional(), 'buffer-size': z.number().int().min(10).max(10000).optional() }).optional(),
    }).optional(),
    exporters: obj({ otlp: obj({ endpoint: Text }).optional() }).optional(),
  }).optional(),
});

export const SpecExposes = z.discriminatedUnion('type', [SpecExposesRest, SpecExposesMcp, SpecExposesSkill, SpecExposesControl]);

/** `Semantics` of an aggregate function, mapped to MCP hints. */
export const SpecSemantics = obj({
  safe: z.boolean().optional(),
  idempotent: z.boolean().optional(),
  cacheable: z.boolean().optional(),
});

/** `AggregateFunction`: defined once, referenced by tools and operations with `ref`. */
export const SpecFunction = obj({
  name: Name,
  description: Text.optional(),
  /** Ikanos (flows). */
  tags: Tags.optional(),
  /** Ikanos (beta1). */
  outputMediaType: Text.optional(),
  semantics: SpecSemantics.optional(),
  inputParameters: z.array(SpecToolParam).optional(),
  call: Text.optional(),
  with: SpecWith.optional(),
  steps: z.array(z.unknown()).optional(),
  mappings: z.array(z.unknown()).optional(),
  outputParameters: z.array(SpecOutput).optional(),
});

/** `Aggregate` */
export const SpecAggregate = obj({
  label: Text.optional(),
  namespace: Name,
  description: Text.optional(),
  functions: z.array(SpecFunction).min(1),
});

/** `Capability` */
export const SpecCapability = obj({
  binds: z.array(SpecBinding).optional(),
  exposes: z.array(SpecExposes).optional(),
  consumes: z.array(SpecConsumes).optional(),
  aggregates: z.array(SpecAggregate).optional(),
});

/**
 * The root document: a capability, or a shared consumes file that capabilities import. Ikanos
 * documents say `ikanos` instead of `naftiko`, and may also be shared `exposes` or `aggregates` files.
 */
export const SpecDocument = obj({
  naftiko: z.enum(SUPPORTED_VERSIONS).optional(),
  ikanos: z.enum(IKANOS_VERSIONS).optional(),
  info: SpecInfo.optional(),
  binds: z.array(SpecBinding).optional(),
  capability: SpecCapability.optional(),
  consumes: z.array(SpecConsumes).optional(),
  /** Ikanos shared files. */
  exposes: z.array(SpecExposes).optional(),
  aggregates: z.array(SpecAggregate).optional(),
});

export type Spec = z.output<typeof SpecDocument>;
export type SpecConsumesHttpT = z.output<typeof SpecConsumesHttp>;
export type SpecConsumedParamT = z.output<typeof SpecConsumedParam>;
export type SpecConsumedOperationT = z.output<typeof SpecConsumedOperation>;
export type SpecExposesRestT = z.output<typeof SpecExposesRest>;
export type SpecExposesMcpT = z.output<typeof SpecExposesMcp>;
export type SpecExposesSkillT = z.output<typeof SpecExposesSkill>;
export type SpecExposesControlT = z.output<typeof SpecExposesControl>;
export type SpecExposedOperationT = z.output<typeof SpecExposedOperation>;
export type SpecToolT = z.output<typeof SpecTool>;
export type SpecAuthT = z.output<typeof SpecAuth>;
export type SpecInboundAuthT = z.output<typeof SpecInboundAuth>;
export type SpecOAuth2T = z.output<typeof SpecOAuth2>;
export type SpecWithT = z.output<typeof SpecWith>;
export type SpecAggregateT = z.output<typeof SpecAggregate>;
export type SpecFunctionT = z.output<typeof SpecFunction>;
