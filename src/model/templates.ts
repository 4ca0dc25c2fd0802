/**
 * `{{ref}}` templates in bodies and parameter values. A ref that names a bind variable (declared,
 * or qualified with `env`/the bind namespace) reads the environment; any other ref (`tools.x`,
 * `rest.x`, `<namespace>.x`, `x`) is the caller input x (format.md Part A rules 2 and 7).
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { EnvRegistry } from './env.js';
import type { TemplateText } from './types.js';

const REF = /\{\{\s*([^{}]+?)\s*\}\}/g;

export interface TemplateContext {
  readonly env: EnvRegistry;
  readonly reporter: Reporter;
  /** Collects the caller inputs templates refer to, in first-seen order. */
  readonly inputs: Set<string>;
  /**
   * The operation's `in: environment` parameters: `{{name}}` is replaced with this text (the
   * environment variable, or the parameter's `value`) instead of naming a caller input.
   */
  readonly environment?: EnvironmentParams | undefined;
}

export interface EnvironmentParams {
  readonly values: ReadonlyMap<string, TemplateText>;
  /** The names some template used, for the "declared but never used" warning. */
  readonly used: Set<string>;
}

export function parseRefTemplate(text: string, at: SpecPath, ctx: TemplateContext, what: string): TemplateText {
  const parts: TemplateText[number][] = [];
  let last = 0;
  for (const m of text.matchAll(REF)) {
    if (m.index > last) parts.push({ kind: 'text', text: text.slice(last, m.index) });
    parts.push(...resolveRef(m[1]!, at, ctx, what));
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The input name when `text` is exactly one input reference (`'{{tools.name}}'`). */
export function wholeInputRef(text: string, ctx: TemplateContext): string | undefined {
  const m = /^\{\{\s*([^{}]+?)\s*\}\}$/.exec(text);
  if (!m) return undefined;
  const ref = m[1]!;
  if (isEnvRef(ref, ctx) || ctx.environment?.values.has(ref)) return undefined;
  const name = inputName(ref);
  ctx.inputs.add(name);
  return name;
}

function resolveRef(ref: string, at: SpecPath, ctx: TemplateContext, what: string): TemplateText {
  const fromEnvironment = environmentValue(ref, ctx);
  if (fromEnvironment) return fromEnvironment;
  if (isEnvRef(ref, ctx)) {
    const [env] = ctx.env.template(`{{${ref}}}`, at, what, ctx.reporter);
    if (env) return [env];
  }
  const name = inputName(ref);
  ctx.inputs.add(name);
  return [{ kind: 'input', name }];
}

/** The text an `in: environment` parameter named `name` stands for, marking it used. */
export function environmentValue(name: string, ctx: TemplateContext): TemplateText | undefined {
  const value = ctx.environment?.values.get(name);
  if (value) ctx.environment!.used.add(name);
  return value;
}

function isEnvRef(ref: string, ctx: TemplateContext): boolean {
  const dot = ref.lastIndexOf('.');
  const qualifier = dot > 0 ? ref.slice(0, dot) : undefined;
  const name = dot > 0 ? ref.slice(dot + 1) : ref;
  return qualifier === 'env' || (ctx.env.isVariable(name) && (qualifier === undefined || ctx.env.isNamespace(qualifier)));
}

/** `tools.x`, `rest.x`, `ns.x` -> `x`; a JSONPath-ish `$.x` -> `x`. */
function inputName(ref: string): string {
  const trimmed = ref.replace(/^\$\.?/, '');
  const dot = trimmed.lastIndexOf('.');
  return dot >= 0 ? trimmed.slice(dot + 1) : trimmed;
}
