/** src/upstream/<namespace>.client.gen.ts: one typed function per consumed operation. */
import type { CodeBlockWriter } from 'ts-morph';
import type { FixedParam, Param, Upstream, UpstreamOperation, ValueExpr, ValueType } from '../../model/types.js';
import { access, docComment, lit, prop } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { tsFile } from './morph.js';

export function emitClient(upstream: Upstream, sourceFile: string): GeneratedFile {
  const usesFixedEnv = upstream.operations.some((op) => op.fixed.some((f) => f.value.some((p) => p.kind === 'env')));
  const usesPath = upstream.operations.some((op) => op.pathParams.length > 0);
  const runtime = ['type CallOptions', 'type HttpClient', 'type UpstreamResponse'];
  if (usesPath) runtime.unshift('encodePath');
  if (upstream.operations.some((op) => op.params.some((p) => p.type === 'array'))) runtime.push('type QueryScalar');
  if (upstream.operations.some((op) => op.params.some((p) => p.in === 'cookie'))) runtime.unshift('cookieHeader');
  return tsFile(
    `src/${upstream.module}.ts`,
    sourceFile,
    [{ moduleSpecifier: '../runtime/http.js', namedImports: runtime }],
    (w) => {
      upstream.operations.forEach((op) => writeInputType(w, op));
      w.write(docComment(`Typed client of the ${upstream.namespace} API.`));
      const vars = usesFixedEnv ? ', vars: Readonly<Record<string, string>>' : '';
      w.write(`export function create${upstream.typeName}Client(http: HttpClient${vars})`).block(() => {
        w.write('return').block(() => upstream.operations.forEach((op) => writeOperation(w, op)));
        w.write(';');
      });
      w.blankLine().writeLine(`export type ${upstream.typeName}Client = ReturnType<typeof create${upstream.typeName}Client>;`);
    },
  );
}

function writeInputType(w: CodeBlockWriter, op: UpstreamOperation): void {
  w.write(docComment(`Input of ${op.ref}: ${op.description}`));
  w.write(`export interface ${op.inputTypeName}`).block(() => {
    for (const p of op.params) {
      w.write(docComment(p.description));
      w.writeLine(`readonly ${prop(p.name)}${p.required ? '' : '?'}: ${tsType(p.type, p.in)};`);
    }
    if (op.body) {
      w.write(docComment(op.body.description ?? 'JSON request body.'));
      w.writeLine(`readonly ${prop(op.body.name)}${op.body.required ? '' : '?'}: ${tsType(op.body.type, 'body')};`);
    }
  });
  w.blankLine();
}

function writeOperation(w: CodeBlockWriter, op: UpstreamOperation): void {
  const template = op.pathStrings.map((s, i) => s + (i < op.pathParams.length ? `{${op.pathParams[i]}}` : '')).join('');
  w.write(docComment(`${op.description} (\`${op.method} ${template}\`)`));
  const hasInput = op.params.length > 0 || op.body !== undefined;
  w.write(`${prop(op.functionName)}(${hasInput ? '' : '_'}input: ${op.inputTypeName}, options?: CallOptions): Promise<UpstreamResponse>`).block(() => {
    w.write('return http.request(').block(() => {
      w.writeLine(`operation: ${lit(op.ref)},`);
      w.writeLine(`method: ${lit(op.method)},`);
      w.writeLine(`path: ${pathExpression(op)},`);
      writeGroup(w, 'query', op.params.filter((p) => p.in === 'query'), op.fixed.filter((f) => f.in === 'query'));
      writeHeaders(w, op);
      if (op.body) w.writeLine(`body: ${access('input', op.body.name)},`);
    });
    w.write(', options);');
  });
  w.write(',').newLine();
}

function pathExpression(op: UpstreamOperation): string {
  if (op.pathParams.length === 0) return lit(op.pathStrings[0]!);
  const values = op.pathParams.map((name) => access('input', name));
  return `encodePath([${op.pathStrings.map(lit).join(', ')}], [${values.join(', ')}])`;
}

function writeGroup(w: CodeBlockWriter, key: string, params: readonly Param[], fixed: readonly FixedParam[]): void {
  if (params.length === 0 && fixed.length === 0) return;
  w.write(`${key}: `).inlineBlock(() => {
    fixed.forEach((f) => w.writeLine(`${prop(f.name)}: ${valueExpression(f.value)},`));
    params.forEach((p) => w.writeLine(`${prop(p.name)}: ${access('input', p.name)},`));
  });
  w.write(',').newLine();
}

function writeHeaders(w: CodeBlockWriter, op: UpstreamOperation): void {
  const headers = op.params.filter((p) => p.in === 'header');
  const fixed = op.fixed.filter((f) => f.in === 'header');
  const cookies = op.params.filter((p) => p.in === 'cookie');
  const fixedCookies = op.fixed.filter((f) => f.in === 'cookie');
  if (!headers.length && !fixed.length && !cookies.length && !fixedCookies.length) return;
  w.write('headers: ').inlineBlock(() => {
    fixed.forEach((f) => w.writeLine(`${prop(f.name)}: ${valueExpression(f.value)},`));
    headers.forEach((p) => w.writeLine(`${prop(p.name)}: ${textOf(access('input', p.name), p)},`));
    if (cookies.length || fixedCookies.length) {
      const pairs = [
        ...fixedCookies.map((f) => `[${lit(f.name)}, ${valueExpression(f.value)}]`),
        ...cookies.map((p) => `[${lit(p.name)}, ${access('input', p.name)}]`),
      ];
      w.writeLine(`cookie: cookieHeader([${pairs.join(', ')}]),`);
    }
  });
  w.write(',').newLine();
}

function textOf(expression: string, p: Param): string {
  if (p.type === 'string') return expression;
  return p.required ? `String(${expression})` : `${expression} === undefined ? undefined : String(${expression})`;
}

/** A fixed value: literal text joined with bind variables passed in as `vars`. */
export function valueExpression(value: ValueExpr, vars = 'vars'): string {
  const parts = value.map((p) => (p.kind === 'text' ? lit(p.text) : `${vars}[${lit(p.name)}]`));
  return parts.length ? parts.join(' + ') : "''";
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
  }
}
