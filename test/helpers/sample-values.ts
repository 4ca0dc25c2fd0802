/**
 * A valid value for a simple JSON Schema (OpenAPI parameter and body schemas, MCP tool input
 * schemas): enums, consts, formats and patterns are honoured; objects get their required
 * properties, or every property on request. A schema it cannot satisfy throws, so a run test never sends a value it knows is wrong.
 */
export type JsonSchema = {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly minLength?: number;
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
};

const FORMATS: Record<string, string> = {
  date: '2026-01-02',
  'date-time': '2026-01-02T03:04:05Z',
  email: 'someone@example.com',
  uri: 'https://example.com/x',
  uuid: '00000000-0000-4000-8000-000000000001',
};

/** Candidates tried against a `pattern`, from the likeliest shapes of identifiers and codes. */
const PATTERN_CANDIDATES = ['sample', 'Sample', 'SAMPLE', '1', '1234567', 'a1', 'A1', 'abc-123', 'IMO1234567', 'IMO-1234567', '2026-01-02'];

export function sampleValue(schema: JsonSchema, name = 'value'): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (choice) return sampleValue(choice, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return [sampleValue(schema.items ?? { type: 'string' }, name)];
    case 'object':
      return sampleObject(schema);
    default:
      return sampleString(schema, name);
  }
}

/**
 * An object with each required property (the smallest valid call), or with every declared one
 * (`every`: the fullest call, so optional inputs are wired too).
 */
export function sampleObject(schema: JsonSchema, every = false): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const keys = every ? Object.keys(properties) : (schema.required ?? []);
  return Object.fromEntries(keys.map((key) => [key, sampleValue(properties[key] ?? {}, key)]));
}

function sampleString(schema: JsonSchema, name: string): string {
  if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format]!;
  const plain = `${name}-1`.padEnd(schema.minLength ?? 0, 'x');
  if (!schema.pattern) return plain;
  const pattern = new RegExp(schema.pattern, 'u');
  const found = [plain, ...PATTERN_CANDIDATES].find((c) => pattern.test(c));
  if (found === undefined) throw new Error(`no sample value for ${name} matches /${schema.pattern}/`);
  return found;
}
