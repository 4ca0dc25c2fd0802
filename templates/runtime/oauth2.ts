// OAuth 2.1 resource server (`authentication: {type: oauth2}` on an exposed adapter): validates
// bearer access tokens locally against the authorization server's JWKS, or by RFC 7662
// introspection, then checks issuer, audience (RFC 8707), lifetime and scopes.

import { createHash } from 'node:crypto';
import { TokenError, decodeJwt, importJwks, invalidToken, isSupportedAlgorithm, keyFits, verifySignature, type VerificationKey } from './oauth2-jwt.js';

export { TokenError } from './oauth2-jwt.js';

export interface OAuth2Auth {
  kind: 'oauth2';
  /** Issuer identifier: discovery starts here and `iss` must equal it. */
  issuer: string;
  /** Canonical URI of this server (RFC 8707), published in the Protected Resource Metadata. */
  resource: string;
  /** Expected `aud` (the resource unless the spec says otherwise). */
  audience: string;
  /** Every one of these must be granted to the token (none listed: no scope check). */
  scopes: readonly string[];
  tokenValidation: 'jwks' | 'introspection';
  /** Introspection only: this server's client credentials at the authorization server. */
  client?: { id: string; secret: string };
}

/** The authorization server could not be asked: a 503, never blamed on the caller's token. */
export class AuthServerError extends Error {
  override readonly name = 'AuthServerError';
}

export interface ValidatorOptions {
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

export type Claims = Record<string, unknown>;

const CLOCK_SKEW_S = 60;
const KEYS_TTL_MS = 10 * 60_000;
/** An unknown `kid` refetches the JWKS at most this often, so junk tokens cannot hammer the AS. */
const REFETCH_MIN_MS = 30_000;
const INTROSPECTION_TTL_MS = 60_000;
const INTROSPECTION_CACHE_MAX = 10_000;

/** RFC 8414 §3.1 (path inserted after the well-known prefix), then the OpenID Connect locations. */
export function discoveryUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  const at = (suffix: string) => new URL(suffix, url.origin).href;
  const urls = [at(`/.well-known/oauth-authorization-server${path}`), at(`/.well-known/openid-configuration${path}`), at(`${path}/.well-known/openid-configuration`)];
  return [...new Set(urls)];
}

/** Granted scopes from `scope` (RFC 9068, space-separated) or `scp` (string or array). */
export function grantedScopes(claims: Claims): Set<string> {
  const raw = claims['scope'] ?? claims['scp'];
  const list = typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
  return new Set(list.filter((s) => s !== ''));
}

/** Audience, issuer, lifetime and scope checks shared by both validation methods. */
export function checkClaims(claims: Claims, auth: OAuth2Auth, nowMs: number, requireExp = true): void {
  const now = nowMs / 1000;
  if (claims['iss'] !== undefined && claims['iss'] !== auth.issuer) throw invalidToken('token issued by another authorization server');
  const aud = claims['aud'];
  if (!(aud === auth.audience || (Array.isArray(aud) && aud.includes(auth.audience)))) throw invalidToken('token is meant for another resource');
  const exp = claims['exp'];
  // RFC 9068 makes `exp` mandatory in JWTs; RFC 7662 leaves it optional in introspection answers.
  if (exp === undefined ? requireExp : typeof exp !== 'number') throw invalidToken('token has no valid exp');
  if (typeof exp === 'number' && exp + CLOCK_SKEW_S <= now) throw invalidToken('token expired');
  const nbf = claims['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf - CLOCK_SKEW_S > now)) throw invalidToken('token not valid yet');
  const granted = grantedScopes(claims);
  const missing = auth.scopes.filter((s) => !granted.has(s));
  if (missing.length > 0) throw new TokenError(403, 'insufficient_scope', `token lacks scope ${missing.join(' ')}`);
}

export type TokenValidator = (token: string) => Promise<Claims>;

export function createTokenValidator(auth: OAuth2Auth, options: ValidatorOptions = {}): TokenValidator {
  // Checked at start-up: a mistyped issuer override should stop the service, not 503 every call.
  for (const field of ['issuer', 'resource'] as const) {
    if (!URL.canParse(auth[field])) throw new Error(`oauth2 ${field} ${JSON.stringify(auth[field])} is not a URL`);
  }
  const get = fetcher(options);
  const now = options.now ?? Date.now;
  const metadata = new Cached(() => discover(auth.issuer, get), now);
  if (auth.tokenValidation === 'introspection') return introspector(auth, metadata, get, now);
  const keys = new Cached(async () => importJwks(await get(stringField(await metadata.value(false), 'jwks_uri'))), now);
  return async (token) => {
    const jwt = decodeJwt(token);
    const { alg, kid } = jwt.header;
    if (!isSupportedAlgorithm(alg)) throw invalidToken('token signing algorithm not accepted');
    if (kid !== undefined && typeof kid !== 'string') throw invalidToken('malformed key id');
    const pick = (set: VerificationKey[]) => set.filter((k) => (kid === undefined || k.kid === kid) && keyFits(alg, k));
    let candidates = pick(await keys.value(false));
    // A key the cache has not seen may be newly rotated in: look once more (rate-limited).
    if (candidates.length === 0 && keys.canRefresh(REFETCH_MIN_MS)) candidates = pick(await keys.value(true));
    if (!candidates.some((k) => verifySignature(alg, k, jwt))) throw invalidToken('token signature does not verify');
    // RFC 9068 requires `iss` in JWT access tokens, so its absence is not excused here.
    if (jwt.payload['iss'] === undefined) throw invalidToken('token has no issuer');
    checkClaims(jwt.payload, auth, now());
    return jwt.payload;
  };
}

function introspector(auth: OAuth2Auth, metadata: Cached<Record<string, unknown>>, get: Getter, now: () => number): TokenValidator {
  if (!auth.client) throw new Error('oauth2 introspection needs client credentials');
  const { id, secret } = auth.client;
  // RFC 6749 §2.3.1: both halves are form-encoded before Basic encoding.
  const basic = Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
  const cache = new Map<string, { claims: Claims; until: number }>();
  return async (token) => {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = cache.get(key);
    if (hit && hit.until > now()) {
      checkClaims(hit.claims, auth, now(), false);
      return hit.claims;
    }
    cache.delete(key);
    const endpoint = stringField(await metadata.value(false), 'introspection_endpoint');
    const body = new URLSearchParams({ token, token_type_hint: 'access_token' }).toString();
    const claims = await get(endpoint, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body });
    if (claims['active'] !== true) throw invalidToken('token is not active');
    checkClaims(claims, auth, now(), false);
    const exp = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : Infinity;
    if (cache.size >= INTROSPECTION_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, { claims, until: Math.min(now() + INTROSPECTION_TTL_MS, exp) });
    return claims;
  };
}

type Getter = (url: string, init?: RequestInit) => Promise<Record<string, unknown>>;

/** JSON from the authorization server; every failure is an AuthServerError without request data. */
function fetcher(options: ValidatorOptions): Getter {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (url, init = {}) => {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, headers: { accept: 'application/json', ...init.headers }, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new AuthServerError(`${url} unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!res.ok) throw new AuthServerError(`${url} answered ${res.status}`);
    const value: unknown = await res.json().catch(() => undefined);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AuthServerError(`${url} did not answer a JSON object`);
    return value as Record<string, unknown>;
  };
}

async function discover(issuer: string, get: Getter): Promise<Record<string, unknown>> {
  let last: unknown;
  for (const url of discoveryUrls(issuer)) {
    try {
      const metadata = await get(url);
      // RFC 8414 §3.3: metadata naming another issuer must not be used (it could be an impostor).
      if (metadata['issuer'] !== issuer) throw new AuthServerError(`${url} describes issuer ${String(metadata['issuer'])}, not ${issuer}`);
      return metadata;
    } catch (error) {
      last = error;
    }
  }
  throw last instanceof AuthServerError ? last : new AuthServerError(`no metadata for ${issuer}`);
}

function stringField(metadata: Record<string, unknown>, name: string): string {
  const value = metadata[name];
  if (typeof value !== 'string' || value === '') throw new AuthServerError(`authorization server metadata has no ${name}`);
  return value;
}

/**
 * A value loaded on demand and kept for KEYS_TTL_MS; concurrent loads share one request, and a
 * failed reload keeps serving the previous value (the AS being briefly down should not lock users out).
 */
class Cached<T> {
  private current: { value: T; at: number } | undefined;
  private pending: Promise<T> | undefined;
  private lastLoad = -Infinity;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly now: () => number,
  ) {}

  canRefresh(minMs: number): boolean {
    return this.now() - this.lastLoad >= minMs;
  }

  value(refresh: boolean): Promise<T> {
    // After a failed reload the stale value stands until the next allowed attempt.
    const usable = this.current && (this.now() - this.current.at < KEYS_TTL_MS || !this.canRefresh(REFETCH_MIN_MS));
    if (this.current && usable && !refresh) return Promise.resolve(this.current.value);
    this.pending ??= this.reload().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async reload(): Promise<T> {
    this.lastLoad = this.now();
    try {
      const value = await this.load();
      this.current = { value, at: this.now() };
      return value;
    } catch (error) {
      if (this.current) return this.current.value;
      throw error;
    }
  }
}
