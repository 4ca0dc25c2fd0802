/** `init <name>`: a scaffolded spec builds with no warnings (even --strict), compiles, runs and answers /health. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-init-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('init <name>', () => {
  let upstream: FakeUpstream | undefined;
  let service: RunningService | undefined;
  let copy: string | undefined;
  afterAll(async () => {
    await service?.stop();
    await upstream?.close();
    if (copy) removeProjectCopy(copy);
  });

  it('writes a spec that builds with no warnings, strict or not', async () => {
    const init = await runCli(['init', 'acme-orders', '--base-uri', 'https://api.example.com/v1'], work);
    expect(init.code).toBe(0);
    const spec = readFileSync(join(work, 'specs/acme-orders.yaml'), 'utf8');
    expect(spec).toContain('ikanos: 1.0.0-beta4');
    expect(spec).toContain('ACME_ORDERS_API_KEY');
    expect(spec).toContain('token: "{{env.ACME_ORDERS_API_KEY}}"');
    const strict = await runCli(['validate', 'specs', '--strict'], work);
    expect(strict.stderr).toBe('validated 1 spec(s): 0 error(s), 0 warning(s)\n');
    const build = await runCli(['build', 'specs'], work);
    expect(build.code).toBe(0);
    expect(build.stderr).not.toMatch(/warning NG/);
    expect(build.stderr).toContain('0 error(s), 0 warning(s)');
  });

  it('writes naftiko 1.0.0-alpha2 with --format naftiko-alpha2: the same project', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-init-alpha2-'));
    try {
      const init = await runCli(['init', 'acme-orders', '--base-uri', 'https://api.example.com/v1', '--format', 'naftiko-alpha2'], dir);
      expect(init.code).toBe(0);
      expect(readFileSync(join(dir, 'specs/acme-orders.yaml'), 'utf8')).toContain('naftiko: 1.0.0-alpha2');
      expect((await runCli(['validate', 'specs', '--strict'], dir)).stderr).toBe('validated 1 spec(s): 0 error(s), 0 warning(s)\n');
      expect((await runCli(['build', 'specs'], dir)).code).toBe(0);
      for (const file of ['src/rest/routes.gen.ts', 'src/mcp/tools.gen.ts', 'openapi.json', 'README.md', 'package.json']) {
        expect(readFileSync(join(dir, 'generated/acme-orders', file), 'utf8'), file).toBe(readFileSync(join(work, 'generated/acme-orders', file), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to overwrite an existing spec', async () => {
    const path = join(work, 'specs/acme-orders.yaml');
    writeFileSync(path, '# mine\n');
    const again = await runCli(['init', 'acme-orders', '--base-uri', 'https://api.example.com'], work);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite specs/acme-orders.yaml');
    expect(readFileSync(path, 'utf8')).toBe('# mine\n');
  });

  it('rejects a bad name or base URI', async () => {
    expect((await runCli(['init', 'Bad_Name', '--base-uri', 'https://x.example'], work)).code).toBe(2);
    expect((await runCli(['init', 'ok-name', '--base-uri', 'not a url'], work)).code).toBe(2);
    expect((await runCli(['init', 'ok-name'], work)).code).toBe(2);
  });

  it('generates a project that type-checks, starts and answers /health and the upstream call', async () => {
    copy = buildProjectCopy(join(work, 'generated/acme-orders'));
    upstream = await startFakeUpstream();
    service = await startService(
      copy,
      { ACME_ORDERS_API_KEY: 'k-123', ACME_ORDERS_BASE_URL: upstream.url, REST_PORT: '0', MCP_PORT: '0' },
      ['rest', 'mcp'],
    );
    for (const url of Object.values(service.urls)) expect((await fetch(`${url}/health`)).status).toBe(200);
    const res = await fetch(`${service.urls.rest}/items`);
    expect(res.status).toBe(200);
    expect(upstream.requests.at(-1)?.path).toBe('/items');
    expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer k-123');
  });
});

describe('init with a config file', () => {
  it('takes the spec directory and output directory from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-init-config-'));
    try {
      writeFileSync(join(dir, 'naftiko-gen.config.json'), JSON.stringify({ specs: ['api'], out: 'services' }));
      expect((await runCli(['init', 'pets', '--base-uri', 'https://pets.example.com', '--ci', 'github'], dir)).code).toBe(0);
      expect(readFileSync(join(dir, 'api/pets.yaml'), 'utf8')).toContain('PETS_API_KEY');
      expect(readFileSync(join(dir, '.github/workflows/naftiko-gen.yml'), 'utf8')).toContain('npx naftiko-gen check api -o services --format github');
      expect((await runCli(['build'], dir)).code).toBe(0);
      expect((await runCli(['check'], dir)).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
