/** Resolution pass: consumed `authentication` -> UpstreamAuth with env-backed secrets. */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecAuthT } from '../spec/schema.js';
import type { EnvRegistry } from './env.js';
import type { UpstreamAuth } from './types.js';

export function resolveUpstreamAuth(
  auth: SpecAuthT | undefined,
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
      return { kind: 'bearer', token: secret('token', auth.token, 'Bearer token') };
    case 'apikey': {
      if (auth.key === undefined || auth.value === undefined) {
        reporter.at('NG2125', path, { missing: auth.key === undefined ? 'key' : 'value' });
        return { kind: 'none' };
      }
      if (auth.placement === undefined) reporter.at('NG2124', path, { key: auth.key });
      const placement = auth.placement ?? 'header';
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
