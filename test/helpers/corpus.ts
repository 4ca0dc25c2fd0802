/**
 * The public corpus (../shared/corpus, beside the repository in CI too): every file through the
 * real batch, grouped by repository folder so imports resolve within their own repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readContracts } from '../../src/openapi/files.js';
import { ContractSet } from '../../src/openapi/set.js';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../../src/batch.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { PipelineOptions, SpecResult } from '../../src/pipeline.js';
import { loadOfficialSchemas, loadTemplates } from '../../src/templates.js';
import { verdictOf, type Verdict } from '../../src/commands/validate.js';
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

/** The files of MANIFEST.tsv (Naftiko alpha1/alpha2 and older). */
export function corpusEntries(manifest = 'MANIFEST.tsv'): CorpusEntry[] {
  const rows = readFileSync(join(CORPUS_DIR, manifest), 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => {
    const cells = row.split('\t');
    return { path: join(CORPUS_DIR, cells[5]!), version: cells[3]! };
  });
}

/** The files of every manifest (MANIFEST.tsv, MANIFEST-ikanos.tsv, ...): the whole corpus. */
export function allCorpusEntries(): CorpusEntry[] {
  const manifests = readdirSync(CORPUS_DIR).filter((name) => /^MANIFEST.*\.tsv$/.test(name)).sort();
  return manifests.flatMap((manifest) => corpusEntries(manifest));
}

export interface CorpusResult {
  readonly result: SpecResult;
  readonly group: string;
  readonly verdict: Verdict;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs every corpus file, one batch per repository folder (the import root); `only` keeps the
 * entries of one folder (and version), for tests about one repository's files.
 */
export async function runCorpus(
  options: Partial<PipelineOptions> & { emit: boolean },
  only: (entry: CorpusEntry & { group: string }) => boolean = () => true,
  contractsFor: (group: string) => ContractSet | undefined = () => undefined,
): Promise<CorpusResult[]> {
  const groups = new Map<string, string[]>();
  for (const entry of corpusEntries()) {
    const group = entry.path.slice(CORPUS_DIR.length).split('/')[0]!;
    if (!only({ ...entry, group })) continue;
    groups.set(group, [...(groups.get(group) ?? []), entry.path]);
  }
  const all: CorpusResult[] = [];
  for (const [group, paths] of [...groups].sort()) {
    const root = join(CORPUS_DIR, group);
    const batch = await runBatch(
      paths.sort().map((path) => ({ path, root })),
      { templates: loadTemplates(), generator: TEST_GENERATOR, ...(options.strict ? { schemas: loadOfficialSchemas() } : {}), contracts: contractsFor(group), ...options },
    );
    for (const result of batch.results) all.push({ result, group, verdict: verdictOf(result), diagnostics: result.diagnostics });
  }
  return all;
}
