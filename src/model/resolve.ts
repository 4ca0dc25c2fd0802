/** Stage 3: Spec -> CapabilityModel. Runs the passes in order; every spec decision happens here. */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { Spec, SpecConsumesHttpT } from '../formats/spec.js';
import { EnvRegistry } from './env.js';
import { indexFunctions } from './aggregates.js';
import { duplicateRefs, type SurfaceContext } from './bindings.js';
import { resolveMcp } from './mcp.js';
import { resolveRest } from './rest.js';
import type { CapabilityModel, ControlSurface, McpSurface, RestSurface, SkillSurface } from './types.js';
import { resolveControl } from './control.js';
import { resolveSkill } from './skill.js';
import type { SpecExposesSkillT } from '../formats/spec.js';
import { resolveUpstream, UpstreamNamer, type ConsumedSource } from './upstreams.js';
import { declareRuntimeEnv } from './runtime-env.js';
import { markListParams } from './list-params.js';
import { resolveImport, type ImportCache, type ImportResolver } from './imports.js';
import type { ContractSet } from '../openapi/set.js';
import { SchemaRegistry } from './contracts.js';
import { nameSchemas } from './schema-names.js';

export interface ResolveOptions {
  readonly imports?: ImportResolver | undefined;
  /** `--openapi`: the vendor documents consumed operations are typed from. */
  readonly contracts?: ContractSet | undefined;
}

export function resolveModel(spec: Spec, id: string, reporter: Reporter, options: ResolveOptions = {}): CapabilityModel | undefined {
  const { imports } = options;
  const capability = spec.capability;
  if (!capability?.exposes?.length) {
    if (spec.consumes?.length || capability?.consumes?.length) checkSharedConsumes(spec, reporter, imports);
    else if (sharedIkanos(spec)) reporter.at('NG2117', [], { what: sharedIkanos(spec) });
    else reportNothingExposed(spec, reporter);
    return undefined;
  }
  checkNamespaces(spec, reporter);
  const env = new EnvRegistry(spec, reporter);
  const names = new UpstreamNamer();
  const cache: ImportCache = new Map();
  const sources = consumedSources(spec, reporter, imports, cache);
  for (const doc of cache.values()) if (doc.spec && doc.reporter) env.addBinds(doc.spec, doc.reporter);
  const schemas = options.contracts ? new SchemaRegistry(options.contracts) : undefined;
  const upstreams = sources.map((source) => resolveUpstream(source, names, env, schemas));
  const surface: SurfaceContext = { upstreams, functions: indexFunctions(spec), env, reporter, files: imports, duplicateRefs: duplicateRefs(sources, reporter), schemas };
  let rest: RestSurface | undefined;
  let mcp: McpSurface | undefined;
  let control: ControlSurface | undefined;
  let skillSpec: { spec: SpecExposesSkillT; at: (string | number)[] } | undefined;
  const declared: Record<string, (string | number)[]> = {};
  capability.exposes?.forEach((adapter, i) => {
    const at = ['capability', 'exposes', i];
    declared[adapter.type] ??= at;
    if (adapter.type === 'rest') {
      if (rest) reporter.at('NG2301', at, { construct: 'a second REST adapter' });
      else rest = resolveRest(adapter, at, surface);
    } else if (adapter.type === 'mcp') {
      if (mcp) reporter.at('NG2301', at, { construct: 'a second MCP adapter' });
      else mcp = resolveMcp(adapter, at, surface);
    } else if (adapter.type === 'control') {
      if (control) reporter.at('NG2301', at, { construct: 'a second control adapter (the format allows one)' });
      else control = resolveControl(adapter, at, env, reporter);
    } else if (skillSpec) {
      reporter.at('NG2301', at, { construct: 'a second skill adapter' });
    } else {
      skillSpec = { spec: adapter, at };
    }
  });
  // Skill tools point at sibling routes and tools, so they are resolved once those are known.
  const skill: SkillSurface | undefined = skillSpec && resolveSkill(skillSpec.spec, skillSpec.at, { rest, mcp }, surface);
  const mcpServes = Boolean(mcp?.tools.length || mcp?.resources.length || mcp?.prompts.length);
  if (!rest?.routes.length && !rest?.forwards.length && !mcpServes && !skill?.skills.length && !control && !hasErrors(reporter.diagnostics)) {
    reporter.at('NG2111', ['capability'], { what: 'no REST route, MCP tool, resource or prompt, skill or control port' });
  }
  declareRuntimeEnv(env, { rest, mcp, skill, control, at: declared }, reporter);
  for (const doc of cache.values()) if (doc.reporter) reporter.diagnostics.push(...doc.reporter.diagnostics);
  reportFailedImports(spec, cache, reporter);
  const model: CapabilityModel = {
    id,
    sourceFile: reporter.source.file,
    info: {
      label: spec.info?.label ?? id,
      description: spec.info?.description ?? '',
      tags: spec.info?.tags ?? [],
      ...versionOf(spec, reporter),
    },
    env: env.list(),
    upstreams: markListParams(upstreams, { rest, mcp }),
    ...(rest?.routes.length || rest?.forwards.length ? { rest } : {}),
    ...(mcp?.tools.length ? { mcp } : {}),
    ...(skill ? { skill } : {}),
    ...(control ? { control } : {}),
  };
  return schemas ? nameSchemas(model, schemas, reporter) : model;
}

/**
 * A file that only declares consumed APIs generates nothing, but its operations are resolved all
 * the same, so `validate` reports what a capability importing it would hit.
 */
function checkSharedConsumes(spec: Spec, reporter: Reporter, imports: ImportResolver | undefined): void {
  reporter.at('NG2117', [], {});
  checkNamespaces(spec, reporter);
  const env = new EnvRegistry(spec, reporter);
  const names = new UpstreamNamer();
  const cache: ImportCache = new Map();
  const root = (spec.consumes ?? []).flatMap((c, i) => ('import' in c ? [] : [{ spec: c as SpecConsumesHttpT, path: ['consumes', i], reporter }]));
  // Imports are resolved too (an import that cannot be read is an error here as well); what an
  // imported file declares is checked when that file is validated.
  const nested = consumedSources(spec, reporter, imports, cache).filter((source) => source.reporter === reporter);
  for (const source of [...root, ...nested]) resolveUpstream(source, names, env);
  for (const doc of cache.values()) if (doc.reporter) reporter.diagnostics.push(...doc.reporter.diagnostics);
  reportFailedImports(spec, cache, reporter);
}

/** A semantic version (what npm accepts in package.json). */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** Ikanos `info.version`: the package version when npm accepts it, the advertised version in any case. */
function versionOf(spec: Spec, reporter: Reporter): { version?: string; packageVersion?: string } {
  const version = spec.info?.version;
  if (version === undefined) return {};
  if (SEMVER.test(version)) return { version, packageVersion: version };
  reporter.at('NG2403', ['info', 'version'], { version });
  return { version };
}

/** NG2111 at the capability, else at a shared document's empty section (`consumes: []`), else the document. */
function reportNothingExposed(spec: Spec, reporter: Reporter): void {
  const empty = (['consumes', 'exposes', 'aggregates', 'binds'] as const).find((section) => spec[section]?.length === 0);
  if (spec.capability || !empty) reporter.at('NG2111', spec.capability ? ['capability'] : [], { what: 'no "exposes" adapters' });
  else reporter.atKey('NG2111', [empty], { what: `its "${empty}" section is empty` });
}

/** What a shared Ikanos document (no capability) declares for others to import, if it is one. */
function sharedIkanos(spec: Spec): string | undefined {
  if (spec.ikanos === undefined || spec.capability) return undefined;
  if (spec.exposes?.length) return 'exposed adapters';
  if (spec.aggregates?.length) return 'aggregates';
  return spec.binds?.length ? 'bindings' : undefined;
}

/** Errors inside an imported file also point at the import that brought them in. */
function reportFailedImports(spec: Spec, cache: ImportCache, reporter: Reporter): void {
  const failed = new Set([...cache.entries()].filter(([, doc]) => doc.reporter && hasErrors(doc.reporter.diagnostics)).map(([file]) => file));
  if (failed.size === 0) return;
  (spec.capability?.consumes ?? []).forEach((c, i) => {
    if (!('import' in c)) return;
    const file = [...failed].find((f) => f.endsWith(c.location.replace(/^\.\//, '')));
    if (file) reporter.atKey('NG2131', ['capability', 'consumes', i, 'location'], { file });
  });
}

function consumedSources(spec: Spec, reporter: Reporter, imports: ImportResolver | undefined, cache: ImportCache): ConsumedSource[] {
  return (spec.capability?.consumes ?? []).flatMap((c, i) => {
    const path = ['capability', 'consumes', i];
    if ('import' in c) return resolveImport(c, path, reporter, imports, cache) ?? [];
    return [{ spec: c as SpecConsumesHttpT, path, reporter }];
  });
}

/** Namespaces are unique across consumes and exposes (Spectral rule naftiko-namespaces-unique). */
function checkNamespaces(spec: Spec, reporter: Reporter): void {
  const seen = new Map<string, SpecPath>();
  const entries: { namespace: string; path: SpecPath }[] = [
    ...(spec.capability?.consumes ?? []).map((c, i) => ({
      namespace: 'import' in c ? (c.as ?? c.import) : c.namespace,
      path: ['capability', 'consumes', i, 'import' in c ? (c.as ? 'as' : 'import') : 'namespace'],
    })),
    ...(spec.capability?.exposes ?? []).map((e, i) => ({
      namespace: String((e as { namespace?: unknown }).namespace ?? ''),
      path: ['capability', 'exposes', i, 'namespace'],
    })),
  ];
  for (const { namespace, path } of entries) {
    if (!namespace) continue;
    const first = seen.get(namespace);
    if (first) reporter.at('NG2108', path, { namespace, first: reporter.where(first) });
    else seen.set(namespace, path);
  }
}
