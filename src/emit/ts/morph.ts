/** One in-memory ts-morph project builds every generated TypeScript file. */
import { IndentationText, NewLineKind, Project, QuoteKind, type ImportDeclarationStructure, type OptionalKind, type WriterFunction } from 'ts-morph';
import { banner } from '../code.js';
import type { GeneratedFile } from '../types.js';

let project: Project | undefined;

function morphProject(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Single,
      useTrailingCommas: true,
    },
  });
  return project;
}

export type Imports = OptionalKind<ImportDeclarationStructure>[];

/** Builds one TypeScript file: banner, imports, then the statements the writer emits. */
export function tsFile(path: string, sourceFile: string, imports: Imports, body: WriterFunction): GeneratedFile {
  const file = morphProject().createSourceFile(`/${path}`, '', { overwrite: true });
  file.addImportDeclarations(imports);
  file.addStatements((w) => {
    w.blankLine();
    body(w);
  });
  const contents = banner(sourceFile) + file.getFullText();
  file.delete();
  return { path, contents };
}
