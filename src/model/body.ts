/**
 * `RequestBody` of a consumed operation -> how the generated client builds the request body.
 * JSON data is a template whose `{{refs}}` become caller inputs or bind variables (templates.ts).
 * The catalogue also writes `type: form` / `multipart` and JSON data directly under `body`.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import { parseRefTemplate, wholeInputRef, type TemplateContext } from './templates.js';
import type { JsonTemplate, RequestBody } from './types.js';

const TEXT_TYPES: Record<string, string> = { text: 'text/plain', xml: 'application/xml', sparql: 'application/sparql-query' };
const ALIASES: Record<string, string> = { form: 'formUrlEncoded', multipart: 'multipartForm' };

export function resolveRequestBody(body: unknown, at: SpecPath, ctx: TemplateContext): RequestBody | undefined {
  if (typeof body === 'string') {
    const contentType = /^\s*[[{]/.test(body) ? 'application/json' : 'text/plain';
    return { kind: 'text', contentType, text: parseRefTemplate(body, at, ctx, 'request body') };
  }
  if (!isRecord(body)) {
    ctx.reporter.at('NG1001', at, { expected: 'a request body (a string or a mapping with type and data)', received: typeof body });
    return undefined;
  }
  let type = typeof body.type === 'string' ? body.type : undefined;
  // Own keys only: a type named `constructor` must not find Object's.
  if (type && Object.hasOwn(ALIASES, type)) {
    ctx.reporter.onceAtKey('NG1106', [...at, 'type'], { found: type, official: ALIASES[type]! });
    type = ALIASES[type];
  }
  const dataAt = [...at, 'data'];
  switch (type) {
    case 'json':
      return { kind: 'json', template: jsonTemplate(body.data, dataAt, ctx) };
    case 'text':
    case 'xml':
    case 'sparql':
      return { kind: 'text', contentType: TEXT_TYPES[type]!, text: parseRefTemplate(String(body.data ?? ''), dataAt, ctx, 'request body') };
    case 'formUrlEncoded':
      return formBody(body.data, dataAt, ctx);
    case 'multipartForm':
      return multipartBody(body.data, dataAt, ctx);
    default:
      if (type !== undefined && !type.includes('{{') && body.data !== undefined) {
        ctx.reporter.at('NG2301', [...at, 'type'], { construct: `request body type "${type}"` });
        return undefined;
      }
      // The catalogue sometimes writes the JSON payload itself under `body`.
      ctx.reporter.onceAtKey('NG1107', at, {});
      return { kind: 'json', template: jsonTemplate(body, at, ctx) };
  }
}

function jsonTemplate(data: unknown, at: SpecPath, ctx: TemplateContext): JsonTemplate {
  if (typeof data === 'string') {
    const input = wholeInputRef(data, ctx);
    if (input) return { kind: 'input', name: input };
    const text = parseRefTemplate(data, at, ctx, 'request body');
    return text.every((p) => p.kind === 'text') ? { kind: 'literal', value: data } : { kind: 'text', text };
  }
  if (Array.isArray(data)) return { kind: 'array', items: data.map((item, i) => jsonTemplate(item, [...at, i], ctx)) };
  if (isRecord(data)) return { kind: 'object', entries: Object.entries(data).map(([k, v]) => [k, jsonTemplate(v, [...at, k], ctx)] as const) };
  if (data === undefined || data === null) return { kind: 'literal', value: null };
  if (typeof data === 'number' || typeof data === 'boolean') return { kind: 'literal', value: data };
  return { kind: 'literal', value: String(data) };
}

function formBody(data: unknown, at: SpecPath, ctx: TemplateContext): RequestBody | undefined {
  if (typeof data === 'string') return { kind: 'text', contentType: 'application/x-www-form-urlencoded', text: parseRefTemplate(data, at, ctx, 'form body') };
  if (!isRecord(data)) {
    ctx.reporter.at('NG1001', at, { expected: 'a mapping of form fields', received: typeof data });
    return undefined;
  }
  const fields = Object.entries(data).map(([name, value]) => ({ name, value: parseRefTemplate(String(value ?? ''), [...at, name], ctx, 'form field') }));
  return { kind: 'form', fields };
}

function multipartBody(data: unknown, at: SpecPath, ctx: TemplateContext): RequestBody | undefined {
  if (!Array.isArray(data)) {
    ctx.reporter.at('NG1001', at, { expected: 'a list of multipart parts', received: typeof data });
    return undefined;
  }
  const parts = data.flatMap((part: unknown, i) => {
    if (!isRecord(part) || typeof part.name !== 'string') {
      ctx.reporter.at('NG1002', [...at, i], { key: 'name' });
      return [];
    }
    return [
      {
        name: part.name,
        value: parseRefTemplate(String(part.value ?? ''), [...at, i, 'value'], ctx, 'multipart part'),
        ...(typeof part.filename === 'string' ? { filename: part.filename } : {}),
        ...(typeof part.contentType === 'string' ? { contentType: part.contentType } : {}),
      },
    ];
  });
  return { kind: 'multipart', parts };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
