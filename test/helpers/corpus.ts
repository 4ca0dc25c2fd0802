/**
 * The public corpus (../shared/corpus, beside the repository in CI too): every file through the
 * real batch, grouped by repository folder so imports resolve within their own repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readContracts } from '../../src/openapi/files.js';
import { ContractSet } from '../../src/openapi/set.js';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../../src/batch.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { PipelineOptions, SpecResult } from '../../src/pipeline.js';
import { loadOfficialSchemas, loadTemplates } from '../../src/templates.js';
import { verdictOf, type Verdict } from '../../src/commands/validate.js';
import { projectId } from '../../src/write/inputs.js';
import { TEST_GENERATOR } from './cases.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
/** The catalogue vendors' own OpenAPI documents (`<vendor>/openapi/`), beside the corpus. */
export const CATALOGUE_DIR = fileURLToPath(new URL('../../../shared/upstream/catalogue/', import.meta.url));

/** `--openapi` for a repository folder: its vendor's documents, when the catalogue has them. */
export function vendorContracts(group: string): ContractSet | undefined {
  const dir = join(CATALOGUE_DIR, group.replace(/^api-evangelist__/, ''), 'openapi');
  return group.startsWith('api-evangelist__') && existsSync(dir) ? new ContractSet(readContracts([relative(process.cwd(), dir)])) : undefined;
}

export interface CorpusEntry {
  readonly path: string;
  readonly version: string;
}

/**
 * Every corpus file: the catalogue and framework files (MANIFEST.tsv) and the Ikanos engine's own
 * examples at main (MANIFEST-ikanos.tsv). `version` is the manifest's: `1.0.0-alpha2`, `ikanos:1.0.0-beta5`.
 */
export function corpusEntries(): CorpusEntry[] {
  return ['MANIFEST.tsv', 'MANIFEST-ikanos.tsv'].flatMap((manifest) => {
    const rows = readFileSync(join(CORPUS_DIR, manifest), 'utf8').trim().split('\n').slice(1);
    return rows.map((row) => {
      const cells = row.split('\t');
      return { path: join(CORPUS_DIR, cells[5]!), version: cells[3]! };
    });
  });
}

export interface CorpusResult {
  readonly result: SpecResult;
  readonly group: string;
  /** The manifest's version column: `1.0.0-alpha2`, `ikanos:1.0.0-beta5`, `none`. */
  readonly version: string;
  readonly verdict: Verdict;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs every corpus file, one batch per repository folder (the import root); `only` keeps the
 * entries of one folder (and version), for tests about one repository's files. Files of one
 * folder that would name the same project (the engine keeps two copies of its tutorial) go to
 * separate batches, whose results carry the group `<folder>~<n>`.
 */
export async function runCorpus(
  options: Partial<PipelineOptions> & { emit: boolean },
  only: (entry: CorpusEntry & { group: string }) => boolean = () => true,
  contractsFor: (group: string) => ContractSet | undefined = () => undefined,
): Promise<CorpusResult[]> {
  const groups = new Map<string, string[]>();
  const versions = new Map<string, string>();
  for (const entry of corpusEntries()) {
    const group = entry.path.slice(CORPUS_DIR.length).split('/')[0]!;
    if (!only({ ...entry, group })) continue;
    groups.set(group, [...(groups.get(group) ?? []), entry.path]);
    versions.set(entry.path, entry.version || 'none');
  }
  const all: CorpusResult[] = [];
  for (const [group, paths] of [...groups].sort()) {
    const root = join(CORPUS_DIR, group);
    for (const [n, batchPaths] of distinctProjects(paths.sort()).entries()) {
      const batch = await runBatch(
        batchPaths.map((path) => ({ path, root })),
        { templates: loadTemplates(), generator: TEST_GENERATOR, ...(options.strict ? { schemas: loadOfficialSchemas() } : {}), contracts: contractsFor(group), ...options },
      );
      const name = n === 0 ? group : `${group}~${n}`;
      batch.results.forEach((result, i) => {
        all.push({ result, group: name, version: versions.get(batchPaths[i]!)!, verdict: verdictOf(result), diagnostics: result.diagnostics });
      });
    }
  }
  return all;
}

/** Paths split into batches in which no two name the same project directory. */
function distinctProjects(paths: readonly string[]): string[][] {
  const batches: { ids: Set<string>; paths: string[] }[] = [];
  for (const path of paths) {
    const id = projectId(path).toLowerCase();
    let batch = batches.find((b) => !b.ids.has(id));
    if (!batch) batches.push((batch = { ids: new Set(), paths: [] }));
    batch.ids.add(id);
    batch.paths.push(path);
  }
  return batches.map((b) => b.paths);
}
