/** src/mcp/tools.gen.ts: the MCP tools as typed definitions with strict input schemas. */
import type { McpSurface, McpTool, NamedSchema } from '../../model/types.js';
import { chainCall, doc, docComment, ident, key, member, memberChain, objectLiteral, property, snippetText, str, ts, tsFile, unmodelled, type Code, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { callsUpstream, converterImports, formatImports, invokeExpression, invokeProperty, plainCall, readCalls, invokeResultType, mapperImports, outputImports, readsInput, stepImports } from './invocation.js';
import { hasOutputSchema } from './outputs.js';
import { apiImports, apiZodContext } from './schemas.js';
import type { ZodContext } from './typed-zod.js';
import { toolInputChain } from './zod.js';

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
    'final',
  );
}

const ARGS = ts`args`;

function inputSchema(tool: McpTool, ctx: ZodContext | undefined): Code {
  const shape = tool.inputs.map((i) => property(key(i.name), snippetText(key(i.name)).length, toolInputChain(i, ctx)));
  return memberChain(ts`z`, [chainCall(ts`.object`, [objectLiteral(shape)], shape.length > 0), chainCall(ts`.strict`)]);
}

function writeTool(w: CodeWriter, tool: McpTool, input: Code): void {
  w.write(docComment(tool.description));
  w.write(ts`defineTool(`).inlineBlock(() => {
    w.writeLine(ts`${property(ts`name`, 4, str(tool.name), 'breakAfter')},`);
    if (tool.title) w.writeLine(ts`${property(ts`title`, 5, str(tool.title), 'breakAfter')},`);
    w.writeLine(ts`${property(ts`description`, 11, str(tool.description), 'breakAfter')},`);
    const a = tool.annotations;
    const hints = [ts`readOnlyHint: ${a.readOnlyHint}`, ts`destructiveHint: ${a.destructiveHint}`, ts`idempotentHint: ${a.idempotentHint}`, ts`openWorldHint: ${a.openWorldHint}`];
    w.writeLine(ts`${property(ts`annotations`, 11, objectLiteral(hints))},`);
    w.writeLine(ts`${property(ts`input`, 5, input)},`);
    // With an outputSchema every success must be a schema-valid object, an empty answer included.
    const schema = hasOutputSchema(tool.output) && !tool.orchestration;
    if (schema) w.writeLine(onKeyLine(ts`outputSchema: ${ident(tool.output!.schemaName)},`));
    // `--openapi`: a passed-through answer's documented schema (result-schemas.gen.ts).
    if (tool.typedResult && tool.resultSchemaName) w.writeLine(onKeyLine(ts`outputSchema: ${ident(tool.resultSchemaName)},`));
    const calls = callsUpstream(tool);
    const params = ts`${calls ? ts`upstreams` : ts`_upstreams`}: Upstreams, ${readsInput(tool) ? ARGS : ts`_args`}, ${calls ? ts`options` : ts`_options`}`;
    const body = plainCall(tool, (name) => member(ARGS, name)) ?? unmodelled(invokeExpression(tool, (name) => member(ARGS, name), ARGS, schema));
    w.writeLine(invokeProperty(ts`invoke: (${params})${invokeResultType(tool)} =>`, body));
  });
  w.write(ts`),`).newLine();
}

/** A property line whose value is a name: on one line when it fits, else not modelled. */
function onKeyLine(code: Code): Code {
  return snippetText(code).length + 6 <= 100 ? code : unmodelled(code);
}
