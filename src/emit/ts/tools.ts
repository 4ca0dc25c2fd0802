/** src/mcp/tools.gen.ts: the MCP tools as typed definitions with strict input schemas. */
import type CodeBlockWriter from 'code-block-writer';
import type { McpSurface, McpTool } from '../../model/types.js';
import { access, docComment, lit, prop } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { callsUpstream, converterImports, formatImports, invokeExpression, readCalls, invokeResultType, mapperImports, outputImports, readsInput, stepImports } from './invocation.js';
import { hasOutputSchema } from './outputs.js';
import { tsFile } from './morph.js';
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
      w.writeLine(`/** Tools of the ${mcp.namespace} MCP adapter, in spec order. */`);
      w.write('export const tools = [').indent(() => mcp.tools.forEach((tool) => writeTool(w, tool)));
      w.writeLine('];');
    },
  );
}

function writeTool(w: CodeBlockWriter, tool: McpTool): void {
  w.write(docComment(tool.description));
  w.write('defineTool(').inlineBlock(() => {
    w.writeLine(`name: ${lit(tool.name)},`);
    if (tool.title) w.writeLine(`title: ${lit(tool.title)},`);
    w.writeLine(`description: ${lit(tool.description)},`);
    const a = tool.annotations;
    w.writeLine(
      `annotations: { readOnlyHint: ${a.readOnlyHint}, destructiveHint: ${a.destructiveHint}, idempotentHint: ${a.idempotentHint}, openWorldHint: ${a.openWorldHint} },`,
    );
    w.writeLine(`input: z.object({ ${tool.inputs.map((i) => `${prop(i.name)}: ${toolInputSchema(i)}`).join(', ')} }).strict(),`);
    // With an outputSchema every success must be a schema-valid object, an empty answer included.
    const schema = hasOutputSchema(tool.output) && !tool.orchestration;
    if (schema) w.writeLine(`outputSchema: ${tool.output!.schemaName},`);
    const body = invokeExpression(tool, (key) => access('args', key), 'args', schema);
    const calls = callsUpstream(tool);
    const params = [calls ? 'upstreams' : '_upstreams', readsInput(tool) ? 'args' : '_args', calls ? 'options' : '_options'];
    w.writeLine(`invoke: (${params[0]}: Upstreams, ${params[1]}, ${params[2]})${invokeResultType(tool)} => ${body},`);
  });
  w.write('),').newLine();
}
