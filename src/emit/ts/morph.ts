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
  /** `import <name> from ...`: a module's default export. */
  readonly defaultImport?: string;
  /** `import * as <name> from ...`, with `type ` in front for a type-only import. */
  readonly namespaceImport?: string;
}

export type Imports = ImportSpec[];

/** Like tsFile, but each named import is kept only when the body uses it. */
export function tsFileUsing(path: string, sourceFile: string, imports: Imports, body: (writer: CodeBlockWriter) => void): GeneratedFile {
  const writer = newWriter();
  body(writer);
  const text = writer.toString();
  const used = (name: string) => new RegExp(`\\b${name.replace(/^type /, '').replace(/\$/g, '\\$')}\\b`).test(text);
  return tsFile(path, sourceFile, imports.map((spec) => ({ ...spec, namedImports: spec.namedImports.filter(used) })), (w) => w.write(text));
}

function newWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });
}

export function tsFile(path: string, sourceFile: string, imports: Imports, body: (writer: CodeBlockWriter) => void): GeneratedFile {
  const writer = newWriter();
  for (const spec of imports) {
    if (spec.defaultImport) writer.writeLine(`import ${spec.defaultImport} from '${spec.moduleSpecifier}';`);
    if (spec.namespaceImport) writer.writeLine(`import ${spec.namespaceImport.replace(/^(type )?/, '$1* as ')} from '${spec.moduleSpecifier}';`);
    if (spec.namedImports.length === 0) continue;
    const allTypes = spec.namedImports.every((n) => n.startsWith('type '));
    const names = allTypes ? spec.namedImports.map((n) => n.slice(5)) : spec.namedImports;
    writer.writeLine(`import ${allTypes ? 'type ' : ''}{ ${names.join(', ')} } from '${spec.moduleSpecifier}';`);
  }
  writer.blankLine();
  body(writer);
  return { path, contents: banner(sourceFile) + writer.toString() };
}
