/** The one Handlebars instance: prose only, no HTML escaping, misspelt fields throw. */
import Handlebars from 'handlebars';
import type { View } from './text.js';

const instance = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();
const OPTIONS = { noEscape: true, strict: true } as const;

/**
 * A template compiled ahead of time (scripts/bundle.mjs writes them to dist/ at build time): the
 * JavaScript source of Handlebars' template specification, with these options. Compiling README's
 * template at run time was a tenth of a one-spec build's CPU time.
 */
export function precompileTemplate(source: string): string {
  return instance.precompile(source, OPTIONS) as string;
}

/**
 * Renders a template with a view built from the IR; template source never comes from a spec. The
 * view's strings are Safe values already escaped for where they are written (src/emit/text.ts),
 * so Handlebars' own HTML escaping stays off. `compiled` holds the build's precompiled
 * specifications by template source (see loadTemplates); any other source is compiled here, once.
 */
export function render(source: string, view: View, compiled?: ReadonlyMap<string, unknown>): string {
  let template = cache.get(source);
  if (!template) {
    const spec = compiled?.get(source);
    template = spec === undefined ? instance.compile(source, OPTIONS) : instance.template(spec as TemplateSpecification);
    cache.set(source, template);
  }
  return template(view);
}
