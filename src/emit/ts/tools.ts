/** src/mcp/tools.gen.ts: the MCP tools as typed definitions with strict input schemas. */
import type CodeBlockWriter from 'code-block-writer';
import type { McpSurface, McpTool, NamedSchema } from '../../model/types.js';
import { access, docComment, lit, prop } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { callsUpstream, converterImports, invokeExpression, invokeResultType, mapperImports, outputImports, readsInput, stepImports } from './invocation.js';
import { hasOutputSchema } from './outputs.js';
import { apiImports, apiZodContext } from './schemas.js';
import type { ZodContext } from './typed-zod.js';
import { tsFile } from './morph.js';
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
      { moduleSpecifier: './outputs.gen.js', namedImports: mapperImports(mcp.tools, (t) => hasOutputSchema(t.output)) },
      { moduleSpecifier: '../upstreams.gen.js', namedImports: ['type Upstreams'] },
      { moduleSpecifier: './result-schemas.gen.js', namedImports: mcp.tools.flatMap((t) => (t.typedResult && t.resultSchemaName ? [t.resultSchemaName] : [])) },
      ...apiImports(ctx, '..'),
    ],
    (w) => {
      w.writeLine(`/** Tools of the ${mcp.namespace} MCP adapter, in spec order. */`);
      w.write('export const tools = [').indent(() => mcp.tools.forEach((tool, i) => writeTool(w, tool, inputs[i]!)));
      w.writeLine('];');
    },
  );
}

function inputSchema(tool: McpTool, ctx: ZodContext | undefined): string {
  return `z.object({ ${tool.inputs.map((i) => `${prop(i.name)}: ${toolInputSchema(i, ctx)}`).join(', ')} }).strict()`;
}

function writeTool(w: CodeBlockWriter, tool: McpTool, input: string): void {
  w.write(docComment(tool.description));
  w.write('defineTool(').inlineBlock(() => {
    w.writeLine(`name: ${lit(tool.name)},`);
    if (tool.title) w.writeLine(`title: ${lit(tool.title)},`);
    w.writeLine(`description: ${lit(tool.description)},`);
    const a = tool.annotations;
    w.writeLine(
      `annotations: { readOnlyHint: ${a.readOnlyHint}, destructiveHint: ${a.destructiveHint}, idempotentHint: ${a.idempotentHint}, openWorldHint: ${a.openWorldHint} },`,
    );
    w.writeLine(`input: ${input},`);
    // With an outputSchema every success must be a schema-valid object, an empty answer included.
    const schema = hasOutputSchema(tool.output) && !tool.orchestration;
    if (schema) w.writeLine(`outputSchema: ${tool.output!.schemaName},`);
    // `--openapi`: a passed-through answer's documented schema (result-schemas.gen.ts).
    if (tool.typedResult && tool.resultSchemaName) w.writeLine(`outputSchema: ${tool.resultSchemaName},`);
    const body = invokeExpression(tool, (key) => access('args', key), 'args', schema);
    const calls = callsUpstream(tool);
    const params = [calls ? 'upstreams' : '_upstreams', readsInput(tool) ? 'args' : '_args', calls ? 'options' : '_options'];
    w.writeLine(`invoke: (${params[0]}: Upstreams, ${params[1]}, ${params[2]})${invokeResultType(tool)} => ${body},`);
  });
  w.write('),').newLine();
}
