/** naftiko-gen.config.json / .yaml: defaults for every command, positioned errors, flags win. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/config.js';
import { runCli } from '../helpers/cli.js';
import { buildProjectCopy, removeProjectCopy } from '../helpers/service.js';
import { SPECS_DIR } from '../helpers/cases.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-config-'));
  cpSync(SPECS_DIR, join(work, 'api'), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const pkg = (dir: string) => JSON.parse(readFileSync(join(work, dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('config file', () => {
  it('supplies specs, out, package scope and dependency overrides to build and check', async () => {
    writeFileSync(
      join(work, 'naftiko-gen.config.json'),
      JSON.stringify({ specs: ['api'], out: 'services', packageScope: '@acme', dependencies: { express: '5.3.1', typescript: '^7.0.2' } }, null, 2),
    );
    const build = await runCli(['build'], work);
    expect(build.code).toBe(0);
    expect(build.stderr).toContain('into services:');
    const lago = pkg('services/lago-customers');
    expect(lago.name).toBe('@acme/lago-customers');
    expect(lago.dependencies.express).toBe('5.3.1');
    expect(lago.devDependencies.typescript).toBe('^7.0.2');
    expect(lago.dependencies.zod).toBeDefined();
    expect((await runCli(['check'], work)).code).toBe(0);
    // flags override the config
    expect((await runCli(['build', 'api/lago-customers.yaml', '-o', 'elsewhere', '-q'], work)).code).toBe(0);
    expect(existsSync(join(work, 'elsewhere/lago-customers/package.json'))).toBe(true);
    expect(existsSync(join(work, 'elsewhere/konnect-platform-openmeter-customers'))).toBe(false);
  });

  it('reads YAML, and --strict / --no-strict override its strict', async () => {
    writeFileSync(join(work, 'naftiko-gen.config.yaml'), 'specs: [api]\nstrict: true\n');
    const strict = await runCli(['validate'], work);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/error NG1102/);
    const relaxed = await runCli(['validate', '--no-strict'], work);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toMatch(/warning NG1102/);
  });

  it('--config names a file elsewhere; its paths are relative to it', async () => {
    writeFileSync(join(work, 'api/gen.yaml.json'), JSON.stringify({ specs: ['lago-customers.yaml'], out: '../out' }));
    const r = await runCli(['build', '--config', 'api/gen.yaml.json', '-q'], work);
    expect(r.code).toBe(0);
    expect(existsSync(join(work, 'out/lago-customers/package.json'))).toBe(true);
  });

  it('reports errors at their line and column, like spec errors, and exits 2', async () => {
    writeFileSync(join(work, 'naftiko-gen.config.yaml'), ['specs: [api]', 'outt: generated', 'strict: "yes"', 'packageScope: acme', 'surfaces: [rest, grpc]', 'dependencies:', '  expres: 1.0.0', ''].join('\n'));
    const r = await runCli(['build'], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('naftiko-gen.config.yaml:2:1: error NG0102: naftiko-gen config: unknown key "outt" (did you mean "out"?)');
    expect(r.stderr).toMatch(/^naftiko-gen\.config\.yaml:3:9: error NG0101: naftiko-gen config: "strict": .*boolean/m);
    expect(r.stderr).toMatch(/^naftiko-gen\.config\.yaml:4:15: error NG0101: naftiko-gen config: "packageScope": a package scope looks like "@acme"/m);
    expect(r.stderr).toMatch(/^naftiko-gen\.config\.yaml:5:18: error NG0101: naftiko-gen config: "surfaces\[1\]"/m);
    expect(existsSync(join(work, 'generated'))).toBe(false);

    writeFileSync(join(work, 'naftiko-gen.config.yaml'), 'dependencies:\n  expres: 1.0.0\n');
    const dep = await runCli(['build', 'api'], work);
    expect(dep.stderr).toContain('naftiko-gen.config.yaml:2:3: error NG0101: naftiko-gen config: "expres" is not a dependency of generated projects');
    expect(dep.stderr).toContain('(did you mean "express"?)');

    const json = parseConfigText('c.json', '{\n  "specs": [\n    3\n  ]\n}\n');
    expect(json.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['3:5 NG0101']);
    const syntax = parseConfigText('c.json', '{ "specs": [ }');
    expect(syntax.diagnostics[0]?.code).toBe('NG0002');
  });

  it('no specs anywhere is a usage error', async () => {
    const r = await runCli(['build'], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no specs given');
  });

  it('surfaces: [rest] generates REST only, and the project compiles', async () => {
    writeFileSync(join(work, 'naftiko-gen.config.json'), JSON.stringify({ specs: ['api/lago-customers.yaml'], surfaces: ['rest'] }));
    expect((await runCli(['build', '-q'], work)).code).toBe(0);
    const dir = join(work, 'generated/lago-customers');
    expect(existsSync(join(dir, 'src/rest/routes.gen.ts'))).toBe(true);
    expect(existsSync(join(dir, 'src/mcp/tools.gen.ts'))).toBe(false);
    expect(Object.keys(pkg('generated/lago-customers').dependencies)).not.toContain('@modelcontextprotocol/server');
    expect(readFileSync(join(dir, '.env.example'), 'utf8')).not.toContain('MCP_PORT');
    removeProjectCopy(buildProjectCopy(dir));
  });

  it('surfaces: [mcp] generates MCP only, and the project compiles', async () => {
    writeFileSync(join(work, 'naftiko-gen.config.json'), JSON.stringify({ specs: ['api/lago-customers.yaml'], surfaces: ['mcp'] }));
    expect((await runCli(['build', '-q'], work)).code).toBe(0);
    const dir = join(work, 'generated/lago-customers');
    expect(existsSync(join(dir, 'src/mcp/tools.gen.ts'))).toBe(true);
    expect(existsSync(join(dir, 'src/rest/routes.gen.ts'))).toBe(false);
    expect(readFileSync(join(dir, '.env.example'), 'utf8')).not.toContain('REST_PORT');
    removeProjectCopy(buildProjectCopy(dir));
  });
});

describe('--help', () => {
  it('documents every build option', async () => {
    const { stdout } = await runCli(['build', '--help']);
    for (const flag of ['--out', '--format', '--strict', '--no-strict', '--skip-invalid', '--config', '--quiet', '--profile', '--watch']) expect(stdout).toContain(flag);
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('init');
    expect(top.stdout).toContain('naftiko-gen.config.json');
  });
});
