/** Where golden cases live, and the generator identity goldens are made with. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES_DIR = fileURLToPath(new URL('../golden/cases/', import.meta.url));
export const GENERATED_DIR = fileURLToPath(new URL('../../generated/', import.meta.url));
export const SPECS_DIR = fileURLToPath(new URL('../../specs/', import.meta.url));
/** Goldens pin a fake version so a release never rewrites them. */
export const TEST_GENERATOR = { name: 'naftiko-gen', version: '0.0.0-test' };

/** The pipeline options a golden case is built with: its options.json ({"skipInvalid": true}), else none. */
export interface CaseOptions {
  readonly skipInvalid?: boolean;
}

export function caseOptions(name: string): CaseOptions {
  const file = join(CASES_DIR, name, 'options.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CaseOptions) : {};
}
