/**
 * Mutants of a unit: edits (a text at a position) and the spec text and imports they make. One
 * round gives every position one payload: position i gets payload (i + round) mod P, so P rounds
 * put every payload at every position, and each mutant mixes all of them.
 */
import type { ImportResolver } from '../../src/model/imports.js';
import type { SpecInput } from '../../src/pipeline.js';
import { PAYLOADS, payloadText, type Payload } from './payloads.js';
import { applyAll, type Position } from './positions.js';
import type { CaseOptions } from '../helpers/cases.js';
import type { Unit } from './units.js';

export interface Edit {
  /** The position's index in its unit (its canaries are numbered from it). */
  readonly index: number;
  readonly position: Position;
  /** Undefined for the probe (a harmless suffix). */
  readonly payload?: Payload;
  readonly text: string;
}

/** A place where spec text became code, or the CLI broke: one entry of the to-do list. */
export interface Hole {
  readonly unit: string;
  /** The field, indices dropped: `capability.consumes[].namespace` (`{key}` for a name key). */
  readonly field: string;
  readonly payload: string;
  readonly file: string;
  readonly what: string;
  readonly excerpt: string;
}

export interface Tally {
  analyses: number;
  builds: number;
  /** Builds of one edit whose canaries were missing from its group's output. */
  darkBuilds: number;
  /** Position × payload pairs that ended in a built and scanned mutant, or rejected. */
  accepted: number;
  rejected: number;
  /** The same pairs, as `index|payload id`: each must get a verdict. */
  readonly decided: Set<string>;
  /** Holes by unit, field, payload, file and kind (each reported once). */
  readonly holes: Map<string, Hole>;
}

export const newTally = (): Tally => ({ analyses: 0, builds: 0, darkBuilds: 0, accepted: 0, rejected: 0, decided: new Set(), holes: new Map() });

/**
 * What the probe appends: the characters every suffix payload is made of (space, comment,
 * quotes, template and call punctuation), without a canary, different at each position (the same
 * `{x}` added to a consumed and an exposed path would match). A position that refuses it alone
 * holds an enum, a reference, a version or a patterned name: "fragile".
 */
export const probeSuffix = (index: number): string => `zq${index} */ '"\`\${x${index}}()`;

export function roundEdits(unit: Unit, round: number): Edit[] {
  return unit.positions.map((position, index) => {
    const payload = PAYLOADS[(index + round) % PAYLOADS.length]!;
    return { index, position, payload, text: payloadText(payload, index, position.original) };
  });
}

export interface Mutant {
  readonly input: SpecInput;
  readonly imports: ImportResolver;
  /** The unit's pipeline options, for every analysis and build of the mutant. */
  readonly options: CaseOptions;
}

export function mutantOf(unit: Unit, edits: readonly Edit[]): Mutant {
  const texts = unit.docs.map((doc, i) => {
    const own = edits.filter((e) => e.position.doc === i);
    if (own.length === 0 && i > 0) return undefined;
    // A file that is not YAML data (a static resource) is its text; JSON is YAML, and is written ~100 times faster than yaml.stringify.
    return typeof doc.data === 'string' ? (own[0]?.text ?? doc.data) : JSON.stringify(applyAll(doc.data, own.map((e) => ({ position: e.position, text: e.text }))));
  });
  const imports: ImportResolver = (from, location) => {
    const read = unit.resolver(from, location);
    if (!('text' in read)) return read;
    const index = unit.docs.findIndex((d) => d.file === read.file);
    const text = index > 0 ? texts[index] : undefined;
    return text === undefined ? read : { file: read.file, text };
  };
  return { input: { file: unit.docs[0]!.file, text: texts[0]!, id: unit.id }, imports, options: unit.options };
}

export const fieldOf = (position: Position): string =>
  position.path.map((s) => (typeof s === 'number' ? '[]' : `.${s}`)).join('').replace(/^\./, '') + (position.kind === 'key' ? '{key}' : '');

