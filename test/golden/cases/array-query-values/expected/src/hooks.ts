/**
 * Customisations of this service. This file is yours: naftiko-gen wrote it once, because it was
 * missing, and never rewrites it (it is not among the generated files of naftiko.gen.json).
 * Every hook point is typed from the spec (src/hooks.gen.ts): a hook for an operation the spec no
 * longer has fails to compile here, naming it, and `naftiko-gen build --update-hooks` adds a stub
 * for each operation the spec gains. An empty hook costs nothing. Examples of every hook point:
 * README.md, "Customising this service".
 */
import { defineHooks } from './hooks.gen.js';

export default defineHooks({
  // Around each upstream call, by the spec's `call` reference: before (change the request, or
  // answer without calling), after (change the answer), error (answer instead of a failure).
  operations: {
    /** GET /tickets */
    'tickets.search': {},
  },
  // The REST app: middleware(app), routes(app), error(error, { operationId, request }).
  rest: {},
  // The MCP servers: options, server(server) to register your own tools, error(error, { tool }).
  mcp: {},
  // Once at start-up, before the servers listen: async start({ config, logger, upstreams }) {},
});
