/**
 * Prints a Code tree in prettier's final layout, for files whose emitters write their `ts`
 * templates in that layout and mark what depends on the width with layout nodes (group, line,
 * indent...: see shapes.ts). Each node is escaped by the same rules as print.ts, with strings in
 * prettier's quotes and comments as prettier prints them. Anything the layout does not model
 * (text whose width is not its length, JSON data, a key prettier would unquote) throws
 * Unsupported, and the file goes to prettier instead.
 */
import { blockCommentText, docText, oneLine, prettierQuoted, regexSource, templateText } from './escape.js';
import { breakParent, hardline, line, printDoc, softline, Unsupported, type Doc } from './doc.js';
import { dataDoc } from './data-doc.js';
import { StatementDocs } from './statement-docs.js';
import { Code, type Hole, type Node } from './node.js';

export { Unsupported } from './doc.js';

/** The file's text in final layout (one line break at the end), or throws Unsupported. */
export function printFinal(codes: readonly Code[]): string {
  return printDoc(codes.map((code) => toDoc(code.node))).replace(/\n*$/, '\n');
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function hole(value: Hole): Doc {
  return value instanceof Code ? toDoc(value.node) : String(value);
}

/** Trusted text: its line breaks are hard lines, indented to the enclosing level. */
function text(value: string): Doc {
  if (!value.includes('\n')) return value;
  const parts: Doc[] = [];
  value.split('\n').forEach((part, i) => parts.push(...(i > 0 ? [hardline] : []), part));
  return parts;
}

/**
 * Documents by node: a node met again (the last argument in each state of hugged call arguments,
 * nested ones in turn) is converted once. Sharing is safe: only propagateBreaks changes a
 * document, and it marks a group broken whatever contains it.
 */
const converted = new WeakMap<Node, Doc>();

function toDoc(node: Node): Doc {
  let doc = converted.get(node);
  if (doc === undefined) {
    doc = convert(node);
    converted.set(node, doc);
  }
  return doc;
}

function convert(node: Node): Doc {
  switch (node.kind) {
    case 'source':
      return node.strings.flatMap((s, i) => (i < node.holes.length ? [text(s), hole(node.holes[i]!)] : [text(s)]));
    case 'join': {
      const separator = toDoc(node.separator.node);
      return node.items.flatMap((item, i) => (i > 0 ? [separator, toDoc(item.node)] : [toDoc(item.node)]));
    }
    case 'string':
      return prettierQuoted(node.value);
    case 'template': {
      const parts: Doc[] = ['`' + templateText(node.quasis[0]!)];
      node.expressions.forEach((e, i) => parts.push('${', toDoc(e.node), '}' + templateText(node.quasis[i + 1]!)));
      return [...parts, '`'];
    }
    case 'comment':
      return comment(node.style, node.text);
    case 'ident':
      return node.name;
    case 'property':
      return propertyName(node.name, node.role);
    case 'access':
      if (IDENT.test(node.name)) return [toDoc(node.object.node), node.optional ? '?.' : '.', node.name];
      return [toDoc(node.object.node), node.optional ? '?.' : '', bracketed(prettierQuoted(node.name))];
    case 'regex':
      return `/${regexSource(node.pattern, node.flags)}/${node.flags}`;
    case 'import':
      return importDoc(node.form, node.typeOnly, node.names, node.specifier);
    case 'laidOut':
      return text(node.text);
    case 'statements':
      return new StatementDocs(toDoc).print(node.ops);
    case 'group':
      return { t: 'group', contents: toDoc(node.contents.node), broken: node.expanded, ...(node.id ? { id: node.id } : {}) };
    case 'conditional': {
      const states = node.states.map((s) => toDoc(s.node));
      // A state that must break breaks the groups around the choice (prettier's call arguments).
      return [willBreak(states[0]!) ? breakParent() : '', { t: 'group', contents: states[0]!, states, broken: false }];
    }
    case 'indent':
      return { t: 'indent', contents: toDoc(node.contents.node) };
    case 'line':
      return node.soft ? softline : line;
    case 'ifBreak':
      return { t: 'ifBreak', broken: toDoc(node.broken.node), flat: toDoc(node.flat.node), ...(node.groupId ? { groupId: node.groupId } : {}) };
    case 'breakParent':
      return breakParent();
    case 'json':
      return dataDoc(node.value);
    case 'unmodelled':
      throw new Unsupported();
  }
}

/** `[key]`, the key on a line of its own when the line is too long (prettier's member lookup). */
function bracketed(key: Doc): Doc {
  return { t: 'group', contents: ['[', { t: 'indent', contents: [softline, key] }, softline, ']'], broken: false };
}

function propertyName(name: string, role: 'member' | 'key'): string {
  if (role === 'key' && name === '__proto__') return "['__proto__']";
  if (IDENT.test(name)) return name;
  // Prettier unquotes a key that is an identifier by Unicode's rules: ours are ASCII-only.
  if (/[^\u0000-\u007f]/.test(name)) throw new Unsupported();
  return prettierQuoted(name);
}

/**
 * Comments as prettier prints them: a `//` comment without trailing whitespace; a JSDoc comment of
 * several lines (each continuation line starts with `*`) re-indented, each line trimmed.
 */
function comment(style: 'doc' | 'block' | 'line', value: string): Doc {
  if (style === 'line') return `// ${oneLine(value)}`.trimEnd();
  if (style === 'block') return `/* ${blockCommentText(value)} */`;
  const body = `* ${docText(value)} `;
  if (!body.includes('\n')) return `/*${body}*/`;
  if (!`*${body}*`.split('\n').every((l) => l.trimStart().startsWith('*'))) return text(`/*${body}*/`);
  const lines = body.split('\n');
  const printed = lines.map((l, i) => (i === 0 ? l.trimEnd() : ' ' + (i < lines.length - 1 ? l.trim() : l.trimStart())));
  return ['/*', ...printed.flatMap((l, i) => (i > 0 ? [hardline, l] : [l])), '*/'];
}

/** `import { a, b } from 'm';`, one name per line when that does not fit (not a lone name). */
function importDoc(form: 'named' | 'default' | 'namespace', typeOnly: boolean, names: readonly string[], specifier: string): Doc {
  const head = `import ${typeOnly ? 'type ' : ''}`;
  const tail = ` from '${specifier}';`;
  if (form === 'default') return head + names[0]! + tail;
  if (form === 'namespace') return `${head}* as ${names[0]!}${tail}`;
  if (names.length === 1) return `${head}{ ${names[0]!} }${tail}`;
  const list: Doc[] = names.flatMap((n, i) => (i > 0 ? [',', line, n] : [n]));
  const braces: Doc = ['{', { t: 'indent', contents: [line, ...list] }, { t: 'ifBreak', broken: ',', flat: '' }, line, '}'];
  return [head, { t: 'group', contents: braces, broken: false }, tail];
}

/** Whether the document holds a hard line or a group broken whatever the width (prettier's willBreak). */
function willBreak(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (Array.isArray(doc)) return (doc as readonly Doc[]).some(willBreak);
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  if (d.t === 'line') return d.hard;
  if (d.t === 'group') return d.broken || willBreak(d.contents);
  if (d.t === 'ifBreak') return willBreak(d.broken) || willBreak(d.flat);
  return willBreak(d.contents);
}
