/**
 * `build --watch` as users run it: the installed bin as a child process on a temp dir, files edited
 * underneath it, stopped with SIGINT. Also in-process through main() with an AbortSignal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { CASES_DIR, SPECS_DIR } from '../helpers/cases.js';
import { runCli } from '../helpers/cli.js';

const BIN = fileURLToPath(new URL('../../bin/naftiko-gen.js', import.meta.url));
let work: string;
let child: ChildProcess | undefined;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-watch-'));
  mkdirSync(join(work, 'specs'));
  cpSync(join(SPECS_DIR, 'lago-customers.yaml'), join(work, 'specs/lago-customers.yaml'));
  cpSync(join(CASES_DIR, 'import-shared-consumes/spec.yaml'), join(work, 'specs/pets.yaml'));
  cpSync(join(CASES_DIR, 'import-shared-consumes/shared.yml'), join(work, 'specs/shared.yml'));
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  child = undefined;
  rmSync(work, { recursive: true, force: true });
});

/** Starts the watcher; `until(pattern)` resolves once stderr (from the given offset on) matches. */
function startWatch(args: string[] = []) {
  let stderr = '';
  child = spawn(process.execPath, [BIN, 'build', 'specs', '--watch', ...args], { cwd: work, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
  return {
    get stderr() {
      return stderr;
    },
    exit,
    async until(pattern: RegExp, from = 0, timeoutMs = 20_000): Promise<string> {
      const start = Date.now();
      while (!pattern.test(stderr.slice(from))) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}; stderr:\n${stderr}`);
        if (child!.exitCode !== null) throw new Error(`watcher exited (${child!.exitCode}); stderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return stderr.slice(from);
    },
  };
}

const read = (path: string) => readFileSync(join(work, path), 'utf8');
const edit = (path: string, from: string | RegExp, to: string) => {
  const text = read(path);
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(join(work, path), next);
};

describe('build --watch', () => {
  it('rebuilds an edited spec, keeps the old project when an edit breaks it, and stops on SIGINT', async () => {
    const w = startWatch();
    await w.until(/watching specs for changes/);
    const client = 'generated/lago-customers/src/upstream/lago-customers.client.gen.ts';
    expect(read(client)).toContain('Lago Retrieve a customer');

    let mark = w.stderr.length;
    edit('specs/lago-customers.yaml', 'description: Lago Retrieve a customer', 'description: Fetch one customer');
    await w.until(/changed specs\/lago-customers\.yaml: built 1 project/, mark);
    expect(read(client)).toContain('Fetch one customer');

    const before = read(client);
    const manifest = read('generated/lago-customers/naftiko.gen.json');
    mark = w.stderr.length;
    edit('specs/lago-customers.yaml', 'call: lago-customers.destroycustomer', 'call: lago-customers.destroy');
    const out = await w.until(/nothing was written for it/, mark);
    expect(out).toMatch(/specs\/lago-customers\.yaml:\d+:\d+: error NG2101: unknown call target "lago-customers\.destroy"/);
    expect(read(client)).toBe(before);
    expect(read('generated/lago-customers/naftiko.gen.json')).toBe(manifest);

    // fixed again: rebuilt
    mark = w.stderr.length;
    edit('specs/lago-customers.yaml', 'call: lago-customers.destroy\n', 'call: lago-customers.destroycustomer\n');
    await w.until(/changed specs\/lago-customers\.yaml: built 1 project/, mark);

    child!.kill('SIGINT');
    expect(await w.exit).toBe(0);
    expect(w.stderr).toContain('stopped watching');
  });

  it('rebuilds the specs importing a changed shared file, and only those', async () => {
    const w = startWatch();
    await w.until(/watching specs for changes/);
    const mark = w.stderr.length;
    edit('specs/shared.yml', 'path: /pets/{petId}', 'path: /animals/{petId}');
    const out = await w.until(/changed [^\n]*: built 1 project/, mark);
    expect(out).toContain('specs/pets.yaml');
    expect(out).not.toContain('lago-customers');
    expect(read('generated/pets/src/upstream/pets.client.gen.ts')).toContain('/animals/');
    child!.kill('SIGINT');
    expect(await w.exit).toBe(0);
  });

  it('rebuilds an Ikanos capability when a shared exposes file it imports changes, and check sees it stale', async () => {
    cpSync(join(CASES_DIR, 'ikanos-imports/spec.yaml'), join(work, 'specs/weather.yaml'));
    cpSync(join(CASES_DIR, 'ikanos-imports/shared'), join(work, 'specs/shared'), { recursive: true });
    const w = startWatch();
    await w.until(/watching specs for changes/);
    const routes = 'generated/weather/src/rest/routes.gen.ts';
    expect(read(routes)).toContain("path: '/forecast'");
    const mark = w.stderr.length;
    edit('specs/shared/servers.exposes.yml', 'path: /forecast', 'path: /weather');
    const out = await w.until(/changed [^\n]*: built 1 project/, mark);
    expect(out).toContain('specs/weather.yaml');
    expect(out).not.toContain('lago-customers');
    expect(read(routes)).toContain("path: '/weather'");
    child!.kill('SIGINT');
    expect(await w.exit).toBe(0);

    edit('specs/shared/forecast.aggregates.yml', 'description: The forecast of a city.', 'description: Tomorrow, city by city.');
    const check = await runCli(['check', 'specs'], work);
    expect(check.code).toBe(3);
    expect(check.stderr).toContain('generated/weather/');
  });

  it('debounces a burst of writes into one rebuild and picks up new spec files', async () => {
    const w = startWatch();
    await w.until(/watching specs for changes/);
    let mark = w.stderr.length;
    for (let i = 0; i < 5; i++) edit('specs/lago-customers.yaml', /description: (Lago Retrieve a customer|Burst \d)\n/, `description: Burst ${i}\n`);
    await w.until(/changed specs\/lago-customers\.yaml/, mark);
    await new Promise((r) => setTimeout(r, 600));
    expect(w.stderr.slice(mark).match(/changed specs\/lago-customers\.yaml/g)).toHaveLength(1);
    expect(read('generated/lago-customers/src/upstream/lago-customers.client.gen.ts')).toContain('Burst 4');

    mark = w.stderr.length;
    cpSync(join(SPECS_DIR, 'konnect-platform-openmeter-customers.yaml'), join(work, 'specs/konnect.yaml'));
    await w.until(/changed specs\/konnect\.yaml: built 1 project/, mark);
    expect(read('generated/konnect/package.json')).toContain('"name": "konnect"');
    child!.kill('SIGINT');
    expect(await w.exit).toBe(0);
  });

  it('runs in-process through main() and stops when its AbortSignal aborts', async () => {
    const previous = process.cwd();
    process.chdir(work);
    let stderr = '';
    const controller = new AbortController();
    try {
      const running = main(['build', 'specs', '--watch', '-o', 'out'], { stdout: () => {}, stderr: (t) => (stderr += t) }, { signal: controller.signal });
      const start = Date.now();
      while (!stderr.includes('watching specs')) {
        if (Date.now() - start > 20_000) throw new Error(stderr);
        await new Promise((r) => setTimeout(r, 50));
      }
      controller.abort();
      expect(await running).toBe(0);
      expect(read('out/lago-customers/package.json')).toContain('lago-customers');
      expect(stderr).toContain('stopped watching');
    } finally {
      process.chdir(previous);
    }
  });
});
