/**
 * The Node.js binaries the seed projects are built and run on: the one running the tests, plus the
 * 22 and 24 lines installed by scripts/node-binaries.mjs (.ci/run does). In CI a missing one fails
 * the run; elsewhere it is skipped with a message. NAFTIKO_NODE_MATRIX=current (the second pass of
 * `npm test`, already on Node 24) keeps only the running one.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface NodeBinary {
  /** Major version line, e.g. "24". */
  readonly line: string;
  readonly path: string;
}

const SCRIPT = fileURLToPath(new URL('../../scripts/node-binaries.mjs', import.meta.url));
const OTHER_LINES = ['22', '24'];

export function testedNodes(): NodeBinary[] {
  const current: NodeBinary = { line: process.versions.node.split('.')[0]!, path: process.execPath };
  if (process.env.NAFTIKO_NODE_MATRIX === 'current') return [current];
  const nodes = [current];
  for (const line of OTHER_LINES.filter((l) => l !== current.line)) {
    const path = execFileSync(process.execPath, [SCRIPT, 'path', line], { encoding: 'utf8' }).trim();
    if (path) nodes.push({ line, path });
    else if (process.env.CI) throw new Error(`Node ${line} is not installed: run \`node scripts/node-binaries.mjs install\` (.ci/run does)`);
    else console.warn(`Node ${line} skipped: not installed (node scripts/node-binaries.mjs install)`);
  }
  return nodes;
}
