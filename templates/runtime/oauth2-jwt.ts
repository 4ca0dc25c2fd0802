// JWT access tokens (RFC 9068) checked with node:crypto alone: decoding, the algorithms a
// resource server accepts, and which JSON Web Keys may verify which algorithm.

import { constants, createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

/** A token the resource server refuses: 401 invalid_token, or 403 insufficient_scope. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly status: 401 | 403,
    readonly code: 'invalid_token' | 'insufficient_scope',
    description: string,
  ) {
    super(description);
  }
}

export const invalidToken = (description: string): TokenError => new TokenError(401, 'invalid_token', description);

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: Buffer;
  signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;

function jsonSegment(segment: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw invalidToken(`malformed JWT ${what}`);
}

/** Splits a compact JWS; signature checks come later, so nothing here is trusted yet. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) throw invalidToken('not a signed JWT');
  const [header, payload, signature] = parts as [string, string, string];
  return {
    header: jsonSegment(header, 'header'),
    payload: jsonSegment(payload, 'payload'),
    signingInput: Buffer.from(`${header}.${payload}`, 'ascii'),
    signature: Buffer.from(signature, 'base64url'),
  };
}

interface Algorithm {
  kty: 'RSA' | 'EC' | 'OKP';
  digest: string | null;
  crv?: readonly string[];
  pss?: boolean;
}

// Asymmetric algorithms only: `none` and the HMAC family (HS*) are absent, so a token signed with
// the public key as an HMAC secret ("algorithm confusion") can never verify.
const ALGORITHMS: Readonly<Record<string, Algorithm>> = {
  RS256: { kty: 'RSA', digest: 'sha256' },
  RS384: { kty: 'RSA', digest: 'sha384' },
  RS512: { kty: 'RSA', digest: 'sha512' },
  PS256: { kty: 'RSA', digest: 'sha256', pss: true },
  PS384: { kty: 'RSA', digest: 'sha384', pss: true },
  PS512: { kty: 'RSA', digest: 'sha512', pss: true },
  ES256: { kty: 'EC', digest: 'sha256', crv: ['P-256'] },
  ES384: { kty: 'EC', digest: 'sha384', crv: ['P-384'] },
  ES512: { kty: 'EC', digest: 'sha512', crv: ['P-521'] },
  EdDSA: { kty: 'OKP', digest: null, crv: ['Ed25519', 'Ed448'] },
};

export function isSupportedAlgorithm(alg: unknown): alg is string {
  return typeof alg === 'string' && Object.hasOwn(ALGORITHMS, alg);
}

export interface VerificationKey {
  kid?: string;
  jwk: JsonWebKey;
  key: KeyObject;
}

/** Imports the signing keys of a JWK Set; symmetric, encryption-only and unusable keys are skipped. */
export function importJwks(document: unknown): VerificationKey[] {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('JWKS document has no "keys" array');
  const imported: VerificationKey[] = [];
  for (const jwk of keys as JsonWebKey[]) {
    if (typeof jwk !== 'object' || jwk === null || jwk.kty === 'oct' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
    try {
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      // RFC 8725 / NIST: RSA keys below 2048 bits are breakable and refused.
      if (jwk.kty === 'RSA' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) continue;
      imported.push(typeof jwk.kid === 'string' ? { kid: jwk.kid, jwk, key } : { jwk, key });
    } catch {
      /* a key this Node cannot import cannot verify anything either */
    }
  }
  return imported;
}

/** The key must be of the algorithm's type and curve, and agree with its own `alg` when it has one. */
export function keyFits(alg: string, candidate: VerificationKey): boolean {
  const spec = ALGORITHMS[alg];
  const { jwk } = candidate;
  if (!spec || jwk.kty !== spec.kty) return false;
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  return spec.crv === undefined || (typeof jwk.crv === 'string' && spec.crv.includes(jwk.crv));
}

export function verifySignature(alg: string, candidate: VerificationKey, jwt: DecodedJwt): boolean {
  const spec = ALGORITHMS[alg];
  if (!spec || !keyFits(alg, candidate)) return false;
  try {
    if (spec.kty === 'EC') return verify(spec.digest, jwt.signingInput, { key: candidate.key, dsaEncoding: 'ieee-p1363' }, jwt.signature);
    if (spec.pss) {
      const key = { key: candidate.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
      return verify(spec.digest, jwt.signingInput, key, jwt.signature);
    }
    return verify(spec.digest, jwt.signingInput, candidate.key, jwt.signature);
  } catch {
    return false;
  }
}
