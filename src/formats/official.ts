/**
 * `--strict`: the official JSON Schema of the document's version (draft 2020-12, shipped in
 * schemas/) is the definition of an official document. Its errors become positioned NG1201
 * diagnostics; the catalogue dialect's relaxations become errors too.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Class, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic, SpecPath } from '../diagnostics/diagnostic.js';
import { withSeverity, type Reporter } from '../diagnostics/report.js';

/** Official schemas by `officialSchemaKey`. */
export type OfficialSchemas = Readonly<Record<string, object>>;

/** `1.0.0-alpha2` for a naftiko document, `ikanos 1.0.0-beta4` for an Ikanos one. */
export function officialSchemaKey(data: unknown): string | undefined {
  const root = data as { naftiko?: unknown; ikanos?: unknown } | null;
  if (typeof root?.ikanos === 'string') return `ikanos ${root.ikanos}`;
  return typeof root?.naftiko === 'string' ? root.naftiko : undefined;
}

const compiled = new WeakMap<object, ValidateFunction>();

/** ajv costs ~100 ms to load, so only --strict runs load it. */
function loadAjv(): typeof Ajv2020Class {
  return (createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class }).Ajv2020;
}

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const Ajv2020 = loadAjv();
    // Formats are annotations in 2020-12; the schema's own keywords are checked as written.
    validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false }).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Codes of the relaxations the catalogue dialect gets outside strict mode. */
export const DIALECT_CODES = new Set(['NG1301', 'NG1302', 'NG1303', 'NG1101', 'NG1102', 'NG1103', 'NG1104', 'NG1105', 'NG1106', 'NG1107', 'NG1108', 'NG1109', 'NG1110', 'NG1111', 'NG1120', 'NG2112']);

export function strictDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => (DIALECT_CODES.has(d.code) ? withSeverity(d, 'error') : d));
}

export function checkOfficialSchema(data: unknown, schemas: OfficialSchemas, reporter: Reporter): void {
  for (const error of officialSchemaErrors(data, schemas)) reporter.at('NG1201', error.path, { detail: error.detail });
}

/** What the official schema of the document's own version says against it (nothing without a schema). */
export function officialSchemaErrors(data: unknown, schemas: OfficialSchemas): { path: SpecPath; detail: string }[] {
  const key = officialSchemaKey(data);
  const schema = key === undefined ? undefined : schemas[key];
  if (!schema) return [];
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  return mostSpecific(validate.errors ?? []).map((error) => ({ path: pathOf(error.instancePath), detail: describe(error) }));
}

/** oneOf/anyOf report every branch; keep the deepest error per location. */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject[] {
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const kept: ErrorObject[] = [];
  for (const e of sorted) {
    const covered = kept.some((k) => k.instancePath === e.instancePath || k.instancePath.startsWith(`${e.instancePath}/`));
    if (!covered || (e.keyword === 'additionalProperties' && !kept.some((k) => k.instancePath === e.instancePath))) kept.push(e);
  }
  return kept;
}

function pathOf(pointer: string): SpecPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown key "${String(p.additionalProperty)}"`;
    case 'required':
      return `missing required key "${String(p.missingProperty)}"`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `does not match the pattern ${String(p.pattern)}`;
    default:
      return `${e.message ?? e.keyword}`;
  }
}
