// Generator benchmarks: one seed spec, no-op rebuilds, the whole corpus (validate + build of the
// subset that builds), and peak memory against the number of specs.
//
//   node bench/generator.mjs <work dir> <results.json>
//
// Every figure is a fresh `node bin/naftiko-gen.js ...` process, so wall time includes Node start.
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, extname, join, relative } from 'node:path';
import { CLI, CORPUS, TREE, log, medianStages, parseProfile, repeat, scratchDir, timed, writeJson } from './lib/measure.mjs';
import { countCapability } from './lib/specs.mjs';

const [work, outFile] = process.argv.slice(2);
if (!work || !outFile) throw new Error('usage: generator.mjs <work dir> <results.json>');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CORPUS_REL = relative(TREE, CORPUS);
// The commit is recorded here too: machine.json holds the commit of the last part run.
const results = { commit: process.env.BENCH_COMMIT, date: new Date().toISOString(), runs: RUNS, loadavgStart: loadavg() };

const cli = (args, opts) => timed(process.execPath, [CLI, ...args], opts);
const changedFiles = (stderr) => Number(/: (\d+) file\(s\) changed/.exec(stderr)?.[1] ?? NaN);
// Since incremental builds the summary also counts projects: "projects: W written, U unchanged, S skipped"
// (absent before; then undefined).
const projectCounts = (stderr) => {
  const m = /projects: (\d+) written, (\d+) unchanged, (\d+) skipped/.exec(stderr);
  return m ? { written: Number(m[1]), unchanged: Number(m[2]), skipped: Number(m[3]) } : undefined;
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
const validate = await cli(['validate', CORPUS_REL, '--format', 'json']);
const diagnostics = jsonDiagnostics(validate.stderr);
const withErrors = new Set(diagnostics.filter((d) => d.severity === 'error' && d.code !== 'NG0005').map((d) => d.file));
const buildable = allSpecs.filter((f) => !withErrors.has(f));
results.corpusValidate = {
  wallMs: validate.wallMs,
  maxRssKb: validate.maxRssKb,
  exit: validate.status,
  specs: allSpecs.length,
  errors: diagnostics.filter((d) => d.severity === 'error').length,
  warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  specsWithErrors: withErrors.size,
  buildable: buildable.length,
};
log(`corpus: ${allSpecs.length} specs, ${withErrors.size} with errors, ${buildable.length} buildable`);

// --- Whole corpus: cold build of the buildable subset, then a no-op rebuild ------------------------
// Two specs with the same file name would write the same project directory (NG0005), so the
// subset is split into batches in which every project name is unique: batch k holds the k-th
// spec of each name. Each batch is one `build` process into its own output directory.
const batches = [];
{
  const seen = new Map();
  for (const f of buildable) {
    const id = basename(f, extname(f)).toLowerCase();
    const k = seen.get(id) ?? 0;
    seen.set(id, k + 1);
    (batches[k] ??= []).push(f);
  }
}
// A spec that validates may still be rejected when built (errors raised while emitting): such a
// batch writes nothing, so its error files are set aside and the batch is run again; only the
// successful run is counted.
const rejectedAtBuild = [];
const buildBatch = async (k, fresh) => {
  for (let attempt = 0; ; attempt++) {
    const out = fresh ? scratchDir(work, `corpus-${k}`) : join(work, `corpus-${k}`);
    const run = await cli(['build', ...batches[k], '-o', out, '--profile', '--format', 'json']);
    if (run.status === 0) return { ...run, specs: batches[k].length, stages: parseProfile(run.stderr), changed: changedFiles(run.stderr), projects: projectCounts(run.stderr) };
    const bad = new Set(jsonDiagnostics(run.stderr).filter((d) => d.severity === 'error').map((d) => d.file));
    const tail = run.stderr.split('\n').filter((l) => !l.startsWith('{')).slice(-3).join(' | ');
    log(`batch ${k} exited ${run.status} (${bad.size} spec(s) with errors at build): ${tail}`);
    if (bad.size === 0 || attempt >= 5) throw new Error(`batch ${k} failed: ${tail}`);
    // An error in an imported file (a shared consumes file) is reported at that file: set aside
    // the specs of the batch that name it.
    const imported = [...bad].filter((f) => !batches[k].includes(f)).map((f) => basename(f, extname(f)));
    const culprits = new Set(batches[k].filter((f) => bad.has(f) || imported.some((name) => readFileSync(join(TREE, f), 'utf8').includes(name))));
    log(`  set aside: ${[...culprits].map((f) => basename(f)).join(', ')}`);
    for (const d of jsonDiagnostics(run.stderr).filter((x) => x.severity === 'error')) rejectedAtBuild.push({ file: d.file, code: d.code, message: d.message });
    for (const f of culprits) rejectedAtBuild.push({ file: f, code: 'import', message: 'imports a file with errors' });
    batches[k] = batches[k].filter((f) => !culprits.has(f));
  }
};
const buildBatches = async (fresh) => {
  const runs = [];
  for (let k = 0; k < batches.length; k++) runs.push(await buildBatch(k, fresh));
  const stages = {};
  for (const r of runs) for (const [key, v] of Object.entries(r.stages)) stages[key] = (stages[key] ?? 0) + v;
  return {
    processes: runs.length,
    specs: runs.reduce((s, r) => s + r.specs, 0),
    specsPerProcess: runs.map((r) => r.specs),
    wallMs: runs.reduce((s, r) => s + r.wallMs, 0),
    wallPerProcessMs: runs.map((r) => r.wallMs),
    maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)),
    rssPerProcessKb: runs.map((r) => r.maxRssKb),
    changed: runs.reduce((s, r) => s + (Number.isFinite(r.changed) ? r.changed : 0), 0),
    projects: runs.every((r) => r.projects)
      ? Object.fromEntries(['written', 'unchanged', 'skipped'].map((k) => [k, runs.reduce((s, r) => s + r.projects[k], 0)]))
      : undefined,
    stages,
  };
};
log(`corpus: cold build of ${buildable.length} specs in ${batches.length} process(es)`);
results.corpusBuild = await buildBatches(true);
results.corpusBuild.rejectedAtBuild = rejectedAtBuild;
log(`corpus: cold build ${(results.corpusBuild.wallMs / 1000).toFixed(1)} s; no-op rebuild`);
// The first no-op after a build hashes the projects whose files share the manifest's clock tick
// (and renews the manifest's ctime); the next one decides every project from change times.
results.corpusNoop = await buildBatches(false);
log(`corpus: no-op rebuild ${(results.corpusNoop.wallMs / 1000).toFixed(1)} s; again`);
results.corpusNoopSteady = await buildBatches(false);
log(`corpus: steady no-op rebuild ${(results.corpusNoopSteady.wallMs / 1000).toFixed(1)} s`);
// Batch 0 once more on one thread (--jobs 1): what the worker threads bring.
{
  const run = await cli(['build', ...batches[0], '-o', scratchDir(work, 'corpus-serial'), '--jobs', '1', '--profile', '--format', 'json']);
  results.corpusBatch0Serial = { specs: batches[0].length, wallMs: run.wallMs, maxRssKb: run.maxRssKb, exit: run.status, stages: parseProfile(run.stderr) };
  log(`corpus batch 0 on one thread: ${(run.wallMs / 1000).toFixed(1)} s (with workers: ${(results.corpusBuild.wallPerProcessMs[0] / 1000).toFixed(1)} s)`);
}

// --- Peak RSS against the number of specs in one process ------------------------------------------
results.memoryScaling = [];
const sizes = [1, 10, 100, 300].filter((n) => n < batches[0].length);
for (const n of sizes) {
  log(`memory scaling: ${n} spec(s)`);
  const run = await cli(['build', ...batches[0].slice(0, n), '-o', scratchDir(work, `scale-${n}`), '--format', 'json']);
  results.memoryScaling.push({ specs: n, wallMs: run.wallMs, maxRssKb: run.maxRssKb, exit: run.status });
}
results.memoryScaling.push({ specs: batches[0].length, wallMs: results.corpusBuild.wallPerProcessMs[0], maxRssKb: results.corpusBuild.rssPerProcessKb[0], exit: 0, note: 'corpus batch 0' });

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
