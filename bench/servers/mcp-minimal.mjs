// The MCP SDK's minimal stateless server with one trivial tool, as the SDK's README shows it:
// createMcpExpressApp (Host/Origin protection, JSON body), a new McpServer and transport per request.
// Resolves @modelcontextprotocol/* and zod from the repository's node_modules.
//   MODE=transport (default): NodeStreamableHTTPServerTransport per request (README example)
//   MODE=handler: createMcpHandler(factory) + toNodeHandler, the plumbing the generated runtime uses
//   UPSTREAM_URL=<url>: also a `forward` tool that GETs that URL (http.request over a keep-alive
//   agent, JSON parsed) and answers its text: the generated tool's work with nothing around it, so
//   the generated tool can be compared with a baseline that also calls the upstream.
import { Agent, request } from 'node:http';
import { createMcpExpressApp } from '@modelcontextprotocol/express';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import * as z from 'zod';

const mode = process.env.MODE ?? 'transport';
function createServer() {
  const server = new McpServer({ name: 'minimal', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes its input', inputSchema: z.object({ text: z.string().optional() }) },
    async ({ text }) => ({ content: [{ type: 'text', text: text ?? 'ok' }] }),
  );
  if (upstreamUrl) {
    server.registerTool('forward', { description: 'Answers the upstream resource', inputSchema: z.object({}) }, async () => {
      const text = await getText(upstreamUrl);
      JSON.parse(text);
      return { content: [{ type: 'text', text }] };
    });
  }
  return server;
}

const upstreamUrl = process.env.UPSTREAM_URL;
const agent = new Agent({ keepAlive: true });
function getText(url) {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const app = createMcpExpressApp({ host: '127.0.0.1' });
if (mode === 'handler') {
  const handler = toNodeHandler(createMcpHandler(createServer));
  app.all('/mcp', (req, res, next) => {
    handler(req, res, req.body).catch(next);
  });
} else {
  app.post('/mcp', async (req, res) => {
    const server = createServer();
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
}
const listener = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = listener.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', adapter: `mcp-minimal-${mode}`, url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
