// Bundles the compiled CLI (dist/) into one CommonJS file per entry point, which starts faster
// than ~300 ES modules: one file to read and compile, and bin/naftiko-gen.js can give V8 a code
// cache for it. Runs after tsc (`npm run build`); without the bundles the bin uses dist/cli.js.
import { buildSync } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ajv (only under --strict) and ts-morph (only for --update-hooks, ~1 s to load) stay packages of
  // their own, loaded from node_modules when needed.
  external: ['ajv', 'ajv/*', 'ts-morph'],
  // Modules find the templates, schemas and worker file relative to themselves.
  define: { 'import.meta.url': '__naftikoModuleUrl', __NAFTIKO_BUNDLED__: 'true' },
  banner: { js: "const __naftikoModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
};

buildSync({ ...common, entryPoints: ['dist/cli.js'], outfile: 'dist/naftiko-gen.cjs' });
buildSync({ ...common, entryPoints: ['dist/workers/spec-worker.js'], outfile: 'dist/spec-worker.cjs' });
