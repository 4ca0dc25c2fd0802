/**
 * Hook points in a keep-going build (--skip-invalid) with the tree layout: the notes of a spec
 * change and `--update-hooks` reach src/hooks.ts of the project at its tree directory, while a
 * broken spec beside it is rejected and written nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

function spec(name: string, method: string): string {
  return `naftiko: 1.0.0-alpha2
capability:
  consumes:
    - type: http
      namespace: shop
      baseUri: https://shop.example/api
      resources:
        - name: item
          path: /items/{{id}}
          operations:
            - name: ${name}
              method: ${method}
  exposes:
    - type: mcp
      namespace: shop-mcp
      port: 9090
      tools:
        - name: ${name}
          description: One item.
          call: shop.${name}
`;
}

const BROKEN = 'naftiko: 1.0.0-alpha2\ncapability:\n  exposes:\n    - type: mcp\n      namespace: x\n      port: 1\n      tools:\n        - name: t\n          call: nowhere.op\n';
const KEEP_GOING = ['--skip-invalid', '--layout', 'tree'];

let work: string;
const hooksFile = () => join(work, 'generated/team/shop/src/hooks.ts');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-keep-going-hooks-'));
  mkdirSync(join(work, 'specs/team'), { recursive: true });
  writeFileSync(join(work, 'specs/team/shop.yaml'), spec('get-item', 'GET'));
  expect((await runCli(['build', 'specs', '-q', ...KEEP_GOING], work)).code).toBe(0);
  expect(readFileSync(hooksFile(), 'utf8')).toContain("'shop.get-item': {},");
  writeFileSync(join(work, 'specs/team/shop.yaml'), spec('create-item', 'POST'));
  writeFileSync(join(work, 'specs/broken.yaml'), BROKEN);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hook points in a keep-going build with the tree layout', () => {
  it('names the hook points new and gone, by project directory, and rejects the broken spec', async () => {
    const before = readFileSync(hooksFile(), 'utf8');
    const build = await runCli(['build', 'specs', ...KEEP_GOING], work);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain("team/shop: new hook points for src/hooks.ts: 'shop.create-item'");
    expect(build.stderr).toContain("team/shop: hook points gone: 'shop.get-item'");
    expect(build.stderr).toContain('1 spec(s) rejected');
    expect(readFileSync(hooksFile(), 'utf8')).toBe(before);
  });

  it('--update-hooks edits src/hooks.ts of the tree project', async () => {
    const build = await runCli(['build', 'specs', '--update-hooks', ...KEEP_GOING], work);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain("team/shop: src/hooks.ts: added stubs for 'shop.create-item'");
    expect(build.stderr).toContain("team/shop: src/hooks.ts: removed the empty stubs of 'shop.get-item'");
    const hooks = readFileSync(hooksFile(), 'utf8');
    expect(hooks).toContain("'shop.create-item': {},");
    expect(hooks).not.toContain("'shop.get-item'");
  });
});
