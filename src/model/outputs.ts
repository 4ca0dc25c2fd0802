/**
 * `outputParameters` of exposed operations and tools (MappedOutputParameter / MockOutputParameter)
 * -> an OutputNode, from which the emitter writes a typed mapper. `{type: object, mapping: $.}` (and
 * no outputs at all) pass the upstream JSON through (format.md Part A rule 6).
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import { suggest } from '../util/names.js';
import { parseJsonPath } from './jsonpath.js';
import { affixed, camelCase, pascalCase, Uniquer } from './naming.js';
import type { ConsumedOutput, MappedOutput, OutputNode, OutputScalarType, PathStep } from './types.js';

type SpecOutput = Readonly<Record<string, unknown>>;

/** undefined: pass through. null: an error was reported. */
export function resolveOutputs(outputs: readonly SpecOutput[] | undefined, at: SpecPath, reporter: Reporter): OutputNode | undefined | null {
  if (!outputs || outputs.length === 0) return undefined;
  if (!outputs.map((o, i) => knownTypes(o, [...at, i], reporter)).every(Boolean)) return null;
  if (outputs.length === 1 && isPassThrough(outputs[0]!)) return undefined;
  const named = outputs.every((o) => typeof o.name === 'string' && o.name !== '');
  if (outputs.length > 1 && named) {
    const properties = outputs.map((o, i) => [o.name as string, outputNode(o, [...at, i], reporter)] as const);
    return properties.some(([, n]) => n === null) ? null : { kind: 'object', path: [], properties: properties as [string, OutputNode][] };
  }
  return outputNode(outputs[0]!, [...at, 0], reporter);
}

/**
 * A consumed operation's `outputParameters`, read as the engine's OutputParameterDeserializer reads
 * them: a named `value` starting with `$` (the ConsumedOutputParameter form) is a JSONPath, any
 * other `value` is static text, `items` may be a one-element list. undefined: none; null: an
 * error was reported.
 */
export function resolveConsumedOutputs(outputs: readonly SpecOutput[] | undefined, at: SpecPath, reporter: Reporter): ConsumedOutput[] | undefined | null {
  if (!outputs || outputs.length === 0) return undefined;
  const resolved = outputs.map((o, i) => consumedOutput(o, [...at, i], reporter));
  return resolved.some((o) => o === null) ? null : (resolved as ConsumedOutput[]);
}

function consumedOutput(o: SpecOutput, at: SpecPath, reporter: Reporter): ConsumedOutput | null {
  const name = typeof o.name === 'string' && o.name !== '' ? o.name : undefined;
  const mappingValue = name !== undefined && typeof o.value === 'string' && o.value.trim().startsWith('$') && o.mapping === undefined;
  const mapping = typeof o.mapping === 'string' ? o.mapping : mappingValue ? (o.value as string) : undefined;
  const path = mapping === undefined ? undefined : parseJsonPath(mapping, [...at, o.mapping === undefined ? 'value' : 'mapping'], reporter);
  if (path === null) return null;
  const items = Array.isArray(o.items) ? o.items[0] : o.items;
  const item = isRecord(items) ? consumedOutput(items, [...at, 'items'], reporter) : undefined;
  // A property is named by its key after it is read, so its own `name` alone decides what `value` is.
  const property = ([key, p]: [string, unknown]) => {
    const read = isRecord(p) ? consumedOutput(p, [...at, 'properties', key], reporter) : {};
    return read && { ...read, name: read.name ?? key };
  };
  const properties = isRecord(o.properties) ? Object.entries(o.properties).map(property) : undefined;
  if (item === null || properties?.some((p) => p === null)) return null;
  return {
    ...(name !== undefined ? { name } : {}),
    ...(typeof o.type === 'string' ? { type: o.type } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(typeof o.value === 'string' && !mappingValue ? { text: o.value } : {}),
    ...(properties ? { properties: properties as ConsumedOutput[] } : {}),
    ...(item ? { items: item } : {}),
  };
}

/** Whether these outputs can answer without an upstream (a mock: values and constants only). */
export function isMock(outputs: readonly SpecOutput[] | undefined): boolean {
  return !!outputs?.length && outputs.every(hasStaticValue);
}

function hasStaticValue(o: SpecOutput): boolean {
  if (o.const !== undefined || typeof o.value === 'string') return true;
  if (isRecord(o.properties)) return Object.values(o.properties).every((p) => isRecord(p) && hasStaticValue(p));
  return isRecord(o.items) && hasStaticValue(o.items);
}

function isPassThrough(o: SpecOutput): boolean {
  return (
    (o.type === 'object' || o.type === 'array' || o.type === undefined) &&
    (o.mapping === undefined || o.mapping === '$' || o.mapping === '$.') &&
    o.properties === undefined && o.items === undefined && o.value === undefined && o.const === undefined
  );
}

function outputNode(o: SpecOutput, at: SpecPath, reporter: Reporter): OutputNode | null {
  if (o.const !== undefined) return { kind: 'const', value: o.const };
  if (typeof o.value === 'string') return valueNode(o.value, scalarType(o.type), [...at, 'value'], reporter);
  const path = typeof o.mapping === 'string' ? parseJsonPath(o.mapping, [...at, 'mapping'], reporter) : [];
  if (path === null) return null;
  if (isRecord(o.properties)) {
    const entries = Object.entries(o.properties).map(([name, child]) => [name, isRecord(child) ? outputNode(child, [...at, 'properties', name], reporter) : null] as const);
    if (entries.some(([, n]) => n === null)) return null;
    return { kind: 'object', path, properties: entries as [string, OutputNode][] };
  }
  if (o.type === 'array') {
    const items = isRecord(o.items) ? outputNode(o.items, [...at, 'items'], reporter) : undefined;
    if (items === null) return null;
    return { kind: 'array', path, ...(items ? { items } : {}) };
  }
  return { kind: 'path', path, type: scalarType(o.type) };
}

/** The official `type` values of an output, and the catalogue's `integer` (read as any JSON value, as before). */
const OUTPUT_TYPES = ['string', 'number', 'boolean', 'object', 'array'];

/**
 * Whether every `type` in an output and its properties and items is one the generator knows: an
 * unknown one is an error (NG1003), not a value passed through untyped with its mapping ignored.
 */
function knownTypes(o: SpecOutput, at: SpecPath, reporter: Reporter): boolean {
  let ok = true;
  if (o.type !== undefined && o.type !== 'integer' && !OUTPUT_TYPES.includes(o.type as string)) {
    const value = String(o.type);
    reporter.at('NG1003', [...at, 'type'], { value, allowed: OUTPUT_TYPES, suggestion: suggest(value, OUTPUT_TYPES) });
    ok = false;
  }
  if (isRecord(o.properties)) {
    for (const [name, child] of Object.entries(o.properties)) if (isRecord(child) && !knownTypes(child, [...at, 'properties', name], reporter)) ok = false;
  }
  if (isRecord(o.items) && !knownTypes(o.items, [...at, 'items'], reporter)) ok = false;
  return ok;
}

/** The declared type of a JSONPath read; `array` never gets here (it becomes an array node). */
function scalarType(type: unknown): OutputScalarType {
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object' ? type : 'any';
}

/**
 * Names of the generated type, mapper and schema of each mapped output in one generated module
 * (one per surface), derived from the route's operationId or the tool's / resource's name.
 */
export class OutputNamer {
  private readonly types = new Uniquer();

  name(label: string, node: OutputNode): MappedOutput {
    const typeName = this.types.claimIdent(affixed('', pascalCase(label), 'Output'));
    // Derived one-to-one from a unique type name, so these are unique too.
    return { typeName, mapperName: affixed('map', typeName, ''), schemaName: affixed('', camelCase(typeName), 'Schema'), node };
  }
}

/** A `value`: a JSONPath, or text with `{{$.path}}` / `{{input}}` references, else a constant. */
function valueNode(value: string, type: OutputScalarType, at: SpecPath, reporter: Reporter): OutputNode | null {
  if (value.startsWith('$')) {
    const path = parseJsonPath(value, at, reporter);
    return path === null ? null : { kind: 'path', path, type };
  }
  const parts: ({ text: string } | { path: PathStep[] })[] = [];
  let last = 0;
  for (const m of value.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) {
    if (m.index > last) parts.push({ text: value.slice(last, m.index) });
    const path = parseJsonPath(m[1]!.startsWith('$') ? m[1]! : `$.${m[1]!.replace(/^(tools|rest)\./, '')}`, at, reporter);
    if (path === null) return null;
    parts.push({ path });
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return { kind: 'const', value };
  if (last < value.length) parts.push({ text: value.slice(last) });
  return { kind: 'template', parts };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
