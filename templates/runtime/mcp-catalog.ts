// MCP resources (read through an upstream call) and prompts (message templates), registered on
// every per-request server next to the tools.

import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { CallOptions, UpstreamResponse } from './http.js';
import { describeToolError } from './mcp-errors.js';

export interface ResourceDefinition<U> {
  name: string;
  title?: string;
  description: string;
  /** A fixed URI, or an RFC 6570 template when `templated` (`data://users/{userId}`). */
  uri: string;
  templated: boolean;
  mimeType: string;
  read(upstreams: U, variables: Readonly<Record<string, string>>, options: CallOptions): Promise<UpstreamResponse>;
}

export interface PromptMessage {
  role: 'user' | 'assistant';
  text: string;
}

export interface PromptDefinition {
  name: string;
  title?: string;
  description: string;
  args: z.ZodObject;
  messages(args: Record<string, unknown>): PromptMessage[];
}

export function defineResource<U>(def: ResourceDefinition<U>): ResourceDefinition<U> {
  return def;
}

export function definePrompt<S extends z.ZodObject>(def: Omit<PromptDefinition, 'args' | 'messages'> & { args: S; messages: (args: z.output<S>) => PromptMessage[] }): PromptDefinition {
  return def as unknown as PromptDefinition;
}

export function registerResources<U>(server: McpServer, resources: readonly ResourceDefinition<U>[], upstreams: U, maxBinaryBytes?: number): void {
  const options: CallOptions = maxBinaryBytes === undefined ? {} : { maxBinaryBytes };
  for (const r of resources) {
    const metadata = { description: r.description, mimeType: r.mimeType, ...(r.title === undefined ? {} : { title: r.title }) };
    const read = async (uri: URL, variables: Readonly<Record<string, string | string[]>>) => {
      // Template variables arrive still percent-encoded; the upstream client encodes them again.
      const flat = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, decode(Array.isArray(v) ? v.join(',') : v)]));
      try {
        const response = await r.read(upstreams, flat, options);
        const { body } = response;
        // A binary operation's bytes are blob contents (base64), never decoded as text.
        if (body instanceof Uint8Array) return { contents: [{ uri: uri.href, mimeType: r.mimeType, blob: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64') }] };
        const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
        return { contents: [{ uri: uri.href, mimeType: r.mimeType, text }] };
      } catch (error) {
        // Reads have no isError result: the failure becomes the JSON-RPC error, without a stack.
        throw new Error(describeToolError(error, 2048).message);
      }
    };
    if (r.templated) server.registerResource(r.name, new ResourceTemplate(r.uri, { list: undefined }), metadata, (uri, variables) => read(uri, variables));
    else server.registerResource(r.name, r.uri, metadata, (uri) => read(uri, {}));
  }
}

export function registerPrompts(server: McpServer, prompts: readonly PromptDefinition[]): void {
  for (const p of prompts) {
    const config = { description: p.description, argsSchema: p.args, ...(p.title === undefined ? {} : { title: p.title }) };
    server.registerPrompt(p.name, config, (args: Record<string, unknown>) => ({
      description: p.description,
      messages: p.messages(args).map((m) => ({ role: m.role, content: { type: 'text' as const, text: m.text } })),
    }));
  }
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
