/** src/control.gen.ts: what the control adapter's GET /config shows: settings and set/unset flags. */
import type { CapabilityModel } from '../../model/types.js';
import { join, str, ts, tsFile } from '../code.js';
import type { GeneratedFile } from '../types.js';

export function emitControl(model: CapabilityModel): GeneratedFile {
  const secrets = model.env.filter((e) => e.secret).map((e) => str(e.name));
  const settings = [ts`host`, ts`logLevel`, ts`upstreamTimeoutMs`, ts`upstreamMaxRetries`, ts`upstreamMaxResponseBytes`];
  if (model.rest) settings.push(ts`restPort`);
  if (model.mcp?.port !== undefined) settings.push(ts`mcpPort`, ts`mcpAllowedHosts`, ts`mcpAllowedOrigins`);
  if (model.skill) settings.push(ts`skillPort`);
  settings.push(ts`controlHost`, ts`controlPort`);
  return tsFile(
    'src/control.gen.ts',
    model.sourceFile,
    [
      { moduleSpecifier: './config.gen.js', namedImports: ['ENV_VARS', 'type Config'] },
      { moduleSpecifier: './runtime/control.js', namedImports: ['environmentStatus', 'type EnvStatus'] },
    ],
    (w) => {
      w.writeLine(ts`/** Variables holding secrets: GET /config says whether they are set, never their values. */`);
      w.writeLine(ts`const SECRET_VARS: ReadonlySet<string> = new Set<string>([${join(secrets)}]);`).blankLine();
      w.writeLine(ts`/** The typed settings; \`config.vars\` (secrets and base URLs) is left out on purpose. */`);
      w.write(ts`export function publicSettings(config: Config): Record<string, unknown>`).block(() => {
        w.writeLine(ts`return { ${join(settings.map((s) => ts`${s}: config.${s}`))} };`);
      });
      w.blankLine();
      w.write(ts`export function environment(env: NodeJS.ProcessEnv): EnvStatus[]`).block(() => {
        w.writeLine(ts`return environmentStatus(ENV_VARS, SECRET_VARS, env);`);
      });
    },
  );
}
