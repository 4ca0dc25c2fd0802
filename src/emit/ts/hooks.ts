/**
 * The hook points of a project: src/hooks.gen.ts types every one from the model, and src/hooks.ts,
 * the team's own file, is written once (when missing) as a starting point that does nothing.
 */
import type { CapabilityModel, UpstreamOperation } from '../../model/types.js';
import { docComment, ident, join, ownedTsFile, snippetText, str, ts, tsFile, type Code, type CodeWriter, type Imports } from '../code.js';
import type { GeneratedFile } from '../types.js';

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
    w.writeLine(ts`/** Hook points of each consumed operation, by the spec's \`call\` reference. */`);
    // A type, not an interface: the upstream clients take it as a table indexed by reference.
    w.write(ts`export type OperationHookMap =`).block(() => {
      for (const u of model.upstreams) {
        for (const op of u.operations) w.write(docComment(`${operationLabel(op)}: ${op.description}`)).writeLine(ts`readonly ${str(op.ref)}?: OperationHooks<${ident(u.typeName)}Api.${ident(op.inputTypeName)}>;`);
      }
    });
    w.write(ts`;`).blankLine();
    if (model.rest) {
      w.writeLine(ts`/** The REST routes, by operationId (what an error hook is told). */`);
      w.writeLine(ts`export type RouteId = ${union(model.rest.routes.map((r) => r.operationId))};`).blankLine();
    }
    if (model.mcp) {
      w.writeLine(ts`/** The MCP tools, by name. */`);
      w.writeLine(ts`export type ToolName = ${union(model.mcp.tools.map((t) => t.name))};`).blankLine();
    }
    w.writeLine(ts`/** Every hook point src/hooks.ts may fill; see README.md, "Customising this service". */`);
    w.write(ts`export interface ServiceHooks`).block(() => {
      w.writeLine(ts`/** Before, after and on failure of each upstream call. */\nreadonly operations?: OperationHookMap;`);
      if (model.rest) w.writeLine(ts`/** Middleware and routes of your own on the REST app, and error answers. */\nreadonly rest?: RestHooks<RouteId>;`);
      if (model.mcp) w.writeLine(ts`/** Tools, resources and prompts of your own on the MCP servers, server options, and error results. */\nreadonly mcp?: McpHooks<ToolName>;`);
      w.writeLine(ts`/** Once at start-up, before ${model.rest || model.mcp ? ts`the REST and MCP servers listen` : ts`the servers listen`} (warm a cache, register metrics). */`);
      w.writeLine(ts`start?(context: StartContext<Config, Upstreams>): void | Promise<void>;`);
    }).blankLine();
    w.writeLine(ts`/** Types src/hooks.ts: a hook point that does not exist (an operation the spec no longer has) does not compile. */`);
    w.write(ts`export function defineHooks(hooks: ServiceHooks): ServiceHooks`).block(() => w.writeLine(ts`return hooks;`));
  });
}

/** `GET /customers/{id}`: the operation as the API sees it. */
export function operationLabel(op: UpstreamOperation): string {
  const path = op.pathStrings.map((s, i) => s + (i < op.pathValues.length ? `{${op.pathValues[i]!.name}}` : '')).join('');
  return `${op.method} ${path}`;
}

function union(names: readonly string[]): Code {
  return names.length ? join([...new Set(names)].map((name) => str(name)), ts` | `) : ts`never`;
}

/** One hook point's stub, as src/hooks.ts holds it: the key, and its lines. */
export interface HookStub<T = Code> {
  readonly key: string;
  readonly stub: T;
}

/** The stubs src/hooks.ts starts with (and `build --update-hooks` adds): every operation, every surface. */
export function hookStubs(model: CapabilityModel): { operations: HookStub[]; surfaces: HookStub[] } {
  // Operation references always hold a dot (`namespace.operation`), so a string key is never `__proto__`.
  const operations = model.upstreams.flatMap((u) => u.operations.map((op) => ({ key: op.ref, stub: ts`${docComment(operationLabel(op))}${str(op.ref)}: {},` })));
  const surfaces = [
    ...(model.rest ? [{ key: 'rest', stub: ts`// The REST app: middleware(app), routes(app), error(error, { operationId, request }).\nrest: {},` }] : []),
    ...(model.mcp ? [{ key: 'mcp', stub: ts`// The MCP servers: options, server(server) to register your own tools, error(error, { tool }).\nmcp: {},` }] : []),
  ];
  return { operations, surfaces };
}

/** The stubs as text in prettier's layout, for `build --update-hooks` to insert into the team's formatted file. */
export function hookStubTexts(model: CapabilityModel): { operations: HookStub<string>[]; surfaces: HookStub<string>[] } {
  const text = (stubs: readonly HookStub[]) => stubs.map((s) => ({ key: s.key, stub: snippetText(s.stub) }));
  const { operations, surfaces } = hookStubs(model);
  return { operations: text(operations), surfaces: text(surfaces) };
}

const HOOKS_HEADER = ts`/**
 * Customisations of this service. This file is yours: naftiko-gen wrote it once, because it was
 * missing, and never rewrites it (it is not among the generated files of naftiko.gen.json).
 * Every hook point is typed from the spec (src/hooks.gen.ts): a hook for an operation the spec no
 * longer has fails to compile here, naming it, and \`naftiko-gen build --update-hooks\` adds a stub
 * for each operation the spec gains. An empty hook costs nothing. Examples of every hook point:
 * README.md, "Customising this service".
 */`;

/** The first src/hooks.ts: every hook point present, none doing anything. */
export function emitInitialHooks(model: CapabilityModel): GeneratedFile {
  const { operations, surfaces } = hookStubs(model);
  return ownedTsFile(HOOKS_PATH, HOOKS_HEADER, [{ moduleSpecifier: './hooks.gen.js', namedImports: ['defineHooks'] }], (w) => {
    w.write(ts`export default defineHooks(`).inlineBlock(() => {
      w.writeLine(ts`// Around each upstream call, by the spec's \`call\` reference: before (change the request, or`);
      w.writeLine(ts`// answer without calling), after (change the answer), error (answer instead of a failure).`);
      w.write(ts`operations: `).inlineBlock(() => writeStubs(w, operations));
      w.write(ts`,`).newLine();
      writeStubs(w, surfaces);
      w.writeLine(ts`// Once at start-up, before the servers listen: async start({ config, logger, upstreams }) {},`);
    });
    w.write(ts`);`).newLine();
  });
}

function writeStubs(w: CodeWriter, stubs: readonly HookStub[]): void {
  for (const s of stubs) w.writeLine(s.stub);
}
