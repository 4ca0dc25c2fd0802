// Regression (issue 12): an MCP namespace was written raw into comments of tools.gen.ts, so a
// namespace closing the comment (see NAMESPACES) ran process.exit(7) at start-up, and a backtick
// variant broke prettier ("internal error"). Both now validate and build alike, type-check, and
// the service starts and answers with the namespace as data: its MCP server name.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch.js';
import { loadTemplates } from '../../src/templates.js';
import { writeProject } from '../../src/write/write.js';
import { TEST_GENERATOR } from '../helpers/cases.js';
import { startFakeUpstream } from '../helpers/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService } from '../helpers/service.js';

const NAMESPACES = {
  'comment break-out': 'm */ process.exit(7); /* ',
  'backtick and quote break-out': 'mcp`${process.exit(7)}`*/"); ("`',
};

function spec(namespace: string): string {
  return `naftiko: 1.0.0-alpha2
info:
  label: Hostile namespace
  description: The MCP namespace is code to a careless generator.
capability:
  consumes:
    - type: http
      namespace: items
      baseUri: http://127.0.0.1:9/base
      resources:
        - name: item
          path: /items/{{id}}
          operations:
            - name: get-item
              method: GET
  exposes:
    - type: mcp
      namespace: ${JSON.stringify(namespace)}
      port: 9090
      tools:
        - name: get-item
          description: Get an item
          hints:
            readOnly: true
          call: items.get-item
          with:
            id: tools.id
`;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe.each(Object.entries(NAMESPACES))('an MCP namespace with a %s', (_name, namespace) => {
  it('validates and builds alike, and the service starts with the namespace as its name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-namespace-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'spec.yaml'), spec(namespace));
    const input = [{ path: join(dir, 'spec.yaml'), root: dir }];
    const validated = await runBatch(input, { templates: loadTemplates(), generator: TEST_GENERATOR, emit: false });
    const built = await runBatch(input, { templates: loadTemplates(), generator: TEST_GENERATOR, emit: true });
    const codes = (r: typeof built) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}:${d.col}`);
    expect(codes(built)).toEqual(codes(validated));
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const result = built.results[0]!;
    writeProject(join(dir, 'out'), result.id, result.files);
    const copy = buildProjectCopy(join(dir, 'out', result.id));
    dirs.push(copy);
    const upstream = await startFakeUpstream();
    const service = await startService(copy, { ITEMS_BASE_URL: upstream.url, MCP_PORT: '0' }, ['mcp']);
    try {
      const client = new Client({ name: 'namespace-run', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
      expect(client.getServerVersion()?.name).toBe(namespace);
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['get-item']);
      await client.close();
      expect(service.process.exitCode).toBeNull();
    } finally {
      await service.stop();
      await upstream.close();
      removeProjectCopy(copy);
    }
    // Stopped by SIGTERM (graceful shutdown exits 0), never by the spec's process.exit(7).
    expect(service.process.exitCode).toBe(0);
    // The name is outside the official pattern, which the spec's author is told.
    expect(built.diagnostics.map((d) => d.code)).toContain('NG1105');
  });
});
