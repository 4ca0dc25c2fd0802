/**
 * Payloads for the every-string-position test. Each is made of pieces, and each piece breaks out
 * of one lexical context of a generated file when pasted raw there, carrying its own canary: an
 * identifier `__canary_<n>` whose number names the position and the piece. The pieces of one
 * payload are chained so that the whole stays valid code in every context they aim at (after a
 * break-out, the rest re-enters the context or sits in a comment), so a raw paste shows up as a
 * canary outside string, comment and regex tokens (scan.ts) rather than as a syntax error.
 *
 * `suffix` payloads are appended to the position's original text, so a URL stays a URL and a
 * reference keeps its prefix; `exact` payloads replace it: names that mean something to
 * JavaScript objects, without a canary, checked by what they do (scan.ts looks for `__proto__`
 * property assignments; the run sample calls the service).
 */
export interface Piece {
  /** The context it breaks out of, e.g. "line comment (U+2028)". */
  readonly context: string;
  text(canary: string): string;
}

export interface Payload {
  readonly id: string;
  readonly mode: 'suffix' | 'exact';
  readonly pieces: readonly Piece[];
}

/** Canary numbers: position index × PIECES_PER_POSITION + piece index. */
export const PIECES_PER_POSITION = 16;

const piece = (context: string, text: (c: string) => string): Piece => ({ context, text });

/** Every line terminator some reader of a generated file honours. */
const LINE_BREAKS: readonly [string, string][] = [
  ['LF', '\n'],
  ['CR LF', '\r\n'],
  ['CR', '\r'],
  ['U+2028', '\u2028'],
  ['U+2029', '\u2029'],
  ['U+0085', '\u0085'],
];

export const PAYLOADS: readonly Payload[] = [
  {
    // In a block or JSDoc comment `*/` breaks out and `/*` re-opens; in a line comment each
    // terminator that ends it runs the next piece, whose `//` comments out the rest of its line.
    id: 'comment-breakers',
    mode: 'suffix',
    pieces: [piece('block or JSDoc comment (*/)', (c) => ` */ ${c}(); /* `), ...LINE_BREAKS.map(([name, br]) => piece(`line comment (${name})`, (c) => `${br}${c}(); // `))],
  },
  {
    // Each quote closes its own kind of literal; the rest re-enters one, so the others stay inert.
    id: 'quote-breakers',
    mode: 'suffix',
    pieces: [
      piece("'…' string literal", (c) => `' + ${c}() + '`),
      piece('"…" string literal', (c) => ` " + ${c}() + " `),
      piece('`…` template literal', (c) => `\` + ${c}() + \``),
      piece('template literal substitution (${…})', (c) => ` \${${c}()}`),
    ],
  },
  { id: 'regex', mode: 'suffix', pieces: [piece('regular expression literal', (c) => `/.test('') || ${c}() || /x`)] },
  {
    id: 'markup',
    mode: 'suffix',
    pieces: [
      piece('README raw HTML (</script>)', (c) => `</script><script>${c}()</script>`),
      piece('README raw HTML (attribute)', (c) => ` <img src=x onerror="${c}()">`),
      piece('README HTML comment (-->)', (c) => ` --><script>${c}()</script><!-- `),
      piece('README link target', (c) => ` [x](javascript:${c}()) <javascript:${c}()>`),
      piece('README table cell (|)', (c) => ` | ${c} | `),
      piece('JSON built by concatenation', (c) => ` ", "${c}": "`),
    ],
  },
  {
    id: 'new-lines',
    mode: 'suffix',
    pieces: [piece('.env.example line', (c) => `\n${c}=1\n`), piece('Dockerfile line', (c) => `RUN ${c}\n`), piece('YAML line (a key of its own)', (c) => `${c}: 1\n`)],
  },
  ...['__proto__', 'constructor', 'toString'].map((name): Payload => ({ id: `name ${name}`, mode: 'exact', pieces: [piece('object key / identifier', () => name)] })),
];

/** The text a payload puts at position `index` (suffix payloads after `original`). */
export function payloadText(payload: Payload, index: number, original: string): string {
  if (payload.mode === 'exact') return payload.pieces[0]!.text('');
  return original + payload.pieces.map((p, i) => p.text(canaryName(index * PIECES_PER_POSITION + i))).join('');
}

export const CANARY = /__canary_(\d+)/g;
export const canaryName = (n: number): string => `__canary_${n}`;
