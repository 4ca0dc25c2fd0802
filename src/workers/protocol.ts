/** Messages between the build and its generation workers (structured-clone safe: plain data only). */
import type { PipelineOptions, SpecResult } from '../pipeline.js';
import type { SpecPathInput } from '../write/inputs.js';
import type { SharedContracts } from '../openapi/set.js';

/** The batch options a worker needs; it loads templates, schemas and the generator info itself. */
export type WorkerData = Pick<PipelineOptions, 'emit' | 'strict' | 'skipInvalid' | 'packageScope' | 'dependencyOverrides' | 'surfaces'> & {
  readonly reuseFrom?: string | undefined;
  /** `--openapi`: the documents as the main thread parsed them. */
  readonly contracts?: SharedContracts | undefined;
};

export interface SpecTask {
  readonly index: number;
  readonly input: SpecPathInput;
}

export type WorkerReply = { readonly index: number; readonly result: SpecResult } | { readonly error: string; readonly stack?: string | undefined };
