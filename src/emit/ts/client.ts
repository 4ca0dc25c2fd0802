/** src/upstream/<namespace>.client.gen.ts: one typed function per consumed operation. */
import type CodeBlockWriter from 'code-block-writer';
import type { JsonTemplate, Param, PathValue, RequestBody, TemplateText, Upstream, UpstreamOperation, ValueType } from '../../model/types.js';
import { access, docComment, lit, prop } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { bodyProperty, templateHelpers, textExpression } from './body.js';
import { tsFile } from './morph.js';

export function emitClient(upstream: Upstream, sourceFile: string): GeneratedFile {
  const ops = upstream.operations;
  const texts = ops.flatMap((op) => [...op.fixed.map((f) => f.value), ...op.pathValues.filter((v) => !pathInput(v)).map((v) => v.value)]);
  const bodies = ops.flatMap((op) => (op.body ? [op.body] : []));
  // An API used only by `forward` resources has no operations: its client is empty.
  const runtime = ops.length ? ['type CallOptions', 'type HttpClient', 'type UpstreamResponse', ...templateHelpers(texts, bodies)] : ['type HttpClient'];
  if (ops.some((op) => op.pathValues.length > 0)) runtime.push('encodePath');
  if (ops.some((op) => op.params.some((p) => (p.type === 'array' && p.in === 'query') || p.list))) runtime.push('type QueryScalar');
  if (ops.some((op) => op.params.some((p) => p.list && p.in === 'header'))) runtime.push('headerValue');
  if (ops.some((op) => op.params.some((p) => p.in === 'cookie') || op.fixed.some((f) => f.in === 'cookie'))) runtime.push('cookieHeader');
  const xml = ops.some((op) => op.responseFormat === 'xml') ? [{ moduleSpecifier: '../runtime/xml.js', namedImports: ['fromXml'] }] : [];
  return tsFile(`src/${upstream.module}.ts`, sourceFile, [{ moduleSpecifier: '../runtime/http.js', namedImports: runtime }, ...xml], (w) => {
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

function writeInputType(w: CodeBlockWriter, op: UpstreamOperation): void {
  w.write(docComment(`Input of ${op.ref}: ${op.description}`));
  w.write(`export interface ${op.inputTypeName}`).block(() => {
    for (const p of op.params) {
      w.write(docComment(p.description ?? (p.in === 'template' ? 'Spliced into the request body or a parameter value.' : undefined)));
      const type = tsType(p.type, p.in);
      w.writeLine(`readonly ${prop(p.name)}${p.required ? '' : '?'}: ${p.list ? `${type} | readonly QueryScalar[]` : type};`);
    }
    if (op.body?.kind === 'input') {
      w.write(docComment(op.body.description ?? 'JSON request body.'));
      w.writeLine(`readonly ${prop(op.body.name)}${op.body.required ? '' : '?'}: ${tsType(op.body.type, 'body')};`);
    }
  });
  w.blankLine();
}

function writeOperation(w: CodeBlockWriter, op: UpstreamOperation): void {
  const template = op.pathStrings.map((s, i) => s + (i < op.pathValues.length ? `{${op.pathValues[i]!.name}}` : '')).join('');
  w.write(docComment(`${op.description} (\`${op.method} ${template}\`)`));
  const readsInput = op.params.length > 0 || op.body?.kind === 'input';
  w.write(`${prop(op.functionName)}(${readsInput ? '' : '_'}input: ${op.inputTypeName}, options?: CallOptions): Promise<UpstreamResponse>`).block(() => {
    w.write('return http.request(').block(() => {
      w.writeLine(`operation: ${lit(op.ref)},`);
      w.writeLine(`method: ${lit(op.method)},`);
      w.writeLine(`path: ${pathExpression(op)},`);
      writeQuery(w, op);
      writeHeaders(w, op);
      if (op.body) w.writeLine(`${bodyProperty(op.body)},`);
    });
    w.write(op.responseFormat === 'xml' ? `, options).then(fromXml(${lit(op.ref)}));` : ', options);');
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
  if (p.list) return `headerValue(${expression})`;
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
