/**
 * The alpha2 -> Ikanos key table, read backwards from the Ikanos reader's own (src/formats/ikanos/
 * shapes.ts, which test/unit/ikanos-shapes.test.ts holds to every official schema): an Ikanos
 * field written `as` an alpha2 key was renamed; a `keyed` field was a list of named entries.
 */
import { KINDS, type Field, type KindName } from '../formats/ikanos/shapes.js';
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

/** The kind of one entry of a section list: an import, or the inline kind (by `type` for adapters). */
export function sectionKind(section: string, keys: readonly string[], type: string | undefined): KindName | undefined {
  // alpha2 imports only consumed APIs (`location` + `import`); a bind's `location` is its file.
  if (section === 'consumes' && (keys.includes('import') || keys.includes('location'))) return 'ImportEntry';
  switch (section) {
    case 'consumes':
      return 'ConsumesHttp';
    case 'aggregates':
      return 'Aggregate';
    case 'binds':
      return 'Binding';
    case 'exposes':
      return type === undefined ? undefined : EXPOSES_KINDS[type];
    default:
      return undefined;
  }
}

const EXPOSES_KINDS: Readonly<Record<string, KindName>> = { rest: 'ExposesRest', mcp: 'ExposesMcp', skill: 'ExposesSkill', control: 'ExposesControl' };
