import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { roundTripFolder } from '../helpers/migrate-round-trip.js';
import { CORPUS_DIR } from '../helpers/corpus.js';

it('round trip', () => {
  const rows = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t'));
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    if (!['1.0.0-alpha2', '1.0.0-alpha1'].includes(r[3]!)) continue;
    if (process.env.ONLY && !r[5]!.includes(process.env.ONLY)) continue;
    const g = r[5]!.split('/')[0]!;
    groups.set(g, [...(groups.get(g) ?? []), join(CORPUS_DIR, r[5]!)]);
  }
  const t0 = performance.now();
  const counts: Record<string, number> = {};
  const diffs: string[] = [];
  for (const [g, paths] of [...groups].sort()) {
    for (const rt of roundTripFolder(join(CORPUS_DIR, g), paths.sort(), '1.0.0-beta4')) {
      if (rt.lostComments.length) diffs.push(`COMMENTS ${rt.path.replace(CORPUS_DIR, '')} ${rt.lostComments.join(' | ')}`);
      if (!rt.builds) { counts.notBuilding = (counts.notBuilding ?? 0) + 1; continue; }
      const k = rt.migrated.kind !== 'migrated' ? 'notMigratable' : rt.differences.length ? 'DIFFERENT' : rt.migrated.diagnostics.length ? 'withDiagnostics' : 'clean';
      counts[k] = (counts[k] ?? 0) + 1;
      if (k === 'DIFFERENT') diffs.push(`${rt.path.replace(CORPUS_DIR, '')}\n   ${rt.differences.slice(0, 3).join('\n   ')}`);
      if (k === 'notMigratable') diffs.push(`NOTMIG ${rt.path.replace(CORPUS_DIR, '')} ${rt.migrated.diagnostics.map((d) => d.code + ' ' + d.message).join(' | ').slice(0, 400)}`);
    }
  }
  console.log(counts, ((performance.now() - t0) / 1000).toFixed(1) + 's');
  console.log(diffs.slice(0, 400).join('\n'));
}, 1800000);
