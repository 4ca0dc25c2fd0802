/**
 * The units `--skip-invalid` can leave out (skip.ts), smallest first where they nest: which one
 * holds a path, and how its warning names it.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';

export type UnitKind = 'api' | 'authentication' | 'consumed-resource' | 'operation' | 'parameter' | 'adapter' | 'resource' | 'route' | 'tool' | 'prompt' | 'skill' | 'skill-tool' | 'with' | 'aggregate' | 'function' | 'binds';

/**
 * `#` is any index, `$` any mapping key; an optional leading `capability` is implied.
 * `last-takes-parent`: the list may not be empty, so leaving out its last item leaves out its owner.
 */
const UNITS: ReadonlyArray<readonly [pattern: string, kind: UnitKind, rule?: 'last-takes-parent']> = [
  ['binds.#', 'binds'],
  ['consumes.#', 'api'],
  ['consumes.#.authentication', 'authentication'],
  ['consumes.#.inputParameters.#', 'parameter'],
  ['consumes.#.resources.#', 'consumed-resource'],
  ['consumes.#.resources.#.inputParameters.#', 'parameter'],
  ['consumes.#.resources.#.operations.#', 'operation', 'last-takes-parent'],
  ['consumes.#.resources.#.operations.#.inputParameters.#', 'parameter'],
  ['exposes.#', 'adapter'],
  ['exposes.#.resources.#', 'resource'],
  ['exposes.#.resources.#.with.$', 'with'],
  ['exposes.#.resources.#.inputParameters.#', 'parameter'],
  ['exposes.#.resources.#.operations.#', 'route'],
  ['exposes.#.resources.#.operations.#.inputParameters.#', 'parameter'],
  ['exposes.#.resources.#.operations.#.with.$', 'with'],
  ['exposes.#.tools.#', 'tool'],
  ['exposes.#.tools.#.inputParameters.#', 'parameter'],
  ['exposes.#.tools.#.with.$', 'with'],
  ['exposes.#.prompts.#', 'prompt'],
  ['exposes.#.skills.#', 'skill'],
  ['exposes.#.skills.#.tools.#', 'skill-tool'],
  ['aggregates.#', 'aggregate'],
  ['aggregates.#.functions.#', 'function', 'last-takes-parent'],
  ['aggregates.#.functions.#.inputParameters.#', 'parameter'],
  ['aggregates.#.functions.#.with.$', 'with'],
];

const PATTERNS = UNITS.map(([pattern, kind, rule]) => ({ segments: pattern.split('.'), kind, lastTakesParent: rule === 'last-takes-parent' }));

/** The deepest unit whose path is a prefix of `path`. */
export function unitOf(path: SpecPath): { path: SpecPath; kind: UnitKind; lastTakesParent: boolean } | undefined {
  const offset = path[0] === 'capability' ? 1 : 0;
  let best: { path: SpecPath; kind: UnitKind; lastTakesParent: boolean } | undefined;
  for (const { segments, kind, lastTakesParent } of PATTERNS) {
    if (path.length - offset < segments.length || (best && best.path.length >= segments.length + offset)) continue;
    const matches = segments.every((s, i) => {
      const actual = path[offset + i];
      return s === '#' ? typeof actual === 'number' : s === '$' ? typeof actual === 'string' : s === actual;
    });
    if (matches) best = { path: path.slice(0, offset + segments.length), kind, lastTakesParent };
  }
  return best;
}

/** How a left-out unit is named in its warning: by the names the spec gives it. */
export function describeUnit(data: unknown, { path, kind }: { readonly path: SpecPath; readonly kind: UnitKind }): string {
  const at = (...rest: (string | number)[]) => valueAt(data, [...path, ...rest]);
  const parent = (levels: number) => path.slice(0, path.length - levels);
  switch (kind) {
    case 'binds':
      return `binds entry "${text(at('namespace'))}"`;
    case 'api':
      return `consumed API "${text(at('namespace'))}"`;
    case 'consumed-resource':
      return `consumed resource "${text(at('name') ?? at('path'))}"`;
    case 'operation':
      return `consumed operation "${text(valueAt(data, [...parent(4), 'namespace']))}.${text(at('name') ?? at('id'))}"`;
    case 'parameter':
      return `parameter "${text(at('name'))}" of ${describeUnit(data, unitOf(parent(2)) ?? { path: parent(2), kind: 'adapter' })}`;
    case 'with':
      return `"with" entry "${text(path[path.length - 1])}" of ${describeUnit(data, unitOf(parent(2)) ?? { path: parent(2), kind: 'adapter' })}`;
    case 'adapter':
      return `${text(at('type'))} adapter${at('namespace') === undefined ? '' : ` "${text(at('namespace'))}"`}`;
    case 'resource':
      return valueAt(data, [...parent(2), 'type']) === 'mcp' ? `MCP resource "${text(at('name'))}"` : `REST resource "${text(at('path'))}"`;
    case 'route':
      return `${text(at('method') ?? 'GET')} ${text(valueAt(data, [...parent(2), 'path']))}`;
    case 'tool':
      return `tool "${text(at('name') ?? at('ref'))}"`;
    case 'prompt':
      return `prompt "${text(at('name'))}"`;
    case 'skill':
      return `skill "${text(at('name'))}"`;
    case 'skill-tool':
      return `skill tool "${text(at('name'))}"`;
    case 'aggregate':
      return `aggregate "${text(at('namespace'))}"`;
    case 'function':
      return `function "${text(valueAt(data, [...parent(2), 'namespace']))}.${text(at('name'))}"`;
    case 'authentication':
      return `authentication of consumed API "${text(valueAt(data, [...parent(1), 'namespace']))}"`;
  }
}

export function valueAt(data: unknown, path: SpecPath): unknown {
  return path.reduce<unknown>((node, s) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[s] : undefined), data);
}

/** Spec text inside a message: as written, shortened; anything else shown as JSON. */
export function text(value: unknown): string {
  const shown = typeof value === 'string' ? value : value === undefined ? '?' : JSON.stringify(value);
  return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
}

