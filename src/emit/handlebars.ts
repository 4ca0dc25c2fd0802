/** The one Handlebars instance: prose only, no HTML escaping, misspelt fields throw. */
import Handlebars from 'handlebars';

const instance = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Renders a template with a view built from the IR; template source never comes from a spec. */
export function render(source: string, view: object): string {
  let template = cache.get(source);
  if (!template) {
    template = instance.compile(source, { noEscape: true, strict: true });
    cache.set(source, template);
  }
  return template(view);
}

/**
 * Prose from a spec: one line; control, bidi and zero-width characters become spaces (no terminal
 * escapes, no reordered text), and "<" is written as "&lt;" so spec text cannot open raw HTML.
 */
export function prose(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g, ' ')
    .replace(/</g, '&lt;')
    .trim();
}

/** Table cells: prose with pipes escaped and no backticks, so spec text cannot break the Markdown table. */
export function cell(text: string): string {
  return prose(text).replace(/\|/g, '\\|').replace(/`/g, "'");
}
