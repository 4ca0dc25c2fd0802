/** src/upstream/<namespace>.client.gen.ts: one typed function per consumed operation. */
import { refsIn } from '../../model/typed-schemas.js';
import type { JsonTemplate, NamedSchema, Param, PathValue, RequestBody, TemplateText, Upstream, UpstreamOperation, ValueType } from '../../model/types.js';
import { docComment, ident, join, key, member, prop, str, ts, tsFile, type Code, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { bodyProperty, templateHelpers, textExpression } from './body.js';
import { apiType } from './schemas.js';
import { tsType as schemaType, type RefCode } from './typed-ts.js';

const INPUT = ts`input`;

/** `schemas`: the model's named schemas (`--openapi`), which typed parameters, bodies and answers refer to. */
export function emitClient(upstream: Upstream, sourceFile: string, schemas?: readonly NamedSchema[]): GeneratedFile {
  const ops = upstream.operations;
  const { texts, bodies } = templatesOf(upstream);
  // An API used only by `forward` resources has no operations: its client is empty.
  const runtime = ops.length ? ['type CallOptions', 'type HttpClient', 'type UpstreamResponse', ...templateHelpers(texts, bodies)] : ['type HttpClient'];
  if (ops.some((op) => op.pathValues.length > 0)) runtime.push('encodePath');
  if (ops.some((op) => op.params.some((p) => (p.type === 'array' && p.in === 'query' && !p.schema) || p.list))) runtime.push('type QueryScalar');
  if (ops.some((op) => op.params.some((p) => p.list && p.in === 'header'))) runtime.push('headerValue');
  if (ops.some((op) => op.params.some((p) => p.in === 'cookie') || op.fixed.some((f) => f.in === 'cookie'))) runtime.push('cookieHeader');
  const schemaImport = ops.some(usesSchemas) ? [{ moduleSpecifier: '../schemas.gen.js', namedImports: [], namespaceImport: 'type api' }] : [];
  return tsFile(`src/${upstream.module}.ts`, sourceFile, [{ moduleSpecifier: '../runtime/http.js', namedImports: runtime }, ...schemaImport], (w) => {
    const api = apiType(schemas);
    ops.forEach((op) => writeInputType(w, op, api));
    w.write(docComment(`Typed client of the ${upstream.namespace} API.`));
    const vars = clientTakesVars(upstream) ? ts`, vars: Readonly<Record<string, string>>` : ts``;
    const name = ident(upstream.typeName);
    w.write(ts`export function create${name}Client(${ops.length ? ts`http` : ts`_http`}: HttpClient${vars})`).block(() => {
      w.write(ts`return`).block(() => ops.forEach((op) => writeOperation(w, op, api)));
      w.write(ts`;`);
    });
    w.blankLine().writeLine(ts`export type ${name}Client = ReturnType<typeof create${name}Client>;`);
  });
}

/** The fixed texts (parameter values, environment path values) and bodies of the API's operations. */
function templatesOf(upstream: Upstream): { texts: TemplateText[]; bodies: RequestBody[] } {
  const ops = upstream.operations;
  return {
    texts: ops.flatMap((op) => [...op.fixed.map((f) => f.value), ...op.pathValues.filter((v) => !pathInput(v)).map((v) => v.value)]),
    bodies: ops.flatMap((op) => (op.body ? [op.body] : [])),
  };
}

/** Whether the client factory takes `vars`: the one answer for the client and for its caller (upstreams.gen.ts). */
export function clientTakesVars(upstream: Upstream): boolean {
  const { texts, bodies } = templatesOf(upstream);
  return usesEnv(texts, bodies);
}

/** Whether any template reads a bind variable. */
function usesEnv(texts: readonly TemplateText[], bodies: readonly RequestBody[]): boolean {
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

function writeInputType(w: CodeWriter, op: UpstreamOperation, api: RefCode): void {
  const contract = op.contract ? ` (${op.contract.method.toUpperCase()} ${op.contract.path} in ${op.contract.document})` : '';
  w.write(docComment(`Input of ${op.ref}: ${op.description}${contract}`));
  w.write(ts`export interface ${ident(op.inputTypeName)}`).block(() => {
    for (const p of op.params) {
      w.write(docComment(p.description ?? (p.in === 'template' ? 'Spliced into the request body or a parameter value.' : undefined)));
      const type = p.schema ? schemaType(p.schema, api) : tsType(p.type, p.in);
      w.writeLine(ts`readonly ${prop(p.name)}${optional(p.required)}: ${p.list ? ts`${type} | readonly QueryScalar[]` : type};`);
    }
    if (op.body?.kind === 'input') {
      w.write(docComment(op.body.description ?? 'JSON request body.'));
      const type = op.body.schema ? schemaType(op.body.schema, api) : tsType(op.body.type, 'body');
      w.writeLine(ts`readonly ${prop(op.body.name)}${optional(op.body.required)}: ${type};`);
    }
  });
  w.blankLine();
}

/** The answer's type: the documented 2xx JSON body when `--openapi` matched the operation. */
function resultType(op: UpstreamOperation, api: RefCode): Code {
  const result = op.contract?.result;
  return result ? ts`UpstreamResponse & { readonly body: ${schemaType(result, api)} }` : ts`UpstreamResponse`;
}

function writeOperation(w: CodeWriter, op: UpstreamOperation, api: RefCode): void {
  const template = op.pathStrings.map((s, i) => s + (i < op.pathValues.length ? `{${op.pathValues[i]!.name}}` : '')).join('');
  w.write(docComment(`${op.description} (\`${op.method} ${template}\`)`));
  const result = resultType(op, api);
  // The input goes to http.request too: operation hooks (src/hooks.ts) see what the caller passed.
  w.write(ts`${prop(op.functionName)}(input: ${ident(op.inputTypeName)}, options?: CallOptions): Promise<${result}>`).block(() => {
    w.write(ts`return http.request(`).block(() => {
      w.writeLine(ts`operation: ${str(op.ref)},`);
      w.writeLine(ts`method: ${str(op.method)},`);
      w.writeLine(ts`path: ${pathExpression(op)},`);
      writeQuery(w, op);
      writeHeaders(w, op);
      if (op.body) w.writeLine(ts`${bodyProperty(op.body)},`);
      if (op.responseFormat === 'binary') w.writeLine(ts`binary: { ${op.maxBinaryBytes !== undefined ? ts`maxBytes: ${op.maxBinaryBytes}` : ts``} },`);
      else if (op.responseFormat !== 'json') w.writeLine(ts`textAnswer: true,`);
    });
    // The vendor documents the answer; the client states it, it does not check it (MCP tools do).
    const typed = op.contract?.result ? ts` as Promise<${result}>` : ts``;
    w.write(ts`, options, input)${typed};`);
  });
  w.write(ts`,`).newLine();
}

/** The Accept header of an operation whose answer is not JSON: a binary one asks for its `outputMediaType` first. */
function acceptOf(op: UpstreamOperation): string | undefined {
  if (op.responseFormat === 'binary' && op.mediaType !== undefined) return `${op.mediaType}, */*;q=0.8`;
  return ACCEPT[op.responseFormat];
}

const optional = (required: boolean): Code => (required ? ts`` : ts`?`);

function pathExpression(op: UpstreamOperation): Code {
  if (op.pathValues.length === 0) return str(op.pathStrings[0]!);
  const values = op.pathValues.map((v) => {
    const input = pathInput(v);
    return input ? member(INPUT, input) : textExpression(v.value);
  });
  return ts`encodePath([${join(op.pathStrings.map(str))}], [${join(values)}])`;
}

/** The caller input a path placeholder is, when it is one (the usual case) rather than configuration. */
function pathInput({ value }: PathValue): string | undefined {
  const [only] = value;
  return value.length === 1 && only?.kind === 'input' ? only.name : undefined;
}

function writeQuery(w: CodeWriter, op: UpstreamOperation): void {
  const params = op.params.filter((p) => p.in === 'query');
  const fixed = op.fixed.filter((f) => f.in === 'query');
  if (params.length === 0 && fixed.length === 0) return;
  w.write(ts`query: `).inlineBlock(() => {
    fixed.forEach((f) => w.writeLine(ts`${key(f.name)}: ${textExpression(f.value)},`));
    params.forEach((p) => w.writeLine(ts`${key(p.name)}: ${member(INPUT, p.name)},`));
  });
  w.write(ts`,`).newLine();
}

function writeHeaders(w: CodeWriter, op: UpstreamOperation): void {
  const headers = op.params.filter((p) => p.in === 'header');
  const fixed = op.fixed.filter((f) => f.in === 'header');
  const cookies = op.params.filter((p) => p.in === 'cookie');
  const fixedCookies = op.fixed.filter((f) => f.in === 'cookie');
  const accept = acceptOf(op);
  if (!headers.length && !fixed.length && !cookies.length && !fixedCookies.length && !accept) return;
  w.write(ts`headers: `).inlineBlock(() => {
    if (accept) w.writeLine(ts`accept: ${str(accept)},`);
    fixed.forEach((f) => w.writeLine(ts`${key(f.name)}: ${textExpression(f.value)},`));
    headers.forEach((p) => w.writeLine(ts`${key(p.name)}: ${headerText(member(INPUT, p.name), p)},`));
    if (cookies.length || fixedCookies.length) {
      const pairs = [
        ...fixedCookies.map((f) => ts`[${str(f.name)}, ${textExpression(f.value)}]`),
        ...cookies.map((p) => ts`[${str(p.name)}, ${member(INPUT, p.name)}]`),
      ];
      w.writeLine(ts`cookie: cookieHeader([${join(pairs)}]),`);
    }
  });
  w.write(ts`,`).newLine();
}

/** What a client asks for when the answer is not JSON (fixed parameters may still override it). */
const ACCEPT: Readonly<Record<UpstreamOperation['responseFormat'], string | undefined>> = {
  json: undefined,
  xml: 'application/xml, text/xml;q=0.9',
  yaml: 'application/yaml, application/x-yaml;q=0.9, text/yaml;q=0.8',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  psv: 'text/plain',
  binary: '*/*',
};

function headerText(expression: Code, p: Param): Code {
  if (p.list) return ts`headerValue(${expression})`;
  if (p.type === 'string') return expression;
  return p.required ? ts`String(${expression})` : ts`${expression} === undefined ? undefined : String(${expression})`;
}

/** A fixed value from bind variables only (auth): literal text joined with lookups in `vars`. */
export function valueExpression(value: TemplateText, vars: Code = ts`vars`): Code {
  return textExpression(value, vars);
}

function tsType(type: ValueType, location: Param['in'] | 'body'): Code {
  switch (type) {
    case 'string':
      return ts`string`;
    case 'integer':
    case 'number':
      return ts`number`;
    case 'boolean':
      return ts`boolean`;
    case 'array':
      return location === 'query' ? ts`readonly QueryScalar[]` : ts`readonly unknown[]`;
    case 'object':
      return ts`Readonly<Record<string, unknown>>`;
    case 'any':
      return ts`unknown`;
  }
}
