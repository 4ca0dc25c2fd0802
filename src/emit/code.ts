/**
 * The escaping mechanism: the one way text reaches generated TypeScript. Emitters build `Code`
 * values with the `ts` template tag (trusted text from our own source) and the context
 * constructors below (spec text, escaped for the lexical context it is written into), and write
 * them through the CodeWriter that `tsFile` hands them. A raw `string` in a hole is a type error.
 * See docs/architecture.md, "Emitted code".
 */
export type { Code, Hole } from './code/node.js';
export type { CodeWriter } from './code/writer.js';
export {
  blockComment,
  doc,
  docComment,
  empty,
  ident,
  join,
  json,
  key,
  lineComment,
  literal,
  member,
  optionalMember,
  prop,
  regex,
  str,
  template,
  ts,
} from './code/constructors.js';
export { laidOutTsFile, ownedTsFile, runtimeFile, snippetText, tsFile, tsFileUsing, type ImportSpec, type Imports, type RuntimeDir } from './code/file.js';
export { dataLiteral, type JsonData } from './code/layout.js';
