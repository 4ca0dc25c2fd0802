/**
 * The escaping mechanism, one lexical context at a time. Every check runs the printed code through
 * the JavaScript engine itself: a literal must evaluate to exactly the text it was made from, and
 * a comment must stay a comment (a `CANARY()` that escaped it would be called, or fail to parse).
 * Hostile payloads are tried first, then arbitrary strings (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockComment,
  doc,
  docComment,
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
  type Code,
} from '../../src/emit/code.js';
import { printCode } from '../../src/emit/code/print.js';
import { camelCase } from '../../src/model/naming.js';

const PAYLOADS = [
  'plain',
  '',
  'm */ process.exit(7); /* ',
  'mcp`${process.exit(7)}`*/"); ("`',
  "x'; CANARY(); '",
  'x"; CANARY(); "',
  'x`; CANARY(); `',
  '${CANARY()}',
  '\\',
  '\\"; CANARY(); //',
  ...['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085'].map((eol) => `a${eol}CANARY();//`),
  '*/ CANARY(); /*',
  '**/CANARY()/*',
  '</script><script>CANARY()</script>',
  '<!-- CANARY() -->',
  '\u202e bidi \u200b zero-width \ufeff bom \u0000 nul \u001b[31m escape',
  '\ud800 lone high, lone low \udc00',
  'emoji 😀 and 顧客',
  '__proto__',
  'constructor',
  'toString',
];

const strings = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...PAYLOADS));

/** Runs printed code as a function body with a CANARY spy in scope. */
function run(body: string): { value: unknown; called: boolean } {
  let called = false;
  const value = (new Function('CANARY', body) as (spy: () => void) => unknown)(() => {
    called = true;
  });
  return { value, called };
}

const evaluate = (code: Code) => run(`return (${printCode(code)});`);

describe('string literals (str, literal)', () => {
  it.each(PAYLOADS)('%j evaluates to itself', (text) => {
    expect(evaluate(str(text))).toEqual({ value: text, called: false });
  });

  it('round-trips any string, and prints no raw line terminator or invisible character', () => {
    fc.assert(
      fc.property(strings, (text) => {
        const printed = printCode(str(text));
        expect(printed).not.toMatch(/[\n\r\u2028\u2029\u0085\u202e\u200b\ufeff]/);
        expect(evaluate(str(text)).value).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes numbers, booleans and null as literals (NaN and the infinities as null, as JSON does)', () => {
    expect([1.5, -2, true, false, null, Number.NaN, Infinity].map((v) => printCode(literal(v)))).toEqual(['1.5', '-2', 'true', 'false', 'null', 'null', 'null']);
  });
});

describe('template literals', () => {
  it('keeps text parts as text, expressions as code', () => {
    fc.assert(
      fc.property(strings, strings, (a, b) => {
        const code = template([a, ts`CANARY() ?? 'x'`, b]);
        const { value, called } = evaluate(code);
        expect(value).toBe(`${a}x${b}`);
        expect(called).toBe(true);
        expect(evaluate(template([a, b])).value).toBe(a + b);
        expect(evaluate(template([a, b])).called).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('comments', () => {
  const contexts: [string, (text: string) => Code][] = [
    ['doc', doc],
    ['block', blockComment],
    ['line', lineComment],
  ];
  it.each(contexts)('%s: no text leaves the comment', (_name, comment) => {
    fc.assert(
      fc.property(strings, (text) => {
        const result = run(`${printCode(comment(text))}\nreturn 1;`);
        expect(result).toEqual({ value: 1, called: false });
      }),
      { numRuns: 2000 },
    );
    for (const text of PAYLOADS) expect(run(`${printCode(comment(text))}\nreturn 1;`), JSON.stringify(text)).toEqual({ value: 1, called: false });
  });

  it('line comments carry no line terminator of any kind; doc comments only LF, as JSDoc lines', () => {
    for (const text of PAYLOADS) {
      expect(printCode(lineComment(text))).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
      expect(printCode(blockComment(text))).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
      expect(printCode(doc(text))).not.toMatch(/[\r\u2028\u2029\u0085]|\*\/(?!$)/);
    }
    expect(printCode(doc('first\nsecond'))).toBe('/** first\n * second */');
    expect(printCode(docComment(undefined))).toBe('');
    expect(printCode(docComment('x'))).toBe('/** x */\n');
  });
});

describe('property names, object keys and member access', () => {
  it('prop and key name exactly the property; __proto__ stays a property of an object literal', () => {
    fc.assert(
      fc.property(strings, (name) => {
        const { value } = evaluate(ts`{ ${key(name)}: 1 }`);
        expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
        expect(Object.keys(value as object)).toEqual([name]);
        const read = run(`const o = JSON.parse(${JSON.stringify(JSON.stringify({ [name]: 2 }))}); return ${printCode(member(ts`o`, name))};`);
        expect(read.value).toBe(2);
        const optional = run(`const o = undefined; return ${printCode(optionalMember(ts`o`, name))};`);
        expect(optional.value).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
    expect(printCode(key('__proto__'))).toBe('["__proto__"]');
    expect(printCode(prop('__proto__'))).toBe('__proto__');
    expect(printCode(prop('a-b'))).toBe('"a-b"');
    expect(printCode(member(ts`o`, 'a b'))).toBe('o["a b"]');
  });
});

describe('identifiers', () => {
  it('are what naming.ts made them, and nothing else', () => {
    expect(printCode(ident(camelCase('lago-customers')))).toBe('lagoCustomers');
    for (const text of PAYLOADS) expect(printCode(ident(camelCase(text)))).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
    expect(() => ident('a b' as Parameters<typeof ident>[0])).toThrow(/internal error/);
  });
});

describe('JSON data', () => {
  it('evaluates to the same data, own __proto__ keys included', () => {
    const data = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(data, (value) => {
        expect(evaluate(json(value)).value).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "a": ["</script>", "\\u2028"]}') as object;
    const back = evaluate(json(hostile)).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
    expect(printCode(json(hostile))).not.toMatch(/\u2028/);
  });
});

describe('regular expressions', () => {
  it('match what the pattern matches', () => {
    const patterns = ['^a/b$', '[/]', '\\/', 'a\nb', 'x\u2028y', '\u202e', '[a-z]+\\d*', '(?:)', '^$'];
    for (const pattern of patterns) {
      const literal = evaluate(regex(pattern)).value as RegExp;
      expect(literal.source).toBe(new RegExp(pattern).source.replace(/\u202e/g, '\\u202e'));
      for (const sample of ['a/b', '/', 'a\nb', 'x\u2028y', '\u202e', 'abc12', '']) expect(literal.test(sample), `${pattern} ${sample}`).toBe(new RegExp(pattern).test(sample));
    }
    expect(() => regex('(')).toThrow();
  });
});

describe('the ts tag', () => {
  it('takes Code, numbers and booleans in its holes, and refuses a string even when the types were bypassed', () => {
    expect(printCode(ts`a(${str('x')}, ${1}, ${true}, ${join([ts`b`, ts`c`])})`)).toBe('a("x", 1, true, b, c)');
    const raw = 'process.exit(7)' as unknown as Code;
    expect(() => ts`${raw}`).toThrow(/internal error/);
    expect(() => ts`${Number.NaN}`).toThrow(/internal error/);
    expect(() => (ts as unknown as (s: string[]) => Code)(['x'])).toThrow(/template tag/);
  });
});
