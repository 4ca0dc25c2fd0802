/** The caller inputs of one REST route: declared ones, path placeholders, and those bindings ask for. */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecExposedOperationT } from '../formats/spec.js';
import { matchName } from '../util/names.js';
import type { InputSpace, Target } from './bindings.js';
import { parseJsonPath } from './jsonpath.js';
import { checkWireName } from './protocol-names.js';
import type { RestInput, TypedSchema, ValueType } from './types.js';

export interface ExposedPath {
  readonly express: string;
  readonly openApi: string;
  /** The path with parameter names erased, to detect two routes that match the same requests. */
  readonly shape: string;
  readonly params: readonly { readonly specName: string; readonly ident: string }[];
}

/** The caller inputs of one route, created on demand as bindings ask for them. */
export class RestInputs implements InputSpace {
  private readonly inputs = new Map<string, RestInput>();
  private readonly declared: RestInput[] = [];

  constructor(
    private readonly path: ExposedPath,
    /** POST, PUT and PATCH routes take inputs from JSON body fields; others from the query. */
    private readonly hasBody: boolean,
    private readonly reporter: Reporter,
  ) {}

  declare(p: NonNullable<SpecExposedOperationT['inputParameters']>[number], at: SpecPath): void {
    const bodyPath = p.value?.startsWith('$') ? this.bodyPathOf(p.value, [...at, 'value']) : undefined;
    if (bodyPath === null) return;
    if (p.pattern !== undefined && !isRegExp(p.pattern)) this.reporter.at('NG2126', [...at, 'pattern'], { pattern: p.pattern });
    if ((p.in === 'header' || p.in === 'cookie') && !checkWireName(p.name, p.in, [...at, 'name'], this.reporter)) return;
    const placeholder = p.in === 'path' ? matchName(p.name, this.path.params, (x) => x.specName) : undefined;
    const name = placeholder?.kind === 'found' ? placeholder.item.ident : p.in === 'header' ? p.name.toLowerCase() : p.name;
    // A body input is a field of the JSON body (`value: $.a.b` says which), except the catalogue's
    // object-typed `body`, which is the whole body.
    const wholeBody = p.in === 'body' && bodyPath === undefined && p.name === 'body' && (p.type === undefined || p.type === 'object' || p.type === 'array');
    const location = p.in === 'body' && !wholeBody ? 'field' : p.in;
    const input = this.add({
      in: location,
      name: location === 'field' ? (bodyPath?.join('.') ?? name) : name,
      ...(location === 'field' ? { bodyPath: bodyPath ?? [name] } : {}),
      specName: p.name,
      type: p.type ?? 'string',
      required: p.in === 'path' || ((p.required ?? false) && p.value === undefined),
      ...(p.description ? { description: p.description } : {}),
      ...(p.pattern !== undefined && isRegExp(p.pattern) ? { pattern: p.pattern } : {}),
      ...(p.value !== undefined && !p.value.startsWith('$') ? { defaultValue: p.value } : {}),
    });
    this.declared.push(input);
  }

  /** `$.a.b` as property names; indexes and wildcards have no place in an input. */
  private bodyPathOf(value: string, at: SpecPath): string[] | null {
    const path = parseJsonPath(value, at, this.reporter);
    if (!path) return null;
    if (path.length === 0 || !path.every((s): s is string => typeof s === 'string')) {
      this.reporter.at('NG2120', at, { path: value });
      return null;
    }
    return path;
  }

  fromWith(name: string, target: Target): string {
    const declared = matchName(name, this.declared, (i) => i.specName);
    if (declared.kind === 'found') return declared.item.key;
    const placeholder = matchName(name, this.path.params, (p) => p.specName);
    if (placeholder.kind === 'found') return this.pathInput(placeholder.item, target);
    return this.byLocation(target, name);
  }

  /** A caller input not in the path: the body, a body field, a header, else a query parameter. */
  private byLocation(target: Target, name: string): string {
    if (target.in === 'body') return this.add({ ...fromTarget(target), in: 'body', name: 'body', specName: name }).key;
    if (target.in === 'header') return this.add({ ...fromTarget(target), in: 'header', name: name.toLowerCase(), specName: name }).key;
    if (target.in === 'template' && this.hasBody) return this.add({ ...fromTarget(target), in: 'field', name, specName: name }).key;
    const type = target.type === 'any' ? 'string' : target.type;
    return this.add({ ...fromTarget(target), type, in: 'query', name, specName: name }).key;
  }

  unbound(target: Target, at: SpecPath): string | undefined {
    const declared = matchName(target.name, this.declared, (i) => i.specName);
    if (declared.kind === 'found') return declared.item.key;
    if (target.in === 'path') {
      const placeholder = matchName(target.name, this.path.params, (p) => p.specName);
      if (placeholder.kind === 'found') return this.pathInput(placeholder.item, target);
      this.reporter.at('NG2103', at, { param: target.name, op: target.op });
      return undefined;
    }
    return this.byLocation(target, target.name);
  }

  list(): RestInput[] {
    return [...this.inputs.values()];
  }

  adopt(key: string, schema: TypedSchema): void {
    const input = this.inputs.get(key);
    if (input && !input.schema) this.inputs.set(key, { ...input, schema });
  }

  isRequired(key: string): boolean {
    return this.inputs.get(key)?.required ?? false;
  }

  /** The type the value has when it arrives: an object in a path, query, header or cookie is text. */
  typeOf(key: string): ValueType {
    const input = this.inputs.get(key);
    if (input?.type === 'object' && input.in !== 'body' && input.in !== 'field') return 'string';
    return input?.type ?? 'any';
  }

  declares(name: string): boolean {
    return this.declared.some((i) => i.specName === name);
  }

  /** Every exposed placeholder is an input, even one no binding uses (Express matches it anyway). */
  pathInputFor(param: { specName: string; ident: string }): void {
    if (!this.inputs.has(`path:${param.ident}`)) this.add({ in: 'path', name: param.ident, specName: param.specName, type: 'string', required: true });
  }

  private pathInput(param: { specName: string; ident: string }, target: Target): string {
    return this.add({ ...fromTarget(target), required: true, in: 'path', name: param.ident, specName: param.specName }).key;
  }

  private add(input: Omit<RestInput, 'key'>): RestInput {
    const key = input.in === 'body' ? 'body' : `${input.in}:${input.name}`;
    const existing = this.inputs.get(key);
    if (existing) return existing;
    const created = { key, ...input };
    this.inputs.set(key, created);
    return created;
  }
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function fromTarget(t: Target): Pick<RestInput, 'type' | 'required' | 'description'> {
  return { type: t.type, required: t.required, ...(t.description ? { description: t.description } : {}) };
}
