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

/**
 * Where the schema of a documented response lives, following a `$ref` to components/responses:
 * e.g. `#/components/responses/BadRequest/content/application~1problem+json/schema`.
 */
export function responseSchemaPointer(document: Document, path: string, method: string, status: number): { pointer: string; mediaType: string } {
  let pointer = `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}`;
  let response = resolve(document, pointer) as { $ref?: string; content?: Record<string, unknown> } | undefined;
  while (response?.$ref) {
    pointer = response.$ref;
    response = resolve(document, pointer) as typeof response;
  }
  const mediaType = Object.keys(response?.content ?? {}).find((type) => /[/+]json$/.test(type));
  if (!mediaType) throw new Error(`no JSON response documented at ${pointer}`);
  return { pointer: `${pointer}/content/${escape(mediaType)}/schema`, mediaType };
}

function resolve(document: Document, pointer: string): unknown {
  let node: unknown = document;
  for (const part of pointer.replace(/^#\//, '').split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Validation errors as one readable string (empty when valid). */
export function check(validate: ValidateFunction, value: unknown): string {
  return validate(value) ? '' : JSON.stringify(validate.errors, null, 1);
}
