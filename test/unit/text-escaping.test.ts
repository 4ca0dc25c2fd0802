/**
 * The escaping mechanism of prose and configuration files (src/emit/text.ts), one context at a
 * time, each checked by a real reader of that context: markdown-it (CommonMark and GFM tables) for
 * README.md, Node's dotenv parser and a POSIX shell for .env.example, the yaml package (as YAML 1.1,
 * what Kubernetes reads, and 1.2) for the manifest. Hostile payloads first, then arbitrary strings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { commentLine, envName, envValue, markdown, markdownCell, markdownCellCode, markdownCode, markdownComment, slug, yamlStream } from '../../src/emit/text.js';

const CANARY = 'javascript:CANARY()';
const PAYLOADS = [
  'plain text',
  '',
  `[x](${CANARY})`,
  `<${CANARY}>`,
  `![x](${CANARY})`,
  `[x]\n\n[x]: ${CANARY}`,
  `[x][y] [y]: ${CANARY}`,
  '</script><script>CANARY()</script>',
  '<img src=x onerror="CANARY()">',
  '--><script>CANARY()</script><!--',
  '--!><script>CANARY()</script>',
  '\\[x\\](javascript:CANARY())',
  '\\<script>CANARY()</script>',
  '| CANARY | cell |',
  '`` code ` span ``',
  '`|` CANARY',
  'a\nCANARY=1\nb',
  ...['\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c'].map((eol) => `a${eol}CANARY=1`),
  "it's \"quoted\" $HOME `id` $(id) ; & | # ~",
  '\u202e bidi \u200b zero-width \ufeff bom \u0000 nul \u001b[31m escape',
  '\ud800 lone high',
  'emoji 😀 and 顧客 & &lt;entity&gt;',
  'www.example.com http://example.com',
];
const strings = fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '<', '>', '\\', '`', '|', '!', ':', 'j', '\n', ' '), maxLength: 30 }));

const md = new MarkdownIt({ html: true, linkify: true });

type Token = ReturnType<typeof md.parse>[number];
function tokens(source: string): Token[] {
  return md.parse(source, {}).flatMap((t) => [t, ...(t.children ?? [])]);
}

const OUR_LINK = 'https://example.com/ours';

/**
 * Nothing but text and formatting: no HTML, no image, no link made by link syntax or `<...>`
 * (only our own, and GFM's bare http(s) and www autolinks, which cannot name another scheme).
 */
function expectInert(source: string): void {
  const found = tokens(source).filter((t) => /^(html_|image)/.test(t.type) || (t.type === 'link_open' && t.markup !== 'linkify' && t.attrGet('href') !== OUR_LINK));
  expect(found.map((t) => `${t.type} ${t.attrGet('href') ?? ''}`), source).toEqual([]);
  for (const t of tokens(source).filter((t) => t.type === 'link_open')) expect(t.attrGet('href'), source).toMatch(/^(https?:|mailto:)/);
}

/** What a one-line context keeps of a text: runs of line breaks, controls and invisible characters become one space. */
const oneLine = (text: string) =>
  text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .trim();

function tableCells(cell: string): string[] {
  const body = tokens(`| a | b |\n| --- | --- |\n| ${cell} | end |\n`);
  const start = body.findIndex((t) => t.type === 'tbody_open');
  return body.slice(start).filter((t) => t.type === 'td_open').map((_, i) => String(i));
}

describe('Markdown prose (markdown)', () => {
  it('makes no HTML, link, image or link reference, wherever the line is written', () => {
    fc.assert(
      fc.property(strings, (text) => {
        const safe = markdown(text);
        for (const source of [safe, `Text before ${safe} and after.`, `# ${safe}`, `- ${safe}`, `[link](${OUR_LINK}) ${safe}`]) expectInert(source);
        expect(safe).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
      }),
      { numRuns: 400 },
    );
  });

  it('shows the text as it is written, on one line', () => {
    for (const text of ['a [b] <c> \\d', `[x](${CANARY})`, 'x < y > z']) {
      const rendered = tokens(markdown(text)).filter((t) => t.type === 'text').map((t) => t.content).join('');
      expect(rendered).toBe(oneLine(text));
    }
  });
});

describe('Markdown table cells (markdownCell, markdownCellCode)', () => {
  it('stay one cell, inert', () => {
    fc.assert(
      fc.property(strings, (text) => {
        expect(tableCells(markdownCell(text))).toHaveLength(2);
        expect(tableCells(`\`${markdownCellCode(text)}\``)).toHaveLength(2);
        expectInert(`| a | b |\n| --- | --- |\n| ${markdownCell(text)} | \`${markdownCellCode(text)}\` |\n`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Markdown code spans (markdownCode)', () => {
  it('are one code span holding the text, a backtick aside', () => {
    fc.assert(
      fc.property(strings, (text) => {
        const spans = tokens(`Run \`${markdownCode(text)}\` now.`).filter((t) => t.type === 'code_inline');
        const expected = oneLine(text).replace(/`/g, "'");
        // CommonMark strips one space from each end of a span that starts and ends with one.
        if (expected.trim() === '') return;
        expect(spans).toHaveLength(1);
        expect(spans[0]!.content.trim()).toBe(expected.trim());
      }),
      { numRuns: 300 },
    );
  });
});

describe('HTML comments in Markdown (markdownComment)', () => {
  it('stay one comment, with nothing after it', () => {
    fc.assert(
      fc.property(strings, (text) => {
        const source = `<!-- Code generated from ${markdownComment(text)}. -->\n\n# Title\n`;
        const html = md.render(source);
        expect(html.startsWith('<!--')).toBe(true);
        expect(html.indexOf('-->')).toBe(html.lastIndexOf('-->'));
        expect(html.slice(html.indexOf('-->') + 3).trim()).toBe('<h1>Title</h1>');
      }),
      { numRuns: 300 },
    );
  });
});

describe('.env.example and Dockerfile lines (commentLine, envName, envValue)', () => {
  it('a comment line starts no variable or instruction', () => {
    fc.assert(
      fc.property(strings, (text) => {
        const line = commentLine(text);
        expect(line).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
        expect(parseEnv(`# ${line}\nA=1\n`)).toEqual({ A: '1' });
      }),
      { numRuns: 400 },
    );
  });

  it('a value reads back as itself, or empty (the default applies), to dotenv and to a shell alike', () => {
    const values = [...PAYLOADS, 'https://api.example.com/v1', 'a b', '100%', 'x=y', '[::1]', "can't", 'tab\there'];
    const file = values.map((v, i) => `V${i}=${envValue(v)}`).join('\n') + '\n';
    const dotenv = parseEnv(file);
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-env-'));
    try {
      writeFileSync(join(dir, '.env'), file);
      const script = `. ./.env; ${values.map((_, i) => `printf '%s\\0' "$V${i}"`).join('; ')}`;
      const shell = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
      expect(shell.status, shell.stderr).toBe(0);
      const read = shell.stdout.split('\0').slice(0, -1);
      values.forEach((value, i) => {
        // A lone surrogate cannot be written to a UTF-8 file: it reads back as U+FFFD.
        const expected = envValue(value) === '' ? '' : value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
        expect(dotenv[`V${i}`], JSON.stringify(value)).toBe(expected);
        expect(read[i], JSON.stringify(value)).toBe(expected);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names are variable names or refused', () => {
    expect(envName('LAGO_BASE_URL')).toBe('LAGO_BASE_URL');
    for (const bad of ['1UP', 'A-B', 'A\nB=1', '', 'A B']) expect(() => envName(bad)).toThrow(/not an environment variable name/);
  });
});

describe('slugs (Kubernetes object names, image references in README commands)', () => {
  it('are lowercase letters, digits, ".", ":" and "-", or refused', () => {
    expect(slug('lago-customers:0.1.0')).toBe('lago-customers:0.1.0');
    for (const bad of ['Lago', 'a b', 'a;rm -rf /', '-a', '`id`', 'a\nb']) expect(() => slug(bad)).toThrow(/not a slug/);
  });
});

describe('YAML streams (yamlStream)', () => {
  it('give back exactly the objects, as YAML 1.1 and 1.2, with the header as comments', () => {
    fc.assert(
      fc.property(fc.array(strings, { minLength: 1, maxLength: 4 }), strings, (texts, header) => {
        const objects = [{ kind: 'A', values: texts, byName: Object.fromEntries(texts.map((t, i) => [`k${i}`, t])) }, { kind: 'B', name: texts[0]! }];
        const stream = yamlStream(objects, [`from ${header}`, 'second line']);
        for (const version of ['1.1', '1.2'] as const) {
          const docs = parseAllDocuments(stream, { version });
          if (!Array.isArray(docs)) throw new Error('not a YAML stream');
          expect(docs.map((d) => d.errors)).toEqual([[], []]);
          expect(docs.map((d) => d.toJS())).toEqual(objects);
        }
        // Exactly two comment lines before the first document.
        expect(stream.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(2);
      }),
      // A blank first line (' \n') once came back without its space: a literal block's indentation.
      { numRuns: 200, examples: [[[' \n', 'plain text'], 'plain text']] },
    );
  });
});
