/**
 * `migrate` over the whole naftiko corpus (../shared/corpus, MANIFEST.tsv: every 1.0.0-alpha1 and
 * 1.0.0-alpha2 file), one folder (import root) at a time, in memory. Every file that builds today
 * migrates to an Ikanos 1.0.0-beta4 document that the official schema accepts (ajv, the schema as
 * published in ../shared/spec), that keeps the original's comments, and that builds to the same
 * project as the original with exactly the changes its diagnostics report (none: the same project).
 * Counts are pinned in migrate-expected.json; improve them deliberately with UPDATE_GOLDEN=1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { expectGoldenText } from '../helpers/golden.js';
import { roundTripFolder, type RoundTrip } from '../helpers/migrate-round-trip.js';
import { officialValidator } from '../helpers/official-schema.js';

const EXPECTED = fileURLToPath(new URL('./migrate-expected.json', import.meta.url));
const VERSIONS = new Set(['1.0.0-alpha1', '1.0.0-alpha2']);

let trips: RoundTrip[];

beforeAll(() => {
  const folders = new Map<string, string[]>();
  for (const row of readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)) {
    const cells = row.split('\t');
    if (!VERSIONS.has(cells[3]!)) continue;
    const folder = cells[5]!.split('/')[0]!;
    folders.set(folder, [...(folders.get(folder) ?? []), join(CORPUS_DIR, cells[5]!)]);
  }
  trips = [...folders].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([folder, paths]) => roundTripFolder(join(CORPUS_DIR, folder), paths.sort(), '1.0.0-beta4'));
}, 900_000);

const local = (trip: RoundTrip) => trip.path.slice(CORPUS_DIR.length);

describe('migrate over the naftiko corpus', () => {
  it('migrates every file that builds today', () => {
    const failed = trips.filter((t) => t.builds && t.migrated.kind !== 'migrated');
    expect(failed.map((t) => `${local(t)}: ${t.migrated.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`)).toEqual([]);
  });

  it('reports every file it does not migrate with a positioned NG40xx error', () => {
    const silent = trips.filter((t) => {
      if (t.migrated.kind === 'migrated') return false;
      const own = t.migrated.diagnostics.filter((d) => /^NG40\d\d$/.test(d.code) && d.severity === 'error');
      return own.length === 0 || t.migrated.diagnostics.some((d) => d.line < 1 || d.col < 1);
    });
    expect(silent.map(local)).toEqual([]);
  });

  it('writes documents the official Ikanos 1.0.0-beta4 schema accepts', () => {
    const validate = officialValidator('1.0.0-beta4');
    const invalid = trips.flatMap((t) => {
      if (t.migrated.kind !== 'migrated') return [];
      return validate(parse(t.migrated.text)) ? [] : [`${local(t)}: ${JSON.stringify(validate.errors?.slice(0, 3))}`];
    });
    expect(invalid).toEqual([]);
  });

  it('builds every migrated document to the project of the original with the reported changes', () => {
    const different = trips.filter((t) => t.differences.length > 0).map((t) => `${local(t)}\n  ${t.differences.slice(0, 3).join('\n  ')}`);
    expect(different).toEqual([]);
    // A document with nothing reported generates the original's project exactly.
    for (const t of trips) if (t.migrated.kind === 'migrated' && t.migrated.diagnostics.length === 0) expect(t.migrated.edits, local(t)).toEqual([]);
  });

  it("keeps the original's comments (bar those inside keys the build ignored, which go with them)", () => {
    const lost = trips.filter((t) => t.lostComments.length > 0 && !t.migrated.diagnostics.some((d) => d.code === 'NG4010'));
    expect(lost.map((t) => `${local(t)}: ${t.lostComments.join(' | ')}`)).toEqual([]);
  });

  it('pins the counts: migrated clean, with diagnostics, not migratable', () => {
    const count = (filter: (t: RoundTrip) => boolean) => trips.filter(filter).length;
    const migrated = (t: RoundTrip) => t.migrated.kind === 'migrated';
    const filesPerCode: Record<string, number> = {};
    for (const t of trips) for (const code of new Set(t.migrated.diagnostics.map((d) => d.code))) filesPerCode[code] = (filesPerCode[code] ?? 0) + 1;
    const summary = {
      files: trips.length,
      buildToday: {
        total: count((t) => t.builds),
        migratedClean: count((t) => t.builds && migrated(t) && t.migrated.diagnostics.length === 0),
        migratedWithDiagnostics: count((t) => t.builds && migrated(t) && t.migrated.diagnostics.length > 0),
        notMigratable: count((t) => t.builds && !migrated(t)),
      },
      doNotBuildToday: {
        migrated: count((t) => !t.builds && migrated(t)),
        notMigratable: count((t) => !t.builds && !migrated(t)),
      },
      losingCommentsInIgnoredKeys: count((t) => t.lostComments.length > 0),
      filesPerCode: Object.fromEntries(Object.entries(filesPerCode).sort(([a], [b]) => (a < b ? -1 : 1))),
    };
    expectGoldenText(`${JSON.stringify(summary, null, 2)}\n`, EXPECTED);
  });
});
