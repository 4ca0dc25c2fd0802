// The MCP SDK's minimal stateless server with one trivial tool, as the SDK's README shows it:
// createMcpExpressApp (Host/Origin protection, JSON body), a new McpServer and transport per request.
// Resolves @modelcontextprotocol/* and zod from the repository's node_modules.
//   MODE=transport (default): NodeStreamableHTTPServerTransport per request (README example)
//   MODE=handler: createMcpHandler(factory) + toNodeHandler, the plumbing the generated runtime uses
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
  return server;
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
