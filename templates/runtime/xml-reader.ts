// A namespace-aware XML 1.0 reader giving what Jackson's XmlMapper sees through StAX (Woodstox, as
// XmlFactory configures it: coalescing, no DTD support, no external entities): elements by local
// name, attributes without the namespace declarations, character data and CDATA joined between two
// tags, comments and processing instructions dropped. Anything not well-formed is an XmlError.

export class XmlError extends Error {
  override readonly name: string = 'XmlError';
}

export interface XmlAttribute {
  readonly local: string;
  readonly namespace: string;
  readonly value: string;
}

export interface XmlElement {
  readonly local: string;
  /** Attributes in document order, namespace declarations (xmlns, xmlns:p) left out. */
  readonly attributes: readonly XmlAttribute[];
  /** Text runs (everything between two tags) and child elements, in document order. */
  readonly content: (string | XmlElement)[];
}

const NAME_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME = new RegExp(`[:${NAME_START}][:${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`, 'uy');
/** Characters XML 1.0 allows anywhere (production [2]). */
/** A start tag begins with a name start character. */
const NAME_AT = new RegExp(`^[:${NAME_START}]`, 'u');
const NOT_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** `&name;` or `&#...;` at the reader's position (names longer than 64 are not worth naming). */
const REFERENCE = /&([#:\w.\u00B7-\uFFFD-]{1,64});/uy;
const MARKUP = /[<&]/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Deeper documents are refused, as Jackson's default nesting limit (StreamReadConstraints) does. */
export const MAX_DEPTH = 1000;

interface RawAttribute {
  readonly name: string;
  readonly value: string;
}

interface Open {
  readonly name: string;
  readonly element: XmlElement;
  readonly scope: ReadonlyMap<string, string>;
}

/** Parses a whole document and returns its root element. */
export function readXml(input: string): XmlElement {
  return new Reader(input.replace(/\r\n?/g, '\n')).document();
}

class Reader {
  private i = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    const bad = NOT_CHAR.exec(text);
    if (bad) this.fail(`character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, bad.index);
  }

  document(): XmlElement {
    if (this.text.startsWith('\uFEFF')) this.i = 1;
    if (this.text.startsWith('<?xml', this.i) && /[\s?]/.test(this.text.charAt(this.i + 5))) this.skipPast('?>', 'XML declaration');
    let doctype = false;
    for (;;) {
      this.skipSpace();
      if (this.at('<!--')) this.comment();
      else if (this.at('<?')) this.instruction();
      else if (this.at('<!DOCTYPE')) {
        if (doctype) this.fail('a second DOCTYPE');
        doctype = true;
        this.doctype();
      } else break;
    }
    if (!this.at('<')) this.fail(this.i >= this.text.length ? 'no root element' : 'content before the root element');
    const root = this.elements();
    for (;;) {
      this.skipSpace();
      if (this.i >= this.text.length) return root;
      if (this.at('<!--')) this.comment();
      else if (this.at('<?')) this.instruction();
      else this.fail('content after the root element');
    }
  }

  /** The root element and everything inside it, with an explicit stack (no recursion). */
  private elements(): XmlElement {
    const stack: Open[] = [];
    let root: XmlElement | undefined;
    let text = '';
    const flush = () => {
      if (text !== '') stack[stack.length - 1]!.element.content.push(text);
      text = '';
    };
    if (!NAME_AT.test(this.text.slice(this.i + 1, this.i + 3))) this.fail('content before the root element');
    do {
      if (this.at('</')) {
        flush();
        const open = stack.pop()!;
        this.i += 2;
        const name = this.name();
        if (name !== open.name) this.fail(`</${name}> closes <${open.name}>`);
        this.skipSpace();
        this.expect('>');
      } else if (this.at('<!--')) this.comment();
      else if (this.at('<![CDATA[')) text += this.cdata();
      else if (this.at('<?')) this.instruction();
      else if (this.at('<!')) this.fail('a declaration inside an element');
      else if (this.at('<')) {
        flush();
        if (stack.length >= MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH}`);
        const parent = stack[stack.length - 1];
        const { name, element, scope, empty } = this.startTag(parent?.scope ?? new Map([['xml', XML_NS]]));
        if (parent) parent.element.content.push(element);
        else root = element;
        if (!empty) stack.push({ name, element, scope });
      } else if (this.at('&')) text += this.reference();
      else text += this.characters(stack[stack.length - 1]!.name);
    } while (stack.length > 0);
    return root!;
  }

  /** Character data up to the next markup or reference. */
  private characters(open: string): string {
    MARKUP.lastIndex = this.i;
    const next = MARKUP.exec(this.text);
    const run = this.text.slice(this.i, next ? next.index : this.text.length);
    if (run.includes(']]>')) this.fail('"]]>" in character data', this.i + run.indexOf(']]>'));
    if (!next) this.fail(`<${open}> is never closed`, this.text.length);
    this.i = next.index;
    return run;
  }

  private startTag(outer: ReadonlyMap<string, string>): { name: string; element: XmlElement; scope: ReadonlyMap<string, string>; empty: boolean } {
    this.i += 1;
    const name = this.name();
    const raw: RawAttribute[] = [];
    for (;;) {
      const spaced = this.skipSpace();
      if (this.at('/>') || this.at('>')) break;
      if (!spaced) this.fail('attributes must be separated by white space');
      const attr = this.name();
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      if (raw.some((a) => a.name === attr)) this.fail(`attribute "${attr}" repeated`);
      raw.push({ name: attr, value: this.attributeValue() });
    }
    const empty = this.at('/>');
    this.i += empty ? 2 : 1;
    const scope = declare(outer, raw, (message) => this.fail(message));
    const [, local] = resolve(name, scope, true, (message) => this.fail(message));
    return { name, element: { local, attributes: attributesOf(raw, scope, (message) => this.fail(message)), content: [] }, scope, empty };
  }

  private attributeValue(): string {
    const quote = this.text.charAt(this.i);
    if (quote !== '"' && quote !== "'") this.fail('attribute values must be quoted');
    const end = this.text.indexOf(quote, this.i + 1);
    if (end < 0) this.fail('unterminated attribute value');
    const lt = this.text.indexOf('<', this.i + 1);
    if (lt >= 0 && lt < end) this.fail('"<" in an attribute value', lt);
    // Attribute-value normalisation: literal tabs and line feeds read as spaces, references do not.
    let value = '';
    this.i += 1;
    for (let amp = this.text.indexOf('&', this.i); amp >= 0 && amp < end; amp = this.text.indexOf('&', this.i)) {
      value += this.text.slice(this.i, amp).replace(/[\t\n]/g, ' ');
      this.i = amp;
      value += this.reference();
    }
    value += this.text.slice(this.i, end).replace(/[\t\n]/g, ' ');
    this.i = end + 1;
    return value;
  }

  private reference(): string {
    REFERENCE.lastIndex = this.i;
    const m = REFERENCE.exec(this.text);
    const body = m?.[1] ?? '';
    const end = m ? this.i + m[0].length - 1 : -1;
    let value: string | undefined;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
      value = code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
      if (value !== undefined && NOT_CHAR.test(value)) value = undefined;
    } else if (Object.hasOwn(PREDEFINED, body)) value = PREDEFINED[body];
    if (value === undefined) this.fail(end < 0 ? 'a bare "&"' : `undeclared entity "&${body};"`);
    this.i = end + 1;
    return value;
  }

  private cdata(): string {
    const end = this.text.indexOf(']]>', this.i + 9);
    if (end < 0) this.fail('unterminated CDATA section');
    const data = this.text.slice(this.i + 9, end);
    this.i = end + 3;
    return data;
  }

  private comment(): void {
    const end = this.text.indexOf('--', this.i + 4);
    if (end < 0) this.fail('unterminated comment');
    if (this.text.charAt(end + 2) !== '>') this.fail('"--" inside a comment', end);
    this.i = end + 3;
  }

  private instruction(): void {
    this.i += 2;
    const target = this.name();
    if (target.toLowerCase() === 'xml') this.fail('an XML declaration that is not at the start');
    if (!this.at('?>') && !this.skipSpace()) this.fail('a processing instruction needs white space after its target');
    this.skipPast('?>', 'processing instruction');
  }

  /** Skipped whole (the internal subset too): no DTD is read, so it declares nothing usable. */
  private doctype(): void {
    let quote = '';
    let depth = 0;
    for (this.i += 9; this.i < this.text.length; this.i++) {
      const c = this.text.charAt(this.i);
      if (quote) quote = c === quote ? '' : quote;
      else if (c === '"' || c === "'") quote = c;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) {
        this.i += 1;
        return;
      }
    }
    this.fail('unterminated DOCTYPE');
  }

  private name(): string {
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.text);
    if (!m) this.fail('a name was expected');
    this.i += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    const start = this.i;
    while (/[ \t\n]/.test(this.text.charAt(this.i))) this.i++;
    return this.i > start;
  }

  private skipPast(end: string, what: string): void {
    const at = this.text.indexOf(end, this.i);
    if (at < 0) this.fail(`unterminated ${what}`);
    this.i = at + end.length;
  }

  private at(s: string): boolean {
    return this.text.startsWith(s, this.i);
  }

  private expect(s: string): void {
    if (!this.at(s)) this.fail(`"${s}" was expected`);
    this.i += s.length;
  }

  private fail(message: string, at = this.i): never {
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    throw new XmlError(`${message} (line ${line}, column ${at - before.lastIndexOf('\n')})`);
  }
}

/** The namespace bindings in force inside an element: its own xmlns attributes over the outer ones. */
function declare(outer: ReadonlyMap<string, string>, raw: readonly RawAttribute[], fail: (m: string) => never): ReadonlyMap<string, string> {
  const own = raw.filter((a) => a.name === 'xmlns' || a.name.startsWith('xmlns:'));
  if (own.length === 0) return outer;
  const scope = new Map(outer);
  for (const { name, value } of own) {
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    if (name !== 'xmlns' && prefix === '') fail('"xmlns:" declares no prefix');
    if (prefix === 'xmlns' || (prefix === 'xml') !== (value === XML_NS)) fail(`the prefix "${prefix}" cannot be bound to "${value}"`);
    if (prefix !== '' && value === '') fail(`the prefix "${prefix}" cannot be undeclared`);
    scope.set(prefix, value);
  }
  return scope;
}

/** [namespace, local name] of a qualified name; unprefixed attributes are in no namespace. */
function resolve(qname: string, scope: ReadonlyMap<string, string>, element: boolean, fail: (m: string) => never): [string, string] {
  const parts = qname.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) fail(`"${qname}" is not a qualified name`);
  if (parts.length === 1) return [element ? (scope.get('') ?? '') : '', qname];
  const namespace = scope.get(parts[0]!);
  if (namespace === undefined) fail(`the prefix "${parts[0]}" is not declared`);
  return [namespace, parts[1]!];
}

function attributesOf(raw: readonly RawAttribute[], scope: ReadonlyMap<string, string>, fail: (m: string) => never): XmlAttribute[] {
  const seen = new Set<string>();
  return raw.flatMap(({ name, value }) => {
    if (name === 'xmlns' || name.startsWith('xmlns:')) return [];
    const [namespace, local] = resolve(name, scope, false, fail);
    const expanded = `${namespace} ${local}`;
    if (seen.has(expanded)) fail(`attribute "${name}" repeated`);
    seen.add(expanded);
    return [{ local, namespace, value }];
  });
}
