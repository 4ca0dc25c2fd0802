/**
 * JSON Schema 2020-12 validation (ajv) against schemas inside OpenAPI 3.1 documents: the whole
 * document is registered once, so `$ref`s between its components resolve as written.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

// The formats the two vendor documents use; ajv-formats is not a dependency of this repository.
const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  email: /^[^\s@]+@[^\s@]+$/,
  int32: /^-?\d+$/,
  int64: /^-?\d+$/,
  uri: /^[a-z][a-z0-9+.-]*:/i,
};

export type Document = { paths: Record<string, Record<string, unknown>> } & Record<string, unknown>;

export interface SchemaBook {
  readonly document: Document;
  /** A validator for the schema at a JSON pointer inside the document, e.g. `#/components/schemas/X`. */
  at(pointer: string): ValidateFunction;
}

export function loadDocument(path: string): Document {
  const text = readFileSync(path, 'utf8');
  return (path.endsWith('.json') ? JSON.parse(text) : parse(text)) as Document;
}

export function schemaBook(document: Document): SchemaBook {
  // strict: false because OpenAPI adds keywords (example, discriminator, xml) that JSON Schema lacks.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  for (const [name, pattern] of Object.entries(FORMATS)) ajv.addFormat(name, pattern);
  ajv.addSchema(document as object, 'doc');
  const cache = new Map<string, ValidateFunction>();
  return {
    document,
    at(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `doc${pointer}` });
        cache.set(pointer, validate);
      }
      return validate;
    },
  };
}

/** `#/paths/~1customers/post/responses/200/content/application~1json/schema` */
export function responsePointer(path: string, method: string, status: number | string, mediaType = 'application/json'): string {
  return `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}/content/${escape(mediaType)}/schema`;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Validation errors as one readable string (empty when valid). */
export function check(validate: ValidateFunction, value: unknown): string {
  return validate(value) ? '' : JSON.stringify(validate.errors, null, 1);
}
