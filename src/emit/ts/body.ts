/** Expressions that build request bodies and templated values inside generated client functions. */
import type { JsonTemplate, RequestBody, TemplateText } from '../../model/types.js';
import { access, lit, prop } from '../code.js';

/** A template as a string expression: literal text, `vars[...]` for env, `asText(input.x)` for inputs. */
export function textExpression(text: TemplateText): string {
  const parts = text.map((p) => {
    switch (p.kind) {
      case 'text':
        return lit(p.text);
      case 'env':
        return `vars[${lit(p.name)}]`;
      case 'input':
        return `asText(${access('input', p.name)})`;
    }
  });
  return parts.length === 0 ? "''" : parts.join(' + ');
}

/** A single-input template keeps the raw value, so an absent input can be left out. */
function fieldValue(text: TemplateText): string {
  const only = text.length === 1 ? text[0] : undefined;
  return only?.kind === 'input' ? access('input', only.name) : textExpression(text);
}

export function jsonExpression(t: JsonTemplate): string {
  switch (t.kind) {
    case 'literal':
      return t.value === null ? 'null' : lit(t.value);
    case 'text':
      return textExpression(t.text);
    case 'input':
      return access('input', t.name);
    case 'object':
      return `{ ${t.entries.map(([k, v]) => `${prop(k)}: ${jsonExpression(v)}`).join(', ')} }`;
    case 'array':
      return `[${t.items.map(jsonExpression).join(', ')}]`;
  }
}

/** The `body:` or `content:` property of an UpstreamRequest literal. */
export function bodyProperty(body: RequestBody): string {
  switch (body.kind) {
    case 'input':
      return `body: ${access('input', body.name)}`;
    case 'json':
      return `body: ${jsonExpression(body.template)}`;
    case 'text':
      return `content: { contentType: ${lit(body.contentType)}, data: ${textExpression(body.text)} }`;
    case 'form':
      return `content: { data: formBody([${body.fields.map((f) => `[${lit(f.name)}, ${fieldValue(f.value)}]`).join(', ')}]) }`;
    case 'multipart': {
      const parts = body.parts.map((p) => {
        const extra = [p.filename ? `filename: ${lit(p.filename)}` : '', p.contentType ? `contentType: ${lit(p.contentType)}` : ''].filter(Boolean);
        return `{ name: ${lit(p.name)}, value: ${fieldValue(p.value)}${extra.length ? ', ' + extra.join(', ') : ''} }`;
      });
      return `content: { data: multipartBody([${parts.join(', ')}]) }`;
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
