/**
 * src/rest/outputs.gen.ts and src/mcp/outputs.gen.ts: for every mapped output, an exported type and
 * a mapper written as straight-line TypeScript over the primitives of runtime/output.ts, plus (MCP
 * tools with object or array outputs) the JSON Schema the tool advertises as its outputSchema.
 *
 * Types: a JSONPath read of a declared type T is `T | null` (upstream nulls pass) and optional (the
 * path may find nothing, and the property is then left out); `value` text is `string`; `const` is
 * its literal type; objects and arrays are always present.
 */
import { refsIn } from '../../model/typed-schemas.js';
import type { CapabilityModel, MappedOutput, NamedSchema, OutputNode, PathStep } from '../../model/types.js';
import { docComment, jsonLiteral, lit, prop } from '../code.js';
import { mayBeMissing, toolOutputSchema, typedSchemasIn } from '../output-schema.js';
import { apiType } from './schemas.js';
import { tsType } from './typed-ts.js';
import type { GeneratedFile } from '../types.js';
import { tsFile } from './morph.js';

export interface LabelledOutput {
  readonly output: MappedOutput;
  /** What produces it, for the doc comment: `GET /customers`, `tool list-customers`. */
  readonly label: string;
  /** An MCP tool's output: its outputSchema is emitted too. */
  readonly toolSchema: boolean;
}

/** Whether an MCP tool with this output advertises an outputSchema (see toolOutputSchema). */
export function hasOutputSchema(output: MappedOutput | undefined): boolean {
  return output !== undefined && toolOutputSchema(output.node) !== undefined;
}

export function emitOutputs(module: string, outputs: readonly LabelledOutput[], sourceFile: string, schemas: readonly NamedSchema[] = []): GeneratedFile {
  const used = new Set<string>();
  // Inline schemas are written out; only named ones need schemas.gen.ts.
  const typed = outputs.some(({ output }) => typedSchemasIn(output.node).some((schema) => refsIn(schema).size > 0));
  const bodies = outputs.map(({ output, label, toolSchema }) => {
    const declaration = output.node.kind === 'object' ? `export interface ${output.typeName} ${typeOf(output.node)}\n` : `export type ${output.typeName} = ${rootType(output.node)};\n`;
    const w: string[] = [docComment(`Output of ${label}.`) + declaration];
    if (toolSchema && hasOutputSchema(output)) {
      used.add('type JsonSchemaType');
      const what = output.node.kind === 'array' ? `{ result: ${output.typeName} }` : output.typeName;
      w.push(`/** JSON Schema of ${what}: the tool's outputSchema. */\nexport const ${output.schemaName}: JsonSchemaType = ${constExpr(toolOutputSchema(output.node, schemas))};\n`);
    }
    w.push(`/** Maps the answer to ${output.typeName}. */\n${mapper(output, used)}\n`);
    return w.join('\n');
  });
  const runtime = [...used].filter((n) => n !== 'type JsonSchemaType').sort();
  const sdk = used.has('type JsonSchemaType') ? ['type JsonSchemaType'] : [];
  return tsFile(
    module,
    sourceFile,
    [
      { moduleSpecifier: '@modelcontextprotocol/server', namedImports: sdk },
      { moduleSpecifier: '../runtime/output.js', namedImports: runtime },
      ...(typed ? [{ moduleSpecifier: '../schemas.gen.js', namedImports: [], namespace: 'type api' }] : []),
    ],
    (w) => bodies.forEach((b) => w.write(b).blankLine()),
  );
}

function mapper(output: MappedOutput, used: Set<string>): string {
  const node = output.node;
  const head = `export function ${output.mapperName}(${readsBody(node) ? 'body' : '_body'}: unknown): ${output.typeName}`;
  // A root object reads its properties from one base value, named once instead of nested.
  if (node.kind === 'object' && node.path.length > 0 && readsBody(node)) {
    return `${head} {\n  const base = ${selectExpr('body', node.path, used)};\n  return ${objectLiteral(node.properties, 'base', 0, used)};\n}`;
  }
  return `${head} {\n  return ${expression(node, 'body', 0, used)};\n}`;
}

/** Whether a mapper reads its input at all (a mapping of constants only does not). */
function readsBody(node: OutputNode): boolean {
  switch (node.kind) {
    case 'const':
      return false;
    case 'template':
      return node.parts.some((p) => 'path' in p);
    case 'object':
      return node.properties.some(([, child]) => readsBody(child));
    default:
      return true;
  }
}

const AS = { string: 'asString', number: 'asNumber', boolean: 'asBoolean', object: 'asObject' } as const;

/** The expression mapping `base` (an identifier) to the node's value; `depth` names nested parameters. */
function expression(node: OutputNode, base: string, depth: number, used: Set<string>): string {
  switch (node.kind) {
    case 'path': {
      const value = selectExpr(base, node.path, used);
      const read = node.type === 'any' ? value : `${AS[node.type]}(${value})`;
      if (node.type !== 'any') used.add(AS[node.type]);
      // `--openapi` documents what the path selects; the mapper states it (the value is not checked).
      return node.schema ? `(${read} as unknown as ${typeOf(node)} | undefined)` : read;
    }
    case 'const':
      return node.value === null || typeof node.value !== 'object' ? constExpr(node.value) : `${constExpr(node.value)} as const`;
    case 'template':
      return node.parts.map((p) => ('text' in p ? lit(p.text) : textExpr(base, p.path, used))).join(' + ');
    case 'array': {
      used.add('asArray');
      const value = selectExpr(base, node.path, used);
      if (!node.items) return node.schema ? `(asArray(${value}) as unknown as ${typeOf(node)})` : `asArray(${value})`;
      const param = `v${depth + 1}`;
      const item = expression(node.items, param, depth + 1, used);
      return `asArray(${value}, (${readsBody(node.items) ? param : ''}) => ${node.items.kind === 'object' ? `(${item})` : item})`;
    }
    case 'object': {
      // Where no property reads anything, the object's own mapping does not matter.
      if (node.path.length === 0 || !readsBody(node)) return objectLiteral(node.properties, base, depth, used);
      used.add('within');
      const param = `v${depth + 1}`;
      return `within(${selectExpr(base, node.path, used)}, (${param}) => (${objectLiteral(node.properties, param, depth + 1, used)}))`;
    }
  }
}

function textExpr(base: string, path: readonly PathStep[], used: Set<string>): string {
  used.add('text');
  return `text(${selectExpr(base, path, used)})`;
}

function objectLiteral(properties: readonly (readonly [string, OutputNode])[], base: string, depth: number, used: Set<string>): string {
  return `{ ${properties.map(([name, child]) => `${key(name)}: ${expression(child, base, depth, used)}`).join(', ')} }`;
}

function selectExpr(base: string, path: readonly PathStep[], used: Set<string>): string {
  if (path.length === 0) return base;
  used.add('select');
  const steps = path.map((s) => {
    if (typeof s !== 'object') return lit(s);
    used.add('ALL');
    return 'ALL';
  });
  return `select(${base}, [${steps.join(', ')}])`;
}

/** A key in an object literal; `__proto__` computed, since a plain one would set the prototype. */
function key(name: string): string {
  return name === '__proto__' ? `[${lit(name)}]` : prop(name);
}

/** JSON data as an expression (a `const`, a schema), `__proto__` keys kept as properties. */
export function constExpr(value: unknown): string {
  if (value === null || typeof value !== 'object') return jsonLiteral(value ?? null);
  if (Array.isArray(value)) return `[${value.map(constExpr).join(', ')}]`;
  return `{ ${Object.entries(value).map(([k, v]) => `${key(k)}: ${constExpr(v)}`).join(', ')} }`;
}

/** The literal type of a `const` (readonly, as `as const` makes it). */
function constType(value: unknown): string {
  if (value === null || typeof value !== 'object') return jsonLiteral(value ?? null);
  if (Array.isArray(value)) return `readonly [${value.map(constType).join(', ')}]`;
  return `{ ${Object.entries(value).map(([k, v]) => `readonly ${prop(k)}: ${constType(v)}`).join('; ')} }`;
}

const TS = { string: 'string', number: 'number', boolean: 'boolean', object: 'Record<string, unknown>' } as const;

/** The whole output: a read at the root may also find nothing at all. */
function rootType(node: OutputNode): string {
  return mayBeMissing(node) ? `${typeOf(node)} | undefined` : typeOf(node);
}

function typeOf(node: OutputNode): string {
  switch (node.kind) {
    case 'path':
      if (node.schema) return `${tsType(node.schema, apiType)} | null`;
      return node.type === 'any' ? 'unknown' : `${TS[node.type]} | null`;
    case 'const':
      return constType(node.value);
    case 'template':
      return 'string';
    case 'array':
      if (node.schema && !node.items) return tsType(node.schema, apiType);
      return node.items ? `Array<${typeOf(node.items)}>` : 'unknown[]';
    case 'object':
      return `{ ${node.properties.map(([name, child]) => `${prop(name)}${mayBeMissing(child) ? '?' : ''}: ${typeOf(child)}`).join('; ')} }`;
  }
}

/** The outputs modules of a project: one per surface that maps any output. */
export function emitSurfaceOutputs(model: CapabilityModel): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const rest = (model.rest?.routes ?? []).flatMap((r) => (r.output && !r.orchestration ? [{ output: r.output, label: `${r.method} ${r.specPath}`, toolSchema: false }] : []));
  if (rest.length) files.push(emitOutputs('src/rest/outputs.gen.ts', rest, model.sourceFile, model.schemas));
  const mcp = [
    ...(model.mcp?.tools ?? []).flatMap((t) => (t.output && !t.orchestration ? [{ output: t.output, label: `tool ${t.name}`, toolSchema: true }] : [])),
    ...(model.mcp?.resources ?? []).flatMap((r) => (r.output ? [{ output: r.output, label: `resource ${r.name}`, toolSchema: false }] : [])),
  ];
  if (mcp.length) files.push(emitOutputs('src/mcp/outputs.gen.ts', mcp, model.sourceFile, model.schemas));
  return files;
}
