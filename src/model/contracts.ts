/**
 * `--openapi` in the model: each consumed operation is matched to a vendor operation, and its
 * parameters, body and answer take that operation's schemas, as long as they fit what the spec
 * declares (the wire never changes: only types and validation do). Unmatched operations stay as
 * the spec declares them, with a warning saying so and what came closest.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import { contractFingerprint, operationContract, type BodyContract, type ContractData, type ParamContract } from '../openapi/contract.js';
import { definitionsOf } from '../openapi/definitions.js';
import { matchOperation, segmentsOf, type IndexedOperation } from '../openapi/match.js';
import type { ContractNote, ContractSet } from '../openapi/set.js';
import { matchName } from '../util/names.js';
import { pascalCase } from './naming.js';
import { dereference, fitsType, jsonTypeOf, schemaAt, type SchemaLookup } from './typed-schemas.js';
import type { JsonTemplate, Param, PathStep, RequestBody, TemplateText, TypedSchema, UpstreamOperation } from './types.js';

interface SyntheticSchema {
  readonly schema: TypedSchema;
  readonly baseName: string;
  readonly origin: string;
}

/** The schemas one spec's model refers to: the run's definitions plus bodies and results it names. */
export class SchemaRegistry {
  readonly synthetic = new Map<string, SyntheticSchema>();
  /** What the contracts this spec uses had to say about their documents. */
  readonly notes: ContractNote[] = [];

  constructor(readonly set: ContractSet) {}

  readonly lookup: SchemaLookup = (name) => this.synthetic.get(name)?.schema ?? definitionsOf(this.set).byKey.get(name)?.schema;

  /** A ref to `schema` under a name of its own (a body or answer written inline in the document). */
  named(schema: TypedSchema, baseName: string, origin: string): TypedSchema {
    if (schema.kind === 'ref') return schema;
    const key = `${origin}#${baseName}`;
    this.synthetic.set(key, { schema, baseName, origin });
    return { kind: 'ref', name: key };
  }
}

export interface TypingContext {
  readonly registry: SchemaRegistry;
  readonly reporter: Reporter;
  /** The consumed API's base path (`/api/v1`); empty when the base URL comes from the environment. */
  readonly basePath: string;
}

/** The path part of a base URI: `https://api.getlago.com/api/v1` -> `/api/v1`. */
export function basePathOf(baseUri: string | undefined): string {
  // A base URI that is a variable (`{{BASE_URL}}`) says nothing about the path.
  if (baseUri === undefined || !/^([a-z][a-z0-9+.-]*:\/\/|\/)/i.test(baseUri)) return '';
  return baseUri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0]!;
}

export function typeOperation(op: UpstreamOperation, at: SpecPath, ctx: TypingContext): UpstreamOperation {
  const { registry, reporter } = ctx;
  const template = op.pathStrings.map((s, i) => s + (i < op.pathValues.length ? `{${op.pathValues[i]!.name}}` : '')).join('');
  const full = `${ctx.basePath.replace(/\/$/, '')}${template}`;
  const outcome = matchOperation(registry.set, op.method, segmentsOf(full), segmentsOf(template));
  const label = `${op.method} ${full || '/'}`;
  if (outcome.kind === 'unmatched') {
    const nearest = outcome.nearest && `${outcome.nearest.method} ${outcome.nearest.path} in ${outcome.nearest.file}`;
    reporter.at('NG6001', [...at, 'method'], { operation: label, ref: op.ref, nearest });
    return op;
  }
  if (outcome.pathOnly) {
    const { method, path, file } = outcome.operation;
    reporter.at('NG6012', [...at, 'method'], { operation: label, ref: op.ref, documented: `${method} ${path} in ${file}`, basePath: ctx.basePath || '(none)' });
  }
  reportConflicts(outcome.candidates, label, at, ctx);
  const contract = operationContract(registry.set, outcome.operation);
  registry.notes.push(...contract.notes);
  const where = `${contract.operation.method} ${contract.operation.path} (${contract.operation.file})`;
  const names = placeholderNames(full, contract.operation.path);
  const params = op.params.map((p) => typeParam(p, paramContract(p, contract, names), where, at, ctx));
  const typed = typeBody(op, params, contract, where, at, ctx);
  // An XML answer is converted to JSON by the client: the document's schema describes the XML.
  const documented = op.responseFormat === 'json' ? contract.result : undefined;
  const result = documented && registry.named(documented, `${pascalCase(op.name)}Result`, op.ref);
  return {
    ...op,
    params: typed.params,
    ...(typed.body ? { body: typed.body } : {}),
    contract: {
      document: contract.operation.file,
      method: contract.operation.method,
      path: contract.operation.path,
      ...(contract.operationId ? { operationId: contract.operationId } : {}),
      ...(result ? { result } : {}),
    },
  };
}

function reportConflicts(candidates: readonly IndexedOperation[], label: string, at: SpecPath, ctx: TypingContext): void {
  if (candidates.length < 2) return;
  const prints = candidates.map((c) => contractFingerprint(ctx.registry.set, c));
  if (prints.every((p) => p === prints[0])) return;
  const documents = [...new Set(candidates.map((c) => c.file))].join(', ');
  ctx.reporter.at('NG6002', [...at, 'method'], { operation: label, documents, chosen: candidates[0]!.file });
}

/** Consumed placeholder name -> the document's name for the same position. */
function placeholderNames(consumed: string, documented: string): Map<string, string> {
  const names = (segment: string) => [...segment.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const ours = consumed.split('/').filter(Boolean);
  const theirs = documented.split('/').filter(Boolean);
  const offset = ours.length - theirs.length;
  const map = new Map<string, string>();
  theirs.forEach((segment, i) => {
    const a = names(ours[i + offset] ?? '');
    const b = names(segment);
    if (a.length === b.length) a.forEach((name, k) => map.set(name, b[k]!));
  });
  return map;
}

function paramContract(p: Param, contract: ContractData, names: Map<string, string>): ParamContract | undefined {
  if (p.in === 'template') return undefined;
  if (p.in === 'path') {
    const name = names.get(p.name);
    return name === undefined ? undefined : contract.params.find((c) => c.in === 'path' && c.name === name);
  }
  const candidates = contract.params.filter((c) => c.in === p.in);
  const found = matchName(p.in === 'header' ? p.name.toLowerCase() : p.name, candidates, (c) => (c.in === 'header' ? c.name.toLowerCase() : c.name));
  return found.kind === 'found' ? found.item : undefined;
}

function typeParam(p: Param, documented: ParamContract | undefined, where: string, at: SpecPath, ctx: TypingContext): Param {
  if (!documented) return p;
  // Objects (deepObject, JSON in a query) travel as the caller's text: nothing to type.
  if (!carriedAsText(documented.schema, p.in === 'query', ctx.registry.lookup)) return p;
  const description = p.description ?? documented.description;
  return withSchema({ ...p, ...(description ? { description } : {}) }, documented.schema, `parameter ${p.name}`, where, at, ctx);
}

/** Attaches `schema` when the spec's type fits it; a misfit keeps the spec's type and says so. */
function withSchema(p: Param, schema: TypedSchema, what: string, where: string, at: SpecPath, ctx: TypingContext): Param {
  const { lookup } = ctx.registry;
  if (schema.kind === 'any' && !schema.description) return p;
  if (fitsType(p.type, schema, lookup)) return { ...p, schema };
  const documented = jsonTypeOf(schema, lookup) ?? 'null';
  ctx.reporter.at('NG6010', at, { param: what, declared: p.type, documented, operation: where });
  return p;
}

/** Values a path, query, header or cookie parameter carries as text: scalars, and lists of them. */
function carriedAsText(schema: TypedSchema, lists: boolean, lookup: SchemaLookup): boolean {
  const type = jsonTypeOf(schema, lookup);
  if (type === 'object') return false;
  if (type !== 'array') return true;
  if (!lists) return false;
  const node = dereference(schema, lookup);
  return node?.kind === 'array' && !['object', 'array'].includes(jsonTypeOf(node.items, lookup) ?? 'object');
}

const BODY_KIND = { input: 'json', json: 'json', form: 'form', multipart: 'multipart' } as const;
const MEDIA = { json: 'JSON (application/json)', form: 'a form (application/x-www-form-urlencoded)', multipart: 'multipart/form-data' } as const;

function typeBody(op: UpstreamOperation, params: Param[], contract: ContractData, where: string, at: SpecPath, ctx: TypingContext): { params: Param[]; body?: RequestBody } {
  const body = op.body;
  if (!body || body.kind === 'text' || contract.bodies.length === 0) return { params, ...(body ? { body } : {}) };
  const sent = BODY_KIND[body.kind];
  const chosen: BodyContract = contract.bodies.find((b) => b.kind === sent) ?? contract.bodies[0]!;
  if (chosen.kind !== sent) ctx.reporter.at('NG6011', at, { sent: MEDIA[sent], accepted: chosen.mediaType, operation: where });
  if (body.kind === 'input') {
    const schema = ctx.registry.named(chosen.schema, `${pascalCase(op.name)}Body`, op.ref);
    const fits = fitsType(body.type, schema, ctx.registry.lookup);
    if (!fits) ctx.reporter.at('NG6010', at, { param: `body ${body.name}`, declared: body.type, documented: jsonTypeOf(schema, ctx.registry.lookup) ?? 'null', operation: where });
    const description = body.description ?? chosen.description;
    return { params, body: { ...body, ...(fits ? { schema } : {}), ...(description ? { description } : {}) } };
  }
  // Inputs spliced in whole at a known place of the body take the schema of that place.
  const places = new Map<string, PathStep[]>();
  if (body.kind === 'json') inputPlaces(body.template, [], places);
  else if (body.kind === 'form') body.fields.forEach((f) => wholeInput(f.value, (name) => places.set(name, [f.name])));
  else body.parts.forEach((part) => wholeInput(part.value, (name) => places.set(name, [part.name])));
  const typed = params.map((p) => {
    const place = p.in === 'template' ? places.get(p.name) : undefined;
    const schema = place && schemaAt(chosen.schema, place, ctx.registry.lookup);
    return schema ? withSchema(p, schema, `body field ${place.join('.')}`, where, at, ctx) : p;
  });
  return { params: typed, body };
}

function inputPlaces(template: JsonTemplate, path: PathStep[], into: Map<string, PathStep[]>): void {
  if (template.kind === 'input') into.set(template.name, path);
  else if (template.kind === 'object') template.entries.forEach(([key, value]) => inputPlaces(value, [...path, key], into));
  else if (template.kind === 'array') template.items.forEach((item, i) => inputPlaces(item, [...path, i], into));
}

function wholeInput(text: TemplateText, found: (name: string) => void): void {
  const [only] = text;
  if (text.length === 1 && only?.kind === 'input') found(only.name);
}
