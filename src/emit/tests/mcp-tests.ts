/** test/mcp.gen.test.ts: every MCP tool, resource and prompt through the SDK's own client. */
import type CodeBlockWriter from 'code-block-writer';
import type { CapabilityModel, McpPrompt, McpResource, McpTool } from '../../model/types.js';
import { lit } from '../code.js';
import { dataLiteral as jsonLiteral } from './data.js';
import type { GeneratedFile } from '../types.js';
import { tsFileUsing as tsFile } from '../ts/morph.js';
import { callExpectation, testEnvironment, toolArguments } from './plan.js';
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
      const skip = oauth2 ? `{ skip: ${lit(OAUTH2_SKIP)} }, ` : '';
      w.write(`describe(${lit(`MCP adapter ${mcp.namespace}`)}, ${skip}() =>`).block(() => {
        w.writeLine('let t: TestService;\nlet client: Client;');
        w.writeLine('before(async () => {\n  t = await startTestService();\n  client = await t.mcp();\n});');
        w.writeLine('after(async () => {\n  await client.close();\n  await t.close();\n});');
        w.writeLine('beforeEach(() => t.upstream.reset());').blankLine();
        writeListing(w, mcp.tools);
        mcp.tools.forEach((tool) => {
          w.blankLine();
          writeToolCall(w, model, tool);
          writeToolRefusal(w, tool);
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
      w.write(');').newLine();
      if (mcp.auth && mcp.transport === 'http') writeUnauthorized(w);
    },
  );
}

function writeListing(w: CodeBlockWriter, tools: readonly McpTool[]): void {
  const listed = tools.map((t) => [t.name, { ...t.annotations }]);
  w.write("it('lists the tools of the spec, in its order, with their hints and strict inputs', async () =>").block(() => {
    w.writeLine('const { tools } = await client.listTools();');
    w.writeLine(`assert.deepEqual(tools.map((tool) => [tool.name, tool.annotations]), ${jsonLiteral(listed)});`);
    w.writeLine('for (const tool of tools) assert.equal(tool.inputSchema.additionalProperties, false, tool.name);');
  });
  w.write(');').newLine();
}

function toolTitle(tool: McpTool): string {
  const what = tool.orchestration ? `runs its ${tool.orchestration.steps.length} step(s)` : tool.call ? `calls ${tool.call.ref}` : 'answers with its mock output';
  return `tool ${tool.name} ${what}`;
}

function writeToolCall(w: CodeBlockWriter, model: CapabilityModel, tool: McpTool): void {
  const args = toolArguments(tool);
  const expectation = callExpectation(model, tool, tool.name, (key) => args[key], args);
  w.write(`it(${lit(toolTitle(tool))}, async () =>`).block(() => {
    writeScript(w, expectation);
    w.writeLine(`const result = await client.callTool({ name: ${lit(tool.name)}, arguments: ${jsonLiteral(args)} });`);
    w.writeLine(`expectRequests(t.upstream.requests, ${jsonLiteral(expectation.upstream)});`);
    w.writeLine(expectation.answer ? `expectToolResult(result, ${jsonLiteral(expectation.answer)});` : 'expectToolResult(result);');
  });
  w.write(');').newLine();
}

function writeToolRefusal(w: CodeBlockWriter, tool: McpTool): void {
  const missing = tool.inputs.find((i) => i.required);
  if (!missing) return;
  const args = toolArguments(tool);
  delete args[missing.name];
  w.write(`it(${lit(`tool ${tool.name} without ${missing.name} is refused, calling nothing`)}, async () =>`).block(() => {
    w.writeLine(`await expectToolRefused(client.callTool({ name: ${lit(tool.name)}, arguments: ${jsonLiteral(args)} }));`);
    w.writeLine('expectRequests(t.upstream.requests, []);');
  });
  w.write(');').newLine();
}

function writeResource(w: CodeBlockWriter, model: CapabilityModel, resource: McpResource): void {
  const variables = Object.fromEntries(resource.variables.map((v) => [v, `${v}-1`]));
  const uri = resource.variables.reduce((u, v) => u.replace(`{${v}}`, variables[v]!), resource.uri);
  const title = resource.call ? `resource ${resource.uri} reads ${resource.call.ref}` : `resource ${resource.uri} answers its text`;
  const expectation = resource.call ? callExpectation(model, resource, resource.name, (key) => variables[key], variables) : undefined;
  w.write(`it(${lit(title)}, async () =>`).block(() => {
    if (expectation) writeScript(w, expectation);
    w.writeLine(`const { contents } = await client.readResource({ uri: ${lit(uri)} });`);
    w.writeLine(`assert.deepEqual(contents.map((c) => [c.uri, c.mimeType]), ${jsonLiteral([[uri, resource.mimeType]])});`);
    const text = expectation ? (expectation.answer ? JSON.stringify(expectation.answer.value ?? null) : undefined) : (resource.text ?? '');
    if (text !== undefined) w.writeLine(`assert.equal((contents[0] as { text?: string }).text, ${lit(text)});`);
    w.writeLine(`expectRequests(t.upstream.requests, ${jsonLiteral(expectation?.upstream ?? [])});`);
  });
  w.write(');').newLine();
}

function writePrompt(w: CodeBlockWriter, model: CapabilityModel, prompt: McpPrompt): void {
  const args = Object.fromEntries(prompt.arguments.map((a) => [a.name, `${a.name}-1`]));
  const env = testEnvironment(model);
  const messages = prompt.messages.map((m) => [m.role, templateText(m.text, (name) => env.value(name), args)]);
  w.write(`it(${lit(`prompt ${prompt.name} fills in its arguments`)}, async () =>`).block(() => {
    w.writeLine(`const { messages } = await client.getPrompt({ name: ${lit(prompt.name)}, arguments: ${jsonLiteral(args)} });`);
    w.writeLine(`assert.deepEqual(messages.map((m) => [m.role, (m.content as { text?: string }).text]), ${jsonLiteral(messages)});`);
  });
  w.write(');').newLine();
}

function writeUnauthorized(w: CodeBlockWriter): void {
  w.blankLine();
  w.write("it('the MCP adapter answers 401 without credentials, calling nothing', async () =>").block(() => {
    w.writeLine('const t = await startTestService();');
    w.write('try').block(() => {
      w.writeLine("const body = { jsonrpc: '2.0', id: 1, method: 'tools/list' };");
      w.writeLine("const answer = await t.call('mcp', { method: 'POST', url: '/mcp', headers: { accept: 'application/json, text/event-stream' }, body }, true);");
      w.writeLine('assert.equal(answer.status, 401);');
      w.writeLine('expectRequests(t.upstream.requests, []);');
    });
    w.write(' finally').block(() => w.writeLine('await t.close();'));
  });
  w.write(');').newLine();
}
