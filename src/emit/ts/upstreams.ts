/** src/upstreams.gen.ts: one configured client per consumed API. */
import type { CapabilityModel, InboundAuth, Upstream, UpstreamAuth } from '../../model/types.js';
import { ident, join, member, str, ts, tsFile, type Code, type Imports } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { clientTakesVars, valueExpression } from './client.js';

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
    w.writeLine(ts`/** The consumed APIs, by namespace. */`);
    w.write(ts`export interface Upstreams`).block(() => {
      model.upstreams.forEach((u) => w.writeLine(ts`readonly ${ident(u.key)}: ${ident(u.typeName)}Client;`));
      if (forwards) w.writeLine(ts`readonly $http: { ${join(model.upstreams.map((u) => ts`readonly ${ident(u.key)}: HttpClient`), ts`; `)} };`);
    }).blankLine();
    w.writeLine(ts`/** Options shared by every upstream client (tests inject \`fetch\`; the service a logging hook and the operation hooks of src/hooks.ts). */`);
    w.writeLine(ts`export type UpstreamOptions = Pick<HttpClientOptions, 'fetch' | 'onEvent'> & { readonly hooks?: OperationHookTable | undefined };`).blankLine();
    if (model.upstreams.length === 0) {
      // Only mock operations: nothing to call, but the factory keeps the shape main.ts expects.
      w.writeLine(ts`export function createUpstreams(_config: Config, _options: UpstreamOptions = {}): Upstreams {\n  return {};\n}`);
      return;
    }
    w.write(ts`export function createUpstreams(config: Config, options: UpstreamOptions = {}): Upstreams`).block(() => {
      w.writeLine(ts`const { hooks, ...transport } = options;`);
      w.writeLine(ts`const common = { ...transport, timeoutMs: config.upstreamTimeoutMs, maxRetries: config.upstreamMaxRetries, maxResponseBytes: config.upstreamMaxResponseBytes };`);
      w.write(ts`const http =`).block(() => model.upstreams.forEach((u) => w.writeLine(ts`${ident(u.key)}: ${httpExpression(u)},`)));
      w.write(ts`;`).newLine();
      w.write(ts`return`).block(() => {
        model.upstreams.forEach((u) => w.writeLine(ts`${ident(u.key)}: ${clientExpression(u)},`));
        if (forwards) w.writeLine(ts`$http: http,`);
      });
      w.write(ts`;`);
    });
  });
}

function clientExpression(u: Upstream): Code {
  // Forwards use the plain clients under $http: operation hooks name operations, which forwards have not.
  return ts`create${ident(u.typeName)}Client(withOperationHooks(${member(ts`http`, u.key)}, hooks)${clientTakesVars(u) ? ts`, config.vars` : ts``})`;
}

const CONFIG_VARS = ts`config.vars`;

function httpExpression(u: Upstream): Code {
  return ts`createHttpClient({ ...common, baseUrl: ${CONFIG_VARS}[${str(u.baseUrlEnv)}]!, auth: ${authExpression(u.auth)} })`;
}

export function authExpression(auth: UpstreamAuth): Code {
  const v = (value: Parameters<typeof valueExpression>[0]) => valueExpression(value, CONFIG_VARS);
  switch (auth.kind) {
    case 'none':
      return ts`{ kind: 'none' }`;
    case 'bearer':
      return ts`{ kind: 'bearer', token: ${v(auth.token)} }`;
    case 'apikey':
      return ts`{ kind: 'apikey', placement: ${str(auth.placement)}, name: ${str(auth.name)}, value: ${v(auth.value)} }`;
    case 'basic':
    case 'digest':
      return ts`{ kind: ${str(auth.kind)}, username: ${v(auth.username)}, password: ${v(auth.password)} }`;
  }
}

/** The runtime InboundAuth of an exposed adapter; oauth2 reads its issuer and client from config.vars. */
export function inboundAuthExpression(auth: InboundAuth): Code {
  if (auth.kind !== 'oauth2') return authExpression(auth);
  const vars = (name: string) => ts`${CONFIG_VARS}[${str(name)}]!`;
  const fields = [
    ts`kind: 'oauth2'`,
    ts`issuer: ${vars(auth.issuerEnv)}`,
    ts`resource: ${vars(auth.resourceEnv)}`,
    ts`audience: ${auth.audience === undefined ? vars(auth.resourceEnv) : str(auth.audience)}`,
    ts`scopes: [${join(auth.scopes.map(str))}]`,
    ts`tokenValidation: ${str(auth.tokenValidation)}`,
  ];
  if (auth.client) fields.push(ts`client: { id: ${vars(auth.client.idEnv)}, secret: ${vars(auth.client.secretEnv)} }`);
  return ts`oauth2Auth({ ${join(fields)} })`;
}
