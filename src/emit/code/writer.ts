/**
 * CodeWriter: records statements (lines, blocks, indentation) as a Code tree. Its methods take
 * Code only, so nothing written through it escaped the mechanism; nothing is printed until the
 * file is (see print.ts).
 */
import { checkHole, make, type Code, type Op } from './node.js';

export class CodeWriter {
  #ops: Op[] = [];

  /** Code at the current position (its line breaks start indented lines). */
  write(code: Code): this {
    checkHole(code);
    this.#ops.push({ op: 'write', code });
    return this;
  }

  /** Code on a line of its own. */
  writeLine(code: Code): this {
    checkHole(code);
    this.#ops.push({ op: 'line', code });
    return this;
  }

  newLine(): this {
    this.#ops.push({ op: 'newline' });
    return this;
  }

  blankLine(): this {
    this.#ops.push({ op: 'blank' });
    return this;
  }

  /** ` {`, the body indented, `}`, and a line break before whatever comes next. */
  block(body: () => void): this {
    return this.#nested('block', body);
  }

  /** `{`, the body indented, `}`, with the text that follows on the same line. */
  inlineBlock(body: () => void): this {
    return this.#nested('inlineBlock', body);
  }

  /** The body indented one level, starting on a new line. */
  indent(body: () => void): this {
    return this.#nested('indent', body);
  }

  /** The statements recorded so far, as one Code value. */
  toCode(): Code {
    return make({ kind: 'statements', ops: this.#ops });
  }

  #nested(op: 'block' | 'inlineBlock' | 'indent', body: () => void): this {
    const outer = this.#ops;
    const inner: Op[] = [];
    this.#ops = inner;
    try {
      body();
    } finally {
      this.#ops = outer;
    }
    outer.push({ op, body: inner });
    return this;
  }
}
