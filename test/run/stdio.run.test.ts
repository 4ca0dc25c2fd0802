/** `transport: stdio`: a real MCP client starts the generated service and speaks over its stdio. */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy } from '../helpers/service.js';

describe('an MCP adapter over stdio', () => {
  let upstream: FakeUpstream;
  let dir: string;
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    dir = buildProjectCopy(join(CASES_DIR, 'mcp-stdio', 'expected'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['dist/main.js'],
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', QUOTES_BASE_URL: upstream.url, LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'stdio-run', version: '1.0.0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client?.close();
    await upstream?.close();
    if (dir) removeProjectCopy(dir);
  });

  it('lists the tool with its title, annotations and strict input', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['get-quote']);
    expect(tools[0]!.title).toBe('Get a quote');
    expect(tools[0]!.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(tools[0]!.inputSchema.required).toEqual(['id']);
  });

  it('calls the upstream and keeps stdout for the protocol (logs go to stderr)', async () => {
    const result = await client.callTool({ name: 'get-quote', arguments: { id: 'q/1' } });
    expect(result.isError ?? false).toBe(false);
    expect(upstream.requests.at(-1)!.url).toBe('/quotes/q%2F1');
    expect(result.structuredContent).toEqual({ echo: { method: 'GET', url: '/quotes/q%2F1' } });
    expect(stderr).toContain('"msg":"listening"');
  });
});
