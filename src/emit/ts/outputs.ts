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
import { docComment, ident, join, json, key, prop, str, ts, tsFile, type Code } from '../code.js';
import { mayBeMissing, toolOutputSchema, typedSchemasIn } from '../output-schema.js';
import { apiType } from './schemas.js';
import { tsType, type RefCode } from './typed-ts.js';
import type { GeneratedFile } from '../types.js';

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
  const ctx: MapperContext = { used, api: apiType(schemas) };
  // Inline schemas are written out; only named ones need schemas.gen.ts.
  const typed = outputs.some(({ output }) => typedSchemasIn(output.node).some((schema) => refsIn(schema).size > 0));
  const bodies = outputs.map(({ output, label, toolSchema }) => {
    const typeName = ident(output.typeName);
    const declaration = output.node.kind === 'object' ? ts`export interface ${typeName} ${typeOf(output.node, ctx.api)}\n` : ts`export type ${typeName} = ${rootType(output.node, ctx.api)};\n`;
    const parts: Code[] = [ts`${docComment(`Output of ${label}.`)}${declaration}`];
    if (toolSchema && hasOutputSchema(output)) {
      used.add('type JsonSchemaType');
      const what = output.node.kind === 'array' ? `{ result: ${output.typeName} }` : output.typeName;
      parts.push(ts`${docComment(`JSON Schema of ${what}: the tool's outputSchema.`)}export const ${ident(output.schemaName)}: JsonSchemaType = ${constExpr(toolOutputSchema(output.node, schemas))};\n`);
    }
    parts.push(ts`${docComment(`Maps the answer to ${output.typeName}.`)}${mapper(output, ctx)}\n`);
    return join(parts, ts`\n`);
  });
  const runtime = [...used].filter((n) => n !== 'type JsonSchemaType').sort();
  const sdk = used.has('type JsonSchemaType') ? ['type JsonSchemaType'] : [];
  return tsFile(
    module,
    sourceFile,
    [
      { moduleSpecifier: '@modelcontextprotocol/server', namedImports: sdk },
      { moduleSpecifier: '../runtime/output.js', namedImports: runtime },
      ...(typed ? [{ moduleSpecifier: '../schemas.gen.js', namedImports: [], namespaceImport: 'type api' }] : []),
    ],
    (w) => bodies.forEach((b) => w.write(b).blankLine()),
  );
}

const BODY = ts`body`;

/** What writing mappers collects (runtime helpers used) and how it names `--openapi` schemas. */
interface MapperContext {
  readonly used: Set<string>;
  readonly api: RefCode;
}

function mapper(output: MappedOutput, ctx: MapperContext): Code {
  const node = output.node;
  const head = ts`export function ${ident(output.mapperName)}(${readsBody(node) ? BODY : ts`_body`}: unknown): ${ident(output.typeName)}`;
  // A root object reads its properties from one base value, named once instead of nested.
  if (node.kind === 'object' && node.path.length > 0 && readsBody(node)) {
    const base = ts`base`;
    return ts`${head} {\n  const base = ${selectExpr(BODY, node.path, ctx)};\n  return ${objectLiteral(node.properties, base, 0, ctx)};\n}`;
  }
  return ts`${head} {\n  return ${expression(node, BODY, 0, ctx)};\n}`;
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
const AS_CODE = { string: ts`asString`, number: ts`asNumber`, boolean: ts`asBoolean`, object: ts`asObject` } as const;

/** A mapper's parameter at a nesting depth: `v1`, `v2`, ... */
const param = (depth: number): Code => ts`v${depth}`;

/** The expression mapping `base` (an identifier) to the node's value; `depth` names nested parameters. */
function expression(node: OutputNode, base: Code, depth: number, ctx: MapperContext): Code {
  switch (node.kind) {
    case 'path': {
      const value = selectExpr(base, node.path, ctx);
      const read = node.type === 'any' ? value : ts`${AS_CODE[node.type]}(${value})`;
      if (node.type !== 'any') ctx.used.add(AS[node.type]);
      // `--openapi` documents what the path selects; the mapper states it (the value is not checked).
      return node.schema ? ts`(${read} as unknown as ${typeOf(node, ctx.api)} | undefined)` : read;
    }
    case 'const':
      return node.value === null || typeof node.value !== 'object' ? constExpr(node.value) : ts`${constExpr(node.value)} as const`;
    case 'template':
      return join(node.parts.map((p) => ('text' in p ? str(p.text) : textExpr(base, p.path, ctx))), ts` + `);
    case 'array': {
      ctx.used.add('asArray');
      const value = selectExpr(base, node.path, ctx);
      if (!node.items) return node.schema ? ts`(asArray(${value}) as unknown as ${typeOf(node, ctx.api)})` : ts`asArray(${value})`;
      const v = param(depth + 1);
      const item = expression(node.items, v, depth + 1, ctx);
      return ts`asArray(${value}, (${readsBody(node.items) ? v : ts``}) => ${node.items.kind === 'object' ? ts`(${item})` : item})`;
    }
    case 'object': {
      // Where no property reads anything, the object's own mapping does not matter.
      if (node.path.length === 0 || !readsBody(node)) return objectLiteral(node.properties, base, depth, ctx);
      ctx.used.add('within');
      const v = param(depth + 1);
      return ts`within(${selectExpr(base, node.path, ctx)}, (${v}) => (${objectLiteral(node.properties, v, depth + 1, ctx)}))`;
    }
  }
}

function textExpr(base: Code, path: readonly PathStep[], ctx: MapperContext): Code {
  ctx.used.add('text');
  return ts`text(${selectExpr(base, path, ctx)})`;
}

function objectLiteral(properties: readonly (readonly [string, OutputNode])[], base: Code, depth: number, ctx: MapperContext): Code {
  return ts`{ ${join(properties.map(([name, child]) => ts`${key(name)}: ${expression(child, base, depth, ctx)}`))} }`;
}

function selectExpr(base: Code, path: readonly PathStep[], ctx: MapperContext): Code {
  if (path.length === 0) return base;
  ctx.used.add('select');
  const steps = path.map((s) => {
    if (typeof s === 'string') return str(s);
    if (typeof s === 'number') return ts`${s}`;
    if (!('all' in s)) return json(s);
    ctx.used.add('ALL');
    return ts`ALL`;
  });
  return ts`select(${base}, [${join(steps)}])`;
}

/** JSON data as an expression (a `const`, a schema), `__proto__` keys kept as properties. */
function constExpr(value: unknown): Code {
  if (value === null || typeof value !== 'object') return json(value ?? null);
  if (Array.isArray(value)) return ts`[${join(value.map(constExpr))}]`;
  return ts`{ ${join(Object.entries(value).map(([k, v]) => ts`${key(k)}: ${constExpr(v)}`))} }`;
}

/** The literal type of a `const` (readonly, as `as const` makes it). */
function constType(value: unknown): Code {
  if (value === null || typeof value !== 'object') return json(value ?? null);
  if (Array.isArray(value)) return ts`readonly [${join(value.map(constType))}]`;
  return ts`{ ${join(Object.entries(value).map(([k, v]) => ts`readonly ${prop(k)}: ${constType(v)}`), ts`; `)} }`;
}

const TS = { string: ts`string`, number: ts`number`, boolean: ts`boolean`, object: ts`Record<string, unknown>` } as const;

/** The whole output: a read at the root may also find nothing at all. */
function rootType(node: OutputNode, api: RefCode): Code {
  return mayBeMissing(node) ? ts`${typeOf(node, api)} | undefined` : typeOf(node, api);
}

function typeOf(node: OutputNode, api: RefCode): Code {
  switch (node.kind) {
    case 'path':
      if (node.schema) return ts`${tsType(node.schema, api)} | null`;
      return node.type === 'any' ? ts`unknown` : ts`${TS[node.type]} | null`;
    case 'const':
      return constType(node.value);
    case 'template':
      return ts`string`;
    case 'array':
      if (node.schema && !node.items) return tsType(node.schema, api);
      return node.items ? ts`Array<${typeOf(node.items, api)}>` : ts`unknown[]`;
    case 'object':
      return ts`{ ${join(node.properties.map(([name, child]) => ts`${prop(name)}${mayBeMissing(child) ? ts`?` : ts``}: ${typeOf(child, api)}`), ts`; `)} }`;
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
