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

/** Table cells: one line, pipes escaped, so spec text cannot break the Markdown table. */
export function cell(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'").trim();
}
