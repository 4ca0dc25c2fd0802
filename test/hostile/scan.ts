/**
 * Scanners for the every-string-position test: where a canary (`__canary_<n>`, see payloads.ts)
 * may stand in each kind of generated file. A finding is a place where spec text became
 * something other than data:
 *  - TypeScript: the canary outside string, template, comment and regex tokens (the TypeScript 6
 *    scanner from ts-morph, driven by the parse tree to re-scan regexes and template continuations);
 *    an object-literal property named `__proto__` (it sets the prototype instead); a syntax error;
 *  - .env.example: the canary in a line that is not a comment, or in a variable name;
 *  - Dockerfile: the canary outside comments and quoted LABEL values (instruction or arguments);
 *  - README.md (CommonMark, markdown-it): the canary in raw HTML or a link target, any
 *    `javascript:` link, a table row with more cells than its header;
 *  - JSON: a file that does not parse, the canary in package.json scripts or entry points;
 *  - YAML (deploy/kubernetes.yaml): a file that does not parse, the canary anywhere but inside a
 *    string value or a comment line (a key, an anchor, a tag, a new document);
 *  - any file path that is not plain `a-z0-9._-` segments.
 */
import MarkdownIt from 'markdown-it';
import type { ts as TS } from 'ts-morph';
import { parseAllDocuments, visit } from 'yaml';
import type { GeneratedFile } from '../../src/emit/types.js';
import { CANARY } from './payloads.js';

export interface Finding {
  readonly file: string;
  readonly line: number;
  /** What the text became. */
  readonly what: string;
  readonly excerpt: string;
  /** The canary's number, when the finding is one; undefined for findings no canary marks. */
  readonly canary?: number;
}

let tsApi: typeof TS | undefined;
/** ts-morph costs about a second to load: only when a scan needs it. */
export async function loadScanner(): Promise<void> {
  tsApi ??= (await import('ts-morph')).ts;
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;
const excerptAt = (text: string, offset: number): string => JSON.stringify(text.slice(Math.max(0, offset - 60), offset + 40));

function canaries(text: string): { n: number; at: number; length: number }[] {
  return [...text.matchAll(CANARY)].map((m) => ({ n: Number(m[1]), at: m.index, length: m[0].length }));
}

/** Findings in every generated file of one project. */
export function scanProject(files: readonly GeneratedFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!/^(?:[A-Za-z0-9_][A-Za-z0-9._-]*\/)*[A-Za-z0-9_.][A-Za-z0-9._-]*$/.test(file.path) || file.path.split('/').includes('..')) {
      findings.push({ file: file.path, line: 0, what: 'file path is not plain segments', excerpt: JSON.stringify(file.path), ...canaryOf(file.path) });
    }
    const text = file.contents;
    const hasCanary = text.includes('__canary_');
    if (file.path.endsWith('.ts')) {
      if (hasCanary || (text.includes('__proto__') && !file.path.startsWith('src/runtime/'))) findings.push(...scanTypeScript(file.path, text));
    } else if (file.path.endsWith('.json')) findings.push(...scanJson(file.path, text));
    else if (file.path === '.env.example') findings.push(...(hasCanary ? scanEnv(file.path, text) : []));
    else if (file.path === 'Dockerfile') findings.push(...(hasCanary ? scanDockerfile(file.path, text) : []));
    else if (file.path.endsWith('.md')) findings.push(...scanMarkdown(file.path, text));
    else if (/\.ya?ml$/.test(file.path)) findings.push(...scanYaml(file.path, text));
    else if (hasCanary) findings.push(...canaries(text).map((c) => ({ file: file.path, line: lineOf(text, c.at), what: 'spec text in a file no spec text should reach', excerpt: excerptAt(text, c.at), canary: c.n })));
  }
  return findings;
}

const canaryOf = (text: string): { canary?: number } => {
  const first = canaries(text)[0];
  return first ? { canary: first.n } : {};
};

/** Token ranges of a TypeScript file that hold data or prose, never code. */
function literalRanges(ts: typeof TS, sourceFile: TS.SourceFile): { start: number; end: number; kind: TS.SyntaxKind }[] {
  const regexStarts = new Set<number>();
  const templateContinuations = new Set<number>();
  const visit = (node: TS.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) regexStarts.add(node.getStart(sourceFile));
    if (node.kind === ts.SyntaxKind.TemplateMiddle || node.kind === ts.SyntaxKind.TemplateTail) templateContinuations.add(node.getStart(sourceFile));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, sourceFile.text);
  const tokens: { start: number; end: number; kind: TS.SyntaxKind }[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && regexStarts.has(start)) kind = scanner.reScanSlashToken();
    if (kind === ts.SyntaxKind.CloseBraceToken && templateContinuations.has(start)) kind = scanner.reScanTemplateToken(false);
    tokens.push({ start, end: scanner.getTokenEnd(), kind });
  }
  return tokens;
}

function isDataToken(ts: typeof TS, kind: TS.SyntaxKind): boolean {
  const k = ts.SyntaxKind;
  return [k.StringLiteral, k.NoSubstitutionTemplateLiteral, k.TemplateHead, k.TemplateMiddle, k.TemplateTail, k.RegularExpressionLiteral, k.SingleLineCommentTrivia, k.MultiLineCommentTrivia].includes(kind);
}

export function scanTypeScript(path: string, text: string): Finding[] {
  const ts = tsApi;
  if (!ts) throw new Error('call loadScanner() first');
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const syntax = (sourceFile as unknown as { parseDiagnostics: TS.Diagnostic[] }).parseDiagnostics;
  for (const d of syntax.slice(0, 1)) {
    findings.push({ file: path, line: lineOf(text, d.start ?? 0), what: `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`, excerpt: excerptAt(text, d.start ?? 0), ...canaryOf(text.slice(d.start ?? 0, (d.start ?? 0) + 200)) });
  }
  const tokens = literalRanges(ts, sourceFile);
  for (const c of canaries(text)) {
    const token = tokenAt(tokens, c.at);
    if (token && isDataToken(ts, token.kind) && c.at + c.length <= token.end) continue;
    const kind = token ? ts.SyntaxKind[token.kind] : 'no token';
    findings.push({ file: path, line: lineOf(text, c.at), what: `canary as code (${kind} token)`, excerpt: excerptAt(text, c.at), canary: c.n });
  }
  if (!path.startsWith('src/runtime/')) findings.push(...protoKeys(ts, sourceFile));
  return findings;
}

function tokenAt<T extends { start: number; end: number }>(tokens: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return t;
  }
  return undefined;
}

/** `{ __proto__: x }` and `{ "__proto__": x }` set the prototype of the object they create. */
function protoKeys(ts: typeof TS, sourceFile: TS.SourceFile): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: TS.Node): void => {
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent)) {
      const name = node.name;
      if ((ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === '__proto__') {
        const at = node.getStart(sourceFile);
        findings.push({ file: sourceFile.fileName, line: lineOf(sourceFile.text, at), what: 'object literal property "__proto__" (sets the prototype)', excerpt: excerptAt(sourceFile.text, at) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

const ENV_ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/;

export function scanEnv(path: string, text: string): Finding[] {
  const findings: Finding[] = [];
  let offset = 0;
  for (const line of text.split(/(?<=\r\n|\r|\n)/)) {
    const trimmed = line.trimStart();
    const assignment = ENV_ASSIGNMENT.exec(line);
    for (const c of canaries(line)) {
      if (trimmed.startsWith('#') || (assignment && c.at >= assignment[0].length)) continue;
      findings.push({ file: path, line: lineOf(text, offset + c.at), what: 'canary starts or names a variable', excerpt: JSON.stringify(line), canary: c.n });
    }
    offset += line.length;
  }
  return findings;
}

/** Instructions whose arguments a shell or the runtime executes. */
const EXECUTING = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'ONBUILD']);

export function scanDockerfile(path: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let logical = lines[i]!;
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) logical = logical.replace(/\\\s*$/, ' ') + lines[++i]!;
    const trimmed = logical.trim();
    if (trimmed.startsWith('#')) continue;
    const keyword = /^\S*/.exec(trimmed)![0];
    const label = keyword.toUpperCase() === 'LABEL' ? [...trimmed.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => [m.index, m.index + m[0].length]) : [];
    for (const c of canaries(trimmed)) {
      if (label.some(([from, to]) => c.at > from! && c.at < to!) && !EXECUTING.has(keyword.toUpperCase())) continue;
      const where = c.at < keyword.length ? 'instruction keyword' : `${keyword.toUpperCase()} arguments`;
      findings.push({ file: path, line: first + 1, what: `canary in a Dockerfile ${where}`, excerpt: JSON.stringify(trimmed.slice(0, 120)), canary: c.n });
    }
  }
  return findings;
}

const markdown = new MarkdownIt({ html: true, linkify: false });
type Token = ReturnType<typeof markdown.parse>[number];
// Report every link target as written: other renderers are not as strict as markdown-it's default.
markdown.validateLink = () => true;

export function scanMarkdown(path: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const tokens = markdown.parse(text, {});
  let blockLine = 1;
  const visit = (token: Token): void => {
    if (token.map) blockLine = token.map[0] + 1;
    if ((token.type === 'html_block' || token.type === 'html_inline') && token.content.includes('__canary_')) {
      findings.push({ file: path, line: blockLine, what: 'canary in raw HTML', excerpt: JSON.stringify(token.content.slice(0, 120)), ...canaryOf(token.content) });
    }
    for (const name of ['href', 'src']) {
      const value = token.attrGet(name);
      if (value === null) continue;
      const target = String(value);
      if (target.includes('__canary_') || /^\s*(javascript|vbscript|data):/i.test(target)) {
        findings.push({ file: path, line: blockLine, what: `spec text as a link target (${name})`, excerpt: JSON.stringify(target.slice(0, 120)), ...canaryOf(target) });
      }
    }
    for (const child of token.children ?? []) visit(child);
  };
  for (const token of tokens) visit(token);
  findings.push(...tableRows(path, text, tokens));
  return findings;
}

/** Unescaped `|` in a table row. */
const pipes = (row: string): number => row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;

function tableRows(path: string, text: string, tokens: readonly Token[]): Finding[] {
  const lines = text.split('\n');
  const findings: Finding[] = [];
  for (const table of tokens.filter((t) => t.type === 'table_open' && t.map)) {
    const [from, to] = table.map!;
    const header = pipes(lines[from]!);
    for (let i = from + 2; i < to; i++) {
      if (pipes(lines[i]!) === header) continue;
      findings.push({ file: path, line: i + 1, what: 'table row whose cells differ from its header', excerpt: JSON.stringify(lines[i]!.slice(0, 160)), ...canaryOf(lines[i]!) });
    }
  }
  return findings;
}

function concatenatedKeys(path: string, data: unknown): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (/^\s*__canary_\d+\s*$/.test(key)) findings.push({ file: path, line: 0, what: 'JSON key made of spec text (built by concatenation)', excerpt: JSON.stringify(key), ...canaryOf(key) });
      visit(value);
    }
  };
  visit(data);
  return findings;
}

export function scanJson(path: string, text: string): Finding[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [{ file: path, line: 0, what: `not JSON: ${(error as Error).message}`, excerpt: '', ...canaryOf(text) }];
  }
  // A parsed document holds a canary only in strings; a key that is just the canary was made by
  // pasting `", "<canary>": "` raw (JSON built by concatenation). package.json's commands hold none.
  const findings = concatenatedKeys(path, data);
  if (path !== 'package.json' || data === null || typeof data !== 'object') return findings;
  const pkg = data as Record<string, unknown>;
  for (const field of ['scripts', 'bin', 'main', 'exports', 'imports', 'type']) {
    const value = JSON.stringify(pkg[field] ?? null);
    if (value.includes('__canary_')) findings.push({ file: path, line: 0, what: `canary in package.json ${field}`, excerpt: value.slice(0, 160), ...canaryOf(value) });
  }
  return findings;
}

/** Every document parses; a canary stands only in a string value (never a key) or a comment line. */
export function scanYaml(path: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const values: [number, number][] = [];
  for (const doc of parseAllDocuments(text)) {
    for (const error of doc.errors.slice(0, 1)) {
      const at = error.pos[0];
      findings.push({ file: path, line: lineOf(text, at), what: `not YAML: ${error.code}`, excerpt: excerptAt(text, at), ...canaryOf(text.slice(at, at + 200)) });
    }
    visit(doc, {
      Scalar(key, node) {
        if (key !== 'key' && typeof node.value === 'string' && node.range) values.push([node.range[0], node.range[1]]);
      },
    });
  }
  const lineStart = (at: number) => text.lastIndexOf('\n', at) + 1;
  for (const c of canaries(text)) {
    if (values.some(([from, to]) => c.at >= from && c.at + c.length <= to)) continue;
    if (text.slice(lineStart(c.at), c.at).trimStart().startsWith('#')) continue;
    findings.push({ file: path, line: lineOf(text, c.at), what: 'canary outside a YAML string value', excerpt: excerptAt(text, c.at), canary: c.n });
  }
  return findings;
}
