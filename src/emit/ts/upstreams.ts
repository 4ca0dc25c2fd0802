/** src/upstreams.gen.ts: one configured client per consumed API. */
import type { CapabilityModel, InboundAuth, Upstream, UpstreamAuth } from '../../model/types.js';
import { lit } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { usesEnv, valueExpression } from './client.js';
import { tsFile, type Imports } from './morph.js';

export function emitUpstreams(model: CapabilityModel): GeneratedFile {
  // `forward` resources need each API's raw HTTP client, under `$http` (no namespace key has a `$`).
  const forwards = (model.rest?.forwards.length ?? 0) > 0;
  const imports: Imports = [
    { moduleSpecifier: './config.gen.js', namedImports: ['type Config'] },
    {
      moduleSpecifier: './runtime/http.js',
      namedImports: [...(model.upstreams.length ? ['createHttpClient'] : []), ...(forwards ? ['type HttpClient'] : []), 'type HttpClientOptions'],
    },
    { moduleSpecifier: './runtime/hooks.js', namedImports: model.upstreams.length ? ['withOperationHooks', 'type OperationHookTable'] : ['type OperationHookTable'] },
    ...model.upstreams.map((u) => ({ moduleSpecifier: `./${u.module}.js`, namedImports: [`create${u.typeName}Client`, `type ${u.typeName}Client`] })),
  ];
  return tsFile('src/upstreams.gen.ts', model.sourceFile, imports, (w) => {
    w.writeLine('/** The consumed APIs, by namespace. */');
    w.write('export interface Upstreams').block(() => {
      model.upstreams.forEach((u) => w.writeLine(`readonly ${u.key}: ${u.typeName}Client;`));
      if (forwards) w.writeLine(`readonly $http: { ${model.upstreams.map((u) => `readonly ${u.key}: HttpClient`).join('; ')} };`);
    }).blankLine();
    w.writeLine('/** Options shared by every upstream client (tests inject `fetch`; the service a logging hook and the operation hooks of src/hooks.ts). */');
    w.writeLine("export type UpstreamOptions = Pick<HttpClientOptions, 'fetch' | 'onEvent'> & { readonly hooks?: OperationHookTable | undefined };").blankLine();
    if (model.upstreams.length === 0) {
      // Only mock operations: nothing to call, but the factory keeps the shape main.ts expects.
      w.writeLine('export function createUpstreams(_config: Config, _options: UpstreamOptions = {}): Upstreams {\n  return {};\n}');
      return;
    }
    w.write('export function createUpstreams(config: Config, options: UpstreamOptions = {}): Upstreams').block(() => {
      w.writeLine('const { hooks, ...transport } = options;');
      w.writeLine('const common = { ...transport, timeoutMs: config.upstreamTimeoutMs, maxRetries: config.upstreamMaxRetries };');
      w.write('const http =').block(() => model.upstreams.forEach((u) => w.writeLine(`${u.key}: ${httpExpression(u)},`)));
      w.write(';').newLine();
      w.write('return').block(() => {
        model.upstreams.forEach((u) => w.writeLine(`${u.key}: ${clientExpression(u)},`));
        if (forwards) w.writeLine('$http: http,');
      });
      w.write(';');
    });
  });
}

function clientExpression(u: Upstream): string {
  const usesVars = usesEnv(
    u.operations.flatMap((op) => op.fixed.map((f) => f.value)),
    u.operations.flatMap((op) => (op.body ? [op.body] : [])),
  );
  // Forwards use the plain clients under $http: operation hooks name operations, which forwards have not.
  return `create${u.typeName}Client(withOperationHooks(http.${u.key}, hooks)${usesVars ? ', config.vars' : ''})`;
}

function httpExpression(u: Upstream): string {
  return `createHttpClient({ ...common, baseUrl: config.vars[${lit(u.baseUrlEnv)}]!, auth: ${authExpression(u.auth)} })`;
}

export function authExpression(auth: UpstreamAuth): string {
  const v = (value: Parameters<typeof valueExpression>[0]) => valueExpression(value, 'config.vars');
  switch (auth.kind) {
    case 'none':
      return "{ kind: 'none' }";
    case 'bearer':
      return `{ kind: 'bearer', token: ${v(auth.token)} }`;
    case 'apikey':
      return `{ kind: 'apikey', placement: ${lit(auth.placement)}, name: ${lit(auth.name)}, value: ${v(auth.value)} }`;
    case 'basic':
    case 'digest':
      return `{ kind: ${lit(auth.kind)}, username: ${v(auth.username)}, password: ${v(auth.password)} }`;
  }
}

/** The runtime InboundAuth of an exposed adapter; oauth2 reads its issuer and client from config.vars. */
export function inboundAuthExpression(auth: InboundAuth): string {
  if (auth.kind !== 'oauth2') return authExpression(auth);
  const vars = (name: string) => `config.vars[${lit(name)}]!`;
  const fields = [
    "kind: 'oauth2'",
    `issuer: ${vars(auth.issuerEnv)}`,
    `resource: ${vars(auth.resourceEnv)}`,
    `audience: ${auth.audience === undefined ? vars(auth.resourceEnv) : lit(auth.audience)}`,
    `scopes: [${auth.scopes.map(lit).join(', ')}]`,
    `tokenValidation: ${lit(auth.tokenValidation)}`,
  ];
  if (auth.client) fields.push(`client: { id: ${vars(auth.client.idEnv)}, secret: ${vars(auth.client.secretEnv)} }`);
  return `oauth2Auth({ ${fields.join(', ')} })`;
}
