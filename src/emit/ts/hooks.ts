/**
 * The hook points of a project: src/hooks.gen.ts types every one from the model, and src/hooks.ts,
 * the team's own file, is written once (when missing) as a starting point that does nothing.
 */
import type { CapabilityModel, UpstreamOperation } from '../../model/types.js';
import { docComment, lit } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { tsFile, type Imports } from './morph.js';

/** The team's file: never listed in naftiko.gen.json, never rewritten, never reported by check. */
export const HOOKS_PATH = 'src/hooks.ts';

/** Every hook point of a model's operations, by call reference, in spec order. */
export function hookPoints(model: CapabilityModel): string[] {
  return model.upstreams.flatMap((u) => u.operations.map((op) => op.ref));
}

export function emitHookTypes(model: CapabilityModel): GeneratedFile {
  const imports: Imports = [
    { moduleSpecifier: './config.gen.js', namedImports: ['type Config'] },
    { moduleSpecifier: './runtime/hooks.js', namedImports: [...(hookPoints(model).length ? ['type OperationHooks'] : []), 'type StartContext'] },
    { moduleSpecifier: './runtime/rest.js', namedImports: model.rest ? ['type RestHooks'] : [] },
    { moduleSpecifier: './runtime/mcp.js', namedImports: model.mcp ? ['type McpHooks'] : [] },
    { moduleSpecifier: './upstreams.gen.js', namedImports: ['type Upstreams'] },
    // Namespace imports: two APIs may both have a `ListInput`.
    ...model.upstreams.filter((u) => u.operations.length).map((u) => ({ moduleSpecifier: `./${u.module}.js`, namedImports: [], namespaceImport: `type ${u.typeName}Api` })),
  ];
  return tsFile('src/hooks.gen.ts', model.sourceFile, imports, (w) => {
    w.writeLine("/** Hook points of each consumed operation, by the spec's `call` reference. */");
    // A type, not an interface: the upstream clients take it as a table indexed by reference.
    w.write('export type OperationHookMap =').block(() => {
      for (const u of model.upstreams) {
        for (const op of u.operations) w.write(docComment(`${operationLabel(op)}: ${op.description}`)).writeLine(`readonly ${lit(op.ref)}?: OperationHooks<${u.typeName}Api.${op.inputTypeName}>;`);
      }
    });
    w.write(';').blankLine();
    if (model.rest) {
      w.writeLine('/** The REST routes, by operationId (what an error hook is told). */');
      w.writeLine(`export type RouteId = ${union(model.rest.routes.map((r) => r.operationId))};`).blankLine();
    }
    if (model.mcp) {
      w.writeLine('/** The MCP tools, by name. */');
      w.writeLine(`export type ToolName = ${union(model.mcp.tools.map((t) => t.name))};`).blankLine();
    }
    w.writeLine('/** Every hook point src/hooks.ts may fill; see README.md, "Customising this service". */');
    w.write('export interface ServiceHooks').block(() => {
      w.writeLine('/** Before, after and on failure of each upstream call. */\nreadonly operations?: OperationHookMap;');
      if (model.rest) w.writeLine('/** Middleware and routes of your own on the REST app, and error answers. */\nreadonly rest?: RestHooks<RouteId>;');
      if (model.mcp) w.writeLine('/** Tools, resources and prompts of your own on the MCP servers, server options, and error results. */\nreadonly mcp?: McpHooks<ToolName>;');
      w.writeLine(`/** Once at start-up, before ${model.rest || model.mcp ? 'the REST and MCP servers listen' : 'the servers listen'} (warm a cache, register metrics). */`);
      w.writeLine('start?(context: StartContext<Config, Upstreams>): void | Promise<void>;');
    }).blankLine();
    w.writeLine('/** Types src/hooks.ts: a hook point that does not exist (an operation the spec no longer has) does not compile. */');
    w.write('export function defineHooks(hooks: ServiceHooks): ServiceHooks').block(() => w.writeLine('return hooks;'));
  });
}

/** `GET /customers/{id}`: the operation as the API sees it. */
export function operationLabel(op: UpstreamOperation): string {
  const path = op.pathStrings.map((s, i) => s + (i < op.pathValues.length ? `{${op.pathValues[i]!.name}}` : '')).join('');
  return `${op.method} ${path}`;
}

function union(names: readonly string[]): string {
  return names.length ? [...new Set(names)].map(lit).join(' | ') : 'never';
}

/** One hook point's stub, as src/hooks.ts holds it: the key, and the lines (unindented). */
export interface HookStub {
  readonly key: string;
  readonly stub: string;
}

/** The stubs src/hooks.ts starts with (and `build --update-hooks` adds): every operation, every surface. */
export function hookStubs(model: CapabilityModel): { operations: HookStub[]; surfaces: HookStub[] } {
  const operations = model.upstreams.flatMap((u) => u.operations.map((op) => ({ key: op.ref, stub: `${docComment(operationLabel(op))}${singleQuoted(op.ref)}: {},` })));
  const surfaces = [
    ...(model.rest ? [{ key: 'rest', stub: '// The REST app: middleware(app), routes(app), error(error, { operationId, request }).\nrest: {},' }] : []),
    ...(model.mcp ? [{ key: 'mcp', stub: '// The MCP servers: options, server(server) to register your own tools, error(error, { tool }).\nmcp: {},' }] : []),
  ];
  return { operations, surfaces };
}

/** A string literal in prettier's single quotes: stubs added to a formatted file look like its own lines. */
function singleQuoted(text: string): string {
  return `'${lit(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** The first src/hooks.ts: every hook point present, none doing anything. */
export function emitInitialHooks(model: CapabilityModel): GeneratedFile {
  const { operations, surfaces } = hookStubs(model);
  const indented = (stubs: readonly HookStub[], prefix: string) => stubs.flatMap((s) => s.stub.split('\n').map((line) => prefix + line));
  const lines = [
    '/**',
    ' * Customisations of this service. This file is yours: naftiko-gen wrote it once, because it was',
    ' * missing, and never rewrites it (it is not among the generated files of naftiko.gen.json).',
    ' * Every hook point is typed from the spec (src/hooks.gen.ts): a hook for an operation the spec no',
    ' * longer has fails to compile here, naming it, and `naftiko-gen build --update-hooks` adds a stub',
    ' * for each operation the spec gains. An empty hook costs nothing. Examples of every hook point:',
    ' * README.md, "Customising this service".',
    ' */',
    "import { defineHooks } from './hooks.gen.js';",
    '',
    'export default defineHooks({',
    "  // Around each upstream call, by the spec's `call` reference: before (change the request, or",
    '  // answer without calling), after (change the answer), error (answer instead of a failure).',
    '  operations: {',
    ...indented(operations, '    '),
    '  },',
    ...indented(surfaces, '  '),
    '  // Once at start-up, before the servers listen: async start({ config, logger, upstreams }) {},',
    '});',
    '',
  ];
  return { path: HOOKS_PATH, contents: lines.join('\n'), once: true };
}
