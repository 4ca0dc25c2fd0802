/**
 * Builds generated TypeScript files with CodeBlockWriter, the writer ts-morph builds code with.
 * ts-morph itself is not used: parsing each file into an AST only to print it again cost more
 * than everything else, and importing it (it bundles the TypeScript compiler) took a second.
 */
import CodeBlockWriter from 'code-block-writer';
import { banner } from '../code.js';
import type { GeneratedFile } from '../types.js';

export interface ImportSpec {
  readonly moduleSpecifier: string;
  /** Names, with `type ` in front for type-only imports. */
  readonly namedImports: readonly string[];
  /** `import * as <name>` (`type <name>` for a type-only one) instead of named imports. */
  readonly namespace?: string | undefined;
}

export type Imports = ImportSpec[];

export function tsFile(path: string, sourceFile: string, imports: Imports, body: (writer: CodeBlockWriter) => void): GeneratedFile {
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });
  for (const spec of imports) {
    if (spec.namespace !== undefined) {
      const typeOnly = spec.namespace.startsWith('type ');
      writer.writeLine(`import ${typeOnly ? 'type ' : ''}* as ${spec.namespace.replace(/^type /, '')} from '${spec.moduleSpecifier}';`);
      continue;
    }
    if (spec.namedImports.length === 0) continue;
    const allTypes = spec.namedImports.every((n) => n.startsWith('type '));
    const names = allTypes ? spec.namedImports.map((n) => n.slice(5)) : spec.namedImports;
    writer.writeLine(`import ${allTypes ? 'type ' : ''}{ ${names.join(', ')} } from '${spec.moduleSpecifier}';`);
  }
  writer.blankLine();
  body(writer);
  return { path, contents: banner(sourceFile) + writer.toString() };
}
