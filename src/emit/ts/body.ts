/** Expressions that build request bodies and templated values inside generated client functions. */
import type { JsonTemplate, RequestBody, TemplateText } from '../../model/types.js';
import { join, key, literal, member, str, ts, type Code } from '../code.js';

const INPUT = ts`input`;

/** A template as a string expression: literal text, `vars[...]` for env, `asText(input.x)` for inputs. */
export function textExpression(text: TemplateText, vars: Code = ts`vars`): Code {
  const parts = text.map((p) => {
    switch (p.kind) {
      case 'text':
        return str(p.text);
      case 'env':
        return ts`${vars}[${str(p.name)}]`;
      case 'input':
        return ts`asText(${member(INPUT, p.name)})`;
    }
  });
  return parts.length === 0 ? ts`''` : join(parts, ts` + `);
}

/** A single-input template keeps the raw value, so an absent input can be left out. */
function fieldValue(text: TemplateText): Code {
  const only = text.length === 1 ? text[0] : undefined;
  return only?.kind === 'input' ? member(INPUT, only.name) : textExpression(text);
}

export function jsonExpression(t: JsonTemplate): Code {
  switch (t.kind) {
    case 'literal':
      return literal(t.value);
    case 'text':
      return textExpression(t.text);
    case 'input':
      return member(INPUT, t.name);
    case 'object':
      return ts`{ ${join(t.entries.map(([k, v]) => ts`${key(k)}: ${jsonExpression(v)}`))} }`;
    case 'array':
      return ts`[${join(t.items.map(jsonExpression))}]`;
  }
}

/** The `body:` or `content:` property of an UpstreamRequest literal. */
export function bodyProperty(body: RequestBody): Code {
  switch (body.kind) {
    case 'input':
      return ts`body: ${member(INPUT, body.name)}`;
    case 'json':
      return ts`body: ${jsonExpression(body.template)}`;
    case 'text':
      return ts`content: { contentType: ${str(body.contentType)}, data: ${textExpression(body.text)} }`;
    case 'form':
      return ts`content: { data: formBody([${join(body.fields.map((f) => ts`[${str(f.name)}, ${fieldValue(f.value)}]`))}]) }`;
    case 'multipart': {
      const parts = body.parts.map((p) => {
        const extra = [...(p.filename ? [ts`filename: ${str(p.filename)}`] : []), ...(p.contentType ? [ts`contentType: ${str(p.contentType)}`] : [])];
        return ts`{ name: ${str(p.name)}, value: ${fieldValue(p.value)}${extra.length ? ts`, ${join(extra)}` : ts``} }`;
      });
      return ts`content: { data: multipartBody([${join(parts)}]) }`;
    }
  }
}
/** Runtime helpers a set of templates needs from runtime/http.ts. */
export function templateHelpers(texts: readonly TemplateText[], bodies: readonly RequestBody[]): string[] {
  const helpers = new Set<string>();
  const usesInputText = (t: TemplateText) => t.length > 1 && t.some((p) => p.kind === 'input');
  const scan = (t: JsonTemplate): void => {
    if (t.kind === 'text' && t.text.some((p) => p.kind === 'input')) helpers.add('asText');
    if (t.kind === 'object') t.entries.forEach(([, v]) => scan(v));
    if (t.kind === 'array') t.items.forEach(scan);
  };
  for (const t of texts) if (t.some((p) => p.kind === 'input')) helpers.add('asText');
  for (const b of bodies) {
    if (b.kind === 'json') scan(b.template);
    if (b.kind === 'text' && b.text.some((p) => p.kind === 'input')) helpers.add('asText');
    if (b.kind === 'form') helpers.add('formBody');
    if (b.kind === 'multipart') helpers.add('multipartBody');
    if (b.kind === 'form' || b.kind === 'multipart') {
      const values = b.kind === 'form' ? b.fields.map((f) => f.value) : b.parts.map((p) => p.value);
      if (values.some(usesInputText)) helpers.add('asText');
    }
  }
  return [...helpers].sort();
}
