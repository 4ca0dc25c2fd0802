/**
 * src/mcp/result-schemas.gen.ts (`--openapi`): the outputSchema of each tool that passes a
 * documented answer through, as data (each with the named schemas it uses in `$defs`). Laid out
 * in prettier's layout directly (data-literal.ts): vendor schemas are large, and prettier would
 * spend seconds on them.
 */
import type { CapabilityModel, McpTool } from '../../model/types.js';
import { banner, docComment } from '../code.js';
import { constExpr } from './outputs.js';
import { jsonSchema, MCP_STYLE, objectOutputSchema, withDefs, type JsonSchemaObject } from '../json-schema.js';
import type { GeneratedFile } from '../types.js';
import { dataLiteral, type JsonData } from './data-literal.js';

export const RESULT_SCHEMAS_MODULE = 'src/mcp/result-schemas.gen.ts';

export function typedResultTools(model: CapabilityModel): (McpTool & { resultSchemaName: string })[] {
  return (model.mcp?.tools ?? []).filter((t): t is McpTool & { resultSchemaName: string } => t.typedResult !== undefined && t.resultSchemaName !== undefined);
}

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
    const head = `export const ${tool.resultSchemaName}: JsonSchemaType = `;
    const what = tool.resultShape === 'object' ? 'the documented answer' : 'the documented answer, wrapped as `{ result }`';
    return { doc: docComment(`outputSchema of tool ${tool.name}: ${what}.`), head, schema };
  });
  const laidOut = declarations.map((d) => dataLiteral(d.schema as JsonData, d.head.length, 1));
  const formatted = laidOut.every((text) => text !== undefined);
  const body = declarations.map((d, i) => `${d.doc}${d.head}${laidOut[i] ?? constExpr(d.schema)};\n`).join('\n');
  const contents = `${banner(model.sourceFile)}import type { JsonSchemaType } from '@modelcontextprotocol/server';\n\n${body}`;
  return [{ path: RESULT_SCHEMAS_MODULE, contents, ...(formatted ? { formatted: true } : {}) }];
}
