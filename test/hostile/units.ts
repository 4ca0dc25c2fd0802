/**
 * The rich specs the every-string-position test mutates: the seeds in specs/, every golden case
 * that builds, and the framework's alpha2 examples that generate, each with the files it imports
 * (their positions count too). Same text twice (a seed and its golden case) is one unit.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportResolver } from '../../src/model/imports.js';
import { parseSource, toPlainData } from '../../src/load/source.js';
import { analyzeSpec } from '../../src/pipeline.js';
import { createImportResolver } from '../../src/write/imports.js';
import { displayPath, projectId } from '../../src/write/inputs.js';
import { CASES_DIR, caseOptions, SPECS_DIR, type CaseOptions } from '../helpers/cases.js';
import { CORPUS_DIR, corpusEntries } from '../helpers/corpus.js';
import { FRAMEWORK_GROUP } from '../helpers/framework-examples.js';
import { copyData, positionsOf, type Position } from './positions.js';

export interface Unit {
  /** Where the spec comes from, for reports: `specs/…`, `golden/<case>`, `framework/…`. */
  readonly name: string;
  readonly id: string;
  /** docs[0] is the spec; the others are the files it imports, by display path. */
  readonly docs: readonly { readonly file: string; readonly data: unknown }[];
  readonly resolver: ImportResolver;
  readonly positions: readonly Position[];
  /** The pipeline options its golden case is built with (options.json: `--skip-invalid` cases). */
  readonly options: CaseOptions;
}


interface Candidate {
  readonly name: string;
  readonly path: string;
  readonly root: string;
  /** Seeds and golden cases must generate; framework files are kept when they do. */
  readonly mustGenerate: boolean;
  readonly options: CaseOptions;
}

function candidates(): Candidate[] {
  const seeds = readdirSync(SPECS_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
  const cases = readdirSync(CASES_DIR).filter((c) => existsSync(join(CASES_DIR, c, 'expected'))).sort();
  const frameworkRoot = join(CORPUS_DIR, FRAMEWORK_GROUP);
  const framework = corpusEntries().filter((e) => e.path.startsWith(frameworkRoot + '/'));
  return [
    ...seeds.map((f) => ({ name: `specs/${f}`, path: join(SPECS_DIR, f), root: SPECS_DIR, mustGenerate: true, options: {} })),
    ...cases.map((c) => ({ name: `golden/${c}`, path: join(CASES_DIR, c, 'spec.yaml'), root: join(CASES_DIR, c), mustGenerate: true, options: caseOptions(c) })),
    ...framework.map((e) => ({ name: `framework/${e.path.slice(frameworkRoot.length + 1)}`, path: e.path, root: frameworkRoot, mustGenerate: false, options: {} })),
  ];
}

/** The units, in a fixed order; throws when a seed or golden case no longer generates. */
export function loadUnits(): Unit[] {
  const seen = new Set<string>();
  const units: Unit[] = [];
  for (const c of candidates()) {
    const text = readFileSync(c.path, 'utf8');
    const hash = createHash('sha256').update(text).digest('hex');
    if (seen.has(hash)) continue;
    seen.add(hash);
    const file = displayPath(c.path);
    const real = createImportResolver(c.root);
    const imported = new Map<string, string>();
    const recording: ImportResolver = (from, location) => {
      const read = real(from, location);
      if ('text' in read) imported.set(read.file, read.text);
      return read;
    };
    const { model, diagnostics } = analyzeSpec({ file, text, id: projectId(c.path) }, { imports: recording, ...c.options });
    if (!model) {
      if (c.mustGenerate) throw new Error(`${c.name} does not generate: ${JSON.stringify(diagnostics.filter((d) => d.severity === 'error'))}`);
      continue;
    }
    const docs = [[file, text] as const, ...imported].map(([f, t]) => ({ file: f, data: dataOf(f, t) }));
    units.push({ name: c.name, id: projectId(c.path), docs, resolver: real, positions: docs.flatMap((d, i) => positionsOf(d.data, i)), options: c.options });
  }
  return units;
}

/**
 * The data the pipeline itself reads from a text (the first YAML document); a file that is not a
 * mapping (a static resource's Markdown, say) is one position: its raw text.
 */
function dataOf(file: string, text: string): unknown {
  const data = toPlainData(parseSource(file, text).source);
  return data !== null && typeof data === 'object' ? copyData(data) : text;
}
