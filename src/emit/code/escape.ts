/**
 * The escaping rules of every lexical context spec text can be written into, as plain string
 * functions. Only the mechanism (src/emit/code/) and the prose contexts (src/emit/text.ts) call
 * them; emitters go through the typed constructors, never through these.
 */

/**
 * Characters that are legal in a TS string but hostile to the people and tools reading the code:
 * DEL and C1 controls (terminal escapes, U+0085 NEL), U+2028/U+2029 (line terminators), bidi
 * controls ("Trojan Source") and zero-width/BOM marks. JSON.stringify leaves them raw; they are
 * written as \uXXXX escapes in literals and replaced by spaces in comments.
 */
export const UNSAFE_RAW = /[\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** A surrogate half without its partner: not text, and written to a UTF-8 file as U+FFFD anyway. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Every character a comment, a Markdown line or an env file line must not carry raw. */
export const CONTROLS_AND_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

const hex4 = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Escapes the characters JSON.stringify leaves raw (see UNSAFE_RAW) in printed literal text. */
export function escapeRaw(json: string): string {
  return json.replace(UNSAFE_RAW, hex4);
}

/** A string value as a double-quoted literal: JSON's escapes (quotes, backslash, C0, lone surrogates) plus UNSAFE_RAW. */
export function jsonQuoted(value: string): string {
  return escapeRaw(JSON.stringify(value));
}

/**
 * A string value in prettier's quotes: single unless the text holds more single quotes than double
 * ones; only the enclosing quote is escaped (JSON's other escapes are all ones prettier keeps).
 */
export function prettierQuoted(value: string): string {
  const raw = jsonQuoted(value).slice(1, -1);
  const doubles = (raw.match(/"/g) ?? []).length;
  const singles = (raw.match(/'/g) ?? []).length;
  const quote = singles > doubles ? '"' : "'";
  const body = raw.replace(/\\(.)|(["'])/gs, (match, escaped: string | undefined, bare: string | undefined) => {
    const char = escaped ?? bare!;
    if (char === '"' || char === "'") return char === quote ? `\\${char}` : char;
    return match;
  });
  return `${quote}${body}${quote}`;
}

/** Text of a template literal between its backticks: no backtick, `${`, backslash or raw line break survives. */
export function templateText(value: string): string {
  return value.replace(TEMPLATE_SPECIAL, (c) => {
    if (c === '\\' || c === '`') return `\\${c}`;
    if (c === '${') return '\\${';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return hex4(c);
  });
}

const TEMPLATE_SPECIAL = new RegExp(`[\\\\\`]|\\$\\{|[\\u0000-\\u0008\\u000a-\\u001f]|${UNSAFE_RAW.source}|${LONE_SURROGATE.source}`, 'g');

/**
 * Text inside a `/** ... *\/` comment: no terminator (`*` `/` is written `*\/`); LF starts a new
 * ` * ` line; CR, U+2028, U+2029, U+0085, other controls and invisible characters become spaces.
 */
export function docText(text: string): string {
  return text
    .replace(/\*\//g, '*\\/')
    .replace(/[\u0000-\u0008\u000b-\u001f]/g, ' ')
    .replace(UNSAFE_RAW, ' ')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\n/g, '\n * ')
    .trim();
}

/** Text of a one-line block comment: no terminator, every line terminator and control becomes a space. */
export function blockCommentText(text: string): string {
  return oneLine(text.replace(/\*\//g, '*\\/'));
}

/**
 * One line of text: every line terminator (LF, CR, U+2028, U+2029, U+0085), control and invisible
 * character becomes a space. The text of a `//` comment, and of Markdown, env and Dockerfile lines.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROLS_AND_UNSAFE, ' ').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * A regular expression's source as literal text between slashes. RegExp#source already escapes `/`
 * and line terminators; the invisible characters of UNSAFE_RAW are escaped on top, keeping an
 * escape that precedes one (`\` + U+202E means U+202E, and so does `\u202e`).
 */
export function regexSource(pattern: string, flags: string): string {
  const source = new RegExp(pattern, flags).source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const escaped = source[i] === '\\' && i + 1 < source.length;
    if (escaped) i++;
    const c = source[i]!;
    if (UNSAFE_ONE.test(c) || isLoneSurrogate(source, i)) out += hex4(c);
    else out += escaped ? `\\${c}` : c;
  }
  return out;
}

const UNSAFE_ONE = /^[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]$/;

function isLoneSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) return !(text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff);
  if (code >= 0xdc00 && code <= 0xdfff) return !(text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff);
  return false;
}
