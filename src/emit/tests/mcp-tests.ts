/** test/mcp.gen.test.ts: every MCP tool, resource and prompt through the SDK's own client. */
import type { CapabilityModel, McpPrompt, McpResource, McpTool } from '../../model/types.js';
import type { SchemaLookup } from '../../model/typed-schemas.js';
import { json, str, ts, tsFileUsing as tsFile, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { callExpectation, schemaLookup, testEnvironment, toolArguments } from './plan.js';
import { writeScript } from './rest-tests.js';
import { templateText } from './values.js';

const OAUTH2_SKIP = 'the adapter takes OAuth 2.1 access tokens, which need an authorization server';

export function emitMcpTests(model: CapabilityModel): GeneratedFile {
  const mcp = model.mcp!;
  const oauth2 = mcp.auth?.kind === 'oauth2';
  const helpers = ['expectRequests'];
  return tsFile(
    'test/mcp.gen.test.ts',
    model.sourceFile,
    [
      { moduleSpecifier: 'node:assert/strict', namedImports: [], defaultImport: 'assert' },
      { moduleSpecifier: 'node:test', namedImports: ['after', 'before', 'beforeEach', 'describe', 'it'] },
      { moduleSpecifier: '@modelcontextprotocol/client', namedImports: ['type Client'] },
      { moduleSpecifier: './harness.gen.js', namedImports: ['startTestService', 'type TestService'] },
      { moduleSpecifier: './runtime/mcp-test.js', namedImports: ['expectToolRefused', 'expectToolResult'] },
      { moduleSpecifier: './runtime/service-test.js', namedImports: helpers },
    ],
    (w) => {
      const skip = oauth2 ? ts`{ skip: ${str(OAUTH2_SKIP)} }, ` : ts``;
      w.write(ts`describe(${str(`MCP adapter ${mcp.namespace}`)}, ${skip}() =>`).block(() => {
        w.writeLine(ts`let t: TestService;\nlet client: Client;`);
        w.writeLine(ts`before(async () => {\n  t = await startTestService();\n  client = await t.mcp();\n});`);
        w.writeLine(ts`after(async () => {\n  await client.close();\n  await t.close();\n});`);
        w.writeLine(ts`beforeEach(() => t.upstream.reset());`).blankLine();
        writeListing(w, mcp.tools);
        mcp.tools.forEach((tool) => {
          w.blankLine();
          writeToolCall(w, model, tool);
          writeToolRefusal(w, tool, schemaLookup(model));
        });
        mcp.resources.forEach((resource) => {
          w.blankLine();
          writeResource(w, model, resource);
        });
        mcp.prompts.forEach((prompt) => {
          w.blankLine();
          writePrompt(w, model, prompt);
        });
      });
      w.write(ts`);`).newLine();
      if (mcp.auth && mcp.transport === 'http') writeUnauthorized(w);
    },
  );
}

function writeListing(w: CodeWriter, tools: readonly McpTool[]): void {
  const listed = tools.map((t) => [t.name, { ...t.annotations }]);
  w.write(ts`it('lists the tools of the spec, in its order, with their hints and strict inputs', async () =>`).block(() => {
    w.writeLine(ts`const { tools } = await client.listTools();`);
    w.writeLine(ts`assert.deepEqual(tools.map((tool) => [tool.name, tool.annotations]), ${json(listed)});`);
    w.writeLine(ts`for (const tool of tools) assert.equal(tool.inputSchema.additionalProperties, false, tool.name);`);
  });
  w.write(ts`);`).newLine();
}

function toolTitle(tool: McpTool): string {
  const what = tool.orchestration ? `runs its ${tool.orchestration.steps.length} step(s)` : tool.call ? `calls ${tool.call.ref}` : 'answers with its mock output';
  return `tool ${tool.name} ${what}`;
}

function writeToolCall(w: CodeWriter, model: CapabilityModel, tool: McpTool): void {
  const planned = toolArguments(tool, schemaLookup(model));
  if ('skip' in planned) {
    w.write(ts`it(${str(toolTitle(tool))}, { skip: ${str(planned.skip)} }, () =>`).block(() => {});
    w.write(ts`);`).newLine();
    return;
  }
  const { args } = planned;
  const expectation = callExpectation(model, tool, tool.name, (key) => args[key], args);
  w.write(ts`it(${str(toolTitle(tool))}, async () =>`).block(() => {
    writeScript(w, expectation);
    w.writeLine(ts`const result = await client.callTool({ name: ${str(tool.name)}, arguments: ${json(args)} });`);
    w.writeLine(ts`expectRequests(t.upstream.requests, ${json(expectation.upstream)});`);
    w.writeLine(expectation.answer ? ts`expectToolResult(result, ${json(expectation.answer)});` : ts`expectToolResult(result);`);
  });
  w.write(ts`);`).newLine();
}

function writeToolRefusal(w: CodeWriter, tool: McpTool, lookup: SchemaLookup): void {
  const missing = tool.inputs.find((i) => i.required);
  const planned = toolArguments(tool, lookup);
  if (!missing || 'skip' in planned) return;
  const { args } = planned;
  delete args[missing.name];
  w.write(ts`it(${str(`tool ${tool.name} without ${missing.name} is refused, calling nothing`)}, async () =>`).block(() => {
    w.writeLine(ts`await expectToolRefused(client.callTool({ name: ${str(tool.name)}, arguments: ${json(args)} }));`);
    w.writeLine(ts`expectRequests(t.upstream.requests, []);`);
  });
  w.write(ts`);`).newLine();
}

function writeResource(w: CodeWriter, model: CapabilityModel, resource: McpResource): void {
  const variables = Object.fromEntries(resource.variables.map((v) => [v, `${v}-1`]));
  const uri = resource.variables.reduce((u, v) => u.replace(`{${v}}`, variables[v]!), resource.uri);
  const title = resource.call ? `resource ${resource.uri} reads ${resource.call.ref}` : `resource ${resource.uri} answers its text`;
  const expectation = resource.call ? callExpectation(model, resource, resource.name, (key) => variables[key], variables) : undefined;
  w.write(ts`it(${str(title)}, async () =>`).block(() => {
    if (expectation) writeScript(w, expectation);
    w.writeLine(ts`const { contents } = await client.readResource({ uri: ${str(uri)} });`);
    w.writeLine(ts`assert.deepEqual(contents.map((c) => [c.uri, c.mimeType]), ${json([[uri, resource.mimeType]])});`);
    const text = expectation ? (expectation.answer ? JSON.stringify(expectation.answer.value ?? null) : undefined) : (resource.text ?? '');
    if (text !== undefined) w.writeLine(ts`assert.equal((contents[0] as { text?: string }).text, ${str(text)});`);
    w.writeLine(ts`expectRequests(t.upstream.requests, ${json(expectation?.upstream ?? [])});`);
  });
  w.write(ts`);`).newLine();
}

function writePrompt(w: CodeWriter, model: CapabilityModel, prompt: McpPrompt): void {
  const args = Object.fromEntries(prompt.arguments.map((a) => [a.name, `${a.name}-1`]));
  const env = testEnvironment(model);
  const messages = prompt.messages.map((m) => [m.role, templateText(m.text, (name) => env.value(name), args)]);
  w.write(ts`it(${str(`prompt ${prompt.name} fills in its arguments`)}, async () =>`).block(() => {
    w.writeLine(ts`const { messages } = await client.getPrompt({ name: ${str(prompt.name)}, arguments: ${json(args)} });`);
    w.writeLine(ts`assert.deepEqual(messages.map((m) => [m.role, (m.content as { text?: string }).text]), ${json(messages)});`);
  });
  w.write(ts`);`).newLine();
}

function writeUnauthorized(w: CodeWriter): void {
  w.blankLine();
  w.write(ts`it('the MCP adapter answers 401 without credentials, calling nothing', async () =>`).block(() => {
    w.writeLine(ts`const t = await startTestService();`);
    w.write(ts`try`).block(() => {
      w.writeLine(ts`const body = { jsonrpc: '2.0', id: 1, method: 'tools/list' };`);
      w.writeLine(ts`const answer = await t.call('mcp', { method: 'POST', url: '/mcp', headers: { accept: 'application/json, text/event-stream' }, body }, true);`);
      w.writeLine(ts`assert.equal(answer.status, 401);`);
      w.writeLine(ts`expectRequests(t.upstream.requests, []);`);
    });
    w.write(ts` finally`).block(() => w.writeLine(ts`await t.close();`));
  });
  w.write(ts`);`).newLine();
}
