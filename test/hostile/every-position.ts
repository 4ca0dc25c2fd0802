/**
 * The every-string-position proof (issue 12), shared by its shard files so that vitest runs the
 * shards on separate workers: for each unit of the shard (units.ts), the spec as it is, the
 * probe, then one round per payload (runner.ts), all in memory. A unit passes when no canary was
 * found out of place, nothing crashed, and every position × payload pair reached a verdict.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/templates.js';
import { newTally, type Hole } from './mutants.js';
import { PAYLOADS } from './payloads.js';
import { MutantRunner } from './runner.js';
import { loadScanner } from './scan.js';
import { loadUnits, type Unit } from './units.js';

/** Shards of about equal work: a unit's cost grows with its positions times its size. */
function shard(units: readonly Unit[], index: number, count: number): Unit[] {
  const load = new Array<number>(count).fill(0);
  const assigned: Unit[][] = Array.from({ length: count }, () => []);
  const cost = (u: Unit) => u.positions.length * (1 + JSON.stringify(u.docs.map((d) => d.data)).length / 4096);
  for (const unit of [...units].sort((a, b) => cost(b) - cost(a) || (a.name < b.name ? -1 : 1))) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest]! += cost(unit);
    assigned[lightest]!.push(unit);
  }
  return assigned[index]!.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The holes of one unit as the lines of a to-do list: field, payload piece, file, what. */
export function describeHoles(holes: readonly Hole[]): string {
  return holes.map((h) => `${h.field} ← ${h.payload}\n    ${h.file}: ${h.what}\n    ${h.excerpt}`).join('\n');
}

export function describeShard(index: number, count: number): void {
  // HOSTILE_UNITS=<text> keeps the units whose name contains it (to rerun one while fixing it).
  const only = process.env.HOSTILE_UNITS;
  const units = shard(loadUnits(), index, count).filter((u) => !only || u.name.includes(only));
  const templates = loadTemplates();

  beforeAll(() => loadScanner());

  describe(`every string position, every payload (shard ${index + 1} of ${count})`, () => {
    it.each(units.map((u) => [u.name, u] as const))('%s', async (_name, unit) => {
      const tally = newTally();
      const runner = new MutantRunner(unit, templates, tally);
      const cpu = process.cpuUsage();
      await runner.checkBaseline();
      await runner.probe();
      for (let round = 0; round < PAYLOADS.length; round++) await runner.round(round);
      if (process.env.HOSTILE_STATS) {
        const used = process.cpuUsage(cpu);
        const { analyses, builds, darkBuilds, accepted, rejected } = tally;
        console.log(JSON.stringify({ unit: unit.name, positions: unit.positions.length, cpuMs: Math.round((used.user + used.system) / 1000), analyses, builds, darkBuilds, accepted, rejected, holes: tally.holes.size }));
      }
      expect(describeHoles([...tally.holes.values()])).toBe('');
      // Every position met every payload and ended built and scanned, or rejected.
      expect(tally.decided.size).toBe(unit.positions.length * PAYLOADS.length);
    }, 900_000);
  });
}
