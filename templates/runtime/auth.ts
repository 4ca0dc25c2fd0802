// Inbound authentication of the REST and MCP adapters (`exposes[].authentication`): checked
// before any input is read, compared in constant time, never logged.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './log.js';
import { AuthServerError, TokenError, createTokenValidator, type OAuth2Auth } from './oauth2.js';

export type InboundAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'apikey'; placement: 'header' | 'query'; name: string; value: string }
  | { kind: 'basic'; username: string; password: string }
  | OAuth2Auth;

/** Answers an authentication failure (401, 403 or 503) in the adapter's own error format. */
export type Reject = (res: Response, status: number) => void;

/** Equal-length digests, so neither the length nor a prefix of the secret leaks through timing. */
function same(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function isAuthorized(req: Request, auth: Exclude<InboundAuth, OAuth2Auth>): boolean {
  switch (auth.kind) {
    case 'bearer': {
      const header = req.headers.authorization ?? '';
      return /^bearer /i.test(header) && same(header.slice(7).trim(), auth.token);
    }
    case 'apikey': {
      const given = auth.placement === 'header' ? req.headers[auth.name.toLowerCase()] : req.query[auth.name];
      return typeof given === 'string' && same(given, auth.value);
    }
    case 'basic': {
      const header = req.headers.authorization ?? '';
      if (!/^basic /i.test(header)) return false;
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      // Both halves are always compared, so a wrong user name costs the same as a wrong password.
      const userOk = same(colon < 0 ? decoded : decoded.slice(0, colon), auth.username);
      const passOk = same(colon < 0 ? '' : decoded.slice(colon + 1), auth.password);
      return colon >= 0 && userOk && passOk;
    }
  }
}

/** The challenge a 401 carries, so clients know which credentials to send. */
export function challenge(auth: Exclude<InboundAuth, OAuth2Auth>): string | undefined {
  if (auth.kind === 'bearer') return 'Bearer realm="api"';
  if (auth.kind === 'basic') return 'Basic realm="api", charset="UTF-8"';
  return undefined;
}

/** Rejects unauthenticated requests with 401 before anything else reads them. */
export function requireAuth(auth: InboundAuth, reject: Reject, logger?: Logger): RequestHandler {
  if (auth.kind === 'oauth2') return requireToken(auth, reject, logger);
  return (req, res, next) => {
    if (isAuthorized(req, auth)) return next();
    const header = challenge(auth);
    if (header) res.setHeader('www-authenticate', header);
    reject(res, 401);
  };
}

/** RFC 6750 b64token; only the Authorization header carries tokens (no query or form tokens). */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

const quoted = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

/** Where RFC 9728 §3.1 puts this resource's metadata: the well-known prefix before its path. */
export function resourceMetadataUrl(auth: OAuth2Auth): string {
  const url = new URL(auth.resource);
  const path = url.pathname === '/' ? '' : url.pathname;
  return new URL(`/.well-known/oauth-protected-resource${path}`, url.origin).href;
}

/** RFC 9728 Protected Resource Metadata, served without authentication. */
export function resourceMetadata(auth: OAuth2Auth): Record<string, unknown> {
  const scopes = auth.scopes.length > 0 ? { scopes_supported: [...auth.scopes] } : {};
  return { resource: auth.resource, authorization_servers: [auth.issuer], ...scopes, bearer_methods_supported: ['header'] };
}

/** The RFC 6750 challenge; no error code when the request carried no token at all (§3.1). */
export function bearerChallenge(auth: OAuth2Auth, error?: TokenError): string {
  const params = [`resource_metadata=${quoted(resourceMetadataUrl(auth))}`];
  if (auth.scopes.length > 0) params.push(`scope=${quoted(auth.scopes.join(' '))}`);
  if (error) params.push(`error=${quoted(error.code)}`, `error_description=${quoted(error.message)}`);
  return `Bearer ${params.join(', ')}`;
}

function requireToken(auth: OAuth2Auth, reject: Reject, logger: Logger | undefined): RequestHandler {
  const validate = createTokenValidator(auth);
  const document = resourceMetadata(auth);
  // Clients probe the root location as well as the path-inserted one (MCP authorization spec).
  const metadataPaths = new Set(['/.well-known/oauth-protected-resource', new URL(resourceMetadataUrl(auth)).pathname]);
  return async (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && metadataPaths.has(req.path)) return void res.json(document);
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined) {
      res.setHeader('www-authenticate', bearerChallenge(auth));
      return reject(res, 401);
    }
    try {
      await validate(token);
    } catch (error) {
      if (error instanceof TokenError) {
        res.setHeader('www-authenticate', bearerChallenge(auth, error));
        return reject(res, error.status);
      }
      // The message names the AS endpoint and the failure, never the token.
      if (error instanceof AuthServerError) logger?.warn('authorization server unavailable', { reason: error.message });
      else logger?.error('token validation failed', { error });
      return reject(res, 503);
    }
    next();
  };
}
