// HTTP Digest authentication (RFC 7616, RFC 2617 compatible): answers a 401 challenge once.

import { createHash, randomBytes } from 'node:crypto';

export interface DigestCredentials {
  username: string;
  password: string;
}

/** Parses `Digest realm="x", nonce="y", qop="auth,auth-int", ...` into its parameters. */
export function parseChallenge(header: string | null | undefined): Record<string, string> | undefined {
  if (!header || !/^digest\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return params.nonce !== undefined && params.realm !== undefined ? params : undefined;
}

/** The Authorization header value answering `challenge` for one request. */
export function digestAuthorization(
  challenge: Record<string, string>,
  credentials: DigestCredentials,
  method: string,
  uri: string,
  cnonce: string = randomBytes(8).toString('hex'),
): string | undefined {
  const algorithm = (challenge.algorithm ?? 'MD5').toUpperCase();
  const hashName = algorithm.startsWith('SHA-256') ? 'sha256' : algorithm.startsWith('MD5') ? 'md5' : undefined;
  if (!hashName) return undefined;
  const h = (text: string) => createHash(hashName).update(text).digest('hex');
  const qops = (challenge.qop ?? '').split(',').map((q) => q.trim());
  const qop = qops.includes('auth') ? 'auth' : undefined;
  const nc = '00000001';
  let ha1 = h(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  if (algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = h(`${method}:${uri}`);
  const response = qop ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const quote = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm!)}`,
    `nonce=${quote(challenge.nonce!)}`,
    `uri=${quote(uri)}`,
    `algorithm=${algorithm}`,
    `response=${quote(response)}`,
    ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`] : []),
    ...(challenge.opaque !== undefined ? [`opaque=${quote(challenge.opaque)}`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}
