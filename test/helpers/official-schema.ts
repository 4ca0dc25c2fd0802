/**
 * The official JSON Schemas as the engine's repositories publish them (../shared/spec, beside the
 * repository), compiled with ajv: tests judge Ikanos documents by these, not by naftiko-gen's copies.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const SPEC_DIR = fileURLToPath(new URL('../../../shared/spec/', import.meta.url));
const compiled = new Map<string, ValidateFunction>();

/** The validator of `ikanos: <version>` documents (beta5 is main's snapshot schema). */
export function officialValidator(version: string): ValidateFunction {
  let validate = compiled.get(version);
  if (!validate) {
    const name = version === '1.0.0-beta5' ? 'ikanos-schema-1.0.0-beta5-snapshot.json' : `ikanos-schema-${version}.json`;
    const schema = JSON.parse(readFileSync(`${SPEC_DIR}${name}`, 'utf8')) as object;
    validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    compiled.set(version, validate);
  }
  return validate;
}
