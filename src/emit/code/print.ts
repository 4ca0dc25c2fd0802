/**
 * Prints a Code tree as the text the format stage hands to prettier. Each node is escaped for its
 * own context here, and nowhere else. Statements (CodeWriter ops) are laid out with the newline and
 * indentation rules of code-block-writer, which generated code was written with before, so the text
 * prettier sees, and therefore the output, is unchanged.
 */
import { blockCommentText, docText, escapeRaw, jsonQuoted, oneLine, prettierQuoted, regexSource, templateText } from './escape.js';
import { Code, type Hole, type Node, type Op } from './node.js';

export function printCode(code: Code): string {
  return expression(code.node);
}

let quoteString = jsonQuoted;

/**
 * Code as text for an edit to a file already formatted (build --update-hooks adds stubs to the
 * team's src/hooks.ts, which nothing formats afterwards): string literals in prettier's quotes.
 */
export function printSnippet(code: Code): string {
  quoteString = prettierQuoted;
  try {
    return expression(code.node);
  } finally {
    quoteString = jsonQuoted;
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function hole(value: Hole): string {
  return value instanceof Code ? expression(value.node) : String(value);
}

function expression(node: Node): string {
  switch (node.kind) {
    case 'source': {
      const { strings, holes } = node;
      let out = strings[0]!;
      for (let i = 0; i < holes.length; i++) out += hole(holes[i]!) + strings[i + 1]!;
      return out;
    }
    case 'join':
      return node.items.map((item) => expression(item.node)).join(expression(node.separator.node));
    case 'string':
      return quoteString(node.value);
    case 'template': {
      let out = '`' + templateText(node.quasis[0]!);
      node.expressions.forEach((e, i) => (out += '${' + expression(e.node) + '}' + templateText(node.quasis[i + 1]!)));
      return out + '`';
    }
    case 'comment':
      if (node.style === 'doc') return `/** ${docText(node.text)} */`;
      if (node.style === 'block') return `/* ${blockCommentText(node.text)} */`;
      return `// ${oneLine(node.text)}`;
    case 'ident':
      return node.name;
    case 'property':
      if (node.role === 'key' && node.name === '__proto__') return '["__proto__"]';
      return IDENT.test(node.name) ? node.name : jsonQuoted(node.name);
    case 'access': {
      const object = expression(node.object.node);
      if (IDENT.test(node.name)) return `${object}${node.optional ? '?.' : '.'}${node.name}`;
      return `${object}${node.optional ? '?.' : ''}[${jsonQuoted(node.name)}]`;
    }
    case 'json':
      return jsonData(node.value);
    case 'regex':
      return `/${regexSource(node.pattern, node.flags)}/${node.flags}`;
    case 'import':
      return `import ${node.typeOnly ? 'type ' : ''}${importClause(node.form, node.names)} from '${node.specifier}';`;
    case 'laidOut':
      return node.text;
    case 'statements':
      return new StatementPrinter().print(node.ops);
  }
}

function importClause(form: 'named' | 'default' | 'namespace', names: readonly string[]): string {
  if (form === 'default') return names[0]!;
  if (form === 'namespace') return `* as ${names[0]!}`;
  return `{ ${names.join(', ')} }`;
}

/** JSON.stringify, whose escapes are valid TS; an own `__proto__` key is written computed so it stays data. */
function jsonData(value: unknown): string {
  const text = escapeRaw(JSON.stringify(value) ?? 'undefined');
  return text.includes('__proto__":') ? escapeRaw(dataWithProtoKeys(value)) : text;
}

function dataWithProtoKeys(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v: unknown) => (v === undefined ? 'null' : dataWithProtoKeys(v))).join(',')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  return `{${entries.map(([k, v]) => `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}:${dataWithProtoKeys(v)}`).join(',')}}`;
}

const INDENT = '  ';

/** code-block-writer's layout rules for the ops a CodeWriter records (see writer.ts). */
class StatementPrinter {
  private readonly parts: string[] = [];
  /** The last character written ('' before any): enough for every rule below. */
  private last = '';
  private level = 0;
  private newLineOnNextWrite = false;

  print(ops: readonly Op[]): string {
    this.run(ops);
    return this.parts.join('');
  }

  private run(ops: readonly Op[]): void {
    for (const op of ops) {
      switch (op.op) {
        case 'write':
          this.flushNewLine();
          this.writeText(expression(op.code.node));
          break;
        case 'line':
          this.flushNewLine();
          if (this.last !== '') this.newLineIfLastNot();
          this.writeText(expression(op.code.node));
          this.newLine();
          break;
        case 'newline':
          this.newLine();
          break;
        case 'blank':
          this.newLineIfLastNot();
          this.newLine();
          break;
        case 'block':
          this.flushNewLine();
          if (this.last !== '' && this.last !== '\n' && this.last !== ' ') this.writeText(' ');
          this.inlineBlock(op.body);
          this.newLineOnNextWrite = true;
          break;
        case 'inlineBlock':
          this.inlineBlock(op.body);
          break;
        case 'indent':
          this.indented(op.body);
          if (this.last !== '\n') this.newLineOnNextWrite = true;
          break;
      }
    }
  }

  private inlineBlock(body: readonly Op[]): void {
    this.flushNewLine();
    this.writeText('{');
    this.indented(body);
    this.newLineIfLastNot();
    this.writeText('}');
  }

  private indented(body: readonly Op[]): void {
    if (this.last !== '') this.newLineIfLastNot();
    this.level++;
    this.run(body);
    this.level = Math.max(0, this.level - 1);
  }

  private flushNewLine(): void {
    if (this.newLineOnNextWrite) this.newLine();
  }

  private newLine(): void {
    this.newLineOnNextWrite = false;
    this.append('\n');
  }

  private newLineIfLastNot(): void {
    this.flushNewLine();
    if (this.last !== '\n') this.newLine();
  }

  private append(text: string): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.last = text[text.length - 1]!;
  }

  /** Text with line breaks: each line indented when it starts one (an empty text still indents). */
  private writeText(text: string): void {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) this.append('\n');
      const line = lines[i]!;
      if (line.length === 0 && text.length > 0) continue;
      if (this.last === '' || this.last === '\n') this.append(INDENT.repeat(this.level));
      this.append(line);
    }
  }
}
