/** src/upstream/<namespace>.client.gen.ts: one typed function per consumed operation. */
import type CodeBlockWriter from 'code-block-writer';
import { refsIn } from '../../model/typed-schemas.js';
import type { JsonTemplate, Param, PathValue, RequestBody, TemplateText, Upstream, UpstreamOperation, ValueType } from '../../model/types.js';
import { access, docComment, lit, prop } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { bodyProperty, templateHelpers, textExpression } from './body.js';
import { tsFile } from './morph.js';
import { apiType } from './schemas.js';
import { tsType as schemaType } from './typed-ts.js';

export function emitClient(upstream: Upstream, sourceFile: string): GeneratedFile {
  const ops = upstream.operations;
  const texts = ops.flatMap((op) => [...op.fixed.map((f) => f.value), ...op.pathValues.filter((v) => !pathInput(v)).map((v) => v.value)]);
  const bodies = ops.flatMap((op) => (op.body ? [op.body] : []));
  // An API used only by `forward` resources has no operations: its client is empty.
  const runtime = ops.length ? ['type CallOptions', 'type HttpClient', 'type UpstreamResponse', ...templateHelpers(texts, bodies)] : ['type HttpClient'];
  if (ops.some((op) => op.pathValues.length > 0)) runtime.push('encodePath');
  if (ops.some((op) => op.params.some((p) => p.type === 'array' && p.in === 'query' && !p.schema))) runtime.push('type QueryScalar');
  if (ops.some((op) => op.params.some((p) => p.in === 'cookie') || op.fixed.some((f) => f.in === 'cookie'))) runtime.push('cookieHeader');
  const xml = ops.some((op) => op.responseFormat === 'xml') ? [{ moduleSpecifier: '../runtime/xml.js', namedImports: ['fromXml'] }] : [];
  const api = ops.some(usesSchemas) ? [{ moduleSpecifier: '../schemas.gen.js', namedImports: [], namespace: 'type api' }] : [];
  return tsFile(`src/${upstream.module}.ts`, sourceFile, [{ moduleSpecifier: '../runtime/http.js', namedImports: runtime }, ...xml, ...api], (w) => {
    ops.forEach((op) => writeInputType(w, op));
    w.write(docComment(`Typed client of the ${upstream.namespace} API.`));
    const vars = usesEnv(texts, bodies) ? ', vars: Readonly<Record<string, string>>' : '';
    w.write(`export function create${upstream.typeName}Client(${ops.length ? 'http' : '_http'}: HttpClient${vars})`).block(() => {
      w.write('return').block(() => ops.forEach((op) => writeOperation(w, op)));
      w.write(';');
    });
    w.blankLine().writeLine(`export type ${upstream.typeName}Client = ReturnType<typeof create${upstream.typeName}Client>;`);
  });
}

/** Whether any template reads a bind variable, so the client factory takes `vars`. */
export function usesEnv(texts: readonly TemplateText[], bodies: readonly RequestBody[]): boolean {
  const inText = (t: TemplateText) => t.some((p) => p.kind === 'env');
  const inJson = (t: JsonTemplate): boolean =>
    (t.kind === 'text' && inText(t.text)) || (t.kind === 'object' && t.entries.some(([, v]) => inJson(v))) || (t.kind === 'array' && t.items.some(inJson));
  return (
    texts.some(inText) ||
    bodies.some((b) => (b.kind === 'json' && inJson(b.template)) || (b.kind === 'text' && inText(b.text)) || (b.kind === 'form' && b.fields.some((f) => inText(f.value))) || (b.kind === 'multipart' && b.parts.some((p) => inText(p.value))))
  );
}

/** Whether the operation's client refers to schemas.gen.ts (`--openapi` typed it with named schemas). */
function usesSchemas(op: UpstreamOperation): boolean {
  const schemas = [...op.params.map((p) => p.schema), op.body?.kind === 'input' ? op.body.schema : undefined, op.contract?.result];
  return schemas.some((schema) => schema !== undefined && refsIn(schema).size > 0);
}

function writeInputType(w: CodeBlockWriter, op: UpstreamOperation): void {
  const contract = op.contract ? ` (${op.contract.method.toUpperCase()} ${op.contract.path} in ${op.contract.document})` : '';
  w.write(docComment(`Input of ${op.ref}: ${op.description}${contract}`));
  w.write(`export interface ${op.inputTypeName}`).block(() => {
    for (const p of op.params) {
      w.write(docComment(p.description ?? (p.in === 'template' ? 'Spliced into the request body or a parameter value.' : undefined)));
      w.writeLine(`readonly ${prop(p.name)}${p.required ? '' : '?'}: ${p.schema ? schemaType(p.schema, apiType) : tsType(p.type, p.in)};`);
    }
    if (op.body?.kind === 'input') {
      w.write(docComment(op.body.description ?? 'JSON request body.'));
      const type = op.body.schema ? schemaType(op.body.schema, apiType) : tsType(op.body.type, 'body');
      w.writeLine(`readonly ${prop(op.body.name)}${op.body.required ? '' : '?'}: ${type};`);
    }
  });
  w.blankLine();
}

/** The answer's type: the documented 2xx JSON body when `--openapi` matched the operation. */
function resultType(op: UpstreamOperation): string {
  const result = op.contract?.result;
  return result ? `UpstreamResponse & { readonly body: ${schemaType(result, apiType)} }` : 'UpstreamResponse';
}

function writeOperation(w: CodeBlockWriter, op: UpstreamOperation): void {
  const template = op.pathStrings.map((s, i) => s + (i < op.pathValues.length ? `{${op.pathValues[i]!.name}}` : '')).join('');
  w.write(docComment(`${op.description} (\`${op.method} ${template}\`)`));
  const readsInput = op.params.length > 0 || op.body?.kind === 'input';
  w.write(`${prop(op.functionName)}(${readsInput ? '' : '_'}input: ${op.inputTypeName}, options?: CallOptions): Promise<${resultType(op)}>`).block(() => {
    w.write('return http.request(').block(() => {
      w.writeLine(`operation: ${lit(op.ref)},`);
      w.writeLine(`method: ${lit(op.method)},`);
      w.writeLine(`path: ${pathExpression(op)},`);
      writeQuery(w, op);
      writeHeaders(w, op);
      if (op.body) w.writeLine(`${bodyProperty(op.body)},`);
    });
    // The vendor documents the answer; the client states it, it does not check it (MCP tools do).
    const typed = op.contract?.result ? ` as Promise<${resultType(op)}>` : '';
    w.write(op.responseFormat === 'xml' ? `, options).then(fromXml(${lit(op.ref)}));` : `, options)${typed};`);
  });
  w.write(',').newLine();
}

function pathExpression(op: UpstreamOperation): string {
  if (op.pathValues.length === 0) return lit(op.pathStrings[0]!);
  const values = op.pathValues.map((v) => {
    const input = pathInput(v);
    return input ? access('input', input) : textExpression(v.value);
  });
  return `encodePath([${op.pathStrings.map(lit).join(', ')}], [${values.join(', ')}])`;
}

/** The caller input a path placeholder is, when it is one (the usual case) rather than configuration. */
function pathInput({ value }: PathValue): string | undefined {
  const [only] = value;
  return value.length === 1 && only?.kind === 'input' ? only.name : undefined;
}

function writeQuery(w: CodeBlockWriter, op: UpstreamOperation): void {
  const params = op.params.filter((p) => p.in === 'query');
  const fixed = op.fixed.filter((f) => f.in === 'query');
  if (params.length === 0 && fixed.length === 0) return;
  w.write('query: ').inlineBlock(() => {
    fixed.forEach((f) => w.writeLine(`${prop(f.name)}: ${textExpression(f.value)},`));
    params.forEach((p) => w.writeLine(`${prop(p.name)}: ${access('input', p.name)},`));
  });
  w.write(',').newLine();
}

function writeHeaders(w: CodeBlockWriter, op: UpstreamOperation): void {
  const headers = op.params.filter((p) => p.in === 'header');
  const fixed = op.fixed.filter((f) => f.in === 'header');
  const cookies = op.params.filter((p) => p.in === 'cookie');
  const fixedCookies = op.fixed.filter((f) => f.in === 'cookie');
  const xml = op.responseFormat === 'xml';
  if (!headers.length && !fixed.length && !cookies.length && !fixedCookies.length && !xml) return;
  w.write('headers: ').inlineBlock(() => {
    if (xml) w.writeLine("accept: 'application/xml, text/xml;q=0.9',");
    fixed.forEach((f) => w.writeLine(`${prop(f.name)}: ${textExpression(f.value)},`));
    headers.forEach((p) => w.writeLine(`${prop(p.name)}: ${headerText(access('input', p.name), p)},`));
    if (cookies.length || fixedCookies.length) {
      const pairs = [
        ...fixedCookies.map((f) => `[${lit(f.name)}, ${textExpression(f.value)}]`),
        ...cookies.map((p) => `[${lit(p.name)}, ${access('input', p.name)}]`),
      ];
      w.writeLine(`cookie: cookieHeader([${pairs.join(', ')}]),`);
    }
  });
  w.write(',').newLine();
}

function headerText(expression: string, p: Param): string {
  if (p.type === 'string') return expression;
  return p.required ? `String(${expression})` : `${expression} === undefined ? undefined : String(${expression})`;
}

/** A fixed value from bind variables only (auth): literal text joined with `vars` lookups. */
export function valueExpression(value: TemplateText, vars = 'vars'): string {
  return textExpression(value).replace(/\bvars\[/g, `${vars}[`);
}

function tsType(type: ValueType, location: Param['in'] | 'body'): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return location === 'query' ? 'readonly QueryScalar[]' : 'readonly unknown[]';
    case 'object':
      return 'Readonly<Record<string, unknown>>';
    case 'any':
      return 'unknown';
  }
}
