/**
 * Three independent MCP clients behind one small interface: the SDK v1 client, the SDK v2 client
 * (legacy and auto version negotiation) and the MCP Inspector CLI run as a child process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';

const INSPECTOR = fileURLToPath(new URL('../../node_modules/@modelcontextprotocol/inspector/', import.meta.url));

export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

export interface CallResult {
  isError: boolean;
  content: unknown;
  structuredContent: unknown;
}

export interface McpTestClient {
  readonly name: string;
  listTools(): Promise<ListedTool[]>;
  callTool(name: string, args: Record<string, unknown>): Promise<CallResult>;
  close(): Promise<void>;
}

/** The v1 result type also admits the pre-2025 `toolResult` shape, hence the loose parameter. */
function normalise(value: unknown): CallResult {
  const result = value as { isError?: unknown; content?: unknown; structuredContent?: unknown };
  return { isError: result.isError === true, content: result.content, structuredContent: result.structuredContent };
}

export async function sdkV1Client(url: string): Promise<McpTestClient> {
  const client = new ClientV1({ name: 'naftiko-gen-test-v1', version: '1.0.0' });
  await client.connect(new TransportV1(new URL(url)));
  return {
    name: 'SDK v1 (@modelcontextprotocol/sdk 1.32.2)',
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    callTool: async (name, args) => normalise(await client.callTool({ name, arguments: args })),
    close: () => client.close(),
  };
}

export async function sdkV2Client(url: string, mode: 'legacy' | 'auto'): Promise<McpTestClient & { era(): string | undefined }> {
  const client = new ClientV2({ name: 'naftiko-gen-test-v2', version: '1.0.0' }, { versionNegotiation: { mode } });
  await client.connect(new TransportV2(new URL(url)));
  return {
    name: `SDK v2 (@modelcontextprotocol/client 2.4.0, ${mode} negotiation)`,
    era: () => client.getProtocolEra(),
    listTools: async () => (await client.listTools()).tools as ListedTool[],
    callTool: async (name, args) => normalise(await client.callTool({ name, arguments: args })),
    close: () => client.close(),
  };
}

export interface InspectorRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The Inspector writes ~/.mcp-inspector, so each client gets a private HOME, removed on close. */
export function inspectorCli(url: string): McpTestClient & { run(args: readonly string[]): Promise<InspectorRun> } {
  const home = mkdtempSync(join(tmpdir(), 'naftiko-gen-inspector-'));
  const run = (args: readonly string[]): Promise<InspectorRun> =>
    new Promise((resolve, reject) => {
      const bin = join(INSPECTOR, 'clients/launcher/build/index.js');
      const child = spawn(process.execPath, [bin, '--cli', url, '--transport', 'http', '--format', 'json', ...args], {
        env: { PATH: process.env.PATH ?? '', HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  const result = async (args: readonly string[]): Promise<unknown> => {
    const out = await run(args);
    if (out.code !== 0 && out.code !== 5) throw new Error(`inspector exited ${out.code}: ${out.stderr}`);
    return (JSON.parse(out.stdout || '{}') as { result?: unknown }).result;
  };
  return {
    name: 'MCP Inspector CLI 2.12.0',
    run,
    listTools: async () => ((await result(['--method', 'tools/list'])) as { tools: ListedTool[] }).tools,
    callTool: async (name, args) =>
      normalise(await result(['--method', 'tools/call', '--tool-name', name, '--tool-args-json', JSON.stringify(args)])),
    close: async () => rmSync(home, { recursive: true, force: true }),
  };
}
