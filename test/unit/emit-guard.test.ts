/**
 * The guards around the escaping mechanism: the type system refuses spec text written into code
 * without it (fixtures/raw-strings.ts must compile only because each bypass is an error), and a
 * scan of src/ finds no way around it that the types cannot see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tsc } from '../helpers/tsc.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Files of the mechanism itself: the only ones that may build text for code. */
const MECHANISM = /^src\/emit\/(code\/|code\.ts$|text\.ts$)/;

describe('the escaping mechanism', () => {
  it('is the only way to write into code: every bypass in fixtures/raw-strings.ts is a type error', () => {
    const { status, output } = tsc([
      '--ignoreConfig', '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--skipLibCheck',
      join(ROOT, 'test/unit/fixtures/raw-strings.ts'),
    ]);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  const files = sources(SRC).map((path) => ({ path: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
  const outside = files.filter((f) => !MECHANISM.test(f.path));

  it('cannot be reached around: no writer, no internals, no casts to Code outside src/emit/code/', () => {
    const findings = outside.flatMap(({ path, text }) => [
      ...(/from 'code-block-writer'/.test(text) ? [`${path}: imports code-block-writer`] : []),
      ...[...text.matchAll(/from '[./]*\/?code\/(\w+)\.js'/g)].map((m) => `${path}: imports the mechanism's internal ${m[1]}.js`),
      ...[...text.matchAll(/\bas (unknown as )?Code\b|<Code>/g)].map(() => `${path}: casts to Code`),
      ...[...text.matchAll(/\bas (unknown as )?(SafeIdent|Safe<)/g)].filter(() => path !== 'src/model/naming.ts').map(() => `${path}: casts to a safe type`),
    ]);
    expect(findings).toEqual([]);
  });

  it('writes generated files from Code, handlebars views, JSON.stringify or templates only', () => {
    // A GeneratedFile literal's contents outside the mechanism (prettier's output of them aside, and
    // type annotations): anything else would be text built by hand.
    const allowed = /^contents: (render\(|template\(|yamlStream\(|`\$\{JSON\.stringify\(|await prettier\.format\(file\.contents|string\b)/;
    const findings = outside
      .filter((f) => f.path.startsWith('src/emit/'))
      .flatMap(({ path, text }) => [...text.matchAll(/contents: [^,}\n]*/g)].filter((m) => !allowed.test(m[0])).map((m) => `${path}: ${m[0]}`));
    expect(findings).toEqual([]);
  });
});
