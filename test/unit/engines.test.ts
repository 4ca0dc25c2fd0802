/**
 * Every package a generated project installs (its pinned dependencies and devDependencies and all
 * they pull in, as this repository's lockfile resolves them) accepts the Node.js lines the project
 * states in `engines`: 20.19, 22.12 and 24.0, the lowest of each.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_DEPENDENCIES, GENERATED_DEV_DEPENDENCIES } from '../../src/emit/versions.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LINES = ['20.19.0', '22.12.0', '24.0.0'];

type Version = [number, number, number];
const parse = (v: string): Version => v.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0).concat(0, 0).slice(0, 3) as Version;
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The subset of semver ranges that `engines` fields use: `||`, `>=`, `>`, `<`, `<=`, `^`, `~`, exact, `*`. */
function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alternative) =>
    alternative.trim().replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1').split(/\s+/).filter(Boolean).every((comparator) => {
      const m = /^(>=|<=|>|<|\^|~|=)?\s*v?([\dx*.]+)$/.exec(comparator);
      if (!m || m[2] === '*' || m[2] === 'x') return m !== null;
      const bound = parse(m[2]!);
      const c = compare(v, bound);
      switch (m[1]) {
        case '>=': return c >= 0;
        case '>': return c > 0;
        case '<=': return c <= 0;
        case '<': return c < 0;
        case '^': return c >= 0 && v[0] === bound[0];
        case '~': return c >= 0 && v[0] === bound[0] && v[1] === bound[1];
        default: return m[2]!.split('.').length < 3 ? v[0] === bound[0] && (m[2]!.split('.').length < 2 || v[1] === bound[1]) : c === 0;
      }
    }),
  );
}

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Node's resolution from `from`: the nearest node_modules that has the package. */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return dirname(candidate);
    if (dir === dirname(dir) || !dir.startsWith(ROOT)) return undefined;
  }
}

function closure(): Manifest[] {
  const seen = new Map<string, Manifest>();
  const visit = (name: string, from: string) => {
    const dir = resolvePackage(name, from);
    if (!dir || seen.has(dir)) return;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    seen.set(dir, manifest);
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) visit(dep, dir);
  };
  for (const name of Object.keys({ ...GENERATED_DEPENDENCIES, ...GENERATED_DEV_DEPENDENCIES })) visit(name, ROOT);
  return [...seen.values()];
}

describe('engines of what generated projects install', () => {
  it('reads the ranges engines fields use', () => {
    expect(satisfies('20.19.0', '^18.19.0 || >=20.6.0')).toBe(true);
    expect(satisfies('20.19.0', '>=22.15.0')).toBe(false);
    expect(satisfies('24.0.0', '^20.19.0 || ^22.12.0 || ^24.0.0')).toBe(true);
    expect(satisfies('26.1.0', '^20.19.0 || ^22.12.0 || ^24.0.0')).toBe(false);
    expect(satisfies('22.12.0', '>= 0.10')).toBe(true);
    expect(satisfies('20.19.0', '>=14 <20')).toBe(false);
  });

  it('accepts Node 20.19, 22.12 and 24.0 in every package', () => {
    const packages = closure();
    expect(packages.length).toBeGreaterThan(50);
    const refusals = packages.flatMap((p) => LINES.filter((line) => p.engines?.node && !satisfies(line, p.engines.node)).map((line) => `${p.name}@${p.version} (${p.engines!.node}) refuses ${line}`));
    expect(refusals).toEqual([]);
  });
});
