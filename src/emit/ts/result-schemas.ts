/**
 * src/mcp/result-schemas.gen.ts (`--openapi`): the outputSchema of each tool that passes a
 * documented answer through, as data (each with the named schemas it uses in `$defs`). Laid out
 * in prettier's layout directly (dataLiteral, src/emit/code/layout.ts): vendor schemas are large, and prettier would
 * spend seconds on them.
 */
import type { CapabilityModel, McpTool, SafeIdent } from '../../model/types.js';
import { dataLiteral, docComment, ident, join, json, laidOutTsFile, ts, tsFile, type Code, type JsonData } from '../code.js';
import { jsonSchema, MCP_STYLE, objectOutputSchema, withDefs, type JsonSchemaObject } from '../json-schema.js';
import type { GeneratedFile } from '../types.js';

export const RESULT_SCHEMAS_MODULE = 'src/mcp/result-schemas.gen.ts';

export function typedResultTools(model: CapabilityModel): (McpTool & { resultSchemaName: SafeIdent })[] {
  return (model.mcp?.tools ?? []).filter((t): t is McpTool & { resultSchemaName: SafeIdent } => t.typedResult !== undefined && t.resultSchemaName !== undefined);
}

const IMPORT = ts`import type { JsonSchemaType } from '@modelcontextprotocol/server';`;

export function emitResultSchemas(model: CapabilityModel): GeneratedFile[] {
  const tools = typedResultTools(model);
  if (tools.length === 0) return [];
  const named = model.schemas ?? [];
  const declarations = tools.map((tool) => {
    const result = tool.typedResult!;
    const schema: JsonSchemaObject =
      tool.resultShape === 'object'
        ? objectOutputSchema(result, named)
        : withDefs({ type: 'object', properties: { result: jsonSchema(result, MCP_STYLE) }, required: ['result'], additionalProperties: false }, [result], named);
    const head = ts`export const ${ident(tool.resultSchemaName)}: JsonSchemaType = `;
    const width = `export const ${tool.resultSchemaName}: JsonSchemaType = `.length;
    const what = tool.resultShape === 'object' ? 'the documented answer' : 'the documented answer, wrapped as `{ result }`';
    return { doc: docComment(`outputSchema of tool ${tool.name}: ${what}.`), head, width, schema };
  });
  const laidOut = declarations.map((d) => dataLiteral(d.schema as JsonData, d.width, 1));
  if (laidOut.every((code): code is Code => code !== undefined)) {
    const body = join(declarations.map((d, i) => ts`${d.doc}${d.head}${laidOut[i]!};\n`), ts`\n`);
    return [laidOutTsFile(RESULT_SCHEMAS_MODULE, model.sourceFile, ts`${IMPORT}\n\n${body}`)];
  }
  // Some schema the data printer does not lay out: prettier formats the whole file.
  const imports = [{ moduleSpecifier: '@modelcontextprotocol/server', namedImports: ['type JsonSchemaType'] }];
  return [tsFile(RESULT_SCHEMAS_MODULE, model.sourceFile, imports, (w) => declarations.forEach((d) => w.write(ts`${d.doc}${d.head}${json(d.schema)};`).newLine().blankLine()))];
}
