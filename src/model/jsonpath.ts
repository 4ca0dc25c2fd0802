/**
 * JSONPath text -> PathStep[]: the forms of Jayway JsonPath (the engine's) that a generated
 * service evaluates (templates/runtime/jsonpath.ts). Filters `[?(...)]`, functions `.length()` and
 * multi-name brackets `['a','b']` are refused with NG2120 (docs/engine-parity.md, "JSONPath").
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { PathStep } from './types.js';

const ALL = { all: true } as const;
const NAME = /^[A-Za-z0-9_$@:-]+/;
const INTEGER = /^-?\d+$/;

/**
 * `$`, `$.a.b`, `$['a b']`, `$[0]`, `$[-1]`, `$[0,2]`, `$[1:3]`, `$[*]`, `$.*`, `$..name`, `$..*`;
 * a path without `$` is read from the root. null: NG2120 was reported.
 */
export function parseJsonPath(text: string, at: SpecPath, reporter: Reporter): PathStep[] | null {
  let rest = text.trim();
  rest = rest.startsWith('$') ? rest.slice(1) : `.${rest}`;
  if (rest === '.' || rest === '') return [];
  const steps: PathStep[] = [];
  while (rest.length > 0) {
    const read = readStep(rest);
    if (!read) {
      reporter.at('NG2120', at, { path: text });
      return null;
    }
    steps.push(read.step);
    rest = rest.slice(read.length);
  }
  return steps;
}

function readStep(rest: string): { step: PathStep; length: number } | undefined {
  if (rest.startsWith('..')) {
    const target = rest.startsWith('..*') ? { step: ALL, length: 1 } : dotName(rest.slice(2)) ?? bracket(rest.slice(2));
    if (!target || !(typeof target.step === 'string' || target.step === ALL)) return undefined;
    return { step: { scan: target.step }, length: 2 + target.length };
  }
  if (rest.startsWith('.*')) return { step: ALL, length: 2 };
  if (rest.startsWith('.')) {
    const name = dotName(rest.slice(1));
    // `.name(` is a Jayway function call (length(), min(), ...).
    return name && rest.charAt(1 + name.length) !== '(' ? { step: name.step, length: 1 + name.length } : undefined;
  }
  return rest.startsWith('[') ? bracket(rest) : undefined;
}

function dotName(text: string): { step: string; length: number } | undefined {
  const m = NAME.exec(text);
  return m ? { step: m[0], length: m[0].length } : undefined;
}

/** `[*]`, `['name']`, `["name"]`, `[n]`, `[n,m]`, `[a:b]`, `[a:]`, `[:b]`. */
function bracket(text: string): { step: PathStep; length: number } | undefined {
  if (!text.startsWith('[')) return undefined;
  const quote = text.charAt(1);
  if (quote === "'" || quote === '"') {
    const close = text.indexOf(quote, 2);
    if (close < 0 || text.charAt(close + 1) !== ']') return undefined;
    return { step: text.slice(2, close), length: close + 2 };
  }
  const end = text.indexOf(']');
  if (end < 0) return undefined;
  const inside = text.slice(1, end).replace(/\s+/g, '');
  const step = inside === '*' ? ALL : indexStep(inside);
  return step === undefined ? undefined : { step, length: end + 1 };
}

function indexStep(inside: string): PathStep | undefined {
  const colon = inside.indexOf(':');
  if (colon >= 0) {
    const [from, to] = [inside.slice(0, colon), inside.slice(colon + 1)];
    const bound = (b: string) => (b === '' ? null : INTEGER.test(b) ? Number(b) : undefined);
    const [a, b] = [bound(from), bound(to)];
    if (a === undefined || b === undefined || (a === null && b === null)) return undefined;
    return { slice: [a, b] };
  }
  const parts = inside.split(',');
  if (!parts.every((p) => INTEGER.test(p))) return undefined;
  const indexes = parts.map(Number);
  return indexes.length === 1 ? indexes[0]! : { indexes };
}
