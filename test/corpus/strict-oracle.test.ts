/**
 * The official JSON Schema is the oracle for `--strict`: ajv (draft 2020-12) and naftiko-gen must
 * agree on valid/invalid for every corpus file and for mutated copies of them. Where naftiko-gen
 * rejects what the schema accepts, the rule is one the schema cannot express, named here.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasErrors, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { analyzeSpec } from '../../src/pipeline.js';
import { DIALECT_CODES, officialSchemaKey } from '../../src/formats/official.js';
import { loadOfficialSchemas } from '../../src/templates.js';
import { createImportResolver } from '../../src/write/imports.js';
import { displayPath, projectId } from '../../src/write/inputs.js';
import { CORPUS_DIR, corpusEntries } from '../helpers/corpus.js';

/** Rules the schema cannot express; each may make naftiko-gen reject a schema-valid document. */
const SEMANTIC_RULES: Record<string, string> = {
  NG2101: 'a call must name a consumed operation',
  NG2102: 'a with key must name a parameter of the called operation',
  NG2103: 'every consumed path parameter must be supplied',
  NG2104: 'names must not match ambiguously',
  NG2105: 'two routes must not match the same requests',
  NG2106: 'tool names are unique',
  NG2107: 'MCP clients accept tool names of at most 64 characters',
  NG2108: 'namespaces are unique (Spectral rule naftiko-namespaces-unique)',
  NG2109: 'operation names are unique within a namespace',
  NG2110: 'path placeholders are parameter names',
  NG2111: 'a capability exposes something',
  NG2113: 'two adapters cannot share a port',
  NG2114: 'a parameter is bound once',
  NG2115: 'with refers to declared tool inputs',
  NG2116: 'literals fit their parameter type',
  NG2118: 'imports can be read inside the input directory',
  NG2119: 'imported namespaces exist',
  NG2120: 'JSONPath expressions are supported ones',
  NG2121: 'an operation does something',
  NG2202: 'variables are declared in binds (near miss of a declared one)',
  NG2203: 'environment variable names are valid',
  NG2125: 'an API key needs a key name and a value',
  NG2128: 'ref names an aggregate function',
  NG2130: 'a lookup step indexes an earlier step',
  NG2131: 'an imported file has no errors',
  NG2132: 'prompt templates refer to declared arguments',
  NG2133: 'forward targets a consumed API',
  NG2134: 'oauth2 URIs are absolute http(s) URLs (formats are not validated here) and scopes are OAuth scope tokens',
  NG2140: 'a skill tool comes from a sibling REST or MCP adapter',
  NG2141: 'a skill tool names an operation or tool of that adapter',
  NG2142: 'instruction files are read from the skill location',
  NG2143: 'instruction paths stay inside the skill location',
  NG2301: 'constructs this version does not generate (script steps, file locations, ...)',
  NG2401: 'an import names an entry of the imported file',
  NG3001: 'consumed namespaces are usable file names',
  NG3002: 'consumed namespaces differ in more than case',
};

interface Verdict {
  readonly file: string;
  readonly ajvValid: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

const schemas = loadOfficialSchemas();
// One ajv per schema: several Ikanos releases kept the previous release's `$id`.
const validators = Object.fromEntries(Object.entries(schemas).map(([v, s]) => [v, new Ajv2020({ strict: false, validateFormats: false, logger: false }).compile(s)]));

function judge(path: string, text: string, strict: boolean): Verdict {
  const data = parse(text, { maxAliasCount: 1000 }) as unknown;
  const validate = validators[officialSchemaKey(data) ?? ''] ?? validators['1.0.0-alpha2']!;
  const file = displayPath(path);
  const repo = join(CORPUS_DIR, path.slice(CORPUS_DIR.length).split('/')[0]!);
  const { diagnostics } = analyzeSpec({ file, text, id: projectId(path) }, { strict, schemas, imports: createImportResolver(repo) });
  return { file, ajvValid: validate(data) as boolean, diagnostics };
}

function disagreement(v: Verdict): string | undefined {
  const ours = !hasErrors(v.diagnostics);
  if (ours && !v.ajvValid) return 'naftiko-gen --strict accepts what the official schema rejects';
  if (!ours && v.ajvValid) {
    const unexplained = v.diagnostics.filter((d) => d.severity === 'error' && !SEMANTIC_RULES[d.code]);
    if (unexplained.length) return `rejected by rules the schema does not have: ${unexplained.map((d) => `${d.code} ${d.message}`).join('; ')}`;
  }
  return undefined;
}

const files = corpusEntries().filter((e) => e.version === '1.0.0-alpha2' || e.version === '1.0.0-alpha1' || e.version.startsWith('ikanos:'));
let strict: Verdict[];

beforeAll(() => {
  strict = files.map((e) => judge(e.path, readFileSync(e.path, 'utf8'), true));
}, 600_000);

describe('--strict against the official schema', () => {
  it('agrees with ajv on every alpha1/alpha2 and Ikanos corpus file, except for named semantic rules', () => {
    const problems = strict.flatMap((v) => (disagreement(v) ? [`${v.file}: ${disagreement(v)}`] : []));
    expect(problems).toEqual([]);
    const schemaValid = strict.filter((v) => v.ajvValid).length;
    expect(schemaValid).toBeGreaterThan(0);
    expect(strict.length - schemaValid).toBeGreaterThan(0);
  });

  it('positions every official-schema violation', () => {
    for (const v of strict.filter((x) => !x.ajvValid)) {
      const official = v.diagnostics.filter((d) => d.code === 'NG1201' || d.code.startsWith('NG0') || DIALECT_CODES.has(d.code));
      expect(official.length, v.file).toBeGreaterThan(0);
    }
  });

  it('agrees on mutated copies: missing keys, unknown keys, wrong types and enum values', () => {
    const mutations: [string, (doc: Record<string, unknown>) => void][] = [
      ['unknown root key', (d) => (d.extra = true)],
      ['format version removed', (d) => delete d[d.ikanos ? 'ikanos' : 'naftiko']],
      ['wrong method enum', (d) => first(d, 'method', 'FETCH')],
      ['port as a string', (d) => first(d, 'port', 'eighty')],
      ['type of an adapter unknown', (d) => first(d, 'type', 'grpc')],
      ['info label removed', (d) => delete (d.info as Record<string, unknown> | undefined)?.[d.ikanos ? 'display' : 'label']],
    ];
    const sample = files.filter((_, i) => i % 20 === 0);
    const problems: string[] = [];
    for (const entry of sample) {
      for (const [name, mutate] of mutations) {
        const doc = parse(readFileSync(entry.path, 'utf8')) as Record<string, unknown>;
        mutate(doc);
        const v = judge(join(dirname(entry.path), `mutated-${projectId(entry.path)}.yaml`), stringify(doc), true);
        const problem = disagreement(v);
        if (problem) problems.push(`${entry.path} (${name}): ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('never accepts silently outside strict mode: what the schema rejects is an error or a dialect warning', () => {
    const silent = files
      .map((entry) => judge(entry.path, readFileSync(entry.path, 'utf8'), false))
      .filter((v) => !v.ajvValid && !hasErrors(v.diagnostics) && !v.diagnostics.some((d) => DIALECT_CODES.has(d.code)))
      .map((v) => v.file);
    expect(silent).toEqual([]);
  }, 600_000);
});

/** Sets the first occurrence of `key` found depth-first under capability. */
function first(doc: Record<string, unknown>, key: string, value: unknown): void {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (node === null || typeof node !== 'object') return false;
    const record = node as Record<string, unknown>;
    if (key in record) {
      record[key] = value;
      return true;
    }
    return Object.values(record).some(visit);
  };
  visit(doc.capability ?? doc);
}
