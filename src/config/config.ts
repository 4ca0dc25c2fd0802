/**
 * naftiko-gen.config.json / naftiko-gen.config.yaml: project defaults for every command. Read at
 * the edge, validated with zod, and reported like spec problems (file:line:col, NG0101/NG0102).
 * Command-line flags override it.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import { compareDiagnostics, type Diagnostic, type SpecPath } from '../diagnostics/diagnostic.js';
import { makeDiagnostic, Reporter } from '../diagnostics/report.js';
import { GENERATED_DEPENDENCIES, GENERATED_DEV_DEPENDENCIES } from '../emit/versions.js';
import { parseSource, toPlainData } from '../load/source.js';
import { suggest } from '../util/names.js';
import { displayPath, UsageError } from '../write/inputs.js';

export const CONFIG_FILES = ['naftiko-gen.config.json', 'naftiko-gen.config.yaml', 'naftiko-gen.config.yml'] as const;

const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

export const Surface = z.enum(['rest', 'mcp']);
export type Surface = z.infer<typeof Surface>;

export const ConfigSchema = z.strictObject({
  /** Spec files or directories used when a command gets none. */
  specs: z.array(z.string().min(1)).min(1).optional(),
  /** Output directory (default `generated`). */
  out: z.string().min(1).optional(),
  strict: z.boolean().optional(),
  skipInvalid: z.boolean().optional(),
  /** Where projects go under `out`: one folder per spec (flat) or the spec folders mirrored (tree). */
  layout: z.enum(['flat', 'tree']).optional(),
  /** npm scope for generated package names: `@acme` -> `@acme/<project>`. */
  packageScope: z
    .string()
    .regex(/^@[a-z0-9-~][a-z0-9-._~]*$/, 'a package scope looks like "@acme" (lower case, starting with @)')
    .optional(),
  /** Dependency version overrides for generated package.json files (dependencies and devDependencies). */
  dependencies: z
    .record(
      z.string().regex(PACKAGE_NAME, 'not an npm package name'),
      z.string().min(1).regex(/^[^\s]+$/, 'a version range without spaces, e.g. "5.3.1" or "^5.3.0"'),
    )
    .optional(),
  /** Which surfaces generated projects serve (default both). */
  surfaces: z.array(Surface).min(1).optional(),
  /** OpenAPI documents (files or directories) consumed operations are typed from. */
  openapi: z.array(z.string().min(1)).min(1).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

export interface LoadedConfig {
  /** Display path of the config file, when one was found. */
  readonly file?: string;
  readonly config: Config;
  readonly diagnostics: readonly Diagnostic[];
}

const KEYS = Object.keys(ConfigSchema.shape);
const KNOWN_DEPENDENCIES = Object.keys({ ...GENERATED_DEPENDENCIES, ...GENERATED_DEV_DEPENDENCIES }).sort();
const didYouMean = (s?: string) => (s ? ` (did you mean "${s}"?)` : '');

/**
 * `explicit` (from --config) must exist; otherwise the first of CONFIG_FILES in `cwd` is used, and
 * no file means an empty config. Relative paths in the config are relative to its directory.
 */
export function loadConfig(explicit: string | undefined, cwd = process.cwd()): LoadedConfig {
  let path = explicit;
  if (path === undefined) path = CONFIG_FILES.map((f) => `${cwd}/${f}`).find((f) => existsSync(f));
  if (path === undefined) return { config: {}, diagnostics: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const file = displayPath(path, cwd);
  const parsed = parseConfigText(file, text);
  return { file, ...parsed };
}

/** Pure: config text -> config and positioned diagnostics (JSON is read as YAML, positions included). */
export function parseConfigText(file: string, text: string): { config: Config; diagnostics: Diagnostic[] } {
  const { source, errors } = parseSource(file, text);
  if (errors.length > 0) {
    return { config: {}, diagnostics: errors.map((e) => makeDiagnostic('NG0002', { reason: e.message }, { file, path: [], line: e.line, col: e.col })) };
  }
  const reporter = new Reporter(source);
  const data = toPlainData(source) ?? {};
  const result = ConfigSchema.safeParse(data);
  if (result.success) {
    for (const name of Object.keys(result.data.dependencies ?? {})) {
      if (!KNOWN_DEPENDENCIES.includes(name)) {
        reporter.atKey('NG0101', ['dependencies', name], {
          detail: `"${name}" is not a dependency of generated projects (they use ${KNOWN_DEPENDENCIES.join(', ')})${didYouMean(suggest(name, KNOWN_DEPENDENCIES))}`,
        });
      }
    }
    return reporter.diagnostics.length ? { config: {}, diagnostics: reporter.diagnostics } : { config: result.data, diagnostics: [] };
  }
  for (const issue of result.error.issues) {
    const path = issue.path as SpecPath;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) reporter.atKey('NG0102', [...path, key], { key, suggestion: path.length === 0 ? suggest(key, KEYS) : undefined });
    } else if (issue.code === 'invalid_key') {
      reporter.atKey('NG0101', path, { detail: `${describePath(path)}: ${issue.issues[0]?.message ?? issue.message}` });
    } else {
      reporter.at('NG0101', path, { detail: `${describePath(path)}: ${issue.message}` });
    }
  }
  return { config: {}, diagnostics: [...reporter.diagnostics].sort(compareDiagnostics) };
}

function describePath(path: SpecPath): string {
  if (path.length === 0) return 'the file';
  return `"${path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[')}"`;
}
