/** src/mcp/catalog.gen.ts: MCP resources and prompts, when the adapter declares any. */
import type CodeBlockWriter from 'code-block-writer';
import type { McpPrompt, McpResource, McpSurface } from '../../model/types.js';
import { access, docComment, jsonLiteral, lit, prop } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { textExpression } from './body.js';
import { converterImports } from './invocation.js';
import { tsFile } from './morph.js';

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
      { moduleSpecifier: './outputs.gen.js', namedImports: mcp.resources.flatMap((r) => (r.output ? [r.output.mapperName] : [])) },
      { moduleSpecifier: '../upstreams.gen.js', namedImports: mcp.resources.some((r) => r.call) ? ['type Upstreams'] : [] },
    ],
    (w) => {
      w.writeLine(`/** Resources of the ${mcp.namespace} MCP adapter, in spec order. */`);
      w.write('export const resources = [').indent(() => mcp.resources.forEach((r) => writeResource(w, r)));
      w.writeLine('];').blankLine();
      w.writeLine(`/** Prompts of the ${mcp.namespace} MCP adapter, in spec order. */`);
      w.write('export const prompts = [').indent(() => mcp.prompts.forEach((p) => writePrompt(w, p)));
      w.writeLine('];');
    },
  );
}

function writeResource(w: CodeBlockWriter, r: McpResource): void {
  w.write(docComment(r.description));
  w.write('defineResource(').inlineBlock(() => {
    w.writeLine(`name: ${lit(r.name)},`);
    if (r.title) w.writeLine(`title: ${lit(r.title)},`);
    w.writeLine(`description: ${lit(r.description)},`);
    w.writeLine(`uri: ${lit(r.uri)},`);
    w.writeLine(`templated: ${r.variables.length > 0},`);
    w.writeLine(`mimeType: ${lit(r.mimeType)},`);
    if (!r.call) {
      w.writeLine(`read: async () => ({ status: 200, contentType: ${lit(r.mimeType)}, body: ${lit(r.text ?? '')} }),`);
      return;
    }
    const fields = r.args.map((a) => `${prop(a.target)}: ${a.source.kind === 'literal' ? jsonLiteral(a.source.value) : a.source.kind === 'input' ? access('variables', a.source.input) : 'undefined'}`);
    const call = `${access(access('upstreams', r.call.upstream), r.call.operation)}({ ${fields.join(', ')} }, options)`;
    const body = r.output ? `${call}.then((response) => mapResponse(response, ${r.output.mapperName}))` : call;
    const usesVariables = r.args.some((a) => a.source.kind === 'input');
    w.writeLine(`read: (upstreams: Upstreams, ${usesVariables ? 'variables' : '_variables'}, options) => ${body},`);
  });
  w.write('),').newLine();
}

function writePrompt(w: CodeBlockWriter, p: McpPrompt): void {
  w.write(docComment(p.description));
  w.write('definePrompt(').inlineBlock(() => {
    w.writeLine(`name: ${lit(p.name)},`);
    if (p.title) w.writeLine(`title: ${lit(p.title)},`);
    w.writeLine(`description: ${lit(p.description)},`);
    const shape = p.arguments.map((a) => {
      const base = a.description ? `z.string().describe(${lit(a.description)})` : 'z.string()';
      return `${prop(a.name)}: ${a.required ? base : `${base}.optional()`}`;
    });
    w.writeLine(`args: z.object({ ${shape.join(', ')} }),`);
    const uses = p.messages.some((m) => m.text.some((t) => t.kind === 'input'));
    const messages = p.messages.map((m) => `{ role: ${lit(m.role)}, text: ${textExpression(m.text)} }`);
    w.writeLine(`messages: (${uses ? 'input' : '_input'}) => [${messages.join(', ')}],`);
  });
  w.write('),').newLine();
}
