/**
 * The escaping mechanism for the prose and configuration files a project gets from spec text:
 * README.md (Markdown), .env.example and the Dockerfile. Handlebars renders them from views whose
 * every string is a `Safe<context>` made here (render() takes nothing else), with noEscape: the
 * escaping below is the only escaping, and it is the one right for where the value is written.
 */
import { Document } from 'yaml';
import { CONTROLS_AND_UNSAFE, LONE_SURROGATE } from './code/escape.js';

declare const context: unique symbol;
/** Text escaped for one context of a prose or config file; only this module makes one. */
export type Safe<C extends TextContext> = string & { readonly [context]: C };
export type TextContext = 'fixed' | 'slug' | 'yaml' | 'markdown' | 'markdown-cell' | 'markdown-code' | 'markdown-comment' | 'example-name' | 'env-name' | 'env-value' | 'comment-line';

const safe = <C extends TextContext>(text: string): Safe<C> => text as Safe<C>;

/** Text written in our own source (a string literal type, never a computed `string`). */
export function fixed<T extends string>(text: string extends T ? never : T): Safe<'fixed'> {
  return safe(text);
}

/** One line of prose: each run of line breaks, controls and invisible characters becomes one space. */
function proseLine(text: string): string {
  return text.replace(PROSE_BREAKS, ' ').replace(LONE_SURROGATE, '\ufffd').trim();
}

const PROSE_BREAKS = new RegExp(`(?:${CONTROLS_AND_UNSAFE.source})+`, 'g');

/**
 * Markdown prose from a spec, shown as the text it is: one line, a backslash that would escape
 * something escaped itself (so it cannot undo the escapes below), `<` as `&lt;` (no HTML, no `<javascript:...>` autolink), and `[` `]`
 * escaped, so no link, image or link reference is made of it.
 */
export function markdown(text: string): Safe<'markdown'> {
  return safe(markdownText(text));
}

function markdownText(text: string): string {
  return proseLine(text).replace(ESCAPING_BACKSLASH, '\\\\').replace(/[[\]]/g, '\\$&').replace(/</g, '&lt;');
}

/** A backslash Markdown reads as an escape: before ASCII punctuation (or at the end, a line break). */
const ESCAPING_BACKSLASH = /\\(?=[!-/:-@[-`{-~]|$)/g;

/** A Markdown table cell: prose whose `|` cannot end the cell (GFM never splits at `\|`) and whose backticks open no code span. */
export function markdownCell(text: string): Safe<'markdown-cell'> {
  return safe(markdownText(text).replace(/\|/g, '\\|').replace(/`/g, "'"));
}

/** Text inside a code span: literal to Markdown, so only a backtick (which would close the span) is replaced. */
export function markdownCode(text: string): Safe<'markdown-code'> {
  return safe(proseLine(text).replace(/`/g, "'"));
}

/** Text inside a code span in a table cell: also no `|`, which ends the cell even there (GFM never splits at `\|`). */
export function markdownCellCode(text: string): Safe<'markdown-code'> {
  return safe(proseLine(text).replace(/`/g, "'").replace(/\|/g, '\\|'));
}

/** Text inside an HTML comment `<!-- ... -->`: no `>`, so neither `-->` nor `--!>` can close it early. */
export function markdownComment(text: string): Safe<'markdown-comment'> {
  return safe(proseLine(text).replace(/>/g, '&gt;'));
}

/** One line after `#` in .env.example or the Dockerfile: no line break can start a variable or an instruction. */
export function commentLine(text: string): Safe<'comment-line'> {
  return safe(proseLine(text));
}

const EXAMPLE_NAME = /^[A-Za-z0-9._-]{1,80}$/;

/**
 * A spec name quoted in a fenced TypeScript example of the README (`'orders.get-order': {...}`):
 * shown as it is when it is letters, digits, `.`, `_` and `-` only (the same in Markdown and in a
 * string literal), else the example uses `fallback`, a name from our own source.
 */
export function exampleName<T extends string>(name: string | undefined, fallback: string extends T ? never : T): Safe<'example-name'> {
  return safe(name !== undefined && EXAMPLE_NAME.test(name) ? name : fallback);
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An environment variable name (the model checks every one: NG2203, NG2150). */
export function envName(name: string): Safe<'env-name'> {
  if (!ENV_NAME.test(name)) throw new TypeError(`internal error: ${JSON.stringify(name)} is not an environment variable name`);
  return safe(name);
}

/**
 * Characters a value keeps unquoted in .env.example: the same to a shell, dotenv and
 * `docker --env-file`. No `$`, backtick, quote, `;`, `&`, `|`, `(`, `#`, `~`, space or line break.
 */
const PLAIN_VALUE = /^[A-Za-z0-9_.,:/@%+=[\]-]*$/;

/**
 * A value after `NAME=` in .env.example: as it is when every reader takes it literally, else in
 * single quotes (literal to a shell and to dotenv). A value that cannot be quoted that way (a
 * quote, a control or an invisible character in it) is left empty: the variable then takes its
 * default, which its comment names.
 */
export function envValue(text: string): Safe<'env-value'> {
  if (PLAIN_VALUE.test(text)) return safe(text);
  // Quotes end the quoting; controls and invisible characters would show a value that is not there.
  const unquotable = text.includes("'") || new RegExp(CONTROLS_AND_UNSAFE.source).test(text);
  return safe(unquotable ? '' : `'${text.replace(LONE_SURROGATE, '\ufffd')}'`);
}

/** A Docker image name from a project id: lower case, [a-z0-9._-], starting with a letter or digit. */
export function imageName(id: string): Safe<'fixed'> {
  return safe(id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'service');
}

const SLUG = /^[a-z0-9][a-z0-9.:-]*$/;

/**
 * A name already reduced to lowercase letters, digits, `.`, `:` and `-` (a Kubernetes object name,
 * an image reference): it means the same in Markdown prose, a code span, a shell command and YAML.
 */
export function slug(text: string): Safe<'slug'> {
  if (!SLUG.test(text)) throw new TypeError(`internal error: ${JSON.stringify(text)} is not a slug`);
  return safe(text);
}

/**
 * A YAML stream of typed objects (deploy/kubernetes.yaml), serialised by the yaml package, never
 * pasted together: spec text is only ever a scalar value, which the package quotes wherever a YAML
 * 1.1 reader (Kubernetes reads 1.1: `on`, `yes`, `1:20`) or a 1.2 reader would see anything but that
 * string. `header` becomes the first document's comment, one `#` line per entry, with every line
 * break and control character in it replaced by `?`.
 */
export function yamlStream(objects: readonly object[], header: readonly string[]): Safe<'yaml'> {
  const documents = objects.map((object, i) => {
    const doc = new Document(object, { aliasDuplicateObjects: false, version: '1.1' });
    if (i === 0) doc.commentBefore = header.map((line) => ` ${line.replace(YAML_COMMENT_BREAKS, '?')}`).join('\n');
    // Never block scalars: the yaml package writes ' \n' as a literal block whose only line is
    // blank, and a reader takes that line's spaces as indentation (' \n' came back as '\n').
    return doc.toString({ lineWidth: 0, blockQuote: false });
  });
  return safe(documents.join('---\n'));
}

/** What a YAML reader breaks a comment line at (\r too), or does not allow in one. */
const YAML_COMMENT_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

type Leaf = Safe<TextContext> | number | boolean | undefined;
/** A handlebars view: objects and arrays whose strings are all Safe values. */
export type View = { readonly [key: string]: Leaf | View | readonly (Leaf | View)[] };
