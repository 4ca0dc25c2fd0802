// What a `call` step stores, as the reference engine's OperationStepExecutor.resolveStepOutput
// computes it: the answer read as JSON, shaped by the consumed operation's outputParameters
// (Resolver.resolveOutputMappings, which converts no types). docs/engine-parity.md, "Steps".

import type { UpstreamResponse } from './http.js';
import { select, type PathStep } from './jsonpath.js';

/** A consumed output parameter (the generator's ConsumedOutput): a JSONPath or static text. */
export interface ConsumedOutput {
  readonly name?: string;
  readonly type?: string;
  readonly path?: readonly PathStep[];
  readonly text?: string;
  readonly properties?: readonly ConsumedOutput[];
  readonly items?: ConsumedOutput;
}

/**
 * The answer as the JSON a step keeps: undefined when there is none, or when it is text that is
 * not JSON (the engine parses every step answer as JSON and keeps nothing when that fails).
 */
export function answerDocument(response: UpstreamResponse): unknown {
  const { body } = response;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * With output parameters, an array answer keeps its elements, each (an object; anything else
 * becomes {}) gaining every named parameter read from it; any other answer becomes an object of
 * the named parameters, or, when none is named, the first parameter's value.
 */
export function stepOutput(document: unknown, outputs: readonly ConsumedOutput[] | undefined): unknown {
  if (document === undefined || !outputs?.length) return document;
  const named = outputs.filter((o) => o.name);
  if (Array.isArray(document)) {
    return document.map((element) => {
      const augmented = isObject(element) ? { ...element } : {};
      for (const o of named) define(augmented, o.name!, resolve(o, element));
      return augmented;
    });
  }
  if (named.length === 0) return resolve(outputs[0]!, document);
  const projected: Record<string, unknown> = {};
  for (const o of named) define(projected, o.name!, resolve(o, document));
  return projected;
}

/** One parameter's value over `root`; null where the engine finds nothing. */
export function resolve(o: ConsumedOutput, root: unknown): unknown {
  if (o.text !== undefined) return o.text;
  switch (o.type) {
    case 'array':
      return arrayOf(o, root);
    case 'object':
      // An object without properties is the value at its path (a `$.` "result" keeps the answer).
      return o.properties?.length ? objectOf(o.properties, root) : read(root, o.path);
    default:
      return read(root, o.path);
  }
}

function arrayOf(o: ConsumedOutput, root: unknown): unknown {
  const found = read(root, o.path);
  if (!Array.isArray(found)) return null;
  const items = o.items;
  if (!items) return found;
  if (items.type === 'object' && items.properties?.length) return found.map((element) => objectOf(items.properties!, element));
  return items.path ? found.map((element) => read(element, items.path)) : found;
}

function objectOf(properties: readonly ConsumedOutput[], root: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const p of properties) define(object, p.name!, nested(p, root));
  return object;
}

/** A property or item property: a nested object with a path reads its properties from there. */
function nested(p: ConsumedOutput, root: unknown): unknown {
  if (p.text === undefined && p.type === 'object' && p.properties?.length && p.path) {
    const base = read(root, p.path);
    return isObject(base) ? objectOf(p.properties, base) : null;
  }
  return resolve(p, root);
}

/** A JSONPath read; `$` alone is the root, a path that finds nothing is null. */
function read(root: unknown, path: readonly PathStep[] | undefined): unknown {
  if (path === undefined) return null;
  return select(root, path) ?? null;
}

function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A value as Jackson's JsonNode.asText() gives it, which is what lookups compare: text as is,
 * numbers and booleans as their text, null as "null", objects and arrays as "".
 */
export function jacksonText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
