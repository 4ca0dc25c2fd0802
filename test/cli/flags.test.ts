/** Diagnostic formats, --strict, --skip-invalid and validate --summary, through the CLI. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CASES_DIR, SPECS_DIR } from '../helpers/cases.js';

let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-flags-'));
  cpSync(SPECS_DIR, join(work, 'specs'), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The Lago seed with one broken route and one broken tool among the valid ones. */
function breakOneRouteAndTool(): void {
  const path = join(work, 'specs/lago-customers.yaml');
  const spec = readFileSync(path, 'utf8')
    .replace('call: lago-customers.getcustomerportalurl\n        with:', 'call: lago-customers.getcustomerportal\n        with:')
    .replace('call: lago-customers.destroycustomer\n      outputParameters', 'call: lago-customers.destroy\n      outputParameters');
  writeFileSync(path, spec);
}

describe('diagnostic formats', () => {
  it('prints JSON lines with file, position, code and message', async () => {
    breakOneRouteAndTool();
    const { stderr, code } = await runCli(['validate', 'specs/lago-customers.yaml', '--format', 'json'], work);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const error = lines.find((l) => l.code === 'NG2101')!;
    expect(error).toMatchObject({ file: 'specs/lago-customers.yaml', severity: 'error', message: expect.stringContaining('getcustomerportal') });
    expect(error.line).toBeGreaterThan(1);
    expect(error.col).toBeGreaterThan(1);
  });

  it('prints GitHub Actions annotations', async () => {
    breakOneRouteAndTool();
    const { stderr } = await runCli(['validate', 'specs/lago-customers.yaml', '--format', 'github'], work);
    expect(stderr).toMatch(/^::error file=specs\/lago-customers\.yaml,line=\d+,col=\d+,title=NG2101::unknown call target/m);
    expect(stderr).toMatch(/^::warning file=specs\/lago-customers\.yaml,line=\d+,col=\d+,title=NG1102::/m);
  });
});

describe('--skip-invalid', () => {
  it('builds the rest of a spec and lists what it skipped', async () => {
    breakOneRouteAndTool();
    expect((await runCli(['build', 'specs/'], work)).code).toBe(1);
    const { code, stderr } = await runCli(['build', 'specs/', '--skip-invalid'], work);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning NG2122: GET \/v1\/customers\/\{external-customer-id\}\/portal-url is skipped/);
    expect(stderr).toMatch(/warning NG2122: tool "lago-delete-customer" is skipped/);
    const routes = readFileSync(join(work, 'generated/lago-customers/src/rest/routes.gen.ts'), 'utf8');
    expect(routes).not.toContain('getcustomerportalurl');
    expect(routes).toContain('findcustomercurrentusage');
    const tools = readFileSync(join(work, 'generated/lago-customers/src/mcp/tools.gen.ts'), 'utf8');
    expect(tools).not.toContain("'lago-delete-customer'");
  });
});

describe('--strict', () => {
  it('turns the catalogue dialect into errors and applies the official schema', async () => {
    const lenient = await runCli(['validate', 'specs/'], work);
    expect(lenient.code).toBe(0);
    const strict = await runCli(['validate', 'specs/', '--strict'], work);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/error NG1102: "type" on a consumed parameter/);
    expect(strict.stderr).toMatch(/error NG1201: official schema: unknown key "description"/);
  });

  it('checks an Ikanos document against the official schema of its own version', async () => {
    const twin = await runCli(['validate', join(CASES_DIR, 'official-minimal/spec.ikanos.yaml'), '--strict'], work);
    expect(twin.stderr).toContain('0 error(s), 0 warning(s)');
    const older = join(work, 'older.yaml');
    writeFileSync(older, readFileSync(join(CASES_DIR, 'official-minimal/spec.ikanos.yaml'), 'utf8').replace('ikanos: 1.0.0-beta4', 'ikanos: 1.0.0-alpha3').replace('info:\n', 'info:\n  version: 1.0.0\n'));
    const strict = await runCli(['validate', older, '--strict'], work);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/error NG1201: official schema: unknown key "version"/);
    expect(strict.stderr).toMatch(/error NG1301: "version" is not in ikanos 1\.0\.0-alpha3/);
  });

  it('accepts a spec written in the official format', async () => {
    const { code, stderr } = await runCli(['validate', join(CASES_DIR, 'official-minimal/spec.yaml'), '--strict'], work);
    expect(stderr).not.toMatch(/(error|warning) NG/);
    expect(stderr).toContain('0 error(s), 0 warning(s)');
    expect(code).toBe(0);
  });
});

describe('validate --summary', () => {
  it('counts verdicts and codes for a directory', async () => {
    writeFileSync(join(work, 'specs/old.yaml'), 'naftiko: "0.5"\ncapability: {}\n');
    const { stdout, code } = await runCli(['validate', 'specs/', '--summary'], work);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^3 spec\(s\)$/m);
    expect(stdout).toMatch(/^ {2}warnings {5,}2$/m);
    expect(stdout).toMatch(/^ {2}rejected {5,}1$/m);
    expect(stdout).toMatch(/^NG0004 {2}error {5,}1 {5,}1 {2}unsupported format version$/m);
    expect(stdout).toMatch(/^NG1102 {2}warning {5,}2 {5,}2 /m);
    expect(existsSync(join(work, 'generated'))).toBe(false);
  });

  it('counts Ikanos documents the same way, shared documents included', async () => {
    // The case without its expected project (whose deploy/kubernetes.yaml is no capability).
    const input = join(work, 'ikanos-imports');
    cpSync(join(CASES_DIR, 'ikanos-imports'), input, { recursive: true, filter: (src) => !src.includes('/expected') });
    const { stdout, code } = await runCli(['validate', input, '--summary'], work);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^5 spec\(s\)$/m);
    expect(stdout).toMatch(/^ {2}generated {4,}1$/m);
    expect(stdout).toMatch(/^ {2}shared {5,}4$/m);
    expect(stdout).toMatch(/^NG2117 {2}warning {5,}4 {5,}4 {2}shared document$/m);
  });
});

describe('--update-hooks', () => {
  it('is refused with --watch, which would apply it on every save', async () => {
    const { code, stderr } = await runCli(['build', 'specs', '--watch', '--update-hooks'], work);
    expect(code).toBe(2);
    expect(stderr).toContain('--update-hooks edits src/hooks.ts once: run it without --watch');
  });
});
