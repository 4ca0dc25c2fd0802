/**
 * The Ikanos reader on its own: every golden twin reads into the same Spec as its naftiko original;
 * keyed maps keep the document's order whatever their keys; diagnostics land where the name is
 * written; every released version is read, others are refused.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSpecText } from '../../src/formats/read.js';
import { IKANOS_VERSIONS } from '../../src/formats/spec.js';
import { createImportResolver } from '../../src/write/imports.js';
import { CASES_DIR } from '../helpers/cases.js';

/** Twins of cases that read without errors (a --skip-invalid case, with options.json, has some by design). */
const twins = readdirSync(CASES_DIR).filter(
  (name) => existsSync(join(CASES_DIR, name, 'spec.ikanos.yaml')) && !existsSync(join(CASES_DIR, name, 'stderr.txt')) && !existsSync(join(CASES_DIR, name, 'options.json')),
);

/**
 * The Spec without its version key, with the twin's file names written as the original's, and
 * without the names of REST resources and operations: optional in alpha2, keys in Ikanos (the
 * twins key unnamed ones as the generator would name them; test/golden/twins.test.ts compares
 * what they generate).
 */
function specOf(dir: string, file: string): unknown {
  const { spec, diagnostics } = readSpecText(join(dir, file), readFileSync(join(dir, file), 'utf8'), { imports: createImportResolver(dir) });
  expect(spec, diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  const { naftiko: _n, ikanos: _i, ...rest } = spec!;
  for (const adapter of rest.capability?.exposes ?? []) {
    if (adapter.type !== 'rest') continue;
    for (const resource of adapter.resources ?? []) {
      delete resource.name;
      for (const op of resource.operations ?? []) delete op.name;
    }
  }
  return JSON.parse(JSON.stringify(rest).replaceAll('.ikanos.yml', '.yml'));
}

const read = (text: string) => readSpecText('spec.yaml', text);

const doc = (tools: string) => `ikanos: 1.0.0-beta4
info: {display: Pets, description: Pets}
capability:
  consumes:
    - type: http
      namespace: pets
      baseUri: https://pets.example.com
      resources:
        pet:
          path: /pets
          operations:
            list-pets:
              method: GET
  exposes:
    - type: mcp
      port: 9090
      namespace: pets-mcp
      tools:
${tools}`;

describe('Ikanos reader', () => {
  it.each(twins)('reads the %s twin into the same Spec as the original', (name) => {
    const dir = join(CASES_DIR, name);
    expect(specOf(dir, 'spec.ikanos.yaml')).toEqual(specOf(dir, 'spec.yaml'));
  });

  it('keeps the order of keyed maps, integer-like keys included', () => {
    const steps = ['10', '2', 'b', '1', 'a'].map((k) => `            "${k}":\n              type: call\n              call: pets.list-pets`).join('\n');
    const { spec, diagnostics } = read(doc(`        walk:\n          description: Steps in order.\n          steps:\n${steps}\n`));
    expect(diagnostics).toEqual([]);
    const tool = (spec!.capability!.exposes![0] as { tools: { steps: { name: string }[] }[] }).tools[0]!;
    expect(tool.steps.map((s) => s.name)).toEqual(['10', '2', 'b', '1', 'a']);
  });

  it('takes __proto__ as a name like any other', () => {
    const { spec } = read(doc(`        __proto__:\n          description: A tool.\n          call: pets.list-pets\n`));
    const tools = (spec!.capability!.exposes![0] as { tools: { name: string }[] }).tools;
    expect(tools.map((t) => t.name)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(tools[0])).toBe(Object.prototype);
  });

  it.each(['constructor', 'toString', '__proto__'])('reads a key or adapter type named %s as unknown (nothing inherited is a field)', (key) => {
    const field = read(doc(`        list-pets:\n          description: x\n          call: pets.list-pets\n          ${key}: x\n`));
    expect(field.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['22:11 NG1101']);
    const adapter = read(doc('').replace('    - type: mcp', `    - type: ${key}`));
    expect(adapter.spec).toBeUndefined();
    expect(adapter.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['15:13 NG1002']);
  });

  it('reports a wrong entry at its map key, and an alpha2 key with its Ikanos name', () => {
    const { diagnostics } = read(doc(`        list-pets: not a tool\n        other:\n          label: Other\n          description: x\n          call: pets.list-pets\n`));
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([
      '19:9 NG1001 expected object, found the string "not a tool"',
      '21:11 NG1101 unknown key "label" is ignored (did you mean "display"?)',
    ]);
  });

  it('adds file-scope consumes to the capability, still located where written', () => {
    const text = `ikanos: 1.0.0-beta4
consumes:
  - type: http
    namespace: pets
    baseUri: https://pets.example.com
    resources:
      pet:
        path: /pets
        operations:
          list-pets:
            method: FETCH
capability:
  exposes:
    - type: mcp
      port: 9090
      namespace: pets-mcp
      tools:
        list-pets:
          description: All pets.
          call: pets.list-pets
`;
    const { diagnostics } = read(text);
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.path.join('.')}`)).toEqual(['11:21 NG1003 consumes.0.resources.pet.operations.list-pets.method']);
  });

  it.each(IKANOS_VERSIONS)('reads ikanos %s', (version) => {
    const { spec, diagnostics } = read(doc(`        list-pets:\n          description: All pets.\n          call: pets.list-pets\n`).replace('1.0.0-beta4', version));
    expect(diagnostics).toEqual([]);
    expect(spec!.ikanos).toBe(version);
  });

  it('refuses a version that was never released, naming the supported ones', () => {
    const { diagnostics } = read('ikanos: "{{version}}"\ncapability: {}\n');
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['1:9 NG0004']);
    expect(diagnostics[0]!.message).toContain('ikanos 1.0.0-alpha3 to 1.0.0-beta5');
  });
});
