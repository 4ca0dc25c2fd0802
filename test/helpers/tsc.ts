/** Runs the repository's TypeScript compiler (the version generated projects pin) on a project. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

/** `node` is the Node.js binary that runs the compiler; default the one running the tests. */
export function tsc(args: readonly string[], node = process.execPath): { status: number | null; output: string } {
  const result = spawnSync(node, [TSC, ...args], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
