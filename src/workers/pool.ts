/**
 * Generation on worker threads (`build --jobs`): emitting and formatting dominate a cold build and
 * each spec is independent, so specs are handed to a pool of workers one at a time and results
 * come back as they finish. The caller keeps input order; file contents never depend on which
 * worker made them, so output is byte-identical to a serial run.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SpecResult } from '../pipeline.js';
import type { SpecPathInput } from '../write/inputs.js';
import type { SpecTask, WorkerData, WorkerReply } from './protocol.js';

/** Below this many specs per worker, starting a worker (~0.2 s of module loading) costs more than it saves. */
export const MIN_SPECS_PER_WORKER = 8;
const MAX_AUTO_WORKERS = 4;

/** Set by scripts/bundle.mjs: the code runs from dist/naftiko-gen.cjs, beside dist/spec-worker.cjs. */
declare const __NAFTIKO_BUNDLED__: boolean | undefined;
const WORKER_FILE = fileURLToPath(new URL(typeof __NAFTIKO_BUNDLED__ !== 'undefined' ? './spec-worker.cjs' : './spec-worker.js', import.meta.url));

/**
 * How many workers to start for `specs` specs: `jobs` when given (1 = none), otherwise one per
 * core up to four, and never more than there are batches of MIN_SPECS_PER_WORKER specs. Under the
 * TypeScript sources (tests) there is no compiled worker file, so generation stays serial.
 */
export function workerCount(specs: number, jobs: number | undefined): number {
  if (!existsSync(WORKER_FILE)) return 0;
  const wanted = jobs ?? Math.min(availableParallelism(), MAX_AUTO_WORKERS);
  const useful = Math.min(wanted, Math.floor(specs / MIN_SPECS_PER_WORKER));
  return useful > 1 ? useful : 0;
}

/** Runs every input on `workers` threads; `onResult` sees each result as soon as it arrives. */
export function runOnWorkers(
  inputs: readonly SpecPathInput[],
  data: WorkerData,
  workers: number,
  onResult: (index: number, result: SpecResult) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let pending = inputs.length;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const feed = (worker: Worker) => {
      if (next >= inputs.length) return;
      const task: SpecTask = { index: next, input: inputs[next++]! };
      worker.postMessage(task);
    };
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(WORKER_FILE, { workerData: data });
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return finish(Object.assign(new Error(reply.error), { stack: reply.stack }));
        onResult(reply.index, reply.result);
        if (--pending === 0) return finish();
        feed(worker);
      });
      worker.on('error', finish);
      // Only finish() ends workers: any other exit (out of memory, process.exit) loses its spec.
      worker.on('exit', (code) => finish(new Error(`a generation worker exited with code ${code} before the batch was done`)));
      feed(worker);
    }
  });
}
