/**
 * What a matched OpenAPI operation says about its wire: parameters (path-item and operation level,
 * `$ref`s resolved), request bodies per media type, and the 2xx JSON answer. Converted once per
 * operation and run (memoised on the ContractSet).
 */
import type { TypedSchema } from '../model/types.js';
import type { Pointer } from './locate.js';
import type { IndexedOperation } from './match.js';
import { isRecord } from './parse.js';
import { convertPendingDefinitions, convertSchema, schemaContext, type SchemaContext } from './schema.js';
import type { ContractNote, ContractSet } from './set.js';

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParamContract {
  readonly name: string;
  readonly in: ParamLocation;
  readonly required: boolean;
  readonly description?: string;
  readonly schema: TypedSchema;
}

export interface BodyContract {
  readonly mediaType: string;
  readonly kind: 'json' | 'form' | 'multipart';
  readonly schema: TypedSchema;
  readonly required: boolean;
  readonly description?: string;
}

export interface ContractData {
  readonly operation: IndexedOperation;
  readonly operationId?: string;
  readonly params: readonly ParamContract[];
  /** The path parameters in template order (by placeholder position, whatever their names). */
  readonly pathParams: readonly (ParamContract | undefined)[];
  /** JSON bodies first, then form-encoded, then multipart. */
  readonly bodies: readonly BodyContract[];
  /** The 2xx JSON answer; absent when none is documented, or a 2xx answer has no JSON body. */
  readonly result?: TypedSchema;
  /** Definitions the contract's schemas refer to directly. */
  readonly refs: ReadonlySet<string>;
  readonly notes: readonly ContractNote[];
}

const LOCATIONS = new Set<string>(['path', 'query', 'header', 'cookie']);

export function operationContract(set: ContractSet, op: IndexedOperation): ContractData {
  const memoKey = `contract:${op.file}#${op.pointer.join('/')}`;
  const cached = set.memo.get(memoKey) as ContractData | undefined;
  if (cached) return cached;
  const notes: ContractNote[] = [];
  const refs = new Set<string>();
  const request = schemaContext(set, op.file, 'request', notes, refs);
  const response = schemaContext(set, op.file, 'response', notes, refs);
  const item = set.node(op.file, op.pointer.slice(0, 2));
  const operation = set.node(op.file, op.pointer);
  const params = paramsOf(set, op, item, operation, request);
  const templateNames = [...op.path.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const contract: ContractData = {
    operation: op,
    ...(isRecord(operation) && typeof operation['operationId'] === 'string' ? { operationId: operation['operationId'] } : {}),
    params,
    pathParams: templateNames.map((name) => params.find((p) => p.in === 'path' && p.name === name)),
    bodies: isRecord(operation) ? bodiesOf(set, op, operation['requestBody'], request) : [],
    ...resultOf(set, op, isRecord(operation) ? operation['responses'] : undefined, response),
    refs,
    notes,
  };
  convertPendingDefinitions(set);
  set.memo.set(memoKey, contract);
  return contract;
}

/** A value that may be a `$ref` (to a parameter, body or response): the value and where it is. */
function deref(set: ContractSet, file: string, value: unknown, pointer: Pointer): { value: unknown; file: string; pointer: Pointer } {
  let current = { value, file, pointer };
  // Refs to refs are followed a few times; a loop of them is simply not resolved.
  for (let hops = 0; hops < 8 && isRecord(current.value) && typeof current.value['$ref'] === 'string'; hops++) {
    const target = set.resolveRef(current.file, current.value['$ref']);
    if ('reason' in target) return { value: undefined, file, pointer };
    current = target;
  }
  return current;
}

function paramsOf(set: ContractSet, op: IndexedOperation, item: unknown, operation: unknown, ctx: SchemaContext): ParamContract[] {
  const byKey = new Map<string, ParamContract>();
  const levels: Array<{ list: unknown; at: Pointer }> = [
    { list: isRecord(item) ? item['parameters'] : undefined, at: [...op.pointer.slice(0, 2), 'parameters'] },
    { list: isRecord(operation) ? operation['parameters'] : undefined, at: [...op.pointer, 'parameters'] },
  ];
  for (const { list, at } of levels) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const found = deref(set, op.file, raw, [...at, i]);
      const p = found.value;
      if (!isRecord(p) || typeof p['name'] !== 'string' || typeof p['in'] !== 'string' || !LOCATIONS.has(p['in'])) return;
      const where = p['in'] as ParamLocation;
      const inner = { ...ctx, file: found.file, version: set.versionOf(found.file, ctx.version) };
      const schema = p['schema'] !== undefined ? convertSchema(p['schema'], [...found.pointer, 'schema'], inner) : contentSchema(p['content'], [...found.pointer, 'content'], inner);
      const key = `${where}:${where === 'header' ? p['name'].toLowerCase() : p['name']}`;
      byKey.set(key, {
        name: p['name'],
        in: where,
        required: where === 'path' || p['required'] === true,
        ...(typeof p['description'] === 'string' ? { description: p['description'] } : {}),
        schema: schema ?? { kind: 'any' },
      });
    });
  }
  return [...byKey.values()];
}

/** A parameter's `content` (one media type): its schema. */
function contentSchema(content: unknown, pointer: Pointer, ctx: SchemaContext): TypedSchema | undefined {
  if (!isRecord(content)) return undefined;
  const [mediaType, media] = Object.entries(content)[0] ?? [];
  return mediaType !== undefined && isRecord(media) ? convertSchema(media['schema'], [...pointer, mediaType, 'schema'], ctx) : undefined;
}

function bodiesOf(set: ContractSet, op: IndexedOperation, raw: unknown, ctx: SchemaContext): BodyContract[] {
  const found = deref(set, op.file, raw, [...op.pointer, 'requestBody']);
  const body = found.value;
  if (!isRecord(body) || !isRecord(body['content'])) return [];
  const inner = { ...ctx, file: found.file, version: set.versionOf(found.file, ctx.version) };
  const bodies: BodyContract[] = [];
  for (const [mediaType, media] of Object.entries(body['content'])) {
    const kind = mediaKind(mediaType);
    if (!kind || !isRecord(media)) continue;
    bodies.push({
      mediaType,
      kind,
      schema: convertSchema(media['schema'], [...found.pointer, 'content', mediaType, 'schema'], inner),
      required: body['required'] === true,
      ...(typeof body['description'] === 'string' ? { description: body['description'] } : {}),
    });
  }
  const order = { json: 0, form: 1, multipart: 2 };
  return bodies.sort((a, b) => order[a.kind] - order[b.kind]);
}

function mediaKind(mediaType: string): BodyContract['kind'] | undefined {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || /^[a-z]+\/[^\s]*\+json$/.test(type)) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart/form-data') return 'multipart';
  return undefined;
}

/** The union of the 2xx JSON answers; none when any 2xx answer has no JSON body (204, text). */
function resultOf(set: ContractSet, op: IndexedOperation, responses: unknown, ctx: SchemaContext): { result?: TypedSchema } {
  if (!isRecord(responses)) return {};
  const schemas: TypedSchema[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    if (!/^2(\d\d|XX)$/i.test(status)) continue;
    const found = deref(set, op.file, raw, [...op.pointer, 'responses', status]);
    const content = isRecord(found.value) ? found.value['content'] : undefined;
    const json = isRecord(content) ? Object.entries(content).find(([type]) => mediaKind(type) === 'json') : undefined;
    if (!json || !isRecord(json[1])) return {};
    const inner = { ...ctx, file: found.file, version: set.versionOf(found.file, ctx.version) };
    schemas.push(convertSchema(json[1]['schema'], [...found.pointer, 'content', json[0], 'schema'], inner));
  }
  const distinct = schemas.filter((s, i) => schemas.findIndex((t) => JSON.stringify(t) === JSON.stringify(s)) === i);
  if (distinct.length === 0 || distinct.some((s) => s.kind === 'any' && s.nullable === undefined)) return {};
  return { result: distinct.length === 1 ? distinct[0]! : { kind: 'union', exclusive: false, options: distinct } };
}

/** Identical definitions (per-tag files repeat the full document's) have equal fingerprints. */
export function contractFingerprint(set: ContractSet, op: IndexedOperation): string {
  const memoKey = `fingerprint:${op.file}#${op.pointer.join('/')}`;
  const cached = set.memo.get(memoKey) as string | undefined;
  if (cached) return cached;
  const parts: string[] = [stable(set.node(op.file, op.pointer)), stable(set.node(op.file, [...op.pointer.slice(0, 2), 'parameters']) ?? null)];
  const seen = new Set<string>();
  const work: Array<{ file: string; value: unknown }> = [
    { file: op.file, value: set.node(op.file, op.pointer) },
    { file: op.file, value: set.node(op.file, [...op.pointer.slice(0, 2), 'parameters']) },
  ];
  const refs: string[] = [];
  while (work.length > 0) {
    const { file, value } = work.pop()!;
    const stack = [value];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) stack.push(...node);
      if (!isRecord(node)) continue;
      if (typeof node['$ref'] === 'string') {
        const target = set.resolveRef(file, node['$ref']);
        const key = 'file' in target ? `${target.file}#${target.pointer.join('/')}` : node['$ref'];
        if (!seen.has(key)) {
          seen.add(key);
          refs.push(`${node['$ref']}=${'value' in target ? stable(target.value) : 'unresolved'}`);
          if ('value' in target) work.push({ file: target.file, value: target.value });
        }
      }
      for (const child of Object.values(node)) if (typeof child === 'object') stack.push(child);
    }
  }
  const fingerprint = [...parts, ...refs.sort()].join('\n');
  set.memo.set(memoKey, fingerprint);
  return fingerprint;
}

/** Keys that change nothing generated: examples, tags, links to documentation, extensions. */
const IGNORED = (key: string): boolean => key === 'example' || key === 'examples' || key === 'tags' || key === 'externalDocs' || key.startsWith('x-');

/** JSON with sorted keys (ignored ones left out), so equal data in any key order is one text. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).filter((k) => !IGNORED(k)).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
