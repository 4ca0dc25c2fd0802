/** Terminal output: a \r progress line and colours only on TTYs (not in CI, not with -q); the summary line. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { SPECS_DIR } from '../helpers/cases.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-output-'));
  cpSync(SPECS_DIR, join(work, 'specs'), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function run(argv: string[], isTTY: boolean, env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const previous = process.cwd();
  process.chdir(work);
  try {
    const code = await main(argv, { stdout: () => {}, stderr: (t) => (stderr += t), isTTY, env });
    return { code, stderr };
  } finally {
    process.chdir(previous);
  }
}

const ESC = '\u001b[';

describe('build output', () => {
  it('on a terminal: a \\r progress line, coloured severities, then the summary', async () => {
    const { code, stderr } = await run(['build', 'specs'], true);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\rgenerating 1\/2 specs\/konnect-platform-openmeter-customers\.yaml/);
    expect(stderr).toMatch(/\rgenerating 2\/2 specs\/lago-customers\.yaml/);
    expect(stderr).toContain(` ${ESC}33mwarning${ESC}0m NG1102`);
    expect(stderr).toMatch(
      /built 2 project\(s\) from 2 spec\(s\) into generated: \d+ file\(s\) changed, 0 unchanged; projects: 2 written, 0 unchanged, 0 skipped, 0 rejected; 0 error\(s\), \d+ warning\(s\); \d+\.\ds\n$/,
    );
  });

  it('in CI, with -q, with NO_COLOR or off a terminal: no progress line and no colours', async () => {
    for (const [argv, tty, env] of [
      [['build', 'specs'], true, { CI: 'true', NO_COLOR: '1' }],
      [['build', 'specs', '-q'], true, { NO_COLOR: '1' }],
      [['build', 'specs'], false, {}],
    ] as const) {
      const { stderr } = await run([...argv], tty, { ...env });
      expect(stderr).not.toContain('\r');
      expect(stderr).not.toContain(ESC);
    }
  });

  it('failed builds say nothing was written, coloured red on a terminal', async () => {
    writeFileSync(join(work, 'specs/broken.yaml'), 'naftiko: 1.0.0-alpha2\ncapability:\n  exposes: [\n');
    const { code, stderr } = await run(['build', 'specs'], true);
    expect(code).toBe(1);
    expect(stderr).toContain(` ${ESC}31merror${ESC}0m NG0002`);
    expect(stderr).toContain('nothing was written');
  });

  it('counts unchanged and skipped projects', async () => {
    await run(['build', 'specs', '-q'], false);
    writeFileSync(join(work, 'specs/shared.yml'), 'naftiko: 1.0.0-alpha2\nconsumes:\n  - type: http\n    namespace: x\n    baseUri: https://x.example\n    resources:\n      - name: r\n        path: /r\n        operations:\n          - name: get-r\n            method: GET\n');
    const { stderr } = await run(['build', 'specs'], false);
    expect(stderr).toMatch(/: 0 file\(s\) changed, \d+ unchanged; projects: 0 written, 2 unchanged, 1 skipped, 0 rejected;/);
  });
});
