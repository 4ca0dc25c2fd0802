/**
 * `--skip-invalid`: generate what is valid and leave out the smallest broken part, decided here and
 * nowhere else. Validation and resolution know nothing of it: they run over the document, and each
 * error is traced to the smallest unit that holds it (a parameter, a `with` entry, an operation, a
 * route or tool, an adapter, ...; see UNITS). Those units are taken out of the data, and the
 * document is checked again, until nothing is in error (the rest is generated) or an error lies
 * outside every unit (the whole spec is rejected). Taking units out can break what used them (a
 * route calling an operation that was left out), which the next round finds and leaves out too.
 *
 * Left-out units are data (`DroppedUnit`), reported as warnings at the file's own positions: the
 * checks run over the reduced data through a path map back to the document (report.ts).
 */
import { compareDiagnostics, type Diagnostic, type SpecPath } from '../diagnostics/diagnostic.js';
import { Reporter, type PathMap } from '../diagnostics/report.js';
import type { SourceDoc } from '../load/source.js';
import type { CapabilityModel } from './types.js';

export interface Attempt {
  readonly model?: CapabilityModel | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** One validate + resolve over `data`, reporting at the document positions `mapPath` gives. */
export type AnalyzeData = (data: unknown, mapPath: PathMap) => Attempt;

/** A part of the document left out, with the errors that made it so (now warnings). */
export interface DroppedUnit {
  readonly path: SpecPath;
  readonly kind: UnitKind;
  readonly causes: readonly Diagnostic[];
}

type UnitKind = 'api' | 'authentication' | 'consumed-resource' | 'operation' | 'parameter' | 'adapter' | 'resource' | 'route' | 'tool' | 'prompt' | 'skill' | 'skill-tool' | 'with' | 'aggregate' | 'function' | 'binds';

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

/** More rounds than any real cascade needs (parameter -> operation -> route -> adapter). */
const MAX_ROUNDS = 12;

/** Runs `analyze` until the document minus its broken units has no error, or cannot lose any more. */
export function analyzeSkipping(source: SourceDoc, data: unknown, analyze: AnalyzeData): Attempt & { dropped: DroppedUnit[] } {
  const dropped: DroppedUnit[] = [];
  let attempt = analyze(data, (path) => path);
  for (let round = 1; round < MAX_ROUNDS; round++) {
    const errors = attempt.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) break;
    const broken = brokenUnits(errors, source.file, new Set(dropped.map((u) => JSON.stringify(u.path))));
    if (!broken) break;
    const units = withEmptiedOwners(broken, dropped, data);
    for (const unit of units) dropped.push({ ...unit, causes: [...unit.causes, ...errors.filter((d) => d.file !== source.file)] });
    const removed = dropped.map((u) => u.path);
    attempt = analyze(without(data, removed), originalPath(removed));
  }
  const diagnostics = [...attempt.diagnostics, ...dropped.flatMap((u) => [...u.causes.map(asWarning), droppedWarning(source, data, u)])];
  return { ...attempt, diagnostics: unique(diagnostics).sort(compareDiagnostics), dropped };
}

/**
 * The units holding the own-file errors, the outer one of nested units; undefined when an error
 * lies outside every unit. An error that outlived leaving its unit out (it was inherited from
 * elsewhere, e.g. a `with` through `ref`) takes the enclosing unit.
 */
function brokenUnits(errors: readonly Diagnostic[], file: string, gone: ReadonlySet<string>): BrokenUnit[] | undefined {
  const found = new Map<string, BrokenUnit>();
  for (const error of errors.filter((d) => d.file === file)) {
    let unit = unitOf(error.path);
    while (unit && gone.has(JSON.stringify(unit.path))) unit = unitOf(unit.path.slice(0, -1));
    if (!unit) return undefined;
    const key = JSON.stringify(unit.path);
    const entry = found.get(key) ?? { path: unit.path, kind: unit.kind, causes: [] };
    entry.causes.push(error);
    found.set(key, entry);
  }
  if (found.size === 0) return undefined;
  const units = [...found.values()];
  return units.filter((u) => !units.some((outer) => outer !== u && isWithin(u.path, outer.path)));
}

type BrokenUnit = { path: SpecPath; kind: UnitKind; causes: Diagnostic[] };

/** Units whose last sibling in a list that may not be empty goes too are replaced by their owner. */
function withEmptiedOwners(units: readonly BrokenUnit[], dropped: readonly DroppedUnit[], data: unknown): BrokenUnit[] {
  let current = [...units];
  for (let changed = true; changed; ) {
    changed = false;
    const gone = new Set([...dropped, ...current].map((u) => JSON.stringify(u.path)));
    for (const unit of current) {
      const list = unit.path.slice(0, -1);
      const siblings = valueAt(data, list);
      if (!unitOf(unit.path)?.lastTakesParent || !Array.isArray(siblings)) continue;
      if (!siblings.every((_, i) => gone.has(JSON.stringify([...list, i])))) continue;
      const owner = unitOf(list.slice(0, -1));
      if (!owner) continue;
      const causes = current.filter((u) => isWithin(u.path, owner.path) || u === unit).flatMap((u) => u.causes);
      current = [...current.filter((u) => !isWithin(u.path, owner.path) && u !== unit), { path: owner.path, kind: owner.kind, causes }];
      changed = true;
      break;
    }
  }
  return current;
}

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

function isWithin(path: SpecPath, outer: SpecPath): boolean {
  return path.length > outer.length && outer.every((s, i) => path[i] === s);
}

/** A copy of `data` without the nodes at `removed` (document paths). */
export function without(data: unknown, removed: readonly SpecPath[]): unknown {
  const copy = structuredClone(data);
  // Later siblings first, so the indices of the ones still to remove stay valid.
  for (const path of [...removed].sort(comparePathsDescending)) {
    if (removed.some((outer) => isWithin(path, outer))) continue;
    const parent = path.slice(0, -1).reduce<unknown>((node, s) => (node as Record<string | number, unknown> | undefined)?.[s], copy);
    const last = path[path.length - 1]!;
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (parent !== null && typeof parent === 'object') delete (parent as Record<string, unknown>)[String(last)];
  }
  return copy;
}

function comparePathsDescending(a: SpecPath, b: SpecPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y) < String(x) ? -1 : 1;
  }
  return b.length - a.length;
}

/** Maps a path in the data without `removed` to the path of the same node in the document. */
export function originalPath(removed: readonly SpecPath[]): PathMap {
  const removedIndices = new Map<string, number[]>();
  for (const path of removed) {
    const last = path[path.length - 1];
    if (typeof last !== 'number') continue;
    const key = JSON.stringify(path.slice(0, -1));
    removedIndices.set(key, [...(removedIndices.get(key) ?? []), last].sort((a, b) => a - b));
  }
  return (path) => {
    const original: (string | number)[] = [];
    for (const segment of path) {
      let index = segment;
      if (typeof segment === 'number') {
        for (const gone of removedIndices.get(JSON.stringify(original)) ?? []) if (gone <= (index as number)) index = (index as number) + 1;
      }
      original.push(index);
    }
    return original;
  };
}

function asWarning(d: Diagnostic): Diagnostic {
  return d.severity === 'warning' ? d : { ...d, severity: 'warning' };
}

function droppedWarning(source: SourceDoc, data: unknown, unit: DroppedUnit): Diagnostic {
  const reporter = new Reporter(source);
  if (unit.kind === 'authentication') reporter.at('NG2160', unit.path, { namespace: text(valueAt(data, [...unit.path.slice(0, -1), 'namespace'])) });
  else reporter.at('NG2122', unit.path, { what: describeUnit(data, unit) });
  return reporter.diagnostics[0]!;
}

/** How a left-out unit is named in its warning: by the names the spec gives it. */
function describeUnit(data: unknown, { path, kind }: Pick<DroppedUnit, 'path' | 'kind'>): string {
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

function valueAt(data: unknown, path: SpecPath): unknown {
  return path.reduce<unknown>((node, s) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[s] : undefined), data);
}

/** Spec text inside a message: as written, shortened; anything else shown as JSON. */
function text(value: unknown): string {
  const shown = typeof value === 'string' ? value : value === undefined ? '?' : JSON.stringify(value);
  return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
}

function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.code}:${d.severity}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
