/**
 * Consumed parameters with `in: environment`. The reference engine reads the environment variable
 * of the parameter's name but never sends it anywhere (format.md §5.2 step 6), so nothing a user
 * writes with it has an effect there. Here it means what its name says: the value comes from the
 * environment (or from the parameter's `value`), and `{{name}}` in the operation's path, parameter
 * values and body is replaced with it — e.g. an account id that is configuration, not caller input.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecConsumedParamT } from '../formats/spec.js';
import { parseRefTemplate, type EnvironmentParams, type TemplateContext } from './templates.js';
import type { TemplateText } from './types.js';
import { ENV_NAME } from './env.js';

interface Declared {
  readonly p: SpecConsumedParamT;
  readonly at: SpecPath;
}

/** The operation's environment parameters, before any template of the operation is parsed. */
export function environmentParams(declared: readonly Declared[], ctx: TemplateContext): EnvironmentParams {
  const values = new Map<string, TemplateText>();
  for (const { p, at } of declared) {
    if (p.in !== 'environment' || p.name === '') continue;
    if (p.value !== undefined) {
      values.set(p.name, parseRefTemplate(String(p.value), [...at, 'value'], ctx, `Value of the ${p.name} environment parameter`));
    } else if (!ENV_NAME.test(p.name)) {
      ctx.reporter.at('NG2203', [...at, 'name'], { name: p.name });
    } else {
      values.set(p.name, [{ kind: 'env', name: p.name }]);
    }
  }
  return { values, used: new Set() };
}

/**
 * After the operation's templates are parsed: each environment variable one of them reads becomes
 * part of the service's environment contract (unset, start-up stops). Returns the parameters no
 * template read, for the caller to report once it knows no other operation in scope reads them.
 */
export function finishEnvironmentParams<D extends Declared>(declared: readonly D[], environment: EnvironmentParams, ctx: TemplateContext, api: string): D[] {
  const unused: D[] = [];
  for (const d of declared) {
    const { p } = d;
    if (p.in !== 'environment' || !environment.values.has(p.name)) continue;
    if (!environment.used.has(p.name)) unused.push(d);
    else if (p.value === undefined) {
      ctx.env.declare({ name: p.name, required: true, secret: true, description: p.description ?? `Value of {{${p.name}}} in requests to the ${api} API (in: environment)` });
    }
  }
  return unused;
}

/** A parameter no operation reads has no effect, which is said rather than silently ignored. */
export function reportUnusedEnvironmentParam({ p, at }: Declared, reporter: Reporter): void {
  reporter.atKey('NG2302', [...at, 'in'], { construct: `the environment parameter "${p.name}", which no {{${p.name}}} in a path, parameter value or body reads,` });
}
