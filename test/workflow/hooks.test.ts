/**
 * A team owns src/hooks.ts across regenerations. The team edits it (a hook rewriting one upstream
 * answer, a module-level side effect); the spec gains one operation and loses another; `build`
 * leaves the file byte for byte, `check` stays clean, the hook still runs (seen over HTTP), and the
 * lost operation's stub is a tsc error in src/hooks.ts naming it. With `--update-hooks`: every line
 * the team wrote kept, the new operation's stub added, the project compiles.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { runCli } from '../helpers/cli.js';
import { copyProject } from '../helpers/npm-test.js';
import { removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import { tsc } from '../helpers/tsc.js';

/** A shop API with `list-items` and one operation on a single item, each as a REST route and an MCP tool. */
function spec(name: string, method: string): string {
  return `naftiko: 1.0.0-alpha2
capability:
  consumes:
    - type: http
      namespace: shop
      baseUri: https://shop.example/api
      resources:
        - name: items
          path: /items
          operations:
            - name: list-items
              method: GET
        - name: item
          path: /items/{{id}}
          operations:
            - name: ${name}
              method: ${method}
  exposes:
    - type: rest
      namespace: shop-rest
      port: 8080
      resources:
        - name: items
          path: /v1/items
          operations:
            - method: GET
              name: list-items
              call: shop.list-items
        - name: item
          path: /v1/items/{{id}}
          operations:
            - method: ${method}
              name: ${name}
              call: shop.${name}
    - type: mcp
      namespace: shop-mcp
      port: 9090
      tools:
        - name: list-items
          description: List the items.
          call: shop.list-items
        - name: ${name}
          description: One item.
          call: shop.${name}
`;
}

const V1 = spec('get-item', 'GET');
const V2 = spec('create-item', 'POST');

const SIDE_EFFECT = "import { writeFileSync } from 'node:fs';\n// Module-level code runs once, at start-up.\nwriteFileSync(new URL('../hooks-loaded.txt', import.meta.url), 'loaded');\n";
const HOOK = "  'shop.list-items': {\n      after: (response) => ({ ...response, body: { rewritten: true, upstream: response.body } }),\n    },";

let work: string;
let project: string;
let edited: string;
const copies: string[] = [];
let upstream: FakeUpstream;
let service: RunningService | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-hooks-'));
  project = join(work, 'generated/shop');
  mkdirSync(join(work, 'specs'));
  writeFileSync(join(work, 'specs/shop.yaml'), V1);
  expect((await runCli(['build', 'specs', '-q'], work)).code).toBe(0);
  const first = readFileSync(join(project, 'src/hooks.ts'), 'utf8');
  expect(first).toContain("'shop.get-item': {},");
  edited = first.replace("import { defineHooks } from './hooks.gen.js';\n", `$&${SIDE_EFFECT}`).replace("  'shop.list-items': {},", HOOK);
  expect(edited).not.toBe(first);
  writeFileSync(join(project, 'src/hooks.ts'), edited);
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
  copies.forEach(removeProjectCopy);
  rmSync(work, { recursive: true, force: true });
});
afterEach(async () => {
  await service?.stop();
  service = undefined;
});

/** Compiles a copy (tsc emits despite type errors) and returns its errors. */
function compileCopy(): { dir: string; errors: string[] } {
  const dir = copyProject(project);
  copies.push(dir);
  const { output } = tsc(['-p', join(dir, 'tsconfig.json')]);
  return { dir, errors: output.split('\n').filter((line) => line.includes('error TS')) };
}

/** GET /v1/items on the running copy: the team's hook rewrites the upstream answer; its module code ran. */
async function expectHookRuns(dir: string): Promise<void> {
  service = await startService(dir, { SHOP_BASE_URL: upstream.url, REST_PORT: '0', MCP_PORT: '0' }, ['rest']);
  const answer = await (await fetch(`${service.urls.rest}/v1/items`)).json();
  expect(answer).toEqual({ rewritten: true, upstream: { echo: { method: 'GET', url: '/items' } } });
  expect(readFileSync(join(dir, 'hooks-loaded.txt'), 'utf8')).toBe('loaded');
}

describe('src/hooks.ts across a spec change', { timeout: 180_000 }, () => {
  it('build leaves it byte for byte, says which hook points changed, and check stays clean', async () => {
    writeFileSync(join(work, 'specs/shop.yaml'), V2);
    const build = await runCli(['build', 'specs'], work);
    expect(build.code).toBe(0);
    expect(build.stderr).toContain("shop: new hook points for src/hooks.ts: 'shop.create-item' (naftiko-gen build --update-hooks adds their typed stubs)");
    expect(build.stderr).toContain("shop: hook points gone: 'shop.get-item'");
    expect(readFileSync(join(project, 'src/hooks.ts'), 'utf8')).toBe(edited);
    const manifest = readFileSync(join(project, 'naftiko.gen.json'), 'utf8');
    expect(manifest).not.toContain('src/hooks.ts');
    const check = await runCli(['check', 'specs'], work);
    expect(check.stderr).toContain('up to date');
    expect(check.code).toBe(0);
  });

  it("the gone operation's hook is a tsc error in src/hooks.ts naming it, and the team's hook still runs", async () => {
    const { dir, errors } = compileCopy();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/\/src\/hooks\.ts\(\d+,\d+\): error TS2353: .*'shop\.get-item'.* does not exist in type 'OperationHookMap'/);
    await expectHookRuns(dir);
  });

  it('build --update-hooks keeps every line the team wrote, adds the new stub, and the project compiles', async () => {
    const build = await runCli(['build', 'specs', '--update-hooks'], work);
    expect(build.code).toBe(0);
    expect(build.stderr).toContain("shop: src/hooks.ts: added stubs for 'shop.create-item'");
    expect(build.stderr).toContain("shop: src/hooks.ts: removed the empty stubs of 'shop.get-item'");
    const updated = readFileSync(join(project, 'src/hooks.ts'), 'utf8').split('\n');
    // Only the generated stub of the gone operation left (its doc comment and its line).
    const kept = edited.split('\n').filter((line) => !line.includes("'shop.get-item': {},") && !line.includes('/** GET /items/{id} */'));
    expect(updated.filter((line) => kept.includes(line))).toEqual(kept);
    expect(updated.filter((line) => !kept.includes(line))).toEqual(['    /** POST /items/{id} */', "    'shop.create-item': {},"]);
    const { dir, errors } = compileCopy();
    expect(errors).toEqual([]);
    await expectHookRuns(dir);
    expect((await runCli(['check', 'specs'], work)).code).toBe(0);
  });

  it('build --update-hooks again changes nothing', async () => {
    const before = readFileSync(join(project, 'src/hooks.ts'), 'utf8');
    const build = await runCli(['build', 'specs', '--update-hooks'], work);
    expect(build.stderr).not.toContain('src/hooks.ts');
    expect(readFileSync(join(project, 'src/hooks.ts'), 'utf8')).toBe(before);
  });

  it('build writes it again when it is missing, and never otherwise', async () => {
    rmSync(join(project, 'src/hooks.ts'));
    expect((await runCli(['build', 'specs'], work)).stderr).toMatch(/projects: 1 written/);
    expect(readFileSync(join(project, 'src/hooks.ts'), 'utf8')).toContain("'shop.create-item': {},");
    expect(existsSync(join(project, 'src/hooks.ts'))).toBe(true);
  });
});
