/**
 * The alpha2 -> Ikanos key table, read backwards from the Ikanos reader's own (src/formats/ikanos/
 * shapes.ts, which test/unit/ikanos-shapes.test.ts holds to every official schema): an Ikanos
 * field written `as` an alpha2 key was renamed; a `keyed` field was a list of named entries.
 */
import { KINDS, sectionEntryKind, type Field, type KindName, type Section } from '../formats/ikanos/shapes.js';
import { IKANOS_VERSIONS, type IkanosVersion } from '../formats/spec.js';

export { KINDS, type Field, type KindName };

/** The latest released Ikanos version: what `migrate` writes unless told otherwise. */
export const LATEST_RELEASE: IkanosVersion = '1.0.0-beta4';

/** Every version `--to` accepts: the released ones (beta5 is main's snapshot, not a release). */
export const TARGET_VERSIONS = IKANOS_VERSIONS.filter((v) => v !== '1.0.0-beta5');

export interface Target {
  /** The key as Ikanos spells it. */
  readonly key: string;
  readonly field: Field;
}

const byAlpha2Key = new Map<KindName, ReadonlyMap<string, Target>>();

/** What an alpha2 key of this kind becomes in Ikanos; undefined when Ikanos has no such key. */
export function targetOf(kind: KindName, alpha2Key: string): Target | undefined {
  let table = byAlpha2Key.get(kind);
  if (!table) {
    table = new Map(Object.entries(KINDS[kind].fields).map(([key, field]) => [field.as ?? key, { key, field }]));
    byAlpha2Key.set(kind, table);
  }
  return table.get(alpha2Key);
}

/** Whether Ikanos `version` has the field (some came after 1.0.0-alpha3). */
export function hasField(field: Field, version: IkanosVersion): boolean {
  return !field.since || IKANOS_VERSIONS.indexOf(field.since) <= IKANOS_VERSIONS.indexOf(version);
}

/**
 * The kind of one entry of a section list, as the Ikanos reader decides it: an import (alpha2
 * imports consumed APIs with `import` + `location`; a bind's `location` is its file), else the
 * section's inline kind (by `type` for adapters).
 */
export function sectionKind(section: string, keys: readonly string[], type: string | undefined): KindName | undefined {
  if (!(SECTIONS as readonly string[]).includes(section)) return undefined;
  const entry = new Map<unknown, unknown>([...keys.map((k) => [k, undefined] as const), ['type', type]]);
  const kind = sectionEntryKind(section as Section, entry);
  return kind === 'leaf' ? undefined : kind;
}

const SECTIONS: readonly Section[] = ['consumes', 'exposes', 'aggregates', 'binds'];
