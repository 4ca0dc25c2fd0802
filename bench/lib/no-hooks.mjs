// The generated seed service without src/hooks.ts: the same compiled project with main.ts starting
// the service with no hooks at all, to measure what an empty hooks file costs on the hot path.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Copies a compiled project (its dist/) to `dest` with dist/main.js passing no hooks; undefined for a commit without hooks. */
export function withoutHooks(svcDir, dest) {
  const main = join(svcDir, 'dist', 'main.js');
  if (!existsSync(join(svcDir, 'src', 'hooks.ts'))) return undefined;
  const source = readFileSync(main, 'utf8');
  const edited = source.replace(/^import hooks from '\.\/hooks\.js';\n/m, '').replace('startService({ config, logger, hooks', 'startService({ config, logger');
  if (edited === source || edited.includes('hooks')) throw new Error(`dist/main.js changed shape; cannot start it without hooks:\n${source}`);
  cpSync(svcDir, dest, { recursive: true, filter: (path) => !path.endsWith('/node_modules') });
  writeFileSync(join(dest, 'dist', 'main.js'), edited);
  return dest;
}
