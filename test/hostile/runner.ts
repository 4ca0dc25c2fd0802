/**
 * The engine of the every-string-position test: group testing over a unit's mutants.
 *
 * A group of edits is tried as one mutant:
 *  - `validate` (analyzeSpec) accepts it: it is built in memory (runPipeline: emit and prettier,
 *    nothing written) and every file scanned; each canary found out of place names its position
 *    and piece. Findings no canary marks (a `__proto__` key, a crash) are pinned down by halving;
 *  - it is rejected: every diagnostic must be positioned and none an internal error. The edits the
 *    errors point at are rejected if the blame is believed (see Trust), else tried again as a
 *    group; the rest are tried as a group; errors that point at no edit halve the group.
 * So each edit ends in a built and scanned mutant, or rejected (alone, or by believed blame).
 *
 * Before the rounds, a probe (a harmless suffix at every position) finds the "fragile" positions,
 * those that refuse any appended text alone (enums, references, versions, patterned names): in
 * each round they are tried apart, believing the errors that point at them, which keeps a round
 * to a handful of analyses and one or two builds.
 */
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { GeneratedFile, Templates } from '../../src/emit/types.js';
import type { CapabilityModel } from '../../src/model/types.js';
import { analyzeSpec, runPipeline } from '../../src/pipeline.js';
import { TEST_GENERATOR } from '../helpers/cases.js';
import { fieldOf, mutantOf, probeSuffix, roundEdits, type Edit, type Mutant, type Tally } from './mutants.js';
import { CANARY, PIECES_PER_POSITION } from './payloads.js';
import { mutatedPath, pathKey, type DataPath, type Position } from './positions.js';
import { scanProject, type Finding } from './scan.js';
import type { Unit } from './units.js';

/** A mutant that validate accepted, built in memory and scanned. */
export interface Built {
  readonly edits: readonly Edit[];
  readonly files: readonly GeneratedFile[];
  readonly model: CapabilityModel;
}

/**
 * Which blame of a rejected group is believed without trying the edit again:
 *  - `none`: nothing (blamed edits are retried as a group, down to one);
 *  - `shape`: a shape error (NG1xxx: zod checks a value by itself) at the edit's own path;
 *  - `own`: any error at the edit's own path, when no other edit shares the path (a key and its
 *    value) or the text (two equal names blame each other);
 *  - `fragile`: for fragile positions only, `own`, and errors at the places the probe of that
 *    position broke alone (renaming an operation breaks the calls to it).
 */
type Trust = 'none' | 'shape' | 'own' | 'fragile';

interface Mode {
  /** Accepted groups are built and scanned (the probe only needs verdicts). */
  readonly build: boolean;
  readonly trust: Trust;
}

/** NG1xxx: the value at the path does not have the format's shape, whatever else the spec says. */
const isShape = (d: Diagnostic): boolean => d.code.startsWith('NG1');
const within = (path: DataPath, prefix: DataPath): boolean => prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]));
const placeOf = (file: string, path: DataPath): string => `${file}|${JSON.stringify(path)}`;
const findingKind = (f: Finding): string => `${f.file}|${f.what}`;
const describeError = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join(' | ') : String(error));

/** Positions whose text occurs inside another position's text: names something refers to. */
function referredTo(positions: readonly Position[]): Set<number> {
  const referred = new Set<number>();
  positions.forEach((p, i) => {
    if (p.original !== '' && positions.some((q, j) => j !== i && q.original.includes(p.original))) referred.add(i);
  });
  return referred;
}

/**
 * Splits edits so that no part has two with one text or one place (a key and its value): equal
 * names, or a key and its value, would only share the blame again.
 */
function distinctParts(edits: readonly Edit[], keysOf: (e: Edit) => readonly string[]): Edit[][] {
  const parts: { edits: Edit[]; keys: Set<string> }[] = [];
  for (const edit of edits) {
    const keys = keysOf(edit);
    let part = parts.find((p) => !keys.some((k) => p.keys.has(k)));
    if (!part) parts.push((part = { edits: [], keys: new Set() }));
    part.edits.push(edit);
    keys.forEach((k) => part.keys.add(k));
  }
  return parts.map((p) => p.edits);
}

export class MutantRunner {
  /** Positions that refused the probe alone, with the places (file|path) their errors were at. */
  private readonly footprints = new Map<number, Set<string>>();
  /** Findings of the spec as it is, by file and kind: a mutant repeating them is not blamed for them. */
  private readonly baseline = new Map<string, number>();
  /** Positions whose canaries appear in no generated file even when built alone. */
  private readonly unused = new Set<number>();
  /** Built in a group without their canaries appearing: maybe hidden by another edit. */
  private dark: Edit[] = [];
  /** Groups validate accepted, waiting to be built together. */
  private accepted: Edit[][] = [];

  constructor(
    private readonly unit: Unit,
    private readonly templates: Templates,
    private readonly tally: Tally,
    /** Sees every mutant that was built and scanned (the run sample keeps one). */
    private readonly onBuilt?: (built: Built) => void,
  ) {}

  /** Builds the spec as it is: it must generate; what its scan finds is a hole of its own. */
  async checkBaseline(): Promise<void> {
    const mutant = mutantOf(this.unit, []);
    const result = await runPipeline(mutant.input, { templates: this.templates, generator: TEST_GENERATOR, emit: true, imports: mutant.imports, ...mutant.options });
    if (result.files.length === 0) throw new Error(`${this.unit.name} no longer generates once written as JSON`);
    for (const f of scanProject(result.files)) {
      this.baseline.set(findingKind(f), (this.baseline.get(findingKind(f)) ?? 0) + 1);
      this.hole(undefined, f, '(the spec as it is)');
    }
  }

  /**
   * Finds the fragile positions. Names other text refers to (their text occurs in another
   * position's) are probed apart, believing only shape errors: renaming one breaks its
   * referrers, whose errors would otherwise blame the referrers.
   */
  async probe(): Promise<ReadonlySet<number>> {
    const edits = this.unit.positions.map((position, index) => ({ index, position, text: position.original + probeSuffix(index) }));
    const referred = referredTo(this.unit.positions);
    await this.run(edits.filter((e) => referred.has(e.index)), { build: false, trust: 'shape' });
    await this.run(edits.filter((e) => !referred.has(e.index)), { build: false, trust: 'own' });
    return new Set(this.footprints.keys());
  }

  /**
   * One round. Fragile positions, and positions known to reach no output (a lenient `type` can
   * hide what is below it), are tried apart from the others; what validate accepts of each is
   * built together. Edits whose canaries were missing from their build are built again, grouped
   * by their field's name, so that a `type` and the `mapping` it hides are apart; still missing,
   * their position reaches no output, and is tried apart from then on.
   */
  async round(round: number): Promise<void> {
    const edits = roundEdits(this.unit, round);
    const apart = (e: Edit) => this.footprints.has(e.index) || this.unused.has(e.index);
    await this.run(edits.filter(apart), { build: true, trust: 'fragile' });
    await this.buildAccepted(false);
    await this.run(edits.filter((e) => !apart(e)), { build: true, trust: 'none' });
    await this.buildAccepted(false);
    const byName = new Map<string, Edit[]>();
    for (const edit of this.dark.splice(0)) {
      const name = String(edit.position.path.at(-1));
      byName.set(name, [...(byName.get(name) ?? []), edit]);
    }
    for (const group of byName.values()) {
      this.tally.darkBuilds++;
      await this.run(group, { build: true, trust: 'none' });
      await this.buildAccepted(true);
    }
  }

  /** Builds the accepted groups as one mutant when validate accepts them together, else one by one. */
  private async buildAccepted(darkPass: boolean): Promise<void> {
    while (this.accepted.length > 0) {
      const groups = this.accepted.splice(0);
      const merged = groups.flat();
      const mutant = mutantOf(this.unit, merged);
      this.tally.analyses++;
      if (groups.length > 1 && !analyzeSpec(mutant.input, { imports: mutant.imports, ...mutant.options }).model) {
        for (const group of groups) await this.build(group, mutantOf(this.unit, group), darkPass);
      } else await this.build(merged, mutant, darkPass);
    }
  }

  private hole(edit: Edit | undefined, f: Pick<Finding, 'file' | 'what' | 'excerpt' | 'canary'>, unpinned = '(several positions)'): void {
    const field = edit ? fieldOf(edit.position) : unpinned;
    const piece = f.canary === undefined ? undefined : edit?.payload?.pieces[f.canary % PIECES_PER_POSITION];
    const payload = piece ? `${edit!.payload!.id}: ${piece.context}` : (edit?.payload?.id ?? (edit ? 'probe' : '-'));
    const key = `${this.unit.name}|${field}|${payload}|${f.file}|${f.what}`;
    if (!this.tally.holes.has(key)) this.tally.holes.set(key, { unit: this.unit.name, field, payload, file: f.file, what: f.what, excerpt: f.excerpt });
  }

  private reject(edit: Edit, mode: Mode, errors: readonly Diagnostic[]): void {
    if (mode.build) {
      this.tally.rejected++;
      this.tally.decided.add(`${edit.index}|${edit.payload?.id}`);
      return;
    }
    const places = this.footprints.get(edit.index) ?? new Set<string>();
    for (const d of errors) places.add(placeOf(d.file, d.path));
    this.footprints.set(edit.index, places);
  }

  private async run(group: readonly Edit[], mode: Mode): Promise<void> {
    if (group.length === 0) return;
    const mutant = mutantOf(this.unit, group);
    this.tally.analyses++;
    let analyzed: ReturnType<typeof analyzeSpec>;
    try {
      analyzed = analyzeSpec(mutant.input, { imports: mutant.imports, ...mutant.options });
    } catch (error) {
      if (group.length > 1) return this.halve(group, mode);
      return this.hole(group[0], { file: '(validate)', what: `validate threw: ${describeError(error)}`, excerpt: '' });
    }
    this.checkDiagnostics(group, analyzed.diagnostics);
    if (analyzed.model) {
      if (mode.build) this.accepted.push([...group]);
      return;
    }
    const errors = analyzed.diagnostics.filter((d) => d.severity === 'error');
    if (group.length === 1) {
      if (process.env.TRACE && mode.build) console.log('SINGLE', fieldOf(group[0]!.position), group[0]!.payload?.id, errors.map((d) => d.code + '@' + d.path.join('.')).join(' '), 'footprint:', [...(this.footprints.get(group[0]!.index) ?? [])].join(' ').slice(0, 300));
      return this.reject(group[0]!, mode, errors);
    }
    const { believed, retry } = this.blame(group, errors, mode.trust);
    if (process.env.TRACE && mode.build) console.log('TRACE', mode.trust, group.length, 'believed', believed.size, 'retry', retry.size, believed.size === 0 && (retry.size === 0 || retry.size === group.length) ? 'HALVE ' + errors.slice(0, 4).map((d) => d.code + '@' + d.path.join('.')).join(' ') : '', retry.size ? [...retry].slice(0, 3).map((e) => fieldOf(e.position) + ' ' + e.payload?.id).join(' ; ') : '');
    for (const [edit, at] of believed) this.reject(edit, mode, at);
    if (believed.size === 0 && retry.size === 0) return this.splitBySuspicion(group, errors, mode);
    if (believed.size === 0 && retry.size === group.length) return this.halve(group, mode);
    await this.run(group.filter((e) => !believed.has(e) && !retry.has(e)), mode);
    for (const part of distinctParts([...retry], (e) => [e.text, placeOf(this.unit.docs[e.position.doc]!.file, e.position.path)])) await this.run(part, mode);
  }

  /**
   * Errors that point at no edit: renaming or replacing something broke a reference elsewhere.
   * The edits whose probe broke something at or around those places are tried apart from the
   * others (which then usually pass as one group); without such suspects the group is halved.
   */
  private async splitBySuspicion(group: readonly Edit[], errors: readonly Diagnostic[], mode: Mode): Promise<void> {
    const places = errors.map((d) => ({ file: d.file, path: d.path }));
    const related = (place: string) => {
      const [file, path] = [place.slice(0, place.indexOf('|')), JSON.parse(place.slice(place.indexOf('|') + 1)) as DataPath];
      return places.some((p) => p.file === file && (within(p.path, path) || within(path, p.path)));
    };
    const suspects = group.filter((e) => [...(this.footprints.get(e.index) ?? [])].some(related));
    if (suspects.length === 0 || suspects.length === group.length) return this.halve(group, mode);
    await this.run(group.filter((e) => !suspects.includes(e)), mode);
    await this.run(suspects, mode);
  }

  private async halve(group: readonly Edit[], mode: Mode): Promise<void> {
    const middle = Math.ceil(group.length / 2);
    await this.run(group.slice(0, middle), mode);
    await this.run(group.slice(middle), mode);
  }

  /** Rejections are positioned diagnostics from the catalog, never a crash. */
  private checkDiagnostics(group: readonly Edit[], diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
      if (d.line > 0 && d.col > 0 && !/internal error|\n\s+at \S|Maximum call stack/.test(d.message)) continue;
      this.hole(group.length === 1 ? group[0] : undefined, { file: d.file, what: `unpositioned or internal diagnostic ${d.code}`, excerpt: d.message.slice(0, 160) });
    }
  }

  /** The edits the errors point at (at or inside their path: a renamed key holds its subtree). */
  private blame(group: readonly Edit[], errors: readonly Diagnostic[], trust: Trust): { believed: Map<Edit, Diagnostic[]>; retry: Set<Edit> } {
    const renamed = new Map(group.filter((e) => e.position.kind === 'key').map((e) => [pathKey(e.position.doc, e.position.path), e.text]));
    const placeOfEdit = new Map(group.map((e) => [e, placeOf(this.unit.docs[e.position.doc]!.file, mutatedPath(e.position, renamed))]));
    const count = <T>(values: Iterable<T>) => {
      const counts = new Map<T, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      return counts;
    };
    const editsAt = count(placeOfEdit.values());
    const texts = count(group.map((e) => e.text));
    const believes = (edit: Edit) => trust !== 'none' && (trust !== 'fragile' || this.footprints.has(edit.index));
    const believed = new Map<Edit, Diagnostic[]>();
    const retry = new Set<Edit>();
    const owned = new Set<Diagnostic>();
    for (const edit of group) {
      const at = mutatedPath(edit.position, renamed);
      const mine = errors.filter((d) => d.file === this.unit.docs[edit.position.doc]!.file && within(d.path, at));
      mine.forEach((d) => owned.add(d));
      if (mine.length === 0) continue;
      const exact = mine.filter((d) => d.path.length === at.length && (trust !== 'shape' || isShape(d)));
      // Two edits with one text (a name payload) may clash with each other; shape errors never do.
      const alone = editsAt.get(placeOfEdit.get(edit)!) === 1 && (texts.get(edit.text) === 1 || (exact.length > 0 && exact.every(isShape)));
      if (believes(edit) && exact.length > 0 && alone) believed.set(edit, mine);
      else retry.add(edit);
    }
    if (trust === 'fragile') {
      for (const d of errors.filter((e) => !owned.has(e))) {
        for (const edit of group) {
          if (retry.has(edit) || !this.footprints.get(edit.index)?.has(placeOf(d.file, d.path))) continue;
          believed.set(edit, [...(believed.get(edit) ?? []), d]);
        }
      }
    }
    return { believed, retry };
  }

  private async build(group: readonly Edit[], mutant: Mutant, darkPass: boolean): Promise<void> {
    this.tally.builds++;
    let files: readonly GeneratedFile[];
    let model: CapabilityModel;
    try {
      const result = await runPipeline(mutant.input, { templates: this.templates, generator: TEST_GENERATOR, emit: true, imports: mutant.imports, ...mutant.options });
      if (result.files.length === 0 || !result.model) throw new Error(`build rejected what validate accepted: ${result.diagnostics.map((d) => d.code).join(' ')}`);
      files = result.files;
      model = result.model;
    } catch (error) {
      if (group.length > 1) return this.halve(group, { build: true, trust: 'none' });
      return this.hole(group[0], { file: '(build)', what: `build failed after validate accepted: ${describeError(error)}`, excerpt: '' });
    }
    const byIndex = new Map(group.map((e) => [e.index, e]));
    const unmarked: Finding[] = [];
    const seen = new Map<string, number>();
    for (const f of scanProject(files)) {
      seen.set(findingKind(f), (seen.get(findingKind(f)) ?? 0) + 1);
      const edit = f.canary === undefined ? undefined : byIndex.get(Math.floor(f.canary / PIECES_PER_POSITION));
      if (edit) this.hole(edit, f);
      else if (seen.get(findingKind(f))! > (this.baseline.get(findingKind(f)) ?? 0)) unmarked.push(f);
    }
    if (unmarked.length > 0 && group.length > 1) return this.halve(group, { build: true, trust: 'none' });
    for (const f of unmarked) this.hole(group[0], f);
    this.tally.accepted += group.length;
    for (const edit of group) this.tally.decided.add(`${edit.index}|${edit.payload?.id}`);
    this.onBuilt?.({ edits: group, files, model });
    this.findDark(group, files, darkPass);
  }

  /** Accepted edits whose canaries appear in no file (see round). */
  private findDark(group: readonly Edit[], files: readonly GeneratedFile[], darkPass: boolean): void {
    const shown = new Set<number>();
    for (const file of files) for (const m of file.contents.matchAll(CANARY)) shown.add(Math.floor(Number(m[1]) / PIECES_PER_POSITION));
    for (const edit of group) {
      if (edit.payload?.mode !== 'suffix' || shown.has(edit.index) || this.unused.has(edit.index)) continue;
      if (darkPass || group.length === 1) this.unused.add(edit.index);
      else this.dark.push(edit);
    }
  }
}
