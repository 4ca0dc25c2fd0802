/**
 * The reader's Ikanos shapes (src/formats/ikanos/shapes.ts) against the official schema of every
 * version: the same keys per `$def` (those that came later only from their version on), keyed maps
 * exactly where the schema has maps of entries, import-capable sections where it has ImportEntry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS, type KindName, type Shape } from '../../src/formats/ikanos/shapes.js';
import { IKANOS_VERSIONS, type IkanosVersion } from '../../src/formats/spec.js';

type Schema = { $ref?: string; properties?: Record<string, Schema>; allOf?: Schema[]; oneOf?: Schema[]; additionalProperties?: unknown; items?: Schema; type?: unknown };

/** The `$def`s each kind stands for (a union kind stands for all of its branches). */
const DEFS: Record<KindName, readonly string[]> = {
  ...(Object.fromEntries(Object.keys(KINDS).map((k) => [k, [k]])) as Record<KindName, string[]>),
  Document: [],
  OrchestratedOutput: ['OrchestratedOutputParameter', 'MockOutputParameter'],
};

function load(version: IkanosVersion): { root: Schema; defs: Record<string, Schema> } {
  const name = version === '1.0.0-beta5' ? 'ikanos-schema-1.0.0-beta5' : `ikanos-schema-${version}`;
  const schema = JSON.parse(readFileSync(new URL(`../../schemas/${name}.json`, import.meta.url), 'utf8')) as Schema & { $defs: Record<string, Schema> };
  return { root: schema, defs: schema.$defs };
}

/** Properties an object of this schema may have (`anyOf` branches only repeat them). */
function properties(schema: Schema, defs: Record<string, Schema>): Record<string, Schema> {
  const resolved = schema.$ref ? defs[schema.$ref.split('/').pop()!]! : schema;
  const nested = [...(resolved.allOf ?? []), ...(resolved.oneOf ?? []).filter((b) => b.$ref)].map((b) => properties(b, defs));
  return Object.assign({}, ...nested, resolved.properties ?? {});
}

function introduced(field: { since?: IkanosVersion }, version: IkanosVersion): boolean {
  return !field.since || IKANOS_VERSIONS.indexOf(field.since) <= IKANOS_VERSIONS.indexOf(version);
}

const entryRef = (p: Schema, defs: Record<string, Schema>): Schema | undefined => {
  const ap = (p.$ref ? defs[p.$ref.split('/').pop()!] : p)?.additionalProperties;
  return ap && typeof ap === 'object' ? (ap as Schema) : undefined;
};

describe.each(IKANOS_VERSIONS)('ikanos %s', (version) => {
  const { root, defs } = load(version);
  const schemaOf = (kind: KindName) => (kind === 'Document' ? [root] : DEFS[kind].map((d) => defs[d]!));

  it.each(Object.keys(KINDS) as KindName[])('%s has the keys of the official schema', (kind) => {
    const official = Object.assign({}, ...schemaOf(kind).map((s) => properties(s, defs))) as Record<string, Schema>;
    const ours = Object.entries(KINDS[kind].fields).filter(([, f]) => introduced(f, version)).map(([k]) => k);
    expect(ours.sort()).toEqual(Object.keys(official).sort());
  });

  it.each(Object.keys(KINDS) as KindName[])('%s reads keyed maps and sections where the schema has them', (kind) => {
    const official = Object.assign({}, ...schemaOf(kind).map((s) => properties(s, defs))) as Record<string, Schema>;
    for (const [key, field] of Object.entries(KINDS[kind].fields)) {
      const p = official[key];
      if (!p || !introduced(field, version)) continue;
      const shape: Shape = field.shape;
      const map = entryRef(p, defs);
      const isSection = p.type === 'array' && JSON.stringify(p.items).includes('ImportEntry');
      if (typeof shape === 'object' && ('keyed' in shape || 'named' in shape)) expect(map, `${kind}.${key} is a map of entries`).toBeDefined();
      if (typeof shape === 'object' && 'section' in shape) expect(isSection, `${kind}.${key} takes imports`).toBe(true);
      if (isSection) expect(typeof shape === 'object' && 'section' in shape, `${kind}.${key} is read as a section`).toBe(true);
      // A map whose entries are objects of a named $def is keyed by name (with, keys, metadata are not).
      const entry = map?.$ref?.split('/').pop();
      const named = entry && ['OperationStep', 'McpTool', 'McpResource', 'McpPrompt', 'ExposedResource', 'ExposedOperation', 'ConsumedHttpResource', 'ConsumedHttpOperation', 'AggregateFlow', 'ExposedSkill', 'SkillTool'].includes(entry);
      if (named) expect(shape, `${kind}.${key}`).toEqual({ keyed: entry });
    }
  });
});
