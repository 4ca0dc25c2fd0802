/**
 * `init`: scaffolds a new capability spec (`init <name> --base-uri URL`) and/or a CI workflow that
 * keeps generated code in step with the specs (`init --ci github`). Never overwrites a file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { UsageError } from '../write/inputs.js';
import { EXIT, type Io } from './common.js';

export interface InitOptions {
  baseUri?: string;
  dir: string;
  out: string;
  ci?: 'github';
  mode: CiMode;
  /** The format of the scaffolded spec: the latest released Ikanos version, or naftiko alpha2. */
  format: SpecFormat;
}

export const SPEC_FORMATS = ['ikanos-beta4', 'naftiko-alpha2'] as const;
export type SpecFormat = (typeof SPEC_FORMATS)[number];

export type CiMode = 'check' | 'regenerate';

export const WORKFLOW_PATH = '.github/workflows/naftiko-gen.yml';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function init(name: string | undefined, opts: InitOptions, io: Io): number {
  if (!name && !opts.ci) throw new UsageError('init needs a capability name (naftiko-gen init <name> --base-uri URL) or --ci github');
  const planned: { path: string; contents: string }[] = [];
  if (name) {
    if (!NAME.test(name)) throw new UsageError(`"${name}" is not a usable capability name: use lower-case letters, digits and single "-" (e.g. acme-orders)`);
    if (!opts.baseUri) throw new UsageError('init <name> needs --base-uri <url>, the upstream API root (e.g. https://api.example.com/v1)');
    let uri: URL;
    try {
      uri = new URL(opts.baseUri);
    } catch {
      throw new UsageError(`--base-uri "${opts.baseUri}" is not an absolute URL`);
    }
    if (uri.protocol !== 'http:' && uri.protocol !== 'https:') throw new UsageError(`--base-uri must be an http or https URL, not ${uri.protocol}`);
    planned.push({ path: join(opts.dir, `${name}.yaml`), contents: scaffoldSpec(name, opts.baseUri.replace(/\/+$/, ''), opts.format) });
  }
  if (opts.ci) planned.push({ path: WORKFLOW_PATH, contents: githubWorkflow(opts.dir, opts.out, opts.mode) });
  const existing = planned.filter((f) => existsSync(f.path));
  if (existing.length) throw new UsageError(`refusing to overwrite ${existing.map((f) => f.path).join(', ')}`);
  for (const f of planned) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.contents, { flag: 'wx' });
    io.stderr(`wrote ${f.path}\n`);
  }
  if (name) io.stderr(`next: naftiko-gen build ${opts.dir} -o ${opts.out}\n`);
  return EXIT.ok;
}

/** The environment variable holding the upstream credential: `acme-orders` -> `ACME_ORDERS_API_KEY`. */
export function secretName(name: string): string {
  return `${name.toUpperCase().replace(/-/g, '_')}_API_KEY`;
}

function title(name: string): string {
  return name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * A minimal capability, clean under --strict and building without warnings: one upstream operation
 * exposed as a REST route and an MCP tool, in Ikanos 1.0.0-beta4 (the latest release) or naftiko
 * 1.0.0-alpha2. Both generate the same project.
 */
export function scaffoldSpec(name: string, baseUri: string, format: SpecFormat = 'ikanos-beta4'): string {
  const spec = format === 'ikanos-beta4' ? ikanosSpec(name, baseUri) : alpha2Spec(name, baseUri);
  return `# Scaffolded by naftiko-gen init. Build it with: naftiko-gen build <this file or its folder>\n${stringify(spec, { lineWidth: 0 })}`;
}

const description = (label: string) => `${label}: one upstream operation exposed as a REST route and an MCP tool. Scaffolded by naftiko-gen init; edit it to describe the real API.`;
const READ_ONLY = { readOnly: true, destructive: false, idempotent: true, openWorld: true };

const binds = (name: string) => [{ namespace: 'env', description: 'Secrets read from the environment.', keys: { [secretName(name)]: secretName(name) } }];

/** The consumed API, but for its resources (a map in Ikanos, a list in alpha2). */
function upstream(name: string, baseUri: string) {
  const authentication = { type: 'bearer', token: `{{env.${secretName(name)}}}` };
  return { type: 'http', namespace: name, baseUri, description: `The ${title(name)} upstream API.`, authentication };
}

function ikanosSpec(name: string, baseUri: string) {
  const label = title(name);
  return {
    ikanos: '1.0.0-beta4',
    info: { display: label, description: description(label) },
    capability: {
      binds: binds(name),
      consumes: [
        {
          ...upstream(name, baseUri),
          resources: { items: { path: '/items', operations: { 'list-items': { method: 'GET', description: 'List items.' } } } },
        },
      ],
      exposes: [
        {
          type: 'rest',
          namespace: `${name}-rest`,
          port: 8080,
          resources: {
            items: { path: '/items', description: 'Items of the upstream API.', operations: { 'list-items': { method: 'GET', description: 'List items.', call: `${name}.list-items` } } },
          },
        },
        {
          type: 'mcp',
          namespace: `${name}-mcp`,
          port: 9090,
          transport: 'http',
          description: `MCP server for ${label}.`,
          tools: { 'list-items': { description: 'List items.', hints: READ_ONLY, call: `${name}.list-items` } },
        },
      ],
    },
  };
}

function alpha2Spec(name: string, baseUri: string) {
  const label = title(name);
  return {
    naftiko: '1.0.0-alpha2',
    info: { label, description: description(label) },
    capability: {
      binds: binds(name),
      consumes: [
        {
          ...upstream(name, baseUri),
          resources: [
            {
              name: 'items',
              path: '/items',
              operations: [{ name: 'list-items', method: 'GET', description: 'List items.' }],
            },
          ],
        },
      ],
      exposes: [
        {
          type: 'rest',
          namespace: `${name}-rest`,
          port: 8080,
          resources: [
            {
              path: '/items',
              name: 'items',
              description: 'Items of the upstream API.',
              operations: [{ method: 'GET', name: 'list-items', description: 'List items.', call: `${name}.list-items` }],
            },
          ],
        },
        {
          type: 'mcp',
          namespace: `${name}-mcp`,
          port: 9090,
          transport: 'http',
          description: `MCP server for ${label}.`,
          tools: [
            {
              name: 'list-items',
              description: 'List items.',
              hints: READ_ONLY,
              call: `${name}.list-items`,
            },
          ],
        },
      ],
    },
  };
}

/** A GitHub Actions workflow that annotates PRs with diagnostics and keeps generated code in step. */
export function githubWorkflow(specDir: string, outDir: string, mode: CiMode): string {
  const specs = specDir.replace(/\/+$/, '') || '.';
  const out = outDir.replace(/\/+$/, '') || '.';
  return `# Generated by naftiko-gen init --ci github.
#
# Runs on every change under ${specs}/ or ${out}/ (and to this workflow or a naftiko-gen config file):
#   npx naftiko-gen check ${specs} -o ${out} --format github
# so spec diagnostics annotate the pull request.
#
# NAFTIKO_GEN_MODE (below) chooses what happens when ${out}/ is out of date:
#   check       fail the job; the log lists the stale, missing and orphan files and the fix
#               command (naftiko-gen build ${specs} -o ${out}) to run locally and commit.
#   regenerate  run naftiko-gen build and commit the regenerated files to the branch (needs
#               "contents: write"; pushes to pull requests from forks are not possible).
# Spec errors fail the job in both modes.
name: naftiko-gen

on:
  pull_request:
    paths:
      - '${specs}/**'
      - '${out}/**'
      - 'naftiko-gen.config.*'
      - '${WORKFLOW_PATH}'
  push:
    branches: [main]
    paths:
      - '${specs}/**'
      - '${out}/**'
      - 'naftiko-gen.config.*'
      - '${WORKFLOW_PATH}'
  workflow_dispatch:

permissions:
  contents: ${mode === 'regenerate' ? 'write' : 'read'}

env:
  NAFTIKO_GEN_MODE: ${mode}

jobs:
  naftiko-gen:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.head_ref || github.ref }}
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: naftiko-gen check
        shell: bash
        run: |
          set +e
          npx naftiko-gen check ${specs} -o ${out} --format github
          status=$?
          set -e
          if [ "$status" -eq 3 ] && [ "$NAFTIKO_GEN_MODE" = regenerate ]; then
            npx naftiko-gen build ${specs} -o ${out} --format github
            git config user.name "naftiko-gen"
            git config user.email "naftiko-gen@users.noreply.github.com"
            git add -A -- '${out}'
            git commit -m "Regenerate ${out}/ with naftiko-gen"
            git push origin "HEAD:\${GITHUB_HEAD_REF:-$GITHUB_REF_NAME}"
            exit 0
          fi
          exit "$status"
`;
}
