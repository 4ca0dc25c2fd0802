/**
 * The inbound-oauth2 golden project built and started against a loopback authorization server
 * (issuer overridden through NOTES_*_OAUTH_ISSUER) and a fake upstream: REST validates JWTs from
 * the JWKS, MCP introspects tokens, both publish Protected Resource Metadata. The REST resource is
 * overridden too (a staging deployment), which moves its audience and metadata location with it.
 */
import { Client, ClientCredentialsProvider, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES_DIR } from '../helpers/cases.js';
import { startFakeAuthorizationServer, type FakeAuthorizationServer } from '../helpers/fake-authorization-server.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, runToExit, startService, type RunningService } from '../helpers/service.js';

const API = 'https://staging.notes.example.com/api';
const MCP_AUDIENCE = 'notes-mcp';
const now = () => Math.floor(Date.now() / 1000);

let as: FakeAuthorizationServer;
let upstream: FakeUpstream;
let dir: string;
let service: RunningService;

const serviceEnv = () => ({
  NOTES_BASE_URL: upstream.url,
  NOTES_REST_OAUTH_ISSUER: as.issuer,
  NOTES_MCP_OAUTH_ISSUER: as.issuer,
  NOTES_REST_OAUTH_RESOURCE: API,
  NOTES_MCP_OAUTH_CLIENT_ID: as.client.id,
  NOTES_MCP_OAUTH_CLIENT_SECRET: as.client.secret,
  REST_PORT: '0',
  MCP_PORT: '0',
});

beforeAll(async () => {
  // Tokens from /token name the MCP adapter's configured audience, as a real AS would map them.
  as = await startFakeAuthorizationServer({ path: '/realms/notes', tokenAudience: MCP_AUDIENCE });
  upstream = await startFakeUpstream();
  dir = buildProjectCopy(join(CASES_DIR, 'inbound-oauth2', 'expected'));
  service = await startService(dir, serviceEnv(), ['rest', 'mcp']);
});
afterAll(async () => {
  await service?.stop();
  await upstream?.close();
  await as?.close();
  if (dir) removeProjectCopy(dir);
});

const rest = (path: string, token?: string) => fetch(`${service.urls.rest}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('REST adapter with JWT access tokens', () => {
  it('challenges a request without a token with the resource metadata location', async () => {
    const before = upstream.requests.length;
    const res = await rest('/notes');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer resource_metadata="https://staging.notes.example.com/.well-known/oauth-protected-resource/api", scope="notes:read"');
    expect(upstream.requests.length).toBe(before);
  });

  it('calls the upstream for a valid token, without passing the token on', async () => {
    const before = upstream.requests.length;
    const res = await rest('/notes', as.sign({ aud: API, scope: 'notes:read' }));
    expect(res.status).toBe(200);
    expect(upstream.requests.length).toBe(before + 1);
    expect(upstream.requests[before]!.url).toBe('/notes');
    expect(upstream.requests[before]!.headers.authorization).toBeUndefined();
  });

  it('refuses tokens for another audience, expired, HMAC-forged or from another issuer', async () => {
    const before = upstream.requests.length;
    const bad = [
      as.sign({ aud: 'https://notes.example.com/api', scope: 'notes:read' }), // the default resource, not the configured one
      as.sign({ aud: API, scope: 'notes:read', exp: now() - 600 }),
      as.hmac({ aud: API, scope: 'notes:read' }, JSON.stringify(as.publicJwk('rsa-1')), 'rsa-1'),
      as.sign({ aud: API, scope: 'notes:read', iss: 'https://auth.example.com/realms/notes' }),
    ];
    for (const token of bad) {
      const res = await rest('/notes', token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(upstream.requests.length).toBe(before);
  });

  it('answers 403 insufficient_scope to a token without notes:read', async () => {
    const res = await rest('/notes', as.sign({ aud: API, scope: 'profile' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('serves its Protected Resource Metadata and OpenAPI document without a token', async () => {
    const metadata = { resource: API, authorization_servers: [as.issuer], scopes_supported: ['notes:read'], bearer_methods_supported: ['header'] };
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/api']) {
      const res = await rest(path);
      expect(res.status, path).toBe(200);
      expect(await res.json()).toEqual(metadata);
    }
    expect((await rest('/openapi.json')).status).toBe(200);
  });
});

async function mcpClient(token?: string): Promise<Client> {
  const client = new Client({ name: 'oauth2-run', version: '1.0.0' });
  const requestInit = token ? { headers: { authorization: `Bearer ${token}` } } : undefined;
  await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`), requestInit ? { requestInit } : undefined));
  return client;
}

const listTools = (token?: string) =>
  fetch(`${service.urls.mcp}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });

describe('MCP adapter with introspected tokens', () => {
  it('calls a tool through the SDK client with an active token', async () => {
    as.introspection.set('mcp-good', { active: true, iss: as.issuer, aud: MCP_AUDIENCE, scope: 'notes:read', exp: now() + 300 });
    const client = await mcpClient('mcp-good');
    const before = upstream.requests.length;
    const result = await client.callTool({ name: 'list-notes', arguments: {} });
    await client.close();
    expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
    expect(upstream.requests[before]?.url).toBe('/notes');
  });

  it('does not let the SDK client in without a token, or with an inactive one', async () => {
    await expect(mcpClient()).rejects.toThrow();
    await expect(mcpClient('mcp-unknown')).rejects.toThrow();
    const res = await listTools();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer resource_metadata="https://notes.example.com/.well-known/oauth-protected-resource/mcp", scope="notes:read"');
    expect((await res.json()) as unknown).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
  });

  it('answers 403 to an active token without the scope', async () => {
    as.introspection.set('mcp-profile', { active: true, aud: MCP_AUDIENCE, scope: 'profile' });
    expect((await listTools('mcp-profile')).status).toBe(403);
  });

  it('serves its Protected Resource Metadata without a token', async () => {
    const res = await fetch(`${service.urls.mcp}/.well-known/oauth-protected-resource/mcp`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ resource: 'https://notes.example.com/mcp', authorization_servers: [as.issuer] });
  });

  it('answers 503 while the authorization server fails, and keeps tokens out of the log', async () => {
    as.introspection.set('mcp-during-outage', { active: true, aud: MCP_AUDIENCE, scope: 'notes:read' });
    as.failing = true;
    try {
      expect((await listTools('mcp-during-outage')).status).toBe(503);
      // REST keeps validating JWTs with the keys it already fetched.
      expect((await rest('/notes', as.sign({ aud: API, scope: 'notes:read' }))).status).toBe(200);
    } finally {
      as.failing = false;
    }
    const logs = service.logs.join('\n');
    expect(logs).toContain('authorization server unavailable');
    for (const token of ['mcp-good', 'mcp-during-outage', 'mcp-profile']) expect(logs).not.toContain(token);
  });
});

describe('start-up', () => {
  it('stops with a message when an issuer override is not a URL', async () => {
    const { code, output } = await runToExit(dir, { ...serviceEnv(), NOTES_REST_OAUTH_ISSUER: 'auth.example.com' });
    expect(code).toBe(1);
    expect(output).toContain('oauth2 issuer "auth.example.com" is not a URL');
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('MCP authorization flow of the SDK client', () => {
  let deployed: RunningService;
  let mcpUrl: string;

  // The MCP SDK checks that the metadata's resource is the URL it dialled, so this instance is
  // deployed under its real loopback URL through NOTES_MCP_OAUTH_RESOURCE.
  beforeAll(async () => {
    const port = await freePort();
    mcpUrl = `http://127.0.0.1:${port}/mcp`;
    deployed = await startService(dir, { ...serviceEnv(), MCP_PORT: String(port), NOTES_MCP_OAUTH_RESOURCE: mcpUrl }, ['rest', 'mcp']);
  });
  afterAll(() => deployed?.stop());

  it('follows the challenge to the metadata and the authorization server, then calls a tool', async () => {
    const provider = new ClientCredentialsProvider({ clientId: as.caller.id, clientSecret: as.caller.secret, scope: 'notes:read', expectedIssuer: as.issuer });
    const client = new Client({ name: 'oauth2-flow', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
    const before = upstream.requests.length;
    const result = await client.callTool({ name: 'list-notes', arguments: {} });
    await client.close();
    expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
    expect(upstream.requests[before]?.url).toBe('/notes');
    // RFC 8707: the client asked for a token for the resource the metadata names.
    expect(as.tokenRequests.at(-1)?.get('resource')).toBe(mcpUrl);
  });
});
