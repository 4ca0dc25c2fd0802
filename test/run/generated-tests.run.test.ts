/**
 * The test suite every generated project carries, run as a team would run it: `npm test` inside
 * the committed seed projects, every golden case's project and a sample of corpus projects, each
 * copied outside the repository, with no environment but PATH and no network. And the proof that
 * those tests are real: one consumed operation's path changed in a generated client fails them.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES_DIR, GENERATED_DIR } from '../helpers/cases.js';
import { runCorpus } from '../helpers/corpus.js';
import { copyProject, npm, testCounts } from '../helpers/npm-test.js';
import { removeProjectCopy } from '../helpers/service.js';
import { writeProject } from '../../src/write/write.js';

/**
 * Corpus projects chosen for what the seeds and goldens have least of: a form body, XML answers,
 * an API key in the query, mapped outputs, a text body with a route a parameter would shadow,
 * an orchestration behind MCP authentication.
 */
const CORPUS_SAMPLE = [
  'api-evangelist__twilio/capabilities/video-conferencing.yaml',
  'api-evangelist__vantiv/capabilities/shared/vantiv-cnp.yaml',
  'api-evangelist__abstract-api/capabilities/exchange-rates-exchange-rates.yaml',
  'api-evangelist__servicenow/capabilities/itsm-operations.yaml',
  'api-evangelist__dynatrace/capabilities/shared/metrics-v2.yaml',
  'naftiko__framework@v1.0.0-alpha2/src/main/resources/tutorial/step-10-shipyard-rest-adapter.yml',
];

const copies: string[] = [];
afterAll(() => copies.forEach(removeProjectCopy));

async function expectTestsPass(projectDir: string): Promise<void> {
  const dir = copyProject(projectDir);
  copies.push(dir);
  const { code, output } = await npm(dir, ['test']);
  const counts = testCounts(output);
  expect({ code, fail: counts.fail, cancelled: counts.cancelled }, output.slice(-6000)).toEqual({ code: 0, fail: 0, cancelled: 0 });
  expect(counts.pass, 'tests that ran').toBeGreaterThan(0);
}

const seeds = readdirSync(GENERATED_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(GENERATED_DIR, e.name));
// A golden case of a seed's spec is the seed's project under another name: run once.
const cases = readdirSync(CASES_DIR)
  .filter((name) => !existsSync(join(GENERATED_DIR, name)))
  .map((name) => join(CASES_DIR, name, 'expected'))
  .filter((dir) => existsSync(dir));

describe('npm test passes in every generated project', { timeout: 180_000 }, () => {
  it.each(seeds)('seed %s', expectTestsPass);
  it.each(cases)('golden %s', expectTestsPass);

  it.each(CORPUS_SAMPLE)('corpus %s', async (file) => {
    const results = await runCorpus({ emit: true }, (entry) => entry.path.endsWith(`/${file}`));
    const result = results.find((r) => r.result.files.length > 0)?.result;
    expect(result, `${file} generates`).toBeDefined();
    const root = mkdtempSync(join(tmpdir(), 'naftiko-gen-corpus-'));
    copies.push(root);
    writeProject(root, result!.id, result!.files);
    await expectTestsPass(join(root, result!.id));
  });
});

describe('the generated tests are real', { timeout: 180_000 }, () => {
  it('a client calling one operation at a wrong path fails npm test, naming the request', async () => {
    const dir = copyProject(join(GENERATED_DIR, 'lago-customers'));
    copies.push(dir);
    const client = join(dir, 'src/upstream/lago-customers.client.gen.ts');
    const source = readFileSync(client, 'utf8');
    const broken = source.replace("path: '/customers',", "path: '/customer',");
    expect(broken, 'the mutation applies').not.toBe(source);
    writeFileSync(client, broken);
    const { code, output } = await npm(dir, ['test']);
    expect(code).not.toBe(0);
    // The REST route and the MCP tool over that operation fail, on the path the upstream saw.
    expect(output).toMatch(/^\s*not ok \d+ - POST \/v1\/customers calls lago-customers\.createcustomer$/m);
    expect(output).toMatch(/^\s*not ok \d+ - tool lago-create-customer calls lago-customers\.createcustomer$/m);
    expect(output).toContain('path of POST /lago-customers/customer');
    expect(output.match(/^\s*not ok \d+ - .* calls /gm), 'no other test fails').toHaveLength(2);
  });
});
