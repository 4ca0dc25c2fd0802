/** Stage 4: CapabilityModel -> the files of one standalone project (unformatted, sorted by path). */
import type { CapabilityModel } from '../model/types.js';
import { runtimeFile, type RuntimeDir } from './code.js';
import { emitKubernetes } from './kubernetes.js';
import { emitOpenApi } from './openapi.js';
import { emitPackageJson } from './package-json.js';
import { emitStaticFiles } from './static.js';
import { emitClient } from './ts/client.js';
import { emitConfig } from './ts/config.js';
import { emitControl } from './ts/control.js';
import { emitSkillCatalog } from './ts/skill.js';
import { emitMain } from './ts/main.js';
import { emitHookTypes, emitInitialHooks } from './ts/hooks.js';
import { emitService } from './ts/service.js';
import { emitTestFiles } from './tests/files.js';
import { emitRoutes } from './ts/routes.js';
import { emitMcpCatalog, hasCatalog } from './ts/mcp-catalog.js';
import { emitSurfaceOutputs } from './ts/outputs.js';
import { emitTools } from './ts/tools.js';
import { emitUpstreams } from './ts/upstreams.js';
import { emitSchemas } from './ts/schemas.js';
import { emitResultSchemas } from './ts/result-schemas.js';
import type { GeneratedFile, Templates } from './types.js';
import { serviceVersion } from './versions.js';

export function emitProject(model: CapabilityModel, templates: Templates): GeneratedFile[] {
  const version = serviceVersion(model);
  const generated: GeneratedFile[] = [
    emitPackageJson(model),
    ...emitStaticFiles(model, templates),
    emitConfig(model),
    emitUpstreams(model),
    emitMain(model, version),
    emitService(model, version),
    emitHookTypes(model),
    emitInitialHooks(model),
    ...emitSchemas(model),
    ...emitResultSchemas(model),
    ...model.upstreams.map((u) => emitClient(u, model.sourceFile, model.schemas)),
    ...(model.rest ? [emitRoutes(model.rest, model.sourceFile, model.schemas)] : []),
    ...emitOpenApi(model),
    ...(model.mcp ? [emitTools(model.mcp, model.sourceFile, model.schemas)] : []),
    ...(model.mcp && hasCatalog(model.mcp) ? [emitMcpCatalog(model.mcp, model.sourceFile)] : []),
    ...(model.control?.info ? [emitControl(model)] : []),
    ...(model.skill ? [emitSkillCatalog(model.skill, model.sourceFile)] : []),
    ...emitSurfaceOutputs(model),
    ...emitTestFiles(model),
    ...emitKubernetes(model),
  ];
  const files = [...generated, ...emitRuntime(model.sourceFile, generated, templates)];
  const paths = new Set<string>();
  for (const file of files) {
    if (paths.has(file.path)) throw new Error(`internal error: two emitters wrote ${file.path}`);
    paths.add(file.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Runtime helpers are real, tested TypeScript copied verbatim: exactly the ones the generated code
 * imports, and the ones those import in turn, so a project carries no helper it does not use. The
 * service's go to src/runtime/, the tests' (fake upstream, assertions) to test/runtime/.
 */
function emitRuntime(sourceFile: string, generated: readonly GeneratedFile[], templates: Templates): GeneratedFile[] {
  const inTests = (f: GeneratedFile) => f.path.startsWith('test/');
  return [
    ...runtimeClosure('src/runtime', generated.filter((f) => !inTests(f)), sourceFile, templates),
    ...runtimeClosure('test/runtime', generated.filter(inTests), sourceFile, templates),
  ];
}

function runtimeClosure(dir: RuntimeDir, importers: readonly GeneratedFile[], sourceFile: string, templates: Templates): GeneratedFile[] {
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    const text = templates.runtime[name];
    if (text === undefined) throw new Error(`internal error: generated code imports runtime/${name}, which does not exist`);
    needed.add(name);
    for (const m of text.matchAll(SIBLING_IMPORT)) visit(`${m[1]}.ts`);
  };
  for (const file of importers) if (file.path.endsWith('.ts')) for (const m of file.contents.matchAll(RUNTIME_IMPORT)) visit(`${m[1]}.ts`);
  return [...needed].sort().map((name) => runtimeFile(name, sourceFile, templates, dir));
}

/** `from './runtime/http.js'`, `from '../runtime/http.js'` in generated code. */
const RUNTIME_IMPORT = /from '(?:\.\.?\/)+runtime\/([a-z0-9-]+)\.js'/g;
/** `from './http-errors.js'` (and `export ... from`) between runtime helpers. */
const SIBLING_IMPORT = /from '\.\/([a-z0-9-]+)\.js'/g;
