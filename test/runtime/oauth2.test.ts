/** OAuth 2.1 token validation against a loopback authorization server with real keys. */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthServerError, TokenError, createTokenValidator, discoveryUrls, type OAuth2Auth, type ValidatorOptions } from '../../templates/runtime/oauth2.js';
import { importJwks } from '../../templates/runtime/oauth2-jwt.js';
import { startFakeAuthorizationServer, type FakeAuthorizationServer } from '../helpers/fake-authorization-server.js';

const RESOURCE = 'https://notes.example.com/mcp';
const now = () => Math.floor(Date.now() / 1000);

let as: FakeAuthorizationServer;
beforeAll(async () => {
  as = await startFakeAuthorizationServer();
});
afterAll(() => as.close());
afterEach(() => {
  as.failing = false;
});

function config(overrides: Partial<OAuth2Auth> = {}): OAuth2Auth {
  return { kind: 'oauth2', issuer: as.issuer, resource: RESOURCE, audience: RESOURCE, scopes: ['notes:read'], tokenValidation: 'jwks', ...overrides };
}

const good = (claims: Record<string, unknown> = {}, kid?: string) => as.sign({ aud: RESOURCE, scope: 'notes:read profile', ...claims }, kid ? { kid } : {});

/** The rejection a validation ends in: 'ok', a TokenError code, or 'unavailable'. */
async function outcome(validate: (t: string) => Promise<unknown>, token: string): Promise<string> {
  try {
    await validate(token);
    return 'ok';
  } catch (error) {
    if (error instanceof TokenError) return `${error.status} ${error.code}`;
    if (error instanceof AuthServerError) return 'unavailable';
    throw error;
  }
}

describe('discoveryUrls', () => {
  it('inserts the issuer path after the well-known prefix (RFC 8414), then tries OpenID locations', () => {
    expect(discoveryUrls('https://as.example.com/tenant/1')).toEqual([
      'https://as.example.com/.well-known/oauth-authorization-server/tenant/1',
      'https://as.example.com/.well-known/openid-configuration/tenant/1',
      'https://as.example.com/tenant/1/.well-known/openid-configuration',
    ]);
    expect(discoveryUrls('https://as.example.com')).toEqual(['https://as.example.com/.well-known/oauth-authorization-server', 'https://as.example.com/.well-known/openid-configuration']);
  });
});

describe('importJwks', () => {
  it('keeps signing keys only: no symmetric, encryption or short RSA keys', () => {
    const jwk = (modulusLength: number, extra: Record<string, unknown>) => ({ ...generateKeyPairSync('rsa', { modulusLength }).publicKey.export({ format: 'jwk' }), ...extra });
    const keys = importJwks({
      keys: [jwk(2048, { kid: 'ok' }), jwk(1024, { kid: 'short' }), jwk(2048, { kid: 'enc', use: 'enc' }), { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' }, { kty: 'EC', kid: 'broken' }],
    });
    expect(keys.map((k) => k.kid)).toEqual(['ok']);
    expect(() => importJwks({})).toThrow(/keys/);
  });
});

describe('jwks validation', () => {
  it('accepts a well-formed token and returns its claims', async () => {
    const claims = await createTokenValidator(config())(good());
    expect(claims['sub']).toBe('user-1');
  });

  it('verifies PS256, ES256, ES384 and EdDSA keys as well as RS256', async () => {
    const kids = (['PS256', 'ES256', 'ES384', 'EdDSA'] as const).map((alg) => as.addKey(alg));
    const validate = createTokenValidator(config());
    for (const kid of kids) expect(await outcome(validate, good({}, kid)), kid).toBe('ok');
  });

  it('refuses tokens for another issuer or audience, expired or not yet valid ones', async () => {
    const validate = createTokenValidator(config());
    expect(await outcome(validate, good({ iss: 'https://evil.example.com' }))).toBe('401 invalid_token');
    expect(await outcome(validate, good({ iss: undefined }))).toBe('401 invalid_token');
    expect(await outcome(validate, good({ aud: 'https://other.example.com' }))).toBe('401 invalid_token');
    expect(await outcome(validate, good({ aud: ['https://other.example.com', RESOURCE] }))).toBe('ok');
    expect(await outcome(validate, good({ exp: now() - 120 }))).toBe('401 invalid_token');
    expect(await outcome(validate, good({ exp: now() - 10 }))).toBe('ok'); // within the clock skew
    expect(await outcome(validate, good({ exp: undefined }))).toBe('401 invalid_token');
    expect(await outcome(validate, good({ nbf: now() + 600 }))).toBe('401 invalid_token');
  });

  it('checks the configured audience when it differs from the resource', async () => {
    const validate = createTokenValidator(config({ audience: 'notes-api' }));
    expect(await outcome(validate, good({ aud: 'notes-api' }))).toBe('ok');
    expect(await outcome(validate, good())).toBe('401 invalid_token');
  });

  it('refuses alg none, HMAC with the public key as secret, and tampered payloads', async () => {
    const validate = createTokenValidator(config());
    const signed = good();
    const [, payload] = signed.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    expect(await outcome(validate, none)).toBe('401 invalid_token');
    const jwk = as.publicJwk('rsa-1');
    const claims = { aud: RESOURCE, scope: 'notes:read' };
    expect(await outcome(validate, as.hmac(claims, JSON.stringify(jwk), 'rsa-1'))).toBe('401 invalid_token');
    expect(await outcome(validate, as.hmac(claims, String(jwk['n']), 'rsa-1'))).toBe('401 invalid_token');
    // The RS256 key cannot verify an ES256 claim, even when the signature bytes are its own.
    expect(await outcome(validate, as.sign({ aud: RESOURCE, scope: 'notes:read' }, { kid: 'rsa-1', header: { alg: 'ES256' } }))).toBe('401 invalid_token');
    const forged = Buffer.from(JSON.stringify({ iss: as.issuer, aud: RESOURCE, exp: now() + 300, scope: 'notes:read admin' })).toString('base64url');
    const [header, , signature] = signed.split('.');
    expect(await outcome(validate, `${header}.${forged}.${signature}`)).toBe('401 invalid_token');
    expect(await outcome(validate, 'not-a-jwt')).toBe('401 invalid_token');
  });

  it('answers a missing scope with 403 insufficient_scope; scp arrays count too', async () => {
    const validate = createTokenValidator(config({ scopes: ['notes:read', 'notes:write'] }));
    expect(await outcome(validate, good())).toBe('403 insufficient_scope');
    expect(await outcome(validate, good({ scope: undefined, scp: ['notes:write', 'notes:read'] }))).toBe('ok');
    expect(await outcome(createTokenValidator(config({ scopes: [] })), good({ scope: undefined }))).toBe('ok');
  });

  it('picks up a rotated-in key once, and rate-limits refetches for unknown kids', async () => {
    let offset = 0;
    const validate = createTokenValidator(config(), { now: () => Date.now() + offset });
    expect(await outcome(validate, good())).toBe('ok');
    const fetched = as.hits.get('/jwks') ?? 0;
    const kid = as.addKey('ES256');
    // Within 30 s of the last fetch an unknown kid does not refetch, even a legitimate one.
    expect(await outcome(validate, good({}, kid))).toBe('401 invalid_token');
    expect(as.hits.get('/jwks')).toBe(fetched);
    offset = 31_000;
    expect(await outcome(validate, good({}, kid))).toBe('ok');
    expect(as.hits.get('/jwks')).toBe(fetched + 1);
    const stranger = as.sign({ aud: RESOURCE, scope: 'notes:read' }, { header: { kid: 'unknown' } });
    expect(await outcome(validate, stranger)).toBe('401 invalid_token');
    expect(await outcome(validate, stranger)).toBe('401 invalid_token');
    expect(as.hits.get('/jwks')).toBe(fetched + 1);
  });

  it('stops accepting a removed key once the key set is refreshed', async () => {
    let offset = 0;
    const options: ValidatorOptions = { now: () => Date.now() + offset };
    const kid = as.addKey('RS256');
    const validate = createTokenValidator(config(), options);
    const token = good({ exp: now() + 3600 }, kid);
    expect(await outcome(validate, token)).toBe('ok');
    as.removeKey(kid);
    offset = 11 * 60_000;
    expect(await outcome(validate, token)).toBe('401 invalid_token');
  });

  it('reports an unreachable or failing authorization server as unavailable, not as a bad token', async () => {
    as.failing = true;
    expect(await outcome(createTokenValidator(config()), good())).toBe('unavailable');
    const closed = await startFakeAuthorizationServer();
    await closed.close();
    expect(await outcome(createTokenValidator(config({ issuer: closed.issuer })), good())).toBe('unavailable');
  });

  it('refuses an issuer or resource that is not a URL when created, not per request', () => {
    expect(() => createTokenValidator(config({ issuer: 'auth.example.com' }))).toThrow(/issuer "auth.example.com" is not a URL/);
    expect(() => createTokenValidator(config({ resource: '' }))).toThrow(/resource/);
  });

  it('refuses metadata that names another issuer', async () => {
    const validate = createTokenValidator(config({ issuer: `${as.issuer}/` }));
    expect(await outcome(validate, good({ iss: `${as.issuer}/` }))).toBe('unavailable');
  });

  it('discovers issuers with a path through the OpenID Connect location', async () => {
    const tenant = await startFakeAuthorizationServer({ path: '/tenant/1', openid: true });
    try {
      const token = tenant.sign({ aud: RESOURCE, scope: 'notes:read' });
      expect(await outcome(createTokenValidator(config({ issuer: tenant.issuer })), token)).toBe('ok');
      expect(tenant.hits.get('/.well-known/oauth-authorization-server/tenant/1')).toBe(1);
    } finally {
      await tenant.close();
    }
  });
});

describe('introspection validation', () => {
  const introspecting = (overrides: Partial<OAuth2Auth> = {}) => config({ tokenValidation: 'introspection', client: { ...as.client }, ...overrides });

  it('accepts active tokens and caches the answer briefly', async () => {
    as.introspection.set('opaque-1', { active: true, iss: as.issuer, aud: RESOURCE, scope: 'notes:read', exp: now() + 300 });
    const validate = createTokenValidator(introspecting());
    const before = as.hits.get('/introspect') ?? 0;
    expect(await outcome(validate, 'opaque-1')).toBe('ok');
    expect(await outcome(validate, 'opaque-1')).toBe('ok');
    expect(as.hits.get('/introspect')).toBe(before + 1);
  });

  it('refuses inactive tokens, other audiences and missing scopes', async () => {
    as.introspection.set('opaque-aud', { active: true, aud: 'https://other.example.com', scope: 'notes:read' });
    as.introspection.set('opaque-scope', { active: true, aud: [RESOURCE], scope: 'profile' });
    as.introspection.set('opaque-old', { active: true, aud: RESOURCE, scope: 'notes:read', exp: now() - 600 });
    const validate = createTokenValidator(introspecting());
    expect(await outcome(validate, 'unknown')).toBe('401 invalid_token');
    expect(await outcome(validate, 'opaque-aud')).toBe('401 invalid_token');
    expect(await outcome(validate, 'opaque-scope')).toBe('403 insufficient_scope');
    expect(await outcome(validate, 'opaque-old')).toBe('401 invalid_token');
  });

  it('treats rejected client credentials as the server being unavailable', async () => {
    as.introspection.set('opaque-2', { active: true, aud: RESOURCE, scope: 'notes:read' });
    const validate = createTokenValidator(introspecting({ client: { id: as.client.id, secret: 'wrong' } }));
    expect(await outcome(validate, 'opaque-2')).toBe('unavailable');
  });
});
