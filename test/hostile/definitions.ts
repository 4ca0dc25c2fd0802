/**
 * The hostile spec cases. `UPDATE_GOLDEN=1 npx vitest run test/hostile/specs.test.ts` writes them to
 * test/hostile/cases/<name>/ (spec file + expect.json); the test checks the committed files equal
 * these definitions, then holds the generator to each expect.json.
 */
import { stringify } from 'yaml';
import { buildSpec, type SpecParts } from './spec-builder.js';

export type Expectation =
  | { readonly outcome: 'generates'; readonly text: string; readonly run?: boolean }
  /** Positions (`line`, `col`) are recorded in expect.json by the first run and reviewed. */
  | { readonly outcome: 'rejected'; readonly code: string; readonly line?: number; readonly col?: number; readonly message?: string };

export interface HostileCase {
  readonly name: string;
  /** The spec file's name inside the case folder (the project directory comes from it). */
  readonly file?: string;
  readonly bytes: Buffer;
  /** Other files of the case folder (imported files). */
  readonly extra?: Readonly<Record<string, Buffer>>;
  readonly expect: Expectation;
}

/** Breaks a JS/TS string, template literal, comment or HTML script block if spliced unescaped. */
export const CODE_BREAKERS = '*/ /* `${process.exit(1)}` ${"x"} " \' \\ \\u0041 \\n </script><script>alert(1)</script> <!-- --> | cell | #{x} %s %d';
export const LINE_BREAKS = 'a\nb\r\nc\rd\u2028e\u2029f\tg\n\n  indented\n# not a comment\n- not a list';
export const CONTROLS = '\u0000nul \u0001\u0002\u0007\b\u000b\f\u000e\u001b[31mred\u001b[0m\u007f\u009f end';
export const UNICODE = 'é 中文 😀 \u200b\u200e\u202e reversed \ufeff bom-in-text \ufffd';
export const LONG = `${CODE_BREAKERS}${LINE_BREAKS}${CONTROLS}${UNICODE}`.repeat(120);

const yamlOf = (value: unknown): string => stringify(value, { lineWidth: 0 });
const specText = (parts: SpecParts): string => yamlOf(buildSpec(parts));
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const generates = (name: string, text: string, run = true): HostileCase => ({ name, bytes: utf8(specText({ text })), expect: { outcome: 'generates', text, run } });
const rejected = (name: string, bytes: Buffer, code: string, file?: string): HostileCase => ({
  name,
  bytes,
  expect: { outcome: 'rejected', code },
  ...(file ? { file } : {}),
});

const VALID = specText({ text: 'plain' });
/** Inserts raw bytes into the valid spec in place of the first occurrence of `marker`. */
function spliceBytes(marker: string, bytes: Buffer): Buffer {
  const at = VALID.indexOf(marker);
  return Buffer.concat([utf8(VALID.slice(0, at)), bytes, utf8(VALID.slice(at + marker.length))]);
}

function aliasBomb(): string {
  const lines = ['naftiko: 1.0.0-alpha2', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

export const CASES: readonly HostileCase[] = [
  generates('text-code-breakers', CODE_BREAKERS),
  generates('text-line-breaks', LINE_BREAKS),
  generates('text-control-characters', CONTROLS),
  generates('text-unicode', UNICODE),
  generates('text-very-long', LONG),
  // Mapped outputs put the text into property names, string literals and JSON Schemas.
  { name: 'mapped-output-names', bytes: utf8(specText({ text: CODE_BREAKERS + UNICODE, mappedOutput: true })), expect: { outcome: 'generates', text: CODE_BREAKERS + UNICODE, run: true } },
  { name: 'bom', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(VALID)]), expect: { outcome: 'generates', text: 'plain', run: false } },
  {
    name: 'ref-and-url-values',
    bytes: utf8(
      yamlOf({
        ...buildSpec({ text: 'https://169.254.169.254/latest/meta-data $ref: #/x' }),
        $ref: 'https://example.com/evil.yaml',
      }),
    ),
    expect: { outcome: 'generates', text: 'https://169.254.169.254/latest/meta-data $ref: #/x', run: false },
  },
  rejected('alias-bomb', utf8(aliasBomb()), 'NG0002'),
  rejected('deep-nesting-flow', utf8(`naftiko: 1.0.0-alpha2\nx: ${'['.repeat(500)}${']'.repeat(500)}\n`), 'NG0002'),
  rejected('deep-nesting-block', utf8(`naftiko: 1.0.0-alpha2\n${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} v\n`), 'NG0002'),
  rejected('duplicate-keys', utf8(VALID.replace('  description: plain\n', '  description: plain\n  description: again\n')), 'NG0002'),
  rejected('invalid-utf8', spliceBytes('plain', Buffer.from([0x70, 0xff, 0xfe, 0x6c])), 'NG0008'),
  rejected('overlong-utf8', spliceBytes('plain', Buffer.from([0xc0, 0xaf])), 'NG0008'),
  rejected('utf16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]), 'NG0008'),
  rejected('namespace-traversal', utf8(specText({ text: 't', namespace: '../../../evil' })), 'NG3001'),
  rejected('namespace-absolute', utf8(specText({ text: 't', namespace: '/tmp/evil' })), 'NG3001'),
  rejected('namespace-code', utf8(specText({ text: 't', namespace: "a'b`${x}`*/" })), 'NG3001'),
  (() => {
    const spec = buildSpec({ text: 't' });
    const capability = spec.capability as { consumes: Array<Record<string, unknown>> };
    const consumes = [...capability.consumes, { ...capability.consumes[0], namespace: 'UP' }];
    return rejected('namespace-case-clash', utf8(yamlOf({ ...spec, capability: { ...capability, consumes } })), 'NG3002');
  })(),
  rejected('namespace-windows-device', utf8(specText({ text: 't', namespace: 'con' })), 'NG3001'),
  rejected('reserved-name-windows-device', utf8(VALID), 'NG0006', 'NUL.yaml'),
  rejected('tool-name-code', utf8(specText({ text: 't', tool: 'x*/`${process.exit(1)}`' })), 'NG2107'),
  rejected('tool-name-too-long', utf8(specText({ text: 't', tool: 'x'.repeat(65) })), 'NG2107'),
  ...['https://example.com/x.yaml', 'http://169.254.169.254/latest', '/etc/passwd', 'file:///etc/passwd', '../../../../../../etc/passwd'].map((location, i) =>
    rejected(
      `import-${['https', 'metadata-url', 'absolute', 'file-url', 'traversal'][i]}`,
      utf8(
        yamlOf({
          ...buildSpec({ text: 't' }),
          capability: { ...(buildSpec({ text: 't' }).capability as object), consumes: [{ location, import: 'up' }] },
        }),
      ),
      'NG2118',
    ),
  ),
  {
    name: 'import-invalid-utf8',
    bytes: utf8(
      yamlOf({
        ...buildSpec({ text: 't' }),
        capability: { ...(buildSpec({ text: 't' }).capability as object), consumes: [{ location: './shared.yaml', import: 'up' }] },
      }),
    ),
    extra: {
      'shared.yaml': Buffer.concat([
        utf8(yamlOf({ naftiko: '1.0.0-alpha2', consumes: (buildSpec({ text: 't' }).capability as { consumes: unknown[] }).consumes }).replace('description: t', 'description: "t')),
        Buffer.from([0xff, 0x22, 0x0a]),
      ]),
    },
    expect: { outcome: 'rejected', code: 'NG2118' },
  },
  rejected('reserved-name-node-modules', utf8(VALID), 'NG0006', 'node_modules.yaml'),
  rejected('reserved-name-src', utf8(VALID), 'NG0006', 'SRC.yaml'),
  rejected('unusable-name-spaces', utf8(VALID), 'NG0006', 'my spec.yaml'),
  rejected('unusable-name-dot', utf8(VALID), 'NG0006', '..yaml'),
  rejected('not-a-mapping', utf8('- naftiko: 1.0.0-alpha2\n'), 'NG0003'),
];
