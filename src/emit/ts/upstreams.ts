/** src/upstreams.gen.ts: one configured client per consumed API. */
import type { CapabilityModel, InboundAuth, Upstream, UpstreamAuth } from '../../model/types.js';
import { arrayLiteral, callArguments, huggedCallArguments, ident, index, key, member, objectLiteral, property, str, ts, tsFile, typeLiteral, unmodelled, type Code, type Imports } from '../code.js';
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
  return tsFile(
    'src/upstreams.gen.ts',
    model.sourceFile,
    imports,
    (w) => {
      w.writeLine(ts`/** The consumed APIs, by namespace. */`);
      w.write(ts`export interface Upstreams`).block(() => {
        model.upstreams.forEach((u) => w.writeLine(ts`readonly ${ident(u.key)}: ${ident(u.typeName)}Client;`));
        if (forwards) w.writeLine(ts`readonly $http: ${typeLiteral(model.upstreams.map((u) => ts`readonly ${ident(u.key)}: HttpClient`))};`);
      }).blankLine();
      w.writeLine(ts`/** Options shared by every upstream client (tests inject \`fetch\`; the service a logging hook and the operation hooks of src/hooks.ts). */`);
      w.writeLine(ts`export type UpstreamOptions = Pick<HttpClientOptions, 'fetch' | 'onEvent'> & {\n  readonly hooks?: OperationHookTable | undefined;\n};`).blankLine();
      if (model.upstreams.length === 0) {
        // Only mock operations: nothing to call, but the factory keeps the shape main.ts expects.
        w.writeLine(ts`export function createUpstreams(_config: Config, _options: UpstreamOptions = {}): Upstreams {\n  return {};\n}`);
        return;
      }
      w.write(ts`export function createUpstreams(config: Config, options: UpstreamOptions = {}): Upstreams`).block(() => {
        w.writeLine(ts`const { hooks, ...transport } = options;`);
        w.writeLine(COMMON);
        w.write(ts`const http = `).inlineBlock(() => model.upstreams.forEach((u) => w.writeLine(ts`${property(ident(u.key), u.key.length, httpExpression(u))},`)));
        w.write(ts`;`).newLine();
        w.write(ts`return `).inlineBlock(() => {
          model.upstreams.forEach((u) => w.writeLine(ts`${property(ident(u.key), u.key.length, clientExpression(u))},`));
          if (forwards) w.writeLine(ts`$http: http,`);
        });
        w.write(ts`;`);
      });
    },
    'final',
  );
}

const COMMON = ts`const common = {
  ...transport,
  timeoutMs: config.upstreamTimeoutMs,
  maxRetries: config.upstreamMaxRetries,
  maxResponseBytes: config.upstreamMaxResponseBytes,
};`;

function clientExpression(u: Upstream): Code {
  // Forwards use the plain clients under $http: operation hooks name operations, which forwards have not.
  const hooked = ts`withOperationHooks${callArguments([member(ts`http`, u.key), ts`hooks`])}`;
  return ts`create${ident(u.typeName)}Client${callArguments([hooked, ...(clientTakesVars(u) ? [CONFIG_VARS] : [])])}`;
}

const CONFIG_VARS = ts`config.vars`;

function httpExpression(u: Upstream): Code {
  const baseUrl = property(ts`baseUrl`, 7, ts`${index(CONFIG_VARS, str(u.baseUrlEnv))}!`, 'breakAfter');
  const options = objectLiteral([ts`...common`, baseUrl, property(ts`auth`, 4, authExpression(u.auth))]);
  return ts`createHttpClient${huggedCallArguments([options])}`;
}

export function authExpression(auth: UpstreamAuth): Code {
  // One part is a string or a config.vars lookup; several are a `+` expression, whose layout is not modelled.
  const field = (name: string, value: Parameters<typeof valueExpression>[0]) =>
    value.length > 1 ? ts`${key(name)}: ${unmodelled(valueExpression(value, CONFIG_VARS))}` : property(key(name), name.length, valueExpression(value, CONFIG_VARS), 'breakAfter');
  const fixed = (name: string, value: string) => property(key(name), name.length, str(value), 'breakAfter');
  switch (auth.kind) {
    case 'none':
      return ts`{ kind: 'none' }`;
    case 'bearer':
      return objectLiteral([ts`kind: 'bearer'`, field('token', auth.token)]);
    case 'apikey':
      return objectLiteral([ts`kind: 'apikey'`, fixed('placement', auth.placement), ts`name: ${str(auth.name)}`, field('value', auth.value)]);
    case 'basic':
    case 'digest':
      return objectLiteral([ts`kind: ${str(auth.kind)}`, field('username', auth.username), field('password', auth.password)]);
  }
}

/** The runtime InboundAuth of an exposed adapter; oauth2 reads its issuer and client from config.vars. */
export function inboundAuthExpression(auth: InboundAuth): Code {
  if (auth.kind !== 'oauth2') return authExpression(auth);
  const vars = (name: string) => ts`${index(CONFIG_VARS, str(name))}!`;
  const field = (name: string, value: Code) => property(key(name), name.length, value, 'breakAfter');
  const fields = [
    ts`kind: 'oauth2'`,
    field('issuer', vars(auth.issuerEnv)),
    field('resource', vars(auth.resourceEnv)),
    field('audience', auth.audience === undefined ? vars(auth.resourceEnv) : str(auth.audience)),
    property(ts`scopes`, 6, arrayLiteral(auth.scopes.map(str))),
    field('tokenValidation', str(auth.tokenValidation)),
  ];
  if (auth.client) fields.push(property(ts`client`, 6, objectLiteral([ts`id: ${vars(auth.client.idEnv)}`, field('secret', vars(auth.client.secretEnv))])));
  const options = objectLiteral(fields);
  return ts`oauth2Auth${huggedCallArguments([options])}`;
}
