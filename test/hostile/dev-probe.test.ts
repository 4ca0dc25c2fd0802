import { it } from 'vitest';
import { loadTemplates } from '../../src/templates.js';
import { loadScanner } from './scan.js';
import { loadUnits } from './units.js';
import { newTally } from './mutants.js';
import { MutantRunner } from './runner.js';
import { PAYLOADS } from './payloads.js';

it('probe', async () => {
  await loadScanner();
  const units = loadUnits().filter((u) => u.name.includes(process.env.PROBE_UNITS ?? ''));
  const templates = loadTemplates();
  const rounds = Number(process.env.PROBE_ROUNDS ?? PAYLOADS.length);
  const total = newTally();
  let cpuProbe = 0, cpuRounds = 0;
  for (const u of units) {
    const tally = newTally();
    const runner = new MutantRunner(u, templates, tally);
    let c = process.cpuUsage();
    await runner.checkBaseline();
    const fragile = await runner.probe();
    const cp = process.cpuUsage(c); cpuProbe += (cp.user + cp.system) / 1000;
    const pa = tally.analyses;
    c = process.cpuUsage();
    for (let r = 0; r < rounds; r++) await runner.round(r);
    const cr = process.cpuUsage(c); cpuRounds += (cr.user + cr.system) / 1000;
    console.log(u.name, 'pos', u.positions.length, 'fragile', fragile.size, 'probe an', pa, 'cpu', Math.round((cp.user + cp.system) / 1000), 'rounds an', tally.analyses - pa, 'builds', tally.builds, 'dark', tally.darkBuilds, 'cpu', Math.round((cr.user + cr.system) / 1000), 'acc', tally.accepted, 'rej', tally.rejected, 'holes', tally.holes.size);
    total.analyses += tally.analyses; total.builds += tally.builds; total.darkBuilds += tally.darkBuilds;
    for (const [k, h] of tally.holes) total.holes.set(k, h);
  }
  console.log('TOTAL probe cpu', Math.round(cpuProbe), 'rounds cpu', Math.round(cpuRounds), 'analyses', total.analyses, 'builds', total.builds, 'dark', total.darkBuilds, 'holes', total.holes.size);
  const byField = new Map<string, number>();
  for (const h of total.holes.values()) { const k = `${h.field} | ${h.file} | ${h.what.slice(0, 80)}`; byField.set(k, (byField.get(k) ?? 0) + 1); }
  console.log([...byField].sort().map(([k, v]) => `HOLE ${v} ${k}`).join('\n'));
}, 3_000_000);
