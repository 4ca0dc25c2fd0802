/**
 * The OpenAPI side of a REST adapter's inbound `authentication`: its security scheme, the
 * requirement every spec route carries, and the 401/403/503 answers the service gives itself.
 */
import type { InboundAuth } from '../model/types.js';
import type { JsonValue } from './openapi.js';

type JsonObject = { readonly [key: string]: JsonValue };

/** The single scheme's name in `components.securitySchemes`. */
const SCHEME = 'inbound';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const ref = (name: keyof typeof AUTH_RESPONSES) => ({ $ref: `#/components/responses/${name}` });

export const AUTH_RESPONSES = {
  Unauthorized: problem('Credentials are missing or invalid; WWW-Authenticate says what to send.'),
  Forbidden: problem('The access token lacks a required scope (WWW-Authenticate: error="insufficient_scope").'),
  AuthUnavailable: problem('The authorization server could not be reached to validate the access token.'),
};

export function securitySchemes(auth: InboundAuth): JsonObject {
  return { [SCHEME]: securityScheme(auth) };
}

/** Every spec route needs the credentials; an oauth2 token needs every listed scope. */
export function securityRequirement(auth: InboundAuth): JsonValue[] {
  return [{ [SCHEME]: auth.kind === 'oauth2' ? [...auth.scopes] : [] }];
}

function securityScheme(auth: InboundAuth): JsonObject {
  switch (auth.kind) {
    case 'bearer':
      return { type: 'http', scheme: 'bearer' };
    case 'basic':
      return { type: 'http', scheme: 'basic' };
    case 'apikey':
      return { type: 'apiKey', in: auth.placement, name: auth.name };
    case 'oauth2': {
      const scopes = Object.fromEntries(auth.scopes.map((s) => [s, `Required: every token must carry ${s}.`]));
      return { type: 'oauth2', description: `Access tokens of ${auth.issuer} for ${auth.resource}.`, flows: { clientCredentials: { tokenUrl: auth.tokenUrl, scopes } } };
    }
  }
}

export function authResponses(auth: InboundAuth | undefined): Record<string, JsonValue> {
  if (!auth) return {};
  const responses: Record<string, JsonValue> = { '401': ref('Unauthorized') };
  if (auth.kind === 'oauth2') {
    if (auth.scopes.length > 0) responses['403'] = ref('Forbidden');
    responses['503'] = ref('AuthUnavailable');
  }
  return responses;
}

/** The RFC 9728 document the oauth2 middleware serves before checking tokens. */
export function protectedResourceProbe() {
  const schema = { type: 'object' };
  return {
    summary: 'OAuth 2.0 Protected Resource Metadata (RFC 9728)',
    responses: { '200': { description: 'Where to get access tokens for this API, and which scopes it needs.', content: { 'application/json': { schema } } } },
  };
}
