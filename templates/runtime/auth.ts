// Inbound authentication of the REST and MCP adapters (`exposes[].authentication`): checked
// before any input is read, compared in constant time, never logged.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './log.js';

/** Credentials compared with a value from the environment. */
export type StaticAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'apikey'; placement: 'header' | 'query'; name: string; value: string }
  | { kind: 'basic'; username: string; password: string };

/**
 * A check that brings its own middleware: OAuth 2.1 (`oauth2Auth` in oauth2-http.ts). Kept out of
 * this file so that projects without it do not carry its runtime.
 */
export interface HandlerAuth {
  kind: 'handler';
  handler: (reject: Reject, logger?: Logger) => RequestHandler;
}

export type InboundAuth = StaticAuth | HandlerAuth;

/** Answers an authentication failure (401, 403 or 503) in the adapter's own error format. */
export type Reject = (res: Response, status: number) => void;

/** Equal-length digests, so neither the length nor a prefix of the secret leaks through timing. */
function same(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function isAuthorized(req: Request, auth: StaticAuth): boolean {
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
export function challenge(auth: StaticAuth): string | undefined {
  if (auth.kind === 'bearer') return 'Bearer realm="api"';
  if (auth.kind === 'basic') return 'Basic realm="api", charset="UTF-8"';
  return undefined;
}

/** Rejects unauthenticated requests with 401 before anything else reads them. */
export function requireAuth(auth: InboundAuth, reject: Reject, logger?: Logger): RequestHandler {
  if (auth.kind === 'handler') return auth.handler(reject, logger);
  return (req, res, next) => {
    if (isAuthorized(req, auth)) return next();
    const header = challenge(auth);
    if (header) res.setHeader('www-authenticate', header);
    reject(res, 401);
  };
}
