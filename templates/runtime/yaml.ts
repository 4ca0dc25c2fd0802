// `outputRawFormat: yaml`: the answer read as the reference engine reads it, with Jackson's
// `new ObjectMapper(new YAMLFactory()).readTree(...)` (jackson-dataformat-yaml 2.20 over
// SnakeYAML's YAML 1.1 parser). Jackson builds the tree from SnakeYAML's events, not from its
// composed nodes, so: plain scalars are typed by SnakeYAML's YAML 1.1 resolver and decoded by
// Jackson's own rules, quoted and block scalars are text, an alias is the text of its anchor's
// name, `<<` is an ordinary key, and a repeated key keeps its last value. docs/yaml.md states each
// rule with an example; the golden pairs in test/runtime/yaml/ check them.

import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node, type Scalar } from 'yaml';
import { UpstreamBadResponseError } from './http-errors.js';
import type { UpstreamResponse } from './http.js';

export type YamlJson = string | number | boolean | null | YamlJson[] | { [key: string]: YamlJson };

export class YamlError extends Error {
  override readonly name: string = 'YamlError';
}

/**
 * The JSON tree of the first document of a YAML stream (Jackson reads no further); undefined when
 * the stream holds no document. Throws YamlError where Jackson fails.
 */
export function yamlToJson(text: string): YamlJson | undefined {
  // The `yaml` package parses; its failsafe schema leaves every scalar as text, so typing is ours.
  const [document] = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', merge: false, uniqueKeys: false });
  if (!document) return undefined;
  const error = document.errors[0];
  if (error) throw new YamlError(error.message.split('\n')[0]!.replace(/:$/, ''));
  return valueOf(document.contents);
}

/** Converts a successful answer's YAML text to its JSON tree; empty bodies pass through. */
export function fromYaml(operation: string) {
  return (response: UpstreamResponse): UpstreamResponse => {
    if (typeof response.body !== 'string' || response.body === '') return response;
    try {
      const body = yamlToJson(response.body);
      // No document at all (only comments): nothing, as an empty answer.
      return body === undefined ? { ...response, body: undefined } : { status: response.status, contentType: 'application/json', body };
    } catch (error) {
      if (!(error instanceof YamlError)) throw error;
      throw new UpstreamBadResponseError(operation, response.status, `malformed YAML: ${error.message}`);
    }
  };
}

function valueOf(node: Node | null): YamlJson {
  // An absent value (`key:`) is SnakeYAML's empty plain scalar: null.
  if (node === null) return null;
  if (isAlias(node)) return node.source;
  if (isScalar(node)) return scalarValue(node as Scalar<string>);
  if (isSeq(node)) return node.items.map((item) => valueOf(item as Node | null));
  if (isMap(node)) {
    const object: { [key: string]: YamlJson } = {};
    for (const { key, value } of node.items) {
      Object.defineProperty(object, keyOf(key as Node | null), { value: valueOf(value as Node | null), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  throw new YamlError('unsupported node');
}

/** A key is a scalar's text as written (`1`, `~` and `yes` stay text); anything else is refused. */
function keyOf(key: Node | null): string {
  if (key === null) return '';
  if (isScalar(key)) return String(key.value);
  throw new YamlError(`${isAlias(key) ? "an alias" : "a collection"} as a key (Jackson expects a field name)`);
}

const CORE = 'tag:yaml.org,2002:';

/** YAMLParser._decodeScalar: implicit (no tag, or `!`) plain scalars are resolved, tags decide the rest. */
function scalarValue(scalar: Scalar<string>): YamlJson {
  const text = String(scalar.value);
  const tag = scalar.tag;
  if (tag === undefined || tag === '!') return tag === '!' || scalar.type === 'PLAIN' ? resolvePlain(text) : text;
  const name = tag.startsWith(CORE) ? tag.slice(CORE.length).split(',')[0]! : tag;
  if (name === 'binary') return binary(text);
  if (name === 'bool') return booleanWord(text) ?? text;
  if (text === '') return text;
  if (name === 'int') return decodeInteger(text);
  if (name === 'float') return decodeFloat(text);
  if (name === 'null') return null;
  return text;
}

// SnakeYAML's Resolver (YAML 1.1), each pattern tried only for the first characters it registers.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b_*[0-1]+[0-1_]*|[-+]?0_*[0-7]+[0-7_]*|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F]+[0-9a-fA-F_]*|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NULL = /^(?:~|null|Null|NULL)$/;

/** An untagged plain scalar: SnakeYAML's implicit tag, then Jackson's decoding of it. */
function resolvePlain(text: string): YamlJson {
  if (text === '') return null;
  const first = text.charAt(0);
  if ('yYnNtTfFoO'.includes(first) && BOOL.test(text)) return booleanWord(text)!;
  if ('-+0123456789'.includes(first) && INT.test(text)) return decodeInteger(text);
  if ('-+0123456789.'.includes(first) && FLOAT.test(text)) return decodeFloat(text);
  if ('~nN'.includes(first) && NULL.test(text)) return null;
  // Timestamps, `<<`, `=` and everything else: text.
  return text;
}

/** YAMLParser._matchYAMLBoolean (a `!!bool` also takes y and n). */
function booleanWord(text: string): boolean | undefined {
  const word = text.toLowerCase();
  if (word === 'y' || word === 'yes' || word === 'on' || word === 'true') return true;
  if (word === 'n' || word === 'no' || word === 'off' || word === 'false') return false;
  return undefined;
}

/** YAMLParser._decodeNumberScalar: 0b, 0x and 0-prefixed octal, decimals with `_`; base 60 stays text. */
function decodeInteger(text: string): YamlJson {
  const negative = text.charAt(0) === '-';
  let i = negative || text.charAt(0) === '+' ? 1 : 0;
  if (i === text.length) throw new YamlError(`not a number: "${text}"`);
  if (text.charAt(i) === '0') {
    if (++i === text.length) return 0;
    const marker = text.charAt(i);
    const radix = marker === 'b' || marker === 'B' ? 2 : marker === 'x' || marker === 'X' ? 16 : /[0-9_]/.test(marker) ? 8 : 0;
    if (radix === 0) return text;
    const digits = text.slice(radix === 8 ? i : i + 1).replaceAll('_', '');
    const value = parseRadix(digits, radix);
    return negative ? -value : value;
  }
  if (!/^[0-9_]+$/.test(text.slice(i))) return text;
  const cleaned = text.replace(/^\+/, '').replaceAll('_', '');
  if (cleaned === '' || cleaned === '-') throw new YamlError(`not a number: "${text}"`);
  return Number(withinLength(cleaned));
}

/** Java's Integer/Long/BigInteger parse in a radix (an optional sign, then digits only). */
function parseRadix(digits: string, radix: number): number {
  const valid = radix === 2 ? /^[+-]?[01]+$/ : radix === 8 ? /^[+-]?[0-7]+$/ : /^[+-]?[0-9a-fA-F]+$/;
  if (!valid.test(digits)) throw new YamlError(`invalid base-${radix} number "${digits}"`);
  const sign = digits.charAt(0) === '-' ? -1 : 1;
  const unsigned = withinLength(digits.replace(/^[+-]/, ''));
  const prefix = radix === 2 ? '0b' : radix === 8 ? '0o' : '0x';
  return sign * Number(BigInt(`${prefix}${unsigned}`));
}

/**
 * YAMLParser._cleanYamlFloat, then Java's Double.parseDouble: `_` removed, and what Java cannot
 * read (`.inf`, `.nan`, base 60) fails the whole answer, as it fails Jackson's tree.
 */
function decodeFloat(text: string): YamlJson {
  const cleaned = (text.includes('_') ? text.replace(/^\+/, '').replaceAll('_', '') : text).trim();
  const special = /^([+-]?)(NaN|Infinity)$/.exec(cleaned);
  // Jackson writes a non-finite double as text (WRITE_NAN_AS_STRINGS).
  if (special) return special[2] === 'NaN' ? 'NaN' : `${special[1] === '-' ? '-' : ''}Infinity`;
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?$/.test(cleaned)) throw new YamlError(`malformed number "${text}"`);
  return Number(withinLength(cleaned).replace(/[fFdD]$/, ''));
}

/** Jackson's default StreamReadConstraints: numbers of at most 1000 characters. */
function withinLength(number: string): string {
  if (number.length > 1000) throw new YamlError(`a number of ${number.length} characters (the limit is 1000)`);
  return number;
}

/** `!!binary`: MIME base64 (white space allowed), written back as plain base64 as Jackson writes bytes. */
function binary(text: string): string {
  const compact = text.replace(/[\s]+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new YamlError('malformed !!binary (base64)');
  return Buffer.from(compact, 'base64').toString('base64');
}
