/** The oauth2 requireAuth middleware over HTTP: challenges, statuses, metadata, logging. */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAuth } from '../../templates/runtime/auth.js';
import { oauth2Auth } from '../../templates/runtime/oauth2-http.js';
import type { OAuth2Auth } from '../../templates/runtime/oauth2.js';
import { startFakeAuthorizationServer, type FakeAuthorizationServer } from '../helpers/fake-authorization-server.js';
import { captureLogger, serve, type CapturedLogger, type Served } from './helpers.js';

const RESOURCE = 'https://notes.example.com/mcp';
const METADATA_URL = 'https://notes.example.com/.well-known/oauth-protected-resource/mcp';

let as: FakeAuthorizationServer;
let app: Served;
let logger: CapturedLogger;
let auth: OAuth2Auth;

beforeAll(async () => {
  as = await startFakeAuthorizationServer();
  logger = captureLogger();
  auth = { kind: 'oauth2', issuer: as.issuer, resource: RESOURCE, audience: RESOURCE, scopes: ['notes:read'], tokenValidation: 'jwks' };
  const server = express();
  server.use(requireAuth(oauth2Auth(auth), (res, status) => void res.status(status).json({ status }), logger));
  server.get('/notes', (_req, res) => void res.json({ ok: true }));
  app = await serve(server);
});
afterAll(async () => {
  await app.close();
  await as.close();
});

const call = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('oauth2 requireAuth', () => {
  it('challenges a request without a token, pointing at the resource metadata, without an error code', async () => {
    const res = await call('/notes');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${METADATA_URL}", scope="notes:read"`);
  });

  it('lets a valid token through and names the error of a bad one', async () => {
    expect((await call('/notes', bearer(as.sign({ aud: RESOURCE, scope: 'notes:read' })))).status).toBe(200);
    const bad = await call('/notes', bearer(as.sign({ aud: 'https://other.example.com', scope: 'notes:read' })));
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer resource_metadata="[^"]+", scope="notes:read", error="invalid_token", error_description="[^"]+"$/);
  });

  it('answers 403 insufficient_scope when the token lacks a scope', async () => {
    const res = await call('/notes', bearer(as.sign({ aud: RESOURCE, scope: 'profile' })));
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('takes tokens from the Authorization header only', async () => {
    const token = as.sign({ aud: RESOURCE, scope: 'notes:read' });
    expect((await call(`/notes?access_token=${token}`)).status).toBe(401);
    expect((await call('/notes', { authorization: `Basic ${token}` })).status).toBe(401);
  });

  it('serves the Protected Resource Metadata without a token, at the root and path-inserted locations', async () => {
    const expected = { resource: RESOURCE, authorization_servers: [as.issuer], scopes_supported: ['notes:read'], bearer_methods_supported: ['header'] };
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      expect(await res.json()).toEqual(expected);
    }
  });

  it('answers 503 when the authorization server fails, and logs without the token', async () => {
    // A fresh validator (new app) so nothing is cached from the tests above.
    const isolated = express();
    isolated.use(requireAuth(oauth2Auth(auth), (res, status) => void res.status(status).json({ status }), logger));
    const served = await serve(isolated);
    as.failing = true;
    try {
      const token = as.sign({ aud: RESOURCE, scope: 'notes:read' });
      const res = await fetch(`${served.url}/notes`, { headers: bearer(token) });
      expect(res.status).toBe(503);
      expect(res.headers.get('www-authenticate')).toBeNull();
      expect(logger.lines.some((l) => l['msg'] === 'authorization server unavailable')).toBe(true);
      expect(logger.raw.join('\n')).not.toContain(token.split('.')[2]!);
    } finally {
      as.failing = false;
      await served.close();
    }
  });
});
