/** src/mcp/tools.gen.ts: the MCP tools as typed definitions with strict input schemas. */
import type { McpSurface, McpTool, NamedSchema } from '../../model/types.js';
import { doc, docComment, ident, join, key, member, str, ts, tsFile, type Code, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { callsUpstream, converterImports, formatImports, invokeExpression, readCalls, invokeResultType, mapperImports, outputImports, readsInput, stepImports } from './invocation.js';
import { hasOutputSchema } from './outputs.js';
import { apiImports, apiZodContext } from './schemas.js';
import type { ZodContext } from './typed-zod.js';
import { toolInputSchema } from './zod.js';

export function emitTools(mcp: McpSurface, sourceFile: string, schemas?: readonly NamedSchema[]): GeneratedFile {
  // Schemas first: what they use decides the imports.
  const ctx = apiZodContext(schemas);
  const inputs = mcp.tools.map((tool) => inputSchema(tool, ctx));
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
      { moduleSpecifier: './result-schemas.gen.js', namedImports: mcp.tools.flatMap((t) => (t.typedResult && t.resultSchemaName ? [t.resultSchemaName] : [])) },
      ...apiImports(ctx, '..'),
    ],
    (w) => {
      w.writeLine(doc(`Tools of the ${mcp.namespace} MCP adapter, in spec order.`));
      w.write(ts`export const tools = [`).indent(() => mcp.tools.forEach((tool, i) => writeTool(w, tool, inputs[i]!)));
      w.writeLine(ts`];`);
    },
  );
}

const ARGS = ts`args`;

function inputSchema(tool: McpTool, ctx: ZodContext | undefined): Code {
  return ts`z.object({ ${join(tool.inputs.map((i) => ts`${key(i.name)}: ${toolInputSchema(i, ctx)}`))} }).strict()`;
}

function writeTool(w: CodeWriter, tool: McpTool, input: Code): void {
  w.write(docComment(tool.description));
  w.write(ts`defineTool(`).inlineBlock(() => {
    w.writeLine(ts`name: ${str(tool.name)},`);
    if (tool.title) w.writeLine(ts`title: ${str(tool.title)},`);
    w.writeLine(ts`description: ${str(tool.description)},`);
    const a = tool.annotations;
    w.writeLine(
      ts`annotations: { readOnlyHint: ${a.readOnlyHint}, destructiveHint: ${a.destructiveHint}, idempotentHint: ${a.idempotentHint}, openWorldHint: ${a.openWorldHint} },`,
    );
    w.writeLine(ts`input: ${input},`);
    // With an outputSchema every success must be a schema-valid object, an empty answer included.
    const schema = hasOutputSchema(tool.output) && !tool.orchestration;
    if (schema) w.writeLine(ts`outputSchema: ${ident(tool.output!.schemaName)},`);
    // `--openapi`: a passed-through answer's documented schema (result-schemas.gen.ts).
    if (tool.typedResult && tool.resultSchemaName) w.writeLine(ts`outputSchema: ${ident(tool.resultSchemaName)},`);
    const body = invokeExpression(tool, (name) => member(ARGS, name), ARGS, schema);
    const calls = callsUpstream(tool);
    const params = ts`${calls ? ts`upstreams` : ts`_upstreams`}: Upstreams, ${readsInput(tool) ? ARGS : ts`_args`}, ${calls ? ts`options` : ts`_options`}`;
    w.writeLine(ts`invoke: (${params})${invokeResultType(tool)} => ${body},`);
  });
  w.write(ts`),`).newLine();
}
