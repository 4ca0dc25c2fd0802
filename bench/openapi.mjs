// `--openapi` benchmarks: what typing costs a build, as ratios against the same build without it,
// measured in the same run.
//   - Lago's 8 catalogue capabilities with their vendor's 17 per-tag documents (660 KB of YAML):
//     cold build, and the no-op rebuild (the documents are only hashed then);
//   - GitHub's 13 MB OpenAPI document (npm @octokit/openapi, bench/package.json) with a spec that
//     consumes 4 of its ~1,100 operations: `validate` (read, parse, match, convert: the cost of
//     the document itself) and a cold build (plus emitting and formatting what it types).
//
//   node bench/openapi.mjs <work dir> <results.json>
import { copyFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { BENCH_DIR, CLI, CORPUS, TREE, log, medianStages, parseProfile, repeat, scratchDir, timed, writeJson } from './lib/measure.mjs';

const [work, outFile] = process.argv.slice(2);
if (!work || !outFile) throw new Error('usage: openapi.mjs <work dir> <results.json>');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const results = { commit: process.env.BENCH_COMMIT, runs: RUNS, loadavgStart: loadavg() };
const cli = (args) => timed(process.execPath, [CLI, ...args]);

/** Runs `args` (+ `--openapi` documents or not) RUNS times, alternating, with stage profiles. */
async function pair(label, args, documents, fresh) {
  const stages = { plain: [], typed: [] };
  const plain = [];
  const typed = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [kind, list, extra] of [['plain', plain, []], ['typed', typed, ['--openapi', documents]]]) {
      const command = args(fresh ? scratchDir(work, `${label}-${kind}-${i}`) : join(work, `${label}-${kind}`));
      // Stage profiles where the command has them (`validate` has no --profile).
      const run = await cli([...command, ...extra, ...(command[0] === 'build' ? ['--profile'] : [])]);
      if (run.status !== 0) throw new Error(`${label} (${kind}) exited ${run.status}: ${run.stderr.slice(-500)}`);
      stages[kind].push(parseProfile(run.stderr));
      list.push(run);
    }
  }
  const summarise = async (list) => repeat(list.length, (i) => list[i]);
  const a = await summarise(plain);
  const b = await summarise(typed);
  log(`${label}: ${Math.round(a.wallMs)} ms without, ${Math.round(b.wallMs)} ms with --openapi`);
  return {
    plain: { ...a, last: undefined, stages: medianStages(stages.plain) },
    typed: { ...b, last: undefined, stages: medianStages(stages.typed), summary: /openapi: (.*)/.exec(b.last.stderr)?.[1] },
    addedMs: b.wallMs - a.wallMs,
    ratio: b.wallMs / a.wallMs,
  };
}

// --- Lago's catalogue capabilities and documents ------------------------------------------------
const lagoSpecs = relative(TREE, join(CORPUS, 'api-evangelist__lago'));
const lagoDocuments = relative(TREE, join(CORPUS, '..', 'upstream', 'catalogue', 'lago', 'openapi'));
log(`lago catalogue: cold build with and without --openapi x${RUNS}`);
results.lagoCold = await pair('lago-cold', (out) => ['build', lagoSpecs, '-o', out, '--force'], lagoDocuments, true);
log('lago catalogue: no-op rebuild');
for (const kind of ['plain', 'typed']) await cli(['build', lagoSpecs, '-o', join(work, `lago-noop-${kind}`), ...(kind === 'typed' ? ['--openapi', lagoDocuments] : [])]);
results.lagoNoop = await pair('lago-noop', (out) => ['build', lagoSpecs, '-o', out], lagoDocuments, false);
results.lagoDocuments = readdirSync(join(CORPUS, '..', 'upstream', 'catalogue', 'lago', 'openapi')).length;

// --- GitHub's 13 MB document ---------------------------------------------------------------------
const github = join(BENCH_DIR, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
const githubCopy = join(work, 'api.github.com.json');
copyFileSync(github, githubCopy);
const spec = join(BENCH_DIR, 'fixtures', 'github-repos.yaml');
log(`github: validate and cold build with and without --openapi (13 MB document) x${RUNS}`);
results.githubValidate = await pair('github-validate', () => ['validate', spec], githubCopy, false);
results.githubCold = await pair('github-cold', (out) => ['build', spec, '-o', out, '--force'], githubCopy, true);

results.loadavgEnd = loadavg();
writeJson(outFile, results);
log(`openapi results -> ${outFile}`);
