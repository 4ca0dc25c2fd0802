/**
 * The statements a CodeWriter recorded, as a document: the newline and indentation rules of
 * print.ts's StatementPrinter (code-block-writer's), with each statement's code a document at its
 * indentation level, so its own line breaks are indented there too.
 */
import { hardline, Unsupported, type Doc } from './doc.js';
import type { Node, Op } from './node.js';

/** The last character a document prints ('' if none): the statement rules below look at it. */
function lastChar(doc: Doc): string {
  if (typeof doc === 'string') return doc.slice(-1);
  if (Array.isArray(doc)) {
    for (let i = doc.length - 1; i >= 0; i--) {
      const last = lastChar(doc[i] as Doc);
      if (last !== '') return last;
    }
    return '';
  }
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  if (d.t === 'line') return d.hard ? '\n' : d.soft ? '' : ' ';
  if (d.t === 'ifBreak') return lastChar(d.flat);
  return lastChar(d.t === 'group' && d.states ? d.states[0]! : d.contents);
}

const NEWLINE: Doc = { t: 'level', level: 0, contents: hardline };

/** print.ts's StatementPrinter rules (code-block-writer's), producing a document. */
export class StatementDocs {
  private readonly parts: Doc[] = [];
  private last = '';
  private level = 0;
  private newLineOnNextWrite = false;

  /** `toDoc`: the document of a statement's code (final.ts). */
  constructor(private readonly toDoc: (node: Node) => Doc) {}

  print(ops: readonly Op[]): Doc {
    this.run(ops);
    return this.parts;
  }

  private run(ops: readonly Op[]): void {
    for (const op of ops) {
      switch (op.op) {
        case 'write':
        case 'line':
          this.flushNewLine();
          if (op.op === 'line' && this.last !== '') this.newLineIfLastNot();
          this.write(this.toDoc(op.code.node));
          if (op.op === 'line') this.newLine();
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
          if (this.last !== '' && this.last !== '\n' && this.last !== ' ') this.write(' ');
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
    // Prettier prints an empty block, interface or object on one line.
    if (body.length === 0) return this.write('{}');
    this.write('{');
    this.indented(body);
    this.newLineIfLastNot();
    this.write('}');
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
    this.parts.push(NEWLINE);
    this.last = '\n';
  }

  private newLineIfLastNot(): void {
    this.flushNewLine();
    if (this.last !== '\n') this.newLine();
  }

  /** A document at the current level: indented when it starts a line; its own line breaks indented too. */
  private write(doc: Doc): void {
    // Nothing (an absent doc comment) leaves no indentation behind, which would become a blank line.
    if (lastChar(doc) === '') return;
    if ((this.last === '' || this.last === '\n') && this.level > 0) {
      this.parts.push('  '.repeat(this.level));
      this.last = ' ';
    }
    const last = lastChar(doc);
    // A line break that ends the text leaves the next line unindented, as print.ts does: whatever
    // comes next indents it to its own level.
    const body = last === '\n' ? withoutFinalBreak(doc) : doc;
    this.parts.push({ t: 'level', level: this.level, contents: body });
    if (last === '\n') this.parts.push(NEWLINE);
    if (last !== '') this.last = last;
  }
}

/** The document without the hard line it ends with (lastChar says it does). */
function withoutFinalBreak(doc: Doc): Doc {
  if (doc === hardline) return '';
  if (Array.isArray(doc)) {
    const items = doc as readonly Doc[];
    for (let i = items.length - 1; i >= 0; i--) {
      if (lastChar(items[i]!) !== '') return [...items.slice(0, i), withoutFinalBreak(items[i]!)];
    }
  }
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  if (d.t === 'level') return { ...d, contents: withoutFinalBreak(d.contents) };
  if (d.t === 'indent') return { ...d, contents: withoutFinalBreak(d.contents) };
  throw new Unsupported();
}
