/** Resolution pass: `authentication` -> UpstreamAuth or InboundAuth with env-backed secrets. */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecAuthT, SpecInboundAuthT } from '../formats/spec.js';
import type { EnvRegistry } from './env.js';
import { checkHeaderValue, checkWireName } from './protocol-names.js';
import type { InboundAuth, UpstreamAuth } from './types.js';

export function resolveUpstreamAuth(
  auth: SpecAuthT | Exclude<SpecInboundAuthT, { type: 'oauth2' }> | undefined,
  path: SpecPath,
  env: EnvRegistry,
  reporter: Reporter,
  side: 'upstream' | 'inbound' = 'upstream',
): UpstreamAuth {
  if (!auth) return { kind: 'none' };
  const of = side === 'upstream' ? 'for the upstream API' : 'that callers must present';
  const secret = (field: string, text: string, what: string) => env.template(text, [...path, field], `${what} ${of}`, reporter);
  switch (auth.type) {
    case 'bearer':
      checkHeaderValue('Authorization', auth.token, [...path, 'token'], reporter);
      return { kind: 'bearer', token: secret('token', auth.token, 'Bearer token') };
    case 'apikey': {
      if (auth.key === undefined || auth.value === undefined) {
        reporter.at('NG2125', path, { missing: auth.key === undefined ? 'key' : 'value' });
        return { kind: 'none' };
      }
      if (auth.placement === undefined) reporter.at('NG2124', path, { key: auth.key });
      const placement = auth.placement ?? 'header';
      if (placement === 'header' && checkWireName(auth.key, 'header', [...path, 'key'], reporter)) checkHeaderValue(auth.key, auth.value, [...path, 'value'], reporter);
      return {
        kind: 'apikey',
        placement,
        name: auth.key,
        value: secret('value', auth.value, `API key (the ${auth.key} ${placement === 'query' ? 'query parameter' : 'header'})`),
      };
    }
    case 'digest':
      if (side === 'inbound') break;
      return {
        kind: 'digest',
        username: secret('username', auth.username, 'Digest auth user name'),
        password: secret('password', auth.password, 'Digest auth password'),
      };
    case 'basic':
      return {
        kind: 'basic',
        username: secret('username', auth.username, 'Basic auth user name'),
        password: secret('password', auth.password, 'Basic auth password'),
      };
  }
  reporter.at('NG2301', [...path, 'type'], { construct: `"${auth.type}" authentication ${side === 'upstream' ? 'on a consumed API' : 'on an exposed adapter'}` });
  return { kind: 'none' };
}

/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** An absolute http(s) URL without a fragment (issuers and resources must not carry one). */
function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hash === '' && !text.includes('#');
}

/** Exposed `authentication`: what callers of the `namespace` adapter must present, if anything. */
export function resolveInboundAuth(
  auth: SpecInboundAuthT | undefined,
  path: SpecPath,
  env: EnvRegistry,
  reporter: Reporter,
  adapter: { namespace: string; openapi: boolean },
): InboundAuth | undefined {
  if (auth?.type !== 'oauth2') {
    const resolved = resolveUpstreamAuth(auth, path, env, reporter, 'inbound');
    return resolved.kind === 'none' || resolved.kind === 'digest' ? undefined : resolved;
  }
  const bad = (field: string, value: string, expected: string) => reporter.at('NG2134', [...path, field], { field, value, expected });
  const urls: [string, string | undefined][] = [['authorizationServerUri', auth.authorizationServerUri], ['resource', auth.resource], ['tokenEndpoint', auth.tokenEndpoint]];
  for (const [field, value] of urls) if (value !== undefined && !isHttpUrl(value)) bad(field, value, 'an absolute http(s) URL without a fragment');
  if (auth.audience === '') bad('audience', '', 'a non-empty string');
  (auth.scopes ?? []).forEach((scope, i) => {
    if (!SCOPE_TOKEN.test(scope)) reporter.at('NG2134', [...path, 'scopes', i], { field: 'scopes', value: scope, expected: 'an OAuth scope token (printable ASCII, no spaces or quotes)' });
  });
  if (auth.tokenEndpoint === undefined && adapter.openapi) reporter.at('NG2135', path, { issuer: auth.authorizationServerUri });
  // The adapter's namespace names its variables: `<NAMESPACE>_OAUTH_ISSUER`, ...
  const prefix = env.derive(adapter.namespace, 'OAUTH', [...path.slice(0, -1), 'namespace'], reporter);
  const issuerEnv = `${prefix}_ISSUER`;
  const resourceEnv = `${prefix}_RESOURCE`;
  env.declare({ name: issuerEnv, required: false, secret: false, example: auth.authorizationServerUri, description: `OAuth issuer whose access tokens the ${adapter.namespace} adapter accepts (default ${auth.authorizationServerUri})` });
  const audience = auth.audience === undefined ? '; also the audience tokens must name' : '';
  env.declare({ name: resourceEnv, required: false, secret: false, example: auth.resource, description: `Canonical URI of the ${adapter.namespace} adapter in its OAuth metadata (default ${auth.resource})${audience}` });
  const introspection = auth.tokenValidation === 'introspection';
  if (introspection) {
    const what = `of the ${adapter.namespace} adapter at the authorization server, for token introspection`;
    env.declare({ name: `${prefix}_CLIENT_ID`, required: true, secret: true, description: `OAuth client id ${what}` });
    env.declare({ name: `${prefix}_CLIENT_SECRET`, required: true, secret: true, description: `OAuth client secret ${what}` });
  }
  return {
    kind: 'oauth2',
    issuer: auth.authorizationServerUri,
    issuerEnv,
    resource: auth.resource,
    resourceEnv,
    ...(auth.audience !== undefined ? { audience: auth.audience } : {}),
    scopes: [...new Set(auth.scopes ?? [])],
    tokenValidation: introspection ? 'introspection' : 'jwks',
    tokenUrl: auth.tokenEndpoint ?? auth.authorizationServerUri,
    ...(introspection ? { client: { idEnv: `${prefix}_CLIENT_ID`, secretEnv: `${prefix}_CLIENT_SECRET` } } : {}),
  };
}
