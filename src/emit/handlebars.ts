/** The one Handlebars instance: prose only, no HTML escaping, misspelt fields throw. */
import Handlebars from 'handlebars';
import type { View } from './text.js';

const instance = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Renders a template with a view built from the IR; template source never comes from a spec. The
 * view's strings are Safe values already escaped for where they are written (src/emit/text.ts),
 * so Handlebars' own HTML escaping stays off.
 */
export function render(source: string, view: View): string {
  let template = cache.get(source);
  if (!template) {
    template = instance.compile(source, { noEscape: true, strict: true });
    cache.set(source, template);
  }
  return template(view);
}
