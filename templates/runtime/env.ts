// Startup configuration from environment variables. Every check reports all problems at once,
// so an operator fixes the deployment in one round instead of one variable per restart.

const HINT = 'See .env.example for the expected variables.';

export interface ConfigProblem {
  name: string;
  reason: string;
}

export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
  readonly missing: readonly string[];
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((problem) => `  - ${problem.name}: ${problem.reason}`);
    super(['Missing or invalid environment variables:', ...lines, HINT].join('\n'));
    this.problems = problems;
    this.missing = problems.map((problem) => problem.name);
  }
}

/** Merges the problems of several ConfigErrors (e.g. secrets and ports) into one report. */
export function combineConfigErrors(errors: readonly ConfigError[]): ConfigError {
  return new ConfigError(errors.flatMap((error) => error.problems));
}

function valueOf(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}

/** All-or-error: empty strings count as missing because an unset value in a .env file is "". */
export function requireEnv(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: ConfigProblem[] = [];
  for (const name of names) {
    const value = valueOf(env, name);
    if (value === undefined) problems.push({ name, reason: 'is not set' });
    else values[name] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values;
}

function parseInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number, what: string): number {
  const raw = valueOf(env, name);
  if (raw === undefined) return fallback;
  const text = raw.trim();
  const value = Number(text);
  // The regex rejects "1e3", "0x10", "-1" and "3.5", which Number() would otherwise accept.
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value > max) {
    throw new ConfigError([{ name, reason: `must be ${what}, got ${JSON.stringify(raw)}` }]);
  }
  return value;
}

export function envPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return parseInteger(env, name, fallback, 65_535, 'an integer port between 0 and 65535');
}

export function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return parseInteger(env, name, fallback, Number.MAX_SAFE_INTEGER, 'a non-negative integer');
}

export function envList(env: NodeJS.ProcessEnv, name: string, fallback: readonly string[]): string[] {
  const raw = valueOf(env, name);
  if (raw === undefined) return [...fallback];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
