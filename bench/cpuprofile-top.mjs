// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package and by function, and total
// (inclusive) time of the functions whose name matches --focus.
//   node bench/cpuprofile-top.mjs <file.cpuprofile> [--top 25] [--focus regex]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args[0];
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25;
const focus = args.includes('--focus') ? new RegExp(args[args.indexOf('--focus') + 1]) : undefined;
const profile = JSON.parse(readFileSync(file, 'utf8'));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0) / 1000);
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (cf) => {
  const url = cf.url || '';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:') || url === '') return url.startsWith('node:') ? 'node:internal' : `(${cf.functionName || 'native'})`;
  if (url.includes('/dist/')) return 'own code (dist)';
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
};
const add = (map, key, v) => map.set(key, (map.get(key) ?? 0) + v);
const pkgSelf = new Map();
const fnSelf = new Map();
for (const [id, t] of self) {
  const cf = byId.get(id).callFrame;
  add(pkgSelf, where(cf), t);
  add(fnSelf, `${cf.functionName || '(anonymous)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`, t);
}
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(9)} ms ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
};
console.log(`${file}: ${total.toFixed(0)} ms sampled`);
print('self time by package / file', pkgSelf);
print('self time by function', fnSelf);

// Inclusive time per package: a sample counts once for every package on its stack.
const pkgTotal = new Map();
const fnTotal = new Map();
for (const [id, t] of self) {
  const seenPkg = new Set();
  const seenFn = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const cf = byId.get(cur).callFrame;
    seenPkg.add(where(cf));
    const name = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
    if (!focus || focus.test(name)) seenFn.add(name);
  }
  for (const k of seenPkg) add(pkgTotal, k, t);
  for (const k of seenFn) add(fnTotal, k, t);
}
print('inclusive time by package (a sample counts for every package on its stack)', pkgTotal);
if (focus) print(`inclusive time of functions matching ${focus}`, fnTotal);
