/**
 * Sample values for the generated tests: what a caller sends for each input, and what the service
 * makes of it on the way to the upstream (coercions, conversions, text splicing), stated here from
 * the model, independently of the generated code that the tests check.
 */
import type { ArgBinding, Conversion, RestInput, TemplateText, ToolInput, ValueType } from '../../model/types.js';

/** Tried in turn against a `pattern`: the likeliest shapes of identifiers and codes. */
const PATTERN_CANDIDATES = ['sample', 'Sample', 'SAMPLE', 'abc', '1', '7', '123', '1234567', 'a1', 'A1', 'abc-123', 'ABC123', 'x_1', '2026-01-02', '2026-01-02T03:04:05Z', 'USD', 'en', 'en-US', 'someone@example.com', 'https://example.com/x', '00000000-0000-4000-8000-000000000001'];

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
export function restSample(input: RestInput, index: number): RestSample | { readonly unsupported: string } {
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

function textSample(input: RestInput, index: number): string | { readonly unsupported: string } {
  const plain = input.in === 'path' ? `${input.specName} ${index}/é` : input.in === 'query' ? `${input.specName} ${index}&x` : visibleAscii(`${input.specName}-${index}`);
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

export function toolSample(input: ToolInput, index: number): unknown {
  return jsonSample(input.type, input.name, index);
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
