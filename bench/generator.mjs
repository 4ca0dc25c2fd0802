// Generator benchmarks: one seed spec, no-op rebuilds, the whole corpus in one `build --skip-invalid`
// command (cold and no-op), and peak memory of a quarter, a half and the whole corpus.
//
//   node bench/generator.mjs <work dir> <results.json>
//
// Every figure is a fresh `node bin/naftiko-gen.js ...` process, so wall time includes Node start.
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { CLI, CORPUS, TREE, log, medianStages, parseProfile, repeat, scratchDir, timed, underLoad, writeJson } from './lib/measure.mjs';
import { countCapability } from './lib/specs.mjs';

const [work, outFile] = process.argv.slice(2);
if (!work || !outFile) throw new Error('usage: generator.mjs <work dir> <results.json>');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CORPUS_REL = relative(TREE, CORPUS);
// The commit is recorded here too: machine.json holds the commit of the last part run.
const results = { commit: process.env.BENCH_COMMIT, date: new Date().toISOString(), runs: RUNS, loadavgStart: loadavg() };

const cli = (args, opts) => timed(process.execPath, [CLI, ...args], opts);
const changedFiles = (stderr) => Number(/: (\d+) file\(s\) changed/.exec(stderr)?.[1] ?? NaN);
// The summary counts projects: "projects: W written, U unchanged, S skipped, R rejected" (rejected
// since keep-going builds; absent before incremental builds: then undefined).
const projectCounts = (stderr) => {
  const m = /projects: (\d+) written, (\d+) unchanged, (\d+) skipped(?:, (\d+) rejected)?/.exec(stderr);
  return m ? { written: Number(m[1]), unchanged: Number(m[2]), skipped: Number(m[3]), rejected: Number(m[4] ?? 0) } : undefined;
};

// --- Node start and CLI start ------------------------------------------------------------------
log('node start and CLI start');
results.nodeStart = await repeat(RUNS, () => timed(process.execPath, ['-e', '0']));
results.cliStart = await repeat(RUNS, () => cli(['--version']));

// --- One seed spec, cold (fresh output directory each run) ------------------------------------
results.seeds = {};
for (const seed of ['lago-customers', 'konnect-platform-openmeter-customers']) {
  log(`seed ${seed}: cold build x${RUNS}`);
  const spec = `specs/${seed}.yaml`;
  const stages = [];
  const r = await repeat(RUNS, async (i) => {
    const out = scratchDir(work, `seed-${seed}-${i}`);
    const run = await cli(['build', spec, '-o', out, '--profile']);
    stages.push(parseProfile(run.stderr));
    return run;
  });
  results.seeds[seed] = { ...r, last: undefined, ops: countCapability(join(TREE, spec)), stages: medianStages(stages) };
}

// Without the code cache: what the very first run after installing costs.
log(`seed lago-customers: cold build without the V8 code cache x${RUNS}`);
{
  const env = { ...process.env, NAFTIKO_GEN_CODE_CACHE: '0' };
  const r = await repeat(RUNS, (i) => cli(['build', 'specs/lago-customers.yaml', '-o', scratchDir(work, `seed-nocache-${i}`)], { env }));
  results.seedNoCodeCache = { ...r, last: undefined };
}

// The user's next step after generating: type-checking the project (tsc, its own tsconfig).
log('seed lago-customers: type-check of the generated project');
{
  const project = join(scratchDir(work, 'seed-lago-customers-0'), 'lago-customers');
  await cli(['build', 'specs/lago-customers.yaml', '-o', dirname(project)]);
  symlinkSync(join(TREE, 'node_modules'), join(project, 'node_modules'), 'dir');
  const tsc = join(TREE, 'node_modules', 'typescript', 'bin', 'tsc');
  results.seedTypecheck = await repeat(RUNS, () => timed(process.execPath, [tsc, '-p', join(project, 'tsconfig.json'), '--noEmit']));
  results.seedTypecheck.last = undefined;
}

// --- No-op rebuild of the seeds -------------------------------------------------------------
log(`seeds: no-op rebuild x${RUNS}`);
{
  const out = scratchDir(work, 'seeds-noop');
  await cli(['build', 'specs', '-o', out]);
  const stages = [];
  const r = await repeat(RUNS, async () => {
    const run = await cli(['build', 'specs', '-o', out, '--profile']);
    stages.push(parseProfile(run.stderr));
    return run;
  });
  results.seedsNoop = { ...r, last: undefined, specs: 2, changed: changedFiles(r.last.stderr), projects: projectCounts(r.last.stderr), stages: medianStages(stages) };
}

// --- Whole corpus: validate -------------------------------------------------------------------
log('corpus: validate (one process)');
const allSpecs = walk(CORPUS).map((p) => relative(TREE, p));
{
  const run = await underLoad(() => cli(['validate', CORPUS_REL, '--skip-invalid', '--format', 'json']));
  const diagnostics = jsonDiagnostics(run.stderr);
  results.corpusValidate = {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    maxRssKb: run.maxRssKb,
    load: run.load,
    exit: run.status,
    specs: allSpecs.length,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

// --- Whole corpus: ONE cold build (--skip-invalid --layout tree), then no-op rebuilds ------------
// The catalogue as a user has it: one command over the directory, bad specs reported and left
// out, specs with the same file name in different folders in their own project directories. The
// manifest files in dot-directories (which a directory argument skips) are named after it, so the
// command builds every file of every MANIFEST*.tsv.
const corpusBuild = async (name, corpusDir, out) => {
  const report = join(work, `${name}.report.json`);
  const specs = [relative(TREE, corpusDir), ...hiddenManifestFiles(corpusDir).map((p) => relative(TREE, p))];
  const run = await underLoad(() => cli(['build', ...specs, '--skip-invalid', '--layout', 'tree', '-o', out, '--report', report, '--profile']));
  // No report means the process did not finish (killed, out of memory): say how it ended.
  if (!existsSync(report)) throw new Error(`${name}: no report (exit ${run.status}, signal ${run.signal}): ${run.stderr.split('\n').slice(-5).join(' | ')}`);
  const summary = JSON.parse(readFileSync(report, 'utf8')).summary;
  const figures = { wallMs: run.wallMs, cpuMs: run.cpuMs, maxRssKb: run.maxRssKb, load: run.load, exit: run.status, specs: summary.specs, summary };
  return { ...figures, changed: changedFiles(run.stderr), projects: projectCounts(run.stderr), stages: parseProfile(run.stderr) };
};
{
  const out = scratchDir(work, 'corpus-out');
  log(`corpus: one cold build of ${allSpecs.length} specs`);
  results.corpusBuild = await corpusBuild('corpus-cold', CORPUS, out);
  log(`corpus: cold build ${(results.corpusBuild.wallMs / 1000).toFixed(1)} s (load ${results.corpusBuild.load.median}); no-op rebuild`);
  // The first no-op after a build: the build renewed its manifests' ctime, so change times decide.
  results.corpusNoop = await corpusBuild('corpus-noop', CORPUS, out);
  log(`corpus: no-op rebuild ${(results.corpusNoop.wallMs / 1000).toFixed(1)} s; again`);
  results.corpusNoopSteady = await corpusBuild('corpus-noop-steady', CORPUS, out);
  log(`corpus: steady no-op rebuild ${(results.corpusNoopSteady.wallMs / 1000).toFixed(1)} s`);
}

// --- Peak RSS against the number of specs: a quarter, a half and the whole corpus in one build -----
// The parts are the corpus's repository folders in order, copied until they hold a quarter (a
// half) of the specs, so imports keep resolving inside their repositories.
results.memoryScaling = [];
for (const share of [0.25, 0.5]) {
  const dir = scratchDir(work, `corpus-${share}`);
  let copied = 0;
  for (const entry of readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (copied >= allSpecs.length * share) break;
    cpSync(join(CORPUS, entry.name), join(dir, entry.name), { recursive: true });
    copied += walk(join(CORPUS, entry.name)).length;
  }
  log(`memory scaling: ${copied} specs (${share * 100} %)`);
  const run = await corpusBuild(`corpus-${share}`, dir, scratchDir(work, `corpus-${share}-out`));
  results.memoryScaling.push({ share, specs: run.specs, wallMs: run.wallMs, cpuMs: run.cpuMs, maxRssKb: run.maxRssKb, load: run.load, exit: run.exit });
}
results.memoryScaling.push({ share: 1, specs: results.corpusBuild.specs, wallMs: results.corpusBuild.wallMs, cpuMs: results.corpusBuild.cpuMs, maxRssKb: results.corpusBuild.maxRssKb, load: results.corpusBuild.load, exit: results.corpusBuild.exit });
results.rssWholeOverQuarter = results.corpusBuild.maxRssKb / results.memoryScaling[0].maxRssKb;

results.coldMsPerSpec = results.corpusBuild.wallMs / results.corpusBuild.specs;
results.noopExtrapolated1000Ms = (results.corpusNoop.wallMs / results.corpusNoop.specs) * 1000;
results.noopSteadyExtrapolated1000Ms = (results.corpusNoopSteady.wallMs / results.corpusNoopSteady.specs) * 1000;
results.loadavgEnd = loadavg();
writeJson(outFile, results);
log(`generator results -> ${outFile}`);

function jsonDiagnostics(stderr) {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

/** Manifest files under `corpusDir` (the corpus or a copy of part of it) inside dot-directories. */
function hiddenManifestFiles(corpusDir) {
  const manifests = readdirSync(CORPUS).filter((name) => /^MANIFEST.*\.tsv$/.test(name));
  const paths = manifests.flatMap((m) => readFileSync(join(CORPUS, m), 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t')[5]));
  return paths.filter((p) => p.split('/').some((segment) => segment.startsWith('.'))).map((p) => join(corpusDir, p)).filter((p) => existsSync(p));
}

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out;
}
