/** Stage 4: CapabilityModel -> the files of one standalone project (unformatted, sorted by path). */
import type { CapabilityModel } from '../model/types.js';
import { banner } from './code.js';
import { emitOpenApi } from './openapi.js';
import { usesXml } from './features.js';
import { emitPackageJson } from './package-json.js';
import { emitStaticFiles } from './static.js';
import { emitClient } from './ts/client.js';
import { emitConfig } from './ts/config.js';
import { emitControl } from './ts/control.js';
import { emitSkillCatalog } from './ts/skill.js';
import { emitMain } from './ts/main.js';
import { emitRoutes } from './ts/routes.js';
import { emitMcpCatalog, hasCatalog } from './ts/mcp-catalog.js';
import { emitSurfaceOutputs } from './ts/outputs.js';
import { emitTools } from './ts/tools.js';
import { emitUpstreams } from './ts/upstreams.js';
import type { GeneratedFile, Templates } from './types.js';
import { SERVICE_VERSION } from './versions.js';

export function emitProject(model: CapabilityModel, templates: Templates): GeneratedFile[] {
  const files: GeneratedFile[] = [
    emitPackageJson(model),
    ...emitStaticFiles(model, templates),
    emitConfig(model),
    emitUpstreams(model),
    emitMain(model, SERVICE_VERSION),
    ...model.upstreams.map((u) => emitClient(u, model.sourceFile)),
    ...(model.rest ? [emitRoutes(model.rest, model.sourceFile)] : []),
    ...emitOpenApi(model),
    ...(model.mcp ? [emitTools(model.mcp, model.sourceFile)] : []),
    ...(model.mcp && hasCatalog(model.mcp) ? [emitMcpCatalog(model.mcp, model.sourceFile)] : []),
    ...(model.control?.info ? [emitControl(model)] : []),
    ...(model.skill ? [emitSkillCatalog(model.skill, model.sourceFile)] : []),
    ...emitSurfaceOutputs(model),
    ...emitRuntime(model, templates),
  ];
  const paths = new Set<string>();
  for (const file of files) {
    if (paths.has(file.path)) throw new Error(`internal error: two emitters wrote ${file.path}`);
    paths.add(file.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Runtime helpers are real, tested TypeScript copied verbatim; the adapters a project lacks are left out. */
function emitRuntime(model: CapabilityModel, templates: Templates): GeneratedFile[] {
  const skip = new Set<string>();
  if (!model.rest) skip.add('rest.ts');
  if (!model.mcp) skip.add('mcp.ts');
  if (!usesXml(model)) skip.add('xml.ts');
  if (!model.mcp) skip.add('mcp-catalog.ts');
  if (!model.control) skip.add('control.ts');
  if (!model.control) skip.add('metrics.ts');
  if (!model.skill) skip.add('skill.ts');
  return Object.entries(templates.runtime)
    .filter(([name]) => !skip.has(name))
    .map(([name, text]) => ({ path: `src/runtime/${name}`, contents: banner(model.sourceFile) + text }));
}
