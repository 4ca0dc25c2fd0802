/**
 * Sample values for the generated tests: what a caller sends for each input, and what the service
 * makes of it on the way to the upstream (coercions, conversions, text splicing), stated here from
 * the model, independently of the generated code that the tests check.
 */
import { checkedAsText, type SchemaLookup } from '../../model/typed-schemas.js';
import type { ArgBinding, Conversion, RestInput, TemplateText, ToolInput, ValueType } from '../../model/types.js';
import { PATTERN_CANDIDATES, schemaSample } from './schema-sample.js';


/** A caller's sample for one REST input: what goes on the wire, and the value the route reads. */
export interface RestSample {
  /** Path, query, header and cookie values as text (a query array as several values); a body or field as JSON. */
  readonly wire: string | readonly string[] | unknown;
  /** The value after the route's schema: coerced to the declared type. */
  readonly value: unknown;
}

/**
 * A sample for a REST input, or a reason there is none. Path values carry a space, a slash and a
 * non-ASCII letter, query values an ampersand, so the tests see each one encoded on the way.
 */
export function restSample(input: RestInput, index: number, lookup: SchemaLookup): RestSample | { readonly unsupported: string } {
  if (input.schema) {
    const typed = typedRestSample(input, index, lookup);
    if (typed) return typed;
  }
  if (input.in === 'body' || input.in === 'field') {
    const value = jsonSample(input.type, input.name, index);
    if (input.pattern !== undefined && typeof value === 'string') return patterned(input, value);
    // express.json reads only objects and arrays as a whole body.
    if (input.in === 'body' && (value === null || typeof value !== 'object')) return { unsupported: `a ${input.type} request body cannot be sent as JSON` };
    return { wire: value, value };
  }
  const text = textSample(input, index);
  if (typeof text !== 'string') return text;
  switch (input.type) {
    case 'integer':
      return { wire: '7', value: 7 };
    case 'number':
      return { wire: '2.5', value: 2.5 };
    case 'boolean':
      return { wire: 'true', value: true };
    case 'array':
      return input.in === 'query' ? { wire: [text, 'b-2'], value: [text, 'b-2'] } : { wire: text, value: [text] };
    default:
      return { wire: text, value: text };
  }
}

/**
 * `--openapi`: a value the route's schema of the vendor's document accepts (undefined where the
 * route checks the text as a plain string: objects and unions in a path, query or header).
 */
function typedRestSample(input: RestInput, index: number, lookup: SchemaLookup): RestSample | { readonly unsupported: string } | undefined {
  const json = input.in === 'body' || input.in === 'field';
  if (!json && !checkedAsText(input.schema!, lookup)) return undefined;
  const plain = json ? `${input.name} ${index}` : plainText(input, index);
  const sample = schemaSample(input.schema!, { lookup, plain, ...(input.pattern !== undefined ? { pattern: input.pattern } : {}) });
  if ('unsupported' in sample) return sample;
  const value = sample.value;
  if (json) {
    if (input.in === 'body' && (value === null || typeof value !== 'object')) return { unsupported: 'a request body that is not an object or array cannot be sent as JSON' };
    return { wire: value, value };
  }
  if (Array.isArray(value)) return { wire: input.in === 'query' ? value.map(String) : String(value[0]), value: input.in === 'query' ? value : value.slice(0, 1) };
  return { wire: String(value), value };
}

function plainText(input: RestInput, index: number): string {
  return input.in === 'path' ? `${input.specName} ${index}/é` : input.in === 'query' ? `${input.specName} ${index}&x` : visibleAscii(`${input.specName}-${index}`);
}

function textSample(input: RestInput, index: number): string | { readonly unsupported: string } {
  const plain = plainText(input, index);
  // The route's schema applies a pattern to text types only.
  if (input.pattern === undefined || !['string', 'any', 'object'].includes(input.type)) return plain;
  const found = patterned(input, plain);
  return 'unsupported' in found ? found : (found.value as string);
}

/** Header and cookie values keep to visible ASCII, whatever the spec's names hold. */
function visibleAscii(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, '-');
}

function patterned(input: RestInput, plain: string): RestSample | { readonly unsupported: string } {
  let pattern: RegExp;
  try {
    pattern = new RegExp(input.pattern!);
  } catch {
    return { unsupported: `its pattern /${input.pattern}/ is not a JavaScript regular expression` };
  }
  const found = [plain, ...PATTERN_CANDIDATES].find((c) => pattern.test(c));
  return found === undefined ? { unsupported: `no sample value matches /${input.pattern}/` } : { wire: found, value: found };
}

/** A JSON value of a declared type (MCP arguments, JSON body fields). */
export function jsonSample(type: ValueType, name: string, index: number): unknown {
  switch (type) {
    case 'string':
      return `${name} ${index}`;
    case 'integer':
      return 7;
    case 'number':
      return 2.5;
    case 'boolean':
      return true;
    case 'array':
      return [`${name}-a`, `${name}-b`];
    case 'object':
      return { sample: `${name}-${index}`, n: index };
    case 'any':
      return `${name}-${index}`;
  }
}

/** A tool argument: with `--openapi`, one its schema accepts (or the reason there is none). */
export function toolSample(input: ToolInput, index: number, lookup: SchemaLookup): { readonly value: unknown } | { readonly unsupported: string } {
  if (input.schema) return schemaSample(input.schema, { lookup, plain: `${input.name} ${index}` });
  return { value: jsonSample(input.type, input.name, index) };
}

/** A value spliced into text: absent is empty, objects are JSON, the rest their string form. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** What a binding's conversion makes of a value (absent stays absent). */
export function convert(value: unknown, conversion: Conversion | undefined): unknown {
  if (conversion === undefined || value === undefined || value === null) return value === null ? undefined : value;
  switch (conversion) {
    case 'array':
      return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'number' || typeof item === 'boolean' ? item : asText(item)));
    case 'text':
      return asText(value);
    case 'number': {
      const n = value === '' ? NaN : Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' || value === '1' || value === 1;
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  }
}

/** The upstream operation's input object a call builds from the caller's values. */
export function bindArgs(args: readonly ArgBinding[], callerValue: (key: string) => unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const a of args) {
    if (a.source.kind === 'literal') input[a.target] = a.source.value;
    else if (a.source.kind === 'input') input[a.target] = convert(callerValue(a.source.input), a.source.convert);
  }
  return input;
}

/** A template's text: literal parts, environment values, the operation's inputs as text. */
export function templateText(text: TemplateText, env: (name: string) => string, input: Readonly<Record<string, unknown>>): string {
  return text.map((p) => (p.kind === 'text' ? p.text : p.kind === 'env' ? env(p.name) : asText(input[p.name]))).join('');
}
