/** src/mcp/tools.gen.ts: the MCP tools as typed definitions with strict input schemas. */
import type { McpSurface, McpTool } from '../../model/types.js';
import { doc, docComment, ident, join, key, member, str, ts, tsFile, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { callsUpstream, converterImports, formatImports, invokeExpression, readCalls, invokeResultType, mapperImports, outputImports, readsInput, stepImports } from './invocation.js';
import { hasOutputSchema } from './outputs.js';
import { toolInputSchema } from './zod.js';

export function emitTools(mcp: McpSurface, sourceFile: string): GeneratedFile {
  return tsFile(
    'src/mcp/tools.gen.ts',
    sourceFile,
    [
      { moduleSpecifier: 'zod', namedImports: ['z'] },
      { moduleSpecifier: '../runtime/mcp.js', namedImports: ['defineTool'] },
      ...(outputImports(mcp.tools).length ? [{ moduleSpecifier: '../runtime/output.js', namedImports: outputImports(mcp.tools) }] : []),
      { moduleSpecifier: '../runtime/http.js', namedImports: converterImports(mcp.tools) },
      { moduleSpecifier: '../runtime/steps.js', namedImports: stepImports(mcp.tools) },
      ...formatImports(readCalls(mcp.tools)),
      { moduleSpecifier: './outputs.gen.js', namedImports: mapperImports(mcp.tools, (t) => hasOutputSchema(t.output)) },
      { moduleSpecifier: '../upstreams.gen.js', namedImports: ['type Upstreams'] },
    ],
    (w) => {
      w.writeLine(doc(`Tools of the ${mcp.namespace} MCP adapter, in spec order.`));
      w.write(ts`export const tools = [`).indent(() => mcp.tools.forEach((tool) => writeTool(w, tool)));
      w.writeLine(ts`];`);
    },
  );
}

const ARGS = ts`args`;

function writeTool(w: CodeWriter, tool: McpTool): void {
  w.write(docComment(tool.description));
  w.write(ts`defineTool(`).inlineBlock(() => {
    w.writeLine(ts`name: ${str(tool.name)},`);
    if (tool.title) w.writeLine(ts`title: ${str(tool.title)},`);
    w.writeLine(ts`description: ${str(tool.description)},`);
    const a = tool.annotations;
    w.writeLine(
      ts`annotations: { readOnlyHint: ${a.readOnlyHint}, destructiveHint: ${a.destructiveHint}, idempotentHint: ${a.idempotentHint}, openWorldHint: ${a.openWorldHint} },`,
    );
    w.writeLine(ts`input: z.object({ ${join(tool.inputs.map((i) => ts`${key(i.name)}: ${toolInputSchema(i)}`))} }).strict(),`);
    // With an outputSchema every success must be a schema-valid object, an empty answer included.
    const schema = hasOutputSchema(tool.output) && !tool.orchestration;
    if (schema) w.writeLine(ts`outputSchema: ${ident(tool.output!.schemaName)},`);
    const body = invokeExpression(tool, (name) => member(ARGS, name), ARGS, schema);
    const calls = callsUpstream(tool);
    const params = ts`${calls ? ts`upstreams` : ts`_upstreams`}: Upstreams, ${readsInput(tool) ? ARGS : ts`_args`}, ${calls ? ts`options` : ts`_options`}`;
    w.writeLine(ts`invoke: (${params})${invokeResultType(tool)} => ${body},`);
  });
  w.write(ts`),`).newLine();
}
