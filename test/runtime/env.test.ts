import { describe, expect, it } from 'vitest';
import { ConfigError, combineConfigErrors, envInt, envList, envPort, requireEnv } from '../../templates/runtime/env.js';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('requireEnv', () => {
  it('returns every requested value', () => {
    expect(requireEnv({ A: 'a', B: 'b c', C: 'x' }, ['A', 'B'])).toEqual({ A: 'a', B: 'b c' });
  });

  it('lists all missing variables together, empty and blank values included', () => {
    const error = configError(() => requireEnv({ A: 'a', B: '', C: '   ' }, ['A', 'B', 'C', 'D']));
    expect(error.missing).toEqual(['B', 'C', 'D']);
    expect(error.message.split('\n')).toEqual([
      'Missing or invalid environment variables:',
      '  - B: is not set',
      '  - C: is not set',
      '  - D: is not set',
      'See .env.example for the expected variables.',
    ]);
    expect(error.name).toBe('ConfigError');
  });

  it('combines problems from several checks into one report', () => {
    const errors = [
      configError(() => requireEnv({}, ['LAGO_API_KEY'])),
      configError(() => envPort({ PORT: 'abc' }, 'PORT', 3000)),
    ];
    const combined = combineConfigErrors(errors);
    expect(combined.missing).toEqual(['LAGO_API_KEY', 'PORT']);
    expect(combined.message).toContain('  - PORT: must be an integer port between 0 and 65535, got "abc"');
  });
});

describe('numbers and lists', () => {
  it('parses ports and falls back when unset or empty', () => {
    expect(envPort({ PORT: '8080' }, 'PORT', 3000)).toBe(8080);
    expect(envPort({ PORT: ' 0 ' }, 'PORT', 3000)).toBe(0);
    expect(envPort({ PORT: '' }, 'PORT', 3000)).toBe(3000);
    expect(envPort({}, 'PORT', 3000)).toBe(3000);
  });

  it.each(['65536', '-1', '80.5', '1e3', '0x50', 'http'])('rejects the port %j', (value) => {
    expect(configError(() => envPort({ PORT: value }, 'PORT', 1)).missing).toEqual(['PORT']);
  });

  it('parses non-negative integers', () => {
    expect(envInt({ T: '30000' }, 'T', 5)).toBe(30_000);
    expect(envInt({}, 'T', 5)).toBe(5);
    expect(() => envInt({ T: '-5' }, 'T', 5)).toThrow(/T: must be a non-negative integer/);
    expect(() => envInt({ T: '99999999999999999999' }, 'T', 5)).toThrow(ConfigError);
  });

  it('splits comma separated lists, trimming and dropping empties', () => {
    expect(envList({ H: ' a.example , b.example,,  ' }, 'H', ['x'])).toEqual(['a.example', 'b.example']);
    expect(envList({}, 'H', ['x'])).toEqual(['x']);
    const fallback = ['y'];
    expect(envList({ H: '' }, 'H', fallback)).not.toBe(fallback);
  });
});
