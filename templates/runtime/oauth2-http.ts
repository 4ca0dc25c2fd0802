// Inbound OAuth 2.1 on an adapter: the Express middleware around the token validator of
// oauth2.ts — RFC 6750 challenges, RFC 9728 Protected Resource Metadata, 401/403/503. The
// generated main.ts passes `oauth2Auth(config)` as the adapter's `auth`.

import type { RequestHandler } from 'express';
import type { HandlerAuth, Reject } from './auth.js';
import type { Logger } from './log.js';
import { AuthServerError, TokenError, createTokenValidator, type OAuth2Auth } from './oauth2.js';

/** The adapter's `auth` for an oauth2 spec: validated tokens only, metadata served without one. */
export function oauth2Auth(config: OAuth2Auth): HandlerAuth {
  return { kind: 'handler', handler: (reject, logger) => requireToken(config, reject, logger) };
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
