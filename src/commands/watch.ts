/**
 * `build --watch`: builds everything once, then rebuilds only the specs whose file changed and the
 * specs importing a changed file. A spec with errors writes nothing (its previous project stays as
 * it was); the others are written file by file atomically. Bursts of events are debounced; SIGINT,
 * SIGTERM or the caller's AbortSignal stop it after the rebuild in progress, with exit code 0.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, watch as watchFs, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { displayPath, expandInputs, UsageError, type Layout, type SpecPathInput } from '../write/inputs.js';
import { generatorInfo } from '../templates.js';
import { analyzeInputs, colours, EXIT, printDiagnostics, type Io, type OutputOptions } from './common.js';
import { Outcomes, summaryLine } from './outcomes.js';
import { writeReport } from './report-file.js';
import { readContracts } from '../openapi/files.js';
import { ContractSet } from '../openapi/set.js';

/** Quiet period after the last file event before rebuilding. */
export const DEBOUNCE_MS = 150;

export async function watch(specs: readonly string[], opts: OutputOptions, io: Io, signal?: AbortSignal): Promise<number> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  signal?.addEventListener('abort', onSignal, { once: true });
  if (signal?.aborted) stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const paint = colours(io);
  const state = new WatchState(specs, opts.layout ?? 'flat');
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending = false;

  // `--openapi`: documents that change make every spec out of date (any may match a new operation).
  let contracts = opts.contracts;
  const contractsChanged = (): boolean => {
    if (!opts.openapi?.length) return false;
    const next = new ContractSet(readContracts(opts.openapi));
    if (next.digest === contracts?.digest) return false;
    contracts = next;
    return true;
  };

  const rebuild = async (inputs: readonly SpecPathInput[], label: string) => {
    const started = performance.now();
    const { results, diagnostics } = await analyzeInputs(inputs, { ...opts, contracts }, true);
    printDiagnostics(diagnostics, opts.format, io);
    const outcomes = new Outcomes(opts.out);
    for (const r of results) outcomes.write(r);
    outcomes.finishOutput();
    for (const r of results.filter((x) => hasErrors(x.diagnostics))) {
      io.stderr(`${paint.red(r.file)}: ${countErrors(r.diagnostics)} error(s); nothing was written for it (its previous project is kept)\n`);
    }
    state.recordImports(inputs);
    if (opts.report) {
      const header = { version: generatorInfo().version, layout: opts.layout ?? 'flat', skipInvalid: opts.skipInvalid ?? false };
      writeReport(opts.report, outcomes.report(results.map((r) => r.file), header));
    }
    if (!opts.quiet) io.stderr(`[${clock()}] ${label}${summaryLine(results.length, opts.out, outcomes.totals, diagnostics, performance.now() - started)}\n`);
  };

  const refreshWatchers = () => {
    const documents = (contracts?.files ?? []).map((f) => dirname(resolve(f.file)));
    for (const dir of new Set([...state.directories(), ...documents])) {
      if (watchers.has(dir)) continue;
      try {
        const w = watchFs(dir, { persistent: true }, () => schedule());
        w.on('error', () => {
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        /* the directory went away between listing and watching */
      }
    }
  };

  const runChanges = async () => {
    const { affected, removed, all } = state.changes();
    for (const file of removed) io.stderr(`[${clock()}] ${displayPath(file)} was removed; its project in ${opts.out} is kept\n`);
    if (contractsChanged()) {
      refreshWatchers();
      await rebuild(all, 'OpenAPI documents changed: ');
      return;
    }
    refreshWatchers();
    if (affected.length) {
      const names = affected.map((i) => displayPath(i.path));
      await rebuild(affected, `changed ${names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')}: `);
    }
  };

  const schedule = () => {
    if (stop.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        pending = true;
        return;
      }
      running = (async () => {
        do {
          pending = false;
          try {
            await runChanges();
          } catch (error) {
            io.stderr(`naftiko-gen: ${error instanceof UsageError ? error.message : ((error as Error).stack ?? String(error))}\n`);
          }
        } while (pending && !stop.signal.aborted);
      })().finally(() => (running = undefined));
    }, DEBOUNCE_MS);
  };

  try {
    const inputs = state.initial();
    refreshWatchers();
    await rebuild(inputs, '');
    if (!stop.signal.aborted) io.stderr(`watching ${specs.join(' ')} for changes (Ctrl-C to stop)\n`);
    await new Promise<void>((done) => (stop.signal.aborted ? done() : stop.signal.addEventListener('abort', () => done(), { once: true })));
    return EXIT.ok;
  } finally {
    clearTimeout(timer);
    for (const w of watchers.values()) w.close();
    await running;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    signal?.removeEventListener('abort', onSignal);
    if (!opts.quiet) io.stderr('stopped watching\n');
  }
}

function countErrors(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}

/** What the watcher knows: spec inputs, file hashes, and which files each spec imports. */
class WatchState {
  private inputs = new Map<string, SpecPathInput>();
  private hashes = new Map<string, string | undefined>();
  private imports = new Map<string, Set<string>>();

  constructor(
    private readonly args: readonly string[],
    private readonly layout: Layout,
  ) {}

  initial(): SpecPathInput[] {
    const inputs = expandInputs(this.args, this.layout);
    if (inputs.length === 0) throw new UsageError(`no *.yaml or *.yml specs found in ${this.args.join(', ')}`);
    for (const i of inputs) this.inputs.set(resolve(i.path), i);
    for (const file of this.tracked()) this.hashes.set(file, hashOf(file));
    return inputs;
  }

  /** After a rebuild: the import closure of each rebuilt spec, by parsing its `import`/`location` (`from`) entries. */
  recordImports(inputs: readonly SpecPathInput[]): void {
    for (const i of inputs) {
      const spec = resolve(i.path);
      const closure = new Set<string>();
      const queue = [spec];
      while (queue.length) {
        const file = queue.pop()!;
        for (const target of importLocations(file)) {
          if (closure.has(target) || target === spec) continue;
          closure.add(target);
          queue.push(target);
        }
      }
      this.imports.set(spec, closure);
      for (const file of closure) if (!this.hashes.has(file)) this.hashes.set(file, hashOf(file));
    }
  }

  /** Specs to rebuild since the last call, and spec files that disappeared. */
  changes(): { affected: SpecPathInput[]; removed: string[]; all: SpecPathInput[] } {
    let current: SpecPathInput[];
    try {
      current = expandInputs(this.args, this.layout);
    } catch {
      current = [];
    }
    const now = new Map(current.map((i) => [resolve(i.path), i]));
    const removed = [...this.inputs.keys()].filter((p) => !now.has(p));
    for (const p of removed) {
      this.imports.delete(p);
    }
    const changed = new Set<string>();
    for (const file of new Set([...this.hashes.keys(), ...now.keys()])) {
      const hash = hashOf(file);
      if (this.hashes.get(file) !== hash || !this.hashes.has(file)) changed.add(file);
      if (hash === undefined && !now.has(file) && !this.isImported(file)) this.hashes.delete(file);
      else this.hashes.set(file, hash);
    }
    this.inputs = now;
    const affected = current.filter((i) => {
      const path = resolve(i.path);
      if (changed.has(path)) return true;
      for (const imported of this.imports.get(path) ?? []) if (changed.has(imported)) return true;
      return false;
    });
    return { affected, removed: removed.filter((p) => changed.has(p)), all: current };
  }

  /** Every directory under the arguments (a file argument's folder), to watch for events. */
  directories(): string[] {
    const dirs = new Set<string>();
    const walk = (dir: string) => {
      dirs.add(dir);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(resolve(dir, e.name));
    };
    for (const arg of this.args) {
      let isDir = false;
      try {
        isDir = statSync(arg).isDirectory();
      } catch {
        /* watched through its parent below */
      }
      if (isDir) walk(resolve(arg));
      else dirs.add(dirname(resolve(arg)));
    }
    for (const closure of this.imports.values()) for (const file of closure) dirs.add(dirname(file));
    return [...dirs];
  }

  private isImported(file: string): boolean {
    for (const closure of this.imports.values()) if (closure.has(file)) return true;
    return false;
  }

  private tracked(): string[] {
    return [...this.inputs.keys(), ...[...this.imports.values()].flatMap((s) => [...s])];
  }
}

function hashOf(file: string): string | undefined {
  try {
    return createHash('sha1').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Absolute paths of the files a spec imports (`import` + `location`/`from` entries anywhere in it). */
function importLocations(file: string): string[] {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'), { maxAliasCount: 1000 });
  } catch {
    return [];
  }
  const found: string[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 64 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1));
    const record = node as Record<string, unknown>;
    // `location` in naftiko documents, `from` in Ikanos ones.
    const target = 'import' in record ? [record.location, record.from].find((v): v is string => typeof v === 'string') : undefined;
    if (target !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(target.replace(/^file:\/\//, ''))) {
      found.push(resolve(dirname(file), target.replace(/^file:\/\//, '')));
    }
    for (const value of Object.values(record)) visit(value, depth + 1);
  };
  visit(data, 0);
  return found;
}
