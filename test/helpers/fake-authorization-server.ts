/**
 * A loopback OAuth 2.1 authorization server for resource-server tests: RFC 8414 metadata, a JWKS
 * of real RSA / EC / Ed25519 keys that can rotate, RFC 7662 introspection, and a JWT signer.
 * Tokens are signed here with node:crypto, independently of the runtime code under test.
 */
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SigningAlg = 'RS256' | 'PS256' | 'ES256' | 'ES384' | 'EdDSA';

interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly privateKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;
}

export interface SignOptions {
  /** Default: the newest published key. */
  readonly kid?: string;
  /** Overrides the header (e.g. `alg: 'none'`); the signature is still made with the key. */
  readonly header?: Record<string, unknown>;
  /** Replaces the signature segment. */
  readonly signature?: string;
}

export interface FakeAuthorizationServer {
  readonly issuer: string;
  /** Counts per path, to check caching and rate limits. */
  readonly hits: Map<string, number>;
  /** Introspection answers by token; unknown tokens are inactive. */
  readonly introspection: Map<string, Record<string, unknown>>;
  readonly client: { readonly id: string; readonly secret: string };
  /** A client that may get tokens at /token (client_credentials); its tokens are introspectable. */
  readonly caller: { readonly id: string; readonly secret: string };
  /** The form bodies /token received, to check what clients asked for (e.g. RFC 8707 `resource`). */
  readonly tokenRequests: URLSearchParams[];
  /** While true every endpoint answers 500. */
  failing: boolean;
  /** Publishes a new key and returns its kid. */
  addKey(alg: SigningAlg): string;
  removeKey(kid: string): void;
  /** A signed JWT with default iss, exp (+5 min), iat and sub; `claims` override or add. */
  sign(claims: Record<string, unknown>, options?: SignOptions): string;
  /** HS256 over the token with `secret` (for algorithm-confusion tests). */
  hmac(claims: Record<string, unknown>, secret: string | Buffer, kid?: string): string;
  publicJwk(kid: string): Record<string, unknown>;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function newKey(alg: SigningAlg, kid: string): SigningKey {
  const pair =
    alg === 'RS256' || alg === 'PS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('ec', { namedCurve: alg === 'ES256' ? 'P-256' : 'P-384' });
  return { kid, alg, privateKey: pair.privateKey, publicJwk: { ...pair.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg } };
}

function signWith(key: SigningKey, input: string): string {
  const digest = key.alg === 'EdDSA' ? null : key.alg === 'ES384' ? 'sha384' : 'sha256';
  const options =
    key.alg === 'PS256'
      ? { key: key.privateKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }
      : key.alg.startsWith('ES')
        ? { key: key.privateKey, dsaEncoding: 'ieee-p1363' as const }
        : key.privateKey;
  return sign(digest, Buffer.from(input), options).toString('base64url');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const basicOf = (c: { id: string; secret: string }) => `Basic ${Buffer.from(`${encodeURIComponent(c.id)}:${encodeURIComponent(c.secret)}`).toString('base64')}`;

/**
 * `path`: issuer path (RFC 8414 insertion); `openid`: publish only the OpenID Connect location;
 * `tokenAudience`: the `aud` of issued tokens (default: the `resource` the client asked for).
 */
export async function startFakeAuthorizationServer(options: { path?: string; openid?: boolean; tokenAudience?: string } = {}): Promise<FakeAuthorizationServer> {
  const keys: SigningKey[] = [newKey('RS256', 'rsa-1')];
  const hits = new Map<string, number>();
  const introspection = new Map<string, Record<string, unknown>>();
  const client = { id: 'resource-server', secret: `s3cret:${randomUUID()}` };
  // Plain characters: the MCP SDK sends Basic credentials without RFC 6749's form-encoding.
  const caller = { id: 'mcp-client', secret: randomUUID() };
  const tokenRequests: URLSearchParams[] = [];
  const path = options.path ?? '';
  let issuer = '';
  const state = { failing: false };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://as.test');
      hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
      const body = await readBody(req);
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (state.failing) return json(500, { error: 'server_error' });
      const metadata = {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        introspection_endpoint: `${issuer}/introspect`,
        response_types_supported: ['code'],
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      };
      const oauthPath = `/.well-known/oauth-authorization-server${path}`;
      const openidPath = `/.well-known/openid-configuration${path}`;
      if (url.pathname === (options.openid ? openidPath : oauthPath)) return json(200, metadata);
      if (url.pathname === `${path}/jwks`) return json(200, { keys: keys.map((k) => k.publicJwk) });
      if (url.pathname === `${path}/introspect` && req.method === 'POST') {
        if (req.headers.authorization !== basicOf(client)) return json(401, { error: 'invalid_client' });
        const token = new URLSearchParams(body).get('token') ?? '';
        return json(200, introspection.get(token) ?? { active: false });
      }
      if (url.pathname === `${path}/token` && req.method === 'POST') {
        const form = new URLSearchParams(body);
        tokenRequests.push(form);
        if (req.headers.authorization !== basicOf(caller)) return json(401, { error: 'invalid_client' });
        if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
        const token = `opaque-${randomUUID()}`;
        const scope = form.get('scope') ?? '';
        const aud = options.tokenAudience ?? form.get('resource') ?? '';
        introspection.set(token, { active: true, iss: issuer, aud, scope, client_id: caller.id, exp: Math.floor(Date.now() / 1000) + 300 });
        return json(200, { access_token: token, token_type: 'Bearer', expires_in: 300, scope });
      }
      json(404, { error: 'not_found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  // Removed keys can still sign: a token from a retired key must be refused.
  const removed: SigningKey[] = [];
  const keyOf = (kid?: string) => {
    const key = kid === undefined ? keys[keys.length - 1] : [...keys, ...removed].find((k) => k.kid === kid);
    if (!key) throw new Error(`no key ${kid}`);
    return key;
  };
  return {
    issuer,
    hits,
    introspection,
    client,
    caller,
    tokenRequests,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    addKey(alg) {
      const kid = `${alg.toLowerCase()}-${keys.length + removed.length + 1}`;
      keys.push(newKey(alg, kid));
      return kid;
    },
    removeKey(kid) {
      const index = keys.findIndex((k) => k.kid === kid);
      if (index >= 0) removed.push(...keys.splice(index, 1));
    },
    sign(claims, signOptions = {}) {
      const key = keyOf(signOptions.kid);
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: key.alg, kid: key.kid, typ: 'at+jwt', ...signOptions.header };
      const input = `${b64(header)}.${b64({ iss: issuer, iat: now, exp: now + 300, sub: 'user-1', ...claims })}`;
      return `${input}.${signOptions.signature ?? signWith(key, input)}`;
    },
    hmac(claims, secret, kid) {
      const now = Math.floor(Date.now() / 1000);
      const input = `${b64({ alg: 'HS256', typ: 'at+jwt', ...(kid ? { kid } : {}) })}.${b64({ iss: issuer, exp: now + 300, ...claims })}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    },
    publicJwk: (kid) => keyOf(kid).publicJwk,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
