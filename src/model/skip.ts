/**
 * `--skip-invalid`: generate what is valid and leave out the smallest broken part, decided here and
 * nowhere else. Validation and resolution know nothing of it: they run over the document, and each
 * error is traced to the smallest unit that holds it (a parameter, a `with` entry, an operation, a
 * route or tool, an adapter, ...; see skip-units.ts). Those units are taken out of the data, and the
 * document is checked again, until nothing is in error (the rest is generated) or an error lies
 * outside every unit (the whole spec is rejected). Taking units out can break what used them (a
 * route calling an operation that was left out), which the next round finds and leaves out too.
 *
 * Units are paths of the read data (the alpha2 shape: an alpha2 document as written, an Ikanos
 * document as formats/ikanos reads it). Left-out units are data (`DroppedUnit`), reported as
 * warnings at the file's own positions: the checks run over the reduced data, and the reporter leads
 * each path back to the full read data and then to the document (diagnostics/report.ts).
 */
import { compareDiagnostics, type Diagnostic, type SpecPath } from '../diagnostics/diagnostic.js';
import { dataPathOf, Reporter, type Locator, type PathMap } from '../diagnostics/report.js';
import type { SourceDoc } from '../load/source.js';
import { describeUnit, text, unitOf, valueAt, type UnitKind } from './skip-units.js';
import type { CapabilityModel } from './types.js';

export interface Attempt {
  readonly model?: CapabilityModel | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** The document as read (before anything is left out), and where its paths lie in the files. */
export interface ReadData {
  readonly data: unknown;
  readonly locator: Locator;
}

/** One validate + resolve with the read-data paths `leftOut` left out (`read` once the document reads). */
export type AnalyzeData = (leftOut: readonly SpecPath[]) => Attempt & { read?: ReadData | undefined };

/** A part of the document left out, with the errors that made it so (now warnings). */
export interface DroppedUnit {
  readonly path: SpecPath;
  readonly kind: UnitKind;
  readonly causes: readonly Diagnostic[];
}

/** More rounds than any real cascade needs (parameter -> operation -> route -> adapter). */
const MAX_ROUNDS = 12;

/** Runs `analyze` until the document minus its broken units has no error, or cannot lose any more. */
export function analyzeSkipping(source: SourceDoc, analyze: AnalyzeData): Attempt & { dropped: DroppedUnit[] } {
  const dropped: DroppedUnit[] = [];
  let attempt = analyze([]);
  const read = attempt.read;
  for (let round = 1; read && round < MAX_ROUNDS; round++) {
    const data = read.data;
    const errors = attempt.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) break;
    const broken = brokenUnits(errors, source.file, new Set(dropped.map((u) => JSON.stringify(u.path))));
    if (!broken) break;
    const units = withEmptiedOwners(broken, dropped, data);
    for (const unit of units) dropped.push({ ...unit, causes: [...unit.causes, ...errors.filter((d) => d.file !== source.file)] });
    const removed = dropped.map((u) => u.path);
    attempt = analyze(removed);
  }
  const diagnostics = [...attempt.diagnostics, ...dropped.flatMap((u) => [...u.causes.map(asWarning), droppedWarning(source, read!, u)])];
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
    let unit = unitOf(dataPathOf(error));
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

function droppedWarning(source: SourceDoc, { data, locator }: ReadData, unit: DroppedUnit): Diagnostic {
  const reporter = new Reporter(source);
  reporter.readThrough(locator);
  if (unit.kind === 'authentication') reporter.at('NG2160', unit.path, { namespace: text(valueAt(data, [...unit.path.slice(0, -1), 'namespace'])) });
  else reporter.at('NG2122', unit.path, { what: describeUnit(data, unit) });
  return reporter.diagnostics[0]!;
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
