/**
 * --layout tree: a catalogue whose spec file names repeat in different folders builds in one run,
 * each project under the folders of its spec; package names, manifests, .gitattributes, check and
 * no-op rebuilds follow. The flat layout refuses the clash and names the flag.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GITATTRIBUTES } from '../../src/write/gitattributes.js';
import { SPECS_DIR } from '../helpers/cases.js';
import { runCli } from '../helpers/cli.js';

let work: string;
const seed = readFileSync(join(SPECS_DIR, 'lago-customers.yaml'), 'utf8');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-layout-'));
  for (const vendor of ['stripe', 'lago']) {
    mkdirSync(join(work, 'catalogue', vendor, 'capabilities'), { recursive: true });
    writeFileSync(join(work, 'catalogue', vendor, 'capabilities', 'customers.yaml'), seed.replace('label: Lago API documentation — Customers', `label: ${vendor} customers`));
  }
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const json = (path: string) => JSON.parse(readFileSync(join(work, path), 'utf8')) as Record<string, unknown>;

describe('--layout tree', () => {
  it('builds two customers.yaml in different folders into mirrored project directories', async () => {
    const flat = await runCli(['build', 'catalogue'], work);
    expect(flat.code).toBe(1);
    expect(flat.stderr).toMatch(/error NG0005: specs catalogue\/lago\/capabilities\/customers\.yaml and catalogue\/stripe\/capabilities\/customers\.yaml would both generate into customers/);
    expect(flat.stderr).toContain('build with --layout tree');

    const { code, stderr } = await runCli(['build', 'catalogue', '--layout', 'tree'], work);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/built 2 project\(s\) from 2 spec\(s\)/);
    for (const vendor of ['stripe', 'lago']) {
      const dir = `generated/${vendor}/capabilities/customers`;
      expect(json(`${dir}/package.json`).name).toBe(`${vendor}-capabilities-customers`);
      expect(json(`${dir}/naftiko.gen.json`).spec).toBe(`catalogue/${vendor}/capabilities/customers.yaml`);
      expect(readFileSync(join(work, dir, 'README.md'), 'utf8')).toContain(`${vendor} customers`);
      expect(readFileSync(join(work, dir, 'README.md'), 'utf8')).toContain(`docker build -t ${vendor}-capabilities-customers .`);
    }
    expect(readFileSync(join(work, 'generated/.gitattributes'), 'utf8')).toBe(GITATTRIBUTES);
    expect(existsSync(join(work, 'generated/customers'))).toBe(false);

    const noop = await runCli(['build', 'catalogue', '--layout', 'tree'], work);
    expect(noop.stderr).toMatch(/: 0 file\(s\) changed, \d+ unchanged; projects: 0 written, 2 unchanged/);
    expect((await runCli(['check', 'catalogue', '--layout', 'tree'], work)).code).toBe(0);
    writeFileSync(join(work, 'generated/lago/capabilities/customers/src/main.ts'), '// edited\n');
    const drift = await runCli(['check', 'catalogue', '--layout', 'tree'], work);
    expect(drift.code).toBe(3);
    expect(drift.stderr).toContain('stale: generated/lago/capabilities/customers/src/main.ts');
    expect(drift.stderr).toContain('--layout tree');
  });

  it('takes the layout from the config file', async () => {
    writeFileSync(join(work, 'naftiko-gen.config.json'), JSON.stringify({ specs: ['catalogue'], layout: 'tree' }));
    expect((await runCli(['build'], work)).code).toBe(0);
    expect(existsSync(join(work, 'generated/stripe/capabilities/customers/package.json'))).toBe(true);
  });

  it('puts a spec given as a file directly under the output directory, as the flat layout does', async () => {
    expect((await runCli(['build', 'catalogue/lago/capabilities/customers.yaml', '--layout', 'tree'], work)).code).toBe(0);
    expect(json('generated/customers/package.json').name).toBe('customers');
  });

  it('places a file argument inside a directory argument as the walk would (one the walk skips too)', async () => {
    mkdirSync(join(work, 'catalogue', 'lago', '.drafts'));
    writeFileSync(join(work, 'catalogue', 'lago', '.drafts', 'customers.yaml'), seed);
    const { code, stderr } = await runCli(['build', 'catalogue/lago/.drafts/customers.yaml', 'catalogue', '--layout', 'tree'], work);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/built 3 project\(s\) from 3 spec\(s\)/);
    expect(json('generated/lago/.drafts/customers/package.json').name).toBe('lago-drafts-customers');
    expect(existsSync(join(work, 'generated/customers'))).toBe(false);
  });

  it('refuses a project inside another project directory', async () => {
    writeFileSync(join(work, 'catalogue', 'stripe.yaml'), seed);
    const { code, stderr } = await runCli(['build', 'catalogue', '--layout', 'tree', '--skip-invalid'], work);
    expect(code).toBe(1);
    expect(stderr).toMatch(/catalogue\/stripe\/capabilities\/customers\.yaml:1:1: error NG0020: spec .* would generate into stripe\/capabilities\/customers, inside the project directory stripe of catalogue\/stripe\.yaml/);
    expect(existsSync(join(work, 'generated/stripe/package.json'))).toBe(true);
    expect(existsSync(join(work, 'generated/stripe/capabilities'))).toBe(false);
    expect(existsSync(join(work, 'generated/lago/capabilities/customers/package.json'))).toBe(true);
  });

  it('never writes through a symbolic link between the output directory and a project', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'naftiko-gen-elsewhere-'));
    try {
      mkdirSync(join(work, 'generated'));
      symlinkSync(elsewhere, join(work, 'generated', 'stripe'), 'dir');
      const { code, stderr } = await runCli(['build', 'catalogue', '--layout', 'tree'], work);
      expect(code).toBe(2);
      expect(stderr).toMatch(/refusing to write through the symbolic link .*generated\/stripe/);
      expect(existsSync(join(elsewhere, 'capabilities'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
