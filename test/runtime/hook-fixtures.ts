// The route and the tool the hook tests call: both over one operation, `api.find` (GET /items/<id>),
// which hands the operation hooks its input as a generated client function does.
import { z } from 'zod';
import type { HttpClient } from '../../templates/runtime/http.js';
import { defineTool } from '../../templates/runtime/mcp.js';
import { defineRoute } from '../../templates/runtime/rest.js';

export const itemRoute = defineRoute({
  operationId: 'getItem',
  method: 'get',
  path: '/items/:id',
  input: z.object({ params: z.object({ id: z.string() }) }),
  invoke: (u: { api: HttpClient }, input, options) => u.api.request({ operation: 'api.find', method: 'GET', path: `/items/${input.params.id}` }, options, input.params),
});

export const findTool = defineTool({
  name: 'find',
  description: 'Find an item',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.object({ id: z.string() }).strict(),
  invoke: (u: { api: HttpClient }, args, options) => u.api.request({ operation: 'api.find', method: 'GET', path: `/items/${args.id}` }, options, args),
});
