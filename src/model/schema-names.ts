/**
 * The last `--openapi` step of resolution: the definitions a model refers to (and the ones those
 * refer to) get project-unique TypeScript names, the refs in the model are renamed to them, and
 * what the documents had to say about those schemas is reported. Identical definitions from
 * several documents (per-tag files repeat them) share one name; a schema with readOnly/writeOnly
 * properties used both ways is `X` in answers and `XRequest` in requests.
 */
import type { Reporter } from '../diagnostics/report.js';
import { definitionsOf } from '../openapi/definitions.js';
import type { SchemaRegistry } from './contracts.js';
import { pascalCase, Uniquer, camelCase } from './naming.js';
import { renameRefs, refsIn } from './typed-schemas.js';
import { mapModelSchemas } from './schema-places.js';
import { reconcileClientTypes } from './client-types.js';
import type { CapabilityModel, NamedSchema, TypedSchema } from './types.js';

interface Entry {
  readonly key: string;
  readonly baseName: string;
  readonly direction?: 'request' | 'response';
  readonly schema: TypedSchema;
  readonly origin: string;
}

export function nameSchemas(resolved: CapabilityModel, registry: SchemaRegistry, reporter: Reporter): CapabilityModel {
  const model = reconcileClientTypes(resolved);
  const used = new Set<string>();
  mapModelSchemas(model, (schema) => {
    refsIn(schema, used);
    return schema;
  });
  const entries = closure(used, registry);
  const notes = [...registry.notes, ...entries.flatMap((e) => definitionsOf(registry.set).byKey.get(e.key)?.notes ?? [])];
  reporter.diagnostics.push(...registry.set.report(notes));
  if (entries.length === 0) return model;
  const names = assignNames(entries);
  const rename = (key: string) => names.get(key);
  const named = new Map<string, NamedSchema>();
  for (const e of entries) {
    const name = names.get(e.key)!;
    if (!named.has(name)) named.set(name, { name, schemaName: `${camelCase(name)}Schema`, schema: renameRefs(e.schema, rename), recursive: false, origin: e.origin });
  }
  return { ...mapModelSchemas(model, (schema) => renameRefs(schema, rename)), schemas: ordered([...named.values()]) };
}

/** Every definition the used keys reach, sorted by key (a stable order for naming). */
function closure(used: ReadonlySet<string>, registry: SchemaRegistry): Entry[] {
  const defs = definitionsOf(registry.set).byKey;
  const seen = new Map<string, Entry>();
  const work = [...used];
  while (work.length > 0) {
    const key = work.pop()!;
    if (seen.has(key)) continue;
    const synthetic = registry.synthetic.get(key);
    const def = defs.get(key);
    const schema = synthetic?.schema ?? def?.schema;
    if (!schema) continue;
    const baseName = synthetic?.baseName ?? def!.baseName;
    const origin = synthetic ? synthetic.origin : `${def!.file}#/${def!.pointer.join('/')}`;
    seen.set(key, { key, baseName, schema, origin, ...(def?.direction ? { direction: def.direction } : {}) });
    for (const next of refsIn(schema)) work.push(next);
  }
  return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function assignNames(entries: readonly Entry[]): Map<string, string> {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  // Refs compared by what they name, not where: one document's copy equals another's.
  const shapeOf = (e: Entry) =>
    `${e.baseName}@${e.direction ?? ''}:${JSON.stringify(renameRefs(e.schema, (k) => { const t = byKey.get(k); return t ? `${t.baseName}@${t.direction ?? ''}` : k; }))}`;
  const bothWays = new Set(
    entries.filter((e) => e.direction === 'request' && entries.some((o) => o.direction === 'response' && o.baseName === e.baseName)).map((e) => e.key),
  );
  // `Problem` is the service's own error schema in openapi.json's components.
  const uniquer = new Uniquer(['Problem']);
  const byShape = new Map<string, string>();
  const names = new Map<string, string>();
  // Answers first, so the plain name goes to the answer's variant.
  const ordered = [...entries].sort((a, b) => Number(a.direction === 'request') - Number(b.direction === 'request'));
  for (const e of ordered) {
    const shape = shapeOf(e);
    let name = byShape.get(shape);
    if (name === undefined) {
      name = uniquer.claim(`${identifier(e.baseName)}${bothWays.has(e.key) ? 'Request' : ''}`);
      byShape.set(shape, name);
    }
    names.set(e.key, name);
  }
  return names;
}

/** A PascalCase TypeScript identifier (letters and digits of the document's name). */
function identifier(name: string): string {
  const ident = pascalCase(name);
  return /^[A-Za-z]/.test(ident) ? ident : `Schema${ident.replace(/^_/, '')}`;
}

/**
 * Dependencies first (zod schemas are constants), marking those that reach themselves (their zod
 * schemas are lazy); otherwise by name.
 */
function ordered(schemas: readonly NamedSchema[]): NamedSchema[] {
  const byName = new Map(schemas.map((s) => [s.name, s]));
  const deps = new Map(schemas.map((s) => [s.name, [...refsIn(s.schema)].filter((n) => byName.has(n)).sort()]));
  const recursive = new Set<string>();
  for (const component of stronglyConnected([...byName.keys()].sort(), deps)) {
    if (component.length > 1 || deps.get(component[0]!)!.includes(component[0]!)) component.forEach((n) => recursive.add(n));
  }
  const seen = new Set<string>();
  const result: NamedSchema[] = [];
  // Depth-first, dependencies before dependents, without recursion (chains of refs can be long).
  for (const root of [...byName.keys()].sort()) {
    const work: Array<{ name: string; next: number }> = seen.has(root) ? [] : [{ name: root, next: 0 }];
    seen.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const dependencies = deps.get(frame.name)!;
      if (frame.next < dependencies.length) {
        const dep = dependencies[frame.next++]!;
        if (!seen.has(dep)) {
          seen.add(dep);
          work.push({ name: dep, next: 0 });
        }
        continue;
      }
      work.pop();
      result.push({ ...byName.get(frame.name)!, recursive: recursive.has(frame.name) });
    }
  }
  return result;
}

/** Tarjan's strongly connected components, iteratively (a long chain of refs must not overflow). */
function stronglyConnected(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
