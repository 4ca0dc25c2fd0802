/**
 * Bind variables and the environment (format.md Part A rule 7): `{{env.X}}` and `{{X}}` name bind
 * variable X, read from the environment variable its `keys` entry names.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { Spec } from '../formats/spec.js';
import { suggest } from '../util/names.js';
import { parseTemplate } from './expressions.js';
import { envPrefix, upperSnake } from './naming.js';
import type { EnvVar, ValueExpr } from './types.js';

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Variable {
  readonly envName: string;
  readonly namespace: string;
}

export class EnvRegistry {
  private readonly variables = new Map<string, Variable>();
  private readonly used = new Map<string, EnvVar>();
  /** Variables named after a spec name (see `derive`), by the name they were derived from. */
  private readonly derived = new Map<string, string>();

  constructor(spec: Spec, reporter: Reporter) {
    this.addBinds(spec, reporter);
  }

  /** Adds the bind variables a document declares (imported files bring their own); the first declaration wins. */
  addBinds(spec: Spec, reporter: Reporter): void {
    const binds = [
      ...(spec.binds ?? []).map((b, i) => ({ b, path: ['binds', i] })),
      ...(spec.capability?.binds ?? []).map((b, i) => ({ b, path: ['capability', 'binds', i] })),
    ];
    for (const { b, path } of binds) {
      if (b.location !== undefined) {
        reporter.atKey('NG2302', [...path, 'location'], { construct: 'binds "location" (each variable is read from the environment variable of its own name instead)' });
      }
      for (const [variable, key] of Object.entries(b.keys)) {
        // With a location the key names an entry in that source, which the service does not read:
        // the variable's own name is the environment variable instead.
        const envName = b.location === undefined ? key : variable;
        if (!this.variables.has(variable)) this.variables.set(variable, { envName, namespace: b.namespace });
      }
    }
  }

  /** Parses a template with variable references, registering each as a required secret. */
  template(text: string, path: SpecPath, description: string, reporter: Reporter): ValueExpr {
    return parseTemplate(text, (qualifier, name) => this.variable(qualifier, name, path, description, reporter));
  }

  isNamespace(namespace: string): boolean {
    return [...this.variables.values()].some((v) => v.namespace === namespace);
  }

  /** Whether `name` is a declared bind variable (so `{{name}}` is a secret, not a caller input). */
  isVariable(name: string): boolean {
    return this.variables.has(name);
  }

  /** Registers a non-secret variable the runtime reads (ports, base URLs). */
  declare(env: EnvVar): void {
    if (!this.used.has(env.name)) this.used.set(env.name, env);
  }

  /**
   * The name of a variable derived from a spec name and a suffix (`<NAMESPACE>_BASE_URL`). Reports
   * (at `at`) a name that had to be changed to make a variable name, and two spec names that
   * would read one variable.
   */
  derive(name: string, suffix: string, at: SpecPath, reporter: Reporter): string {
    const prefix = envPrefix(name);
    const envName = `${prefix}_${suffix}`;
    if (prefix !== upperSnake(name)) reporter.at('NG2150', at, { name, env: envName });
    const first = this.derived.get(envName);
    if (first !== undefined && first !== name) reporter.at('NG2151', at, { name, first, env: envName });
    else this.derived.set(envName, name);
    return envName;
  }

  list(): EnvVar[] {
    return [...this.used.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private variable(qualifier: string | undefined, name: string, path: SpecPath, description: string, reporter: Reporter): string {
    const declared = this.variables.get(name);
    const knownQualifier = qualifier === undefined || qualifier === 'env' || declared?.namespace === qualifier;
    let envName = declared && knownQualifier ? declared.envName : name;
    if (!declared) {
      const candidates = [...this.variables.keys()];
      const near = suggest(name, candidates);
      if (near) reporter.at('NG2202', path, { name, suggestion: near });
      else reporter.at('NG2201', path, { name });
    }
    if (!ENV_NAME.test(envName)) {
      reporter.at('NG2203', path, { name: envName });
      envName = 'INVALID_ENV_NAME';
    }
    this.declare({ name: envName, required: true, secret: true, description });
    return envName;
  }
}
