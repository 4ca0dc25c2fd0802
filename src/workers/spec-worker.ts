/** A generation worker (`build --jobs`): runs the pipeline for each spec path it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { runSpecFile } from '../batch.js';
import { generatorInfo, loadOfficialSchemas, loadTemplates } from '../templates.js';
import { importResolvers } from '../write/imports.js';
import type { SpecTask, WorkerData, WorkerReply } from './protocol.js';
import { ContractSet } from '../openapi/set.js';

const { contracts, ...data } = workerData as WorkerData;
const options = {
  ...data,
  ...(contracts ? { contracts: new ContractSet(contracts) } : {}),
  templates: loadTemplates(),
  generator: generatorInfo(),
  ...(data.strict ? { schemas: loadOfficialSchemas() } : {}),
};
const resolverFor = importResolvers();

parentPort!.on('message', (task: SpecTask) => {
  runSpecFile(task.input, { ...options, imports: resolverFor(task.input.root) }).then(
    // The model is not sent back: only files and diagnostics leave the worker.
    (result) => reply({ index: task.index, result: { ...result, model: undefined } }),
    (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }),
  );
});

function reply(message: WorkerReply): void {
  parentPort!.postMessage(message);
}
