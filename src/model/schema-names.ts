/**
 * The last `--openapi` step of resolution: the definitions a model refers to (and the ones those
 * refer to) get project-unique TypeScript names, the refs in the model are renamed to them, and
 * what the documents had to say about those schemas is reported. Identical definitions from
 * several documents (per-tag files repeat them) share one name; a schema with readOnly/writeOnly
 * properties used both ways is `X` in answers and `XRequest` in requests.
 */
import { makeDiagnostic, type Reporter } from '../diagnostics/report.js';
import { definitionsOf } from '../openapi/definitions.js';
import type { SchemaRegistry } from './contracts.js';
import { affixed, camelCase, pascalCase, Uniquer } from './naming.js';
import { renameRefs, refsIn } from './typed-schemas.js';
import { mapModelSchemas } from './schema-places.js';
import { reconcileClientTypes } from './client-types.js';
import type { CapabilityModel, NamedSchema, SafeIdent, TypedSchema } from './types.js';

interface Entry {
  readonly key: string;
  readonly baseName: string;
  readonly direction?: 'request' | 'response';
  readonly schema: TypedSchema;
  readonly origin: string;
}

export function nameSchemas(resolved: CapabilityModel, registry: SchemaRegistry, reporter: Reporter): CapabilityModel {
  const model = reconcileClientTypes(resolved, registry.lookup);
  const used = new Set<string>();
  mapModelSchemas(model, (schema) => {
    refsIn(schema, used);
    return schema;
  });
  const entries = breakDegenerateCycles(closure(used, registry), registry);
  const notes = [...registry.notes, ...entries.flatMap((e) => definitionsOf(registry.set).byKey.get(e.key)?.notes ?? [])];
  reporter.diagnostics.push(...registry.set.report(notes));
  // A schema that allows anything gets no name: refs to it are written as `unknown` in place, which
  // TypeScript and zod both treat as optional when it is a property.
  const named = entries.filter((e) => e.schema.kind !== 'any');
  const names = assignNames(named);
  const rename = (key: string) => names.get(key);
  const byName = new Map<string, NamedSchema>();
  for (const e of named) {
    const name = names.get(e.key)!;
    if (!byName.has(name)) byName.set(name, { name, schemaName: affixed('', camelCase(name), 'Schema'), schema: renameRefs(e.schema, rename), recursive: false, origin: e.origin });
  }
  const renamed = mapModelSchemas(model, (schema) => {
    const typed = renameRefs(schema, rename);
    return typed.kind === 'any' && !typed.nullable ? undefined : typed;
  });
  return byName.size ? { ...renamed, schemas: ordered([...byName.values()]) } : renamed;
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

/**
 * A schema that is itself, or a union or intersection containing itself (`A: allOf: [$ref: A]`,
 * `A: $ref: B`, `B: $ref: A`), describes nothing: TypeScript rejects the type and a lazy zod
 * schema would recurse forever. Such schemas become "any value", with a note; recursion through
 * a property or array items is real recursion and stays.
 */
function breakDegenerateCycles(entries: Entry[], registry: SchemaRegistry): Entry[] {
  const keys = entries.map((e) => e.key);
  const edges = new Map(entries.map((e) => [e.key, [...rootRefs(e.schema)].filter((k) => keys.includes(k))]));
  const degenerate = new Set<string>();
  for (const component of stronglyConnected(keys, edges)) {
    if (component.length > 1 || edges.get(component[0]!)!.includes(component[0]!)) component.forEach((k) => degenerate.add(k));
  }
  if (degenerate.size === 0) return entries;
  const defs = definitionsOf(registry.set).byKey;
  return entries.map((e) => {
    if (!degenerate.has(e.key)) return e;
    const def = defs.get(e.key);
    if (def) {
      const construct = 'a schema that is only itself (through $ref, allOf, anyOf or oneOf, not a property or items)';
      registry.notes.push({ file: def.file, pointer: def.pointer, make: (where) => makeDiagnostic('NG6007', { construct }, where) });
    }
    return { ...e, schema: { kind: 'any' } };
  });
}

/** Refs at the root of a schema: itself, or among union options or intersection parts. */
function rootRefs(schema: TypedSchema, into = new Set<string>()): Set<string> {
  if (schema.kind === 'ref') into.add(schema.name);
  else if (schema.kind === 'union') schema.options.forEach((o) => rootRefs(o, into));
  else if (schema.kind === 'intersection') schema.parts.forEach((p) => rootRefs(p, into));
  return into;
}

/**
 * Which definitions are the same schema (per-tag files repeat them): equal names, directions and
 * keywords, and refs to definitions that are the same in turn. Refined until stable, so two
 * copies that differ only deep down stay apart.
 */
function sameSchemas(entries: readonly Entry[]): Map<string, string> {
  let classOf = new Map(entries.map((e) => [e.key, `${e.baseName}@${e.direction ?? ''}`]));
  for (let round = 0; round <= entries.length; round++) {
    const shapes = new Map<string, string>();
    const next = new Map<string, string>();
    for (const e of entries) {
      const shape = `${classOf.get(e.key)}:${JSON.stringify(renameRefs(e.schema, (k) => classOf.get(k) ?? k))}`;
      if (!shapes.has(shape)) shapes.set(shape, String(shapes.size));
      next.set(e.key, shapes.get(shape)!);
    }
    const stable = new Set(next.values()).size === new Set(classOf.values()).size;
    classOf = next;
    if (stable) break;
  }
  return classOf;
}

function assignNames(entries: readonly Entry[]): Map<string, SafeIdent> {
  const classes = sameSchemas(entries);
  const shapeOf = (e: Entry) => classes.get(e.key)!;
  const bothWays = new Set(
    entries.filter((e) => e.direction === 'request' && entries.some((o) => o.direction === 'response' && o.baseName === e.baseName)).map((e) => e.key),
  );
  // `Problem` is the service's own error schema in openapi.json's components.
  const uniquer = new Uniquer(['Problem']);
  const byShape = new Map<string, SafeIdent>();
  const names = new Map<string, SafeIdent>();
  // Answers first, so the plain name goes to the answer's variant.
  const ordered = [...entries].sort((a, b) => Number(a.direction === 'request') - Number(b.direction === 'request'));
  for (const e of ordered) {
    const shape = shapeOf(e);
    let name = byShape.get(shape);
    if (name === undefined) {
      name = uniquer.claimIdent(affixed('', identifier(e.baseName), bothWays.has(e.key) ? 'Request' : ''));
      byShape.set(shape, name);
    }
    names.set(e.key, name);
  }
  return names;
}

/** A PascalCase TypeScript identifier (letters and digits of the document's name). */
function identifier(name: string): SafeIdent {
  const ident = pascalCase(name);
  return /^[A-Za-z]/.test(ident) ? ident : pascalCase(`schema ${name}`);
}

/**
 * Dependencies first (zod schemas are constants), marking those that reach themselves (their zod
 * schemas are lazy); otherwise by name.
 */
function ordered(schemas: readonly NamedSchema[]): NamedSchema[] {
  const byName = new Map<string, NamedSchema>(schemas.map((s) => [s.name, s]));
  const deps = new Map<string, string[]>(schemas.map((s) => [s.name, [...refsIn(s.schema)].filter((n) => byName.has(n)).sort()]));
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
