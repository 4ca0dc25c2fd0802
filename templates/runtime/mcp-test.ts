// The MCP side of the generated tests: the SDK's own client connected to the service (over
// Streamable HTTP, or in memory to a stdio server), and what a tool result must look like.
// Copied into the project's test/runtime/.

import assert from 'node:assert/strict';
import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { McpServer } from '@modelcontextprotocol/server';

const CLIENT_INFO = { name: 'generated-tests', version: '1.0.0' };

/** A client of the HTTP adapter at `url` (…/mcp), sending `headers` with every request. */
export async function connectHttp(url: string, headers: Readonly<Record<string, string>> = {}): Promise<Client> {
  const client = new Client(CLIENT_INFO);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { ...headers } } }));
  return client;
}

/** A client of one server, connected in memory: how a stdio adapter is tested in-process. */
export async function connectInMemory(server: McpServer): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client(CLIENT_INFO);
  await client.connect(clientSide);
  return client;
}

interface ToolResultLike {
  readonly isError?: boolean | undefined;
  readonly content?: unknown;
  readonly structuredContent?: unknown;
}

/** A successful tool result; with `answer`, the body it must carry (plain objects as they are, anything else under `result`). */
export function expectToolResult(result: ToolResultLike, answer?: { readonly value: unknown }): void {
  assert.notEqual(result.isError, true, `isError result: ${JSON.stringify(result.content)}`);
  if (answer === undefined) return;
  const value = answer.value;
  const plain = typeof value === 'object' && value !== null && !Array.isArray(value);
  assert.deepEqual(result.structuredContent, asParsedByClient(plain ? value : { result: value }), 'structuredContent');
  const [first] = (result.content ?? []) as { type?: string; text?: string }[];
  assert.equal(first?.type, 'text', 'content[0] is text');
  // Text answers are sent as they are, anything else as JSON.
  if (typeof value === 'string') assert.equal(first!.text, value, 'content[0].text');
  else assert.deepEqual(JSON.parse(first!.text!), value, 'content[0].text');
}

/**
 * The client's schema parsing copies structured content property by property, so a `__proto__`
 * key (legal JSON, kept by the server) does not survive it: the expectation is copied the same way.
 * content[0].text still carries every key.
 */
function asParsedByClient(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asParsedByClient);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (key !== '__proto__') copy[key] = asParsedByClient(item);
  return copy;
}

/** A call the server refuses: an isError result or a JSON-RPC error, either way without running the tool. */
export async function expectToolRefused(call: Promise<ToolResultLike>): Promise<void> {
  let result: ToolResultLike;
  try {
    result = await call;
  } catch {
    return;
  }
  assert.equal(result.isError, true, `expected a refusal, got ${JSON.stringify(result.content)}`);
}
