/** src/mcp/catalog.gen.ts: MCP resources and prompts, when the adapter declares any. */
import type { McpPrompt, McpResource, McpSurface } from '../../model/types.js';
import { doc, docComment, ident, join, key, member, str, ts, tsFile, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { textExpression } from './body.js';
import { callExpression, converterImports, formatImports, readAs, readResourceCalls } from './invocation.js';

export function hasCatalog(mcp: McpSurface): boolean {
  return mcp.resources.length > 0 || mcp.prompts.length > 0;
}

export function emitMcpCatalog(mcp: McpSurface, sourceFile: string): GeneratedFile {
  const needsText = mcp.prompts.some((p) => p.messages.some((m) => m.text.some((t) => t.kind === 'input')));
  return tsFile(
    'src/mcp/catalog.gen.ts',
    sourceFile,
    [
      { moduleSpecifier: 'zod', namedImports: mcp.prompts.length ? ['z'] : [] },
      { moduleSpecifier: '../runtime/http.js', namedImports: [...(needsText ? ['asText'] : []), ...converterImports(mcp.resources)] },
      { moduleSpecifier: '../runtime/mcp-catalog.js', namedImports: [...(mcp.resources.length ? ['defineResource'] : []), ...(mcp.prompts.length ? ['definePrompt'] : [])] },
      { moduleSpecifier: '../runtime/output.js', namedImports: mcp.resources.some((r) => r.output) ? ['mapResponse'] : [] },
      ...formatImports(readResourceCalls(mcp.resources)),
      { moduleSpecifier: './outputs.gen.js', namedImports: mcp.resources.flatMap((r) => (r.output ? [r.output.mapperName] : [])) },
      { moduleSpecifier: '../upstreams.gen.js', namedImports: mcp.resources.some((r) => r.call) ? ['type Upstreams'] : [] },
    ],
    (w) => {
      w.writeLine(doc(`Resources of the ${mcp.namespace} MCP adapter, in spec order.`));
      w.write(ts`export const resources = [`).indent(() => mcp.resources.forEach((r) => writeResource(w, r)));
      w.writeLine(ts`];`).blankLine();
      w.writeLine(doc(`Prompts of the ${mcp.namespace} MCP adapter, in spec order.`));
      w.write(ts`export const prompts = [`).indent(() => mcp.prompts.forEach((p) => writePrompt(w, p)));
      w.writeLine(ts`];`);
    },
  );
}

const VARIABLES = ts`variables`;

function writeResource(w: CodeWriter, r: McpResource): void {
  w.write(docComment(r.description));
  w.write(ts`defineResource(`).inlineBlock(() => {
    w.writeLine(ts`name: ${str(r.name)},`);
    if (r.title) w.writeLine(ts`title: ${str(r.title)},`);
    w.writeLine(ts`description: ${str(r.description)},`);
    w.writeLine(ts`uri: ${str(r.uri)},`);
    w.writeLine(ts`templated: ${r.variables.length > 0},`);
    w.writeLine(ts`mimeType: ${str(r.mimeType)},`);
    if (!r.call) {
      w.writeLine(ts`read: async () => ({ status: 200, contentType: ${str(r.mimeType)}, body: ${str(r.text ?? '')} }),`);
      return;
    }
    // A resource's arguments are literals or its URI variables (no conversions: variables are text).
    const call = callExpression(r.call, r.args, (name) => member(VARIABLES, name));
    const body = r.output ? ts`${call}${readAs(r.call)}.then((response) => mapResponse(response, ${ident(r.output.mapperName)}))` : call;
    const usesVariables = r.args.some((a) => a.source.kind === 'input');
    w.writeLine(ts`read: (upstreams: Upstreams, ${usesVariables ? VARIABLES : ts`_variables`}, options) => ${body},`);
  });
  w.write(ts`),`).newLine();
}

function writePrompt(w: CodeWriter, p: McpPrompt): void {
  w.write(docComment(p.description));
  w.write(ts`definePrompt(`).inlineBlock(() => {
    w.writeLine(ts`name: ${str(p.name)},`);
    if (p.title) w.writeLine(ts`title: ${str(p.title)},`);
    w.writeLine(ts`description: ${str(p.description)},`);
    const shape = p.arguments.map((a) => {
      const base = a.description ? ts`z.string().describe(${str(a.description)})` : ts`z.string()`;
      return ts`${key(a.name)}: ${a.required ? base : ts`${base}.optional()`}`;
    });
    w.writeLine(ts`args: z.object({ ${join(shape)} }),`);
    const uses = p.messages.some((m) => m.text.some((t) => t.kind === 'input'));
    const messages = p.messages.map((m) => ts`{ role: ${str(m.role)}, text: ${textExpression(m.text)} }`);
    w.writeLine(ts`messages: (${uses ? ts`input` : ts`_input`}) => [${join(messages)}],`);
  });
  w.write(ts`),`).newLine();
}
