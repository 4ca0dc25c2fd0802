import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { createLogger, flushLog, parseLogLevel, silentLogger } from '../../templates/runtime/log.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const logger = createLogger({ ...(level ? { level } : {}), write: (line) => lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, ISO time and msg first', () => {
    const { logger, lines, parsed } = capture();
    logger.info('listening', { adapter: 'rest', url: 'http://127.0.0.1:1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const entry = parsed()[0];
    expect(Object.keys(entry ?? {}).slice(0, 3)).toEqual(['level', 'time', 'msg']);
    expect(entry).toMatchObject({ level: 'info', msg: 'listening', adapter: 'rest', url: 'http://127.0.0.1:1' });
    expect(new Date(String(entry?.['time'])).toISOString()).toBe(entry?.['time']);
  });

  it('filters by level (info by default)', () => {
    const { logger, parsed } = capture();
    logger.debug('hidden');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(parsed().map((e) => e['level'])).toEqual(['info', 'warn', 'error']);
    const quiet = capture('error');
    quiet.logger.warn('no');
    quiet.logger.error('yes');
    expect(quiet.lines).toHaveLength(1);
  });

  it('redacts secret-named fields at any depth, case-insensitively', () => {
    const { logger, lines, parsed } = capture();
    logger.info('call', {
      Authorization: 'Bearer abc',
      password: 'p1',
      TOKEN: 't1',
      apiKey: 'k1',
      'x-api-key': 'k2',
      client_secret: 's1',
      secret: 's2',
      headers: { authorization: 'Basic zzz', accept: 'json' },
      list: [{ accessToken: 't2' }],
    });
    const text = lines.join('');
    for (const secret of ['abc', 'p1', 't1', 'k1', 'k2', 's1', 's2', 'zzz', 't2']) expect(text).not.toContain(secret);
    expect(parsed()[0]).toMatchObject({ Authorization: '***', headers: { authorization: '***', accept: 'json' }, list: [{ accessToken: '***' }] });
  });

  it('serialises errors, bigints and cycles without throwing, and protects the envelope', () => {
    const { logger, parsed } = capture();
    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic['self'] = cyclic;
    logger.error('failed', { error: new Error('boom'), big: 10n, cyclic, level: 'fake', msg: 'fake' });
    const entry = parsed()[0];
    expect(entry).toMatchObject({ level: 'error', msg: 'failed', 'field.level': 'fake', 'field.msg': 'fake', big: '10' });
    expect(entry?.['error']).toMatchObject({ name: 'Error', message: 'boom' });
    expect(entry?.['cyclic']).toEqual({ name: 'c', self: '[Circular]' });
  });

  it('writes to stdout by default, the lines of one event-loop turn in one write', async () => {
    const original = process.stdout.write.bind(process.stdout);
    const written: string[] = [];
    process.stdout.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      const logger = createLogger();
      logger.info('hello');
      logger.info('again', { n: 2 });
      expect(written).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(written).toHaveLength(1);
      logger.info('third');
      flushLog();
      expect(written).toHaveLength(2);
    } finally {
      process.stdout.write = original;
    }
    const lines = written.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['hello', 'again', 'third']);
  });

  it.each([
    ['process.exit', 'process.exit(3);', 3],
    ['an uncaught exception', "throw new Error('crash');", 1],
    ['the end of the event loop', '', 0],
  ])('loses no line when the process ends by %s', async (_how, end, code) => {
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-log-'));
    try {
      const source = readFileSync(fileURLToPath(new URL('../../templates/runtime/log.ts', import.meta.url)), 'utf8');
      writeFileSync(join(dir, 'log.mjs'), transformSync(source, { loader: 'ts', format: 'esm' }).code);
      writeFileSync(join(dir, 'main.mjs'), `import { createLogger } from './log.mjs';\nconst logger = createLogger();\nfor (let i = 0; i < 2000; i++) logger.info('line', { i });\n${end}\n`);
      const child = spawnSync(process.execPath, [join(dir, 'main.mjs')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(child.status).toBe(code);
      const indexes = child.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { i: number }).i);
      expect(indexes).toEqual([...Array(2000).keys()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers a silent logger and a forgiving LOG_LEVEL parser', () => {
    expect(() => silentLogger.error('x', { a: 1 })).not.toThrow();
    expect(parseLogLevel(' DEBUG ')).toBe('debug');
    expect(parseLogLevel('verbose', 'warn')).toBe('warn');
    expect(parseLogLevel(undefined)).toBe('info');
  });
});
