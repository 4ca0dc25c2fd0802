/** src/control.gen.ts: what the control adapter's GET /config shows: settings and set/unset flags. */
import type { CapabilityModel } from '../../model/types.js';
import { lit } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { tsFile } from './morph.js';

export function emitControl(model: CapabilityModel): GeneratedFile {
  const secrets = model.env.filter((e) => e.secret).map((e) => lit(e.name));
  const settings = ['host', 'logLevel', 'upstreamTimeoutMs', 'upstreamMaxRetries', 'upstreamMaxResponseBytes'];
  if (model.rest) settings.push('restPort');
  if (model.mcp?.port !== undefined) settings.push('mcpPort', 'mcpAllowedHosts', 'mcpAllowedOrigins');
  if (model.skill) settings.push('skillPort');
  settings.push('controlHost', 'controlPort');
  return tsFile(
    'src/control.gen.ts',
    model.sourceFile,
    [
      { moduleSpecifier: './config.gen.js', namedImports: ['ENV_VARS', 'type Config'] },
      { moduleSpecifier: './runtime/control.js', namedImports: ['environmentStatus', 'type EnvStatus'] },
    ],
    (w) => {
      w.writeLine('/** Variables holding secrets: GET /config says whether they are set, never their values. */');
      w.writeLine(`const SECRET_VARS: ReadonlySet<string> = new Set<string>([${secrets.join(', ')}]);`).blankLine();
      w.writeLine('/** The typed settings; `config.vars` (secrets and base URLs) is left out on purpose. */');
      w.write('export function publicSettings(config: Config): Record<string, unknown>').block(() => {
        w.writeLine(`return { ${settings.map((s) => `${s}: config.${s}`).join(', ')} };`);
      });
      w.blankLine();
      w.write('export function environment(env: NodeJS.ProcessEnv): EnvStatus[]').block(() => {
        w.writeLine('return environmentStatus(ENV_VARS, SECRET_VARS, env);');
      });
    },
  );
}
