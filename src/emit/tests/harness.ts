/**
 * test/harness.gen.ts: starts the service in-process on ephemeral loopback ports against the fake
 * upstream, with a test environment built from the model, and calls its adapters with the inbound
 * credentials that environment implies. The generated tests use it; so can a team's own tests.
 */
import type { CapabilityModel, InboundAuth, ValueExpr } from '../../model/types.js';
import { callArguments, dataLiteral, huggedCallArguments, json, objectLiteral, plus, prop, property, str, ts, tsFile, unmodelled, type Code, type CodeWriter, type Imports, type JsonData } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { keepsRecentSpans } from '../../model/runtime-env.js';
import { serviceVersion } from '../versions.js';
import { testEnvironment, testEnvVars } from './plan.js';

export interface Credentials {
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
}

/** What a caller presents to an adapter; undefined when it is open, 'oauth2' when it takes access tokens. */
export function inboundCredentials(auth: InboundAuth | undefined, envValue: (name: string) => string): Credentials | 'oauth2' | undefined {
  const text = (expr: ValueExpr) => expr.map((p) => (p.kind === 'text' ? p.text : envValue(p.name))).join('');
  switch (auth?.kind) {
    case undefined:
      return undefined;
    case 'bearer':
      return { headers: { authorization: `Bearer ${text(auth.token)}` }, query: {} };
    case 'basic':
      return { headers: { authorization: `Basic ${Buffer.from(`${text(auth.username)}:${text(auth.password)}`).toString('base64')}` }, query: {} };
    case 'apikey':
      return auth.placement === 'header' ? { headers: { [auth.name.toLowerCase()]: text(auth.value) }, query: {} } : { headers: {}, query: { [auth.name]: text(auth.value) } };
    case 'oauth2':
      return 'oauth2';
  }
}

/** The adapters that take static credentials, with them. */
function credentialTable(model: CapabilityModel): Record<string, Credentials> {
  const env = testEnvironment(model);
  const adapters: [string, InboundAuth | undefined][] = [
    ['rest', model.rest?.auth],
    ['mcp', model.mcp?.auth],
    ['skill', model.skill?.auth],
    ['control', model.control?.auth],
  ];
  const table: Record<string, Credentials> = {};
  for (const [name, auth] of adapters) {
    const creds = inboundCredentials(auth, (name) => env.value(name));
    if (typeof creds === 'object') table[name] = creds;
  }
  return table;
}

export function emitHarness(model: CapabilityModel): GeneratedFile {
  const mcp = model.mcp;
  const imports: Imports = [
    ...(mcp ? [{ moduleSpecifier: '@modelcontextprotocol/client', namedImports: ['type Client'] }] : []),
    { moduleSpecifier: '../src/config.gen.js', namedImports: ['loadConfig'] },
    { moduleSpecifier: '../src/hooks.gen.js', namedImports: ['type ServiceHooks'] },
    { moduleSpecifier: '../src/runtime/log.js', namedImports: ['createLogger'] },
    { moduleSpecifier: '../src/service.gen.js', namedImports: ['startService', 'type Service'] },
    ...(keepsRecentSpans(model) ? [{ moduleSpecifier: '../src/runtime/tracing.js', namedImports: ['startTracing'] }] : []),
    ...(keepsRecentSpans(model) && model.control?.tracing?.propagation === 'b3' ? [{ moduleSpecifier: '../src/runtime/tracing-b3.js', namedImports: ['b3Propagator'] }] : []),
    { moduleSpecifier: './runtime/fake-upstream.js', namedImports: ['startFakeUpstream', 'type FakeUpstream'] },
    ...(mcp ? [{ moduleSpecifier: './runtime/mcp-test.js', namedImports: [mcp.transport === 'stdio' ? 'connectInMemory' : 'connectHttp'] }] : []),
    { moduleSpecifier: './runtime/service-test.js', namedImports: ['callRest', 'withQuery', 'type RestAnswer', 'type RestRequest'] },
  ];
  return tsFile(
    'test/harness.gen.ts',
    model.sourceFile,
    imports,
    (w) => {
      w.writeLine(ts`/** The environment of the service under test: every API at the fake upstream, ports chosen by the system, test secrets. Nothing is read from the machine's environment. */`);
      const param = testEnvVars(model).some((v) => v.upstreamPath !== undefined) ? ts`upstreamUrl` : ts`_upstreamUrl`;
      w.write(ts`export function testEnvironment(${param}: string): Record<string, string>`).block(() => {
        w.write(ts`return `).inlineBlock(() => {
          for (const v of testEnvVars(model)) {
            const value = v.upstreamPath !== undefined ? plus(ts`upstreamUrl`, str(v.upstreamPath)) : str(v.value ?? '');
            w.writeLine(ts`${property(prop(v.name), v.name.length, value, 'breakAfter')},`);
          }
        });
        w.write(ts`;`);
      }).blankLine();
      w.writeLine(ts`/** The inbound credentials of each adapter that requires them, made from the test environment. */`);
      w.writeLine(ts`${CREDENTIALS_TYPE} = ${credentialsLiteral(model)};`).blankLine();
      w.write(ts`export interface TestService`).block(() => {
        w.writeLine(ts`readonly upstream: FakeUpstream;\nreadonly service: Service;`);
        w.writeLine(ts`/** Each listening adapter's URL, by name (rest, mcp, skill, control). */\nreadonly urls: Readonly<Record<string, string>>;`);
        w.writeLine(ts`/** A request to an HTTP adapter, with its credentials unless \`anonymous\`. */\ncall(adapter: string, request: RestRequest, anonymous?: boolean): Promise<RestAnswer>;`);
        if (mcp) w.writeLine(ts`/** A client of the MCP adapter (the SDK's own), with its credentials. */\nmcp(): Promise<Client>;`);
        w.writeLine(ts`close(): Promise<void>;`);
      }).blankLine();
      w.writeLine(ts`/** Starts the service in-process on ephemeral loopback ports, every consumed API at one fake upstream; \`hooks\`: yours to test, none by default. */`);
      w.write(ts`export async function startTestService(hooks: ServiceHooks = {}): Promise<TestService>`).block(() => writeStart(w, model));
    },
    'final',
  );
}

const CREDENTIALS_TYPE = ts`export const credentials: Readonly<
  Record<
    string,
    { readonly headers: Record<string, string>; readonly query: Record<string, string> }
  >
>`;

/** Plain data, after `> = ` and followed by `;`. */
function credentialsLiteral(model: CapabilityModel): Code {
  const table = credentialTable(model);
  return dataLiteral(table as unknown as JsonData, 4, 1) ?? unmodelled(json(table));
}

function writeStart(w: CodeWriter, model: CapabilityModel): void {
  const mcp = model.mcp;
  w.writeLine(ts`const upstream = await startFakeUpstream();`);
  w.writeLine(ts`const env = testEnvironment(upstream.url);`);
  // Unexpected failures are worth seeing; the rest of the service's log is not.
  w.writeLine(ts`const logger = createLogger({\n  level: 'error',\n  write: (line) => process.stderr.write(\`\${line}\\n\`),\n});`);
  const traced = keepsRecentSpans(model);
  if (traced) writeTracing(w, model);
  w.writeLine(ts`let service: Service;`);
  const options = objectLiteral([ts`config: loadConfig(env)`, ts`logger`, ts`hooks`, ...(traced ? [ts`tracing`] : []), ...(model.control?.info ? [ts`env`] : [])]);
  w.write(ts`try `).inlineBlock(() => w.writeLine(ts`service = await startService${huggedCallArguments([options])};`));
  w.write(ts` catch (error)`).block(() => w.writeLine(ts`${traced ? ts`await tracing?.shutdown();\n` : ts``}await upstream.close();\nthrow error;`));
  w.writeLine(ts`const urls = Object.fromEntries(service.servers.map((server) => [server.name, server.url]));`);
  w.writeLine(ts`const none = { headers: {}, query: {} };`);
  w.write(ts`return `).inlineBlock(() => {
    w.writeLine(ts`upstream,\nservice,\nurls,`);
    w.writeLine(CALL);
    if (mcp?.transport === 'stdio') w.writeLine(ts`mcp: () => connectInMemory(service.mcpServer()),`);
    else if (mcp) w.writeLine(MCP_HTTP);
    w.writeLine(ts`close: async () => {\n  await service.close();\n${traced ? ts`  await tracing?.shutdown();\n` : ts``}  await upstream.close();\n},`);
  });
  w.write(ts`;`);
}

const CALL = ts`call: (adapter, request, anonymous = false) => {
  const creds = anonymous ? none : (credentials[adapter] ?? none);
  return callRest(urls[adapter]!, {
    ...request,
    url: withQuery(request.url, creds.query),
    headers: { ...request.headers, ...creds.headers },
  });
},`;

const MCP_HTTP = ts`mcp: () =>
  connectHttp(
    withQuery(\`\${urls.mcp}/mcp\`, (credentials.mcp ?? none).query),
    (credentials.mcp ?? none).headers,
  ),`;

/**
 * The spans GET /traces shows, kept in memory as the spec's `traces.local` asks and exported nowhere
 * (no OTEL_* variable is read). Every span is sampled, whatever the spec's ratio, so the test sees one.
 */
function writeTracing(w: CodeWriter, model: CapabilityModel): void {
  const t = model.control!.tracing!;
  const fields = [property(ts`serviceName`, 11, str(model.id), 'breakAfter'), property(ts`serviceVersion`, 14, str(serviceVersion(model)), 'breakAfter'), ts`recentSpans: ${t.recentSpans!}`];
  if (t.propagation === 'b3') fields.push(ts`propagator: b3Propagator()`);
  w.writeLine(ts`const tracing = await startTracing${callArguments([objectLiteral(fields), ts`{}`, ts`logger`])};`);
}
