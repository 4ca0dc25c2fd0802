/**
 * OpenAPI document text is as hostile as spec text: property names, descriptions, enum values,
 * patterns and formats of a vendor's schema reach the generated zod schemas and types only through
 * the escaping mechanism. The zod expression is run by the JavaScript engine with the real zod and
 * runtime helpers (a `CANARY()` that escaped would be called), the type is parsed by TypeScript.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ts as tsTag } from '../../src/emit/code.js';
import { printCode } from '../../src/emit/code/print.js';
import { tsType } from '../../src/emit/ts/typed-ts.js';
import { textZod, zodSchema, type ZodContext } from '../../src/emit/ts/typed-zod.js';
import type { TypedSchema } from '../../src/model/types.js';
import * as runtime from '../../templates/runtime/schema.js';

const PAYLOADS = [
  'm */ CANARY(); /* ',
  "x'; CANARY(); '",
  'x"; CANARY(); "',
  'x`; CANARY(); `${CANARY()}',
  '\\"; CANARY(); //',
  ...['\n', '\r', '\u2028', '\u2029', '\u0085'].map((eol) => `a${eol}CANARY();//`),
  '</script><script>CANARY()</script>',
  '\u202e bidi \u200b zero-width \u0000 nul',
  'constructor',
  'toString',
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A schema whose every text position holds the payload. */
function hostileSchema(text: string): TypedSchema {
  return {
    kind: 'object',
    description: text,
    properties: [
      { name: text, required: true, schema: { kind: 'string', description: text, pattern: `^${escapeRegExp(text)}$`, format: text } },
      { name: `${text}2`, required: false, schema: { kind: 'enum', values: [text, 'other'], description: text } },
      {
        name: `${text}3`,
        required: false,
        schema: {
          kind: 'union',
          exclusive: true,
          discriminator: { property: text, values: [[text]] },
          options: [{ kind: 'object', properties: [], additional: { kind: 'any' } }],
        },
      },
    ],
    additional: 'none',
  };
}

function context(): ZodContext {
  return { ref: () => tsTag`never`, lookup: () => undefined, helpers: new Set() };
}

function evaluate(source: string): { schema: z.ZodType; called: boolean } {
  let called = false;
  const names = ['CANARY', 'z', ...Object.keys(runtime)];
  const spy = () => {
    called = true;
  };
  const make = new Function(...names, `return (${source});`) as (...args: unknown[]) => z.ZodType;
  return { schema: make(spy, z, ...Object.values(runtime)), called };
}

describe('OpenAPI schema text in generated zod schemas', () => {
  it.each(PAYLOADS)('%j stays data: the schema checks exactly the document', (text) => {
    const { schema, called } = evaluate(printCode(zodSchema(hostileSchema(text), context())));
    expect(called).toBe(false);
    const valid = { [text]: text, [`${text}2`]: text, [`${text}3`]: { [text]: text } };
    expect(schema.safeParse(valid).success).toBe(true);
    expect(schema.safeParse({ ...valid, [text]: `${text}x` }).success).toBe(false);
    expect(schema.safeParse({ ...valid, [`${text}2`]: 'neither' }).success).toBe(false);
    expect(schema.safeParse({ ...valid, [`${text}3`]: { [text]: 'other' } }).success).toBe(false);
    expect(schema.description).toBe(text);
    const shape = (schema as unknown as z.ZodObject).shape;
    expect(Object.keys(shape)).toEqual([text, `${text}2`, `${text}3`]);
  });

  it.each(PAYLOADS)('%j stays data in text mode (REST path, query and header values)', (text) => {
    const schema = { kind: 'enum', values: [text], description: text } as const;
    const { schema: zod, called } = evaluate(printCode(textZod(schema, context(), '^x')));
    expect(called).toBe(false);
    expect(zod.safeParse(text).success).toBe(true);
    expect(zod.description).toBe(text);
  });
});

describe("the spec's own pattern of a REST input typed from the document", () => {
  it.each(PAYLOADS)('%j is checked beside the document in JSON and text mode', (text) => {
    const schema = { kind: 'string', pattern: '^[^!]*$', nullable: true } as const;
    for (const printed of [zodSchema(schema, context(), `^${escapeRegExp(text)}$`), textZod(schema, context(), `^${escapeRegExp(text)}$`)].map(printCode)) {
      const { schema: zod, called } = evaluate(printed);
      expect(called).toBe(false);
      expect(zod.safeParse(text).success).toBe(true);
      expect(zod.safeParse(`${text}x`).success).toBe(false);
      expect(zod.safeParse(`!${text}`).success).toBe(false);
    }
  });
});

describe('OpenAPI schema text in generated types', () => {
  it.each(PAYLOADS)('%j names members and literal types only', async (text) => {
    const { ts } = await import('ts-morph');
    const printed = printCode(tsType(hostileSchema(text), () => tsTag`never`));
    const file = ts.createSourceFile('t.ts', `type T = ${printed};`, ts.ScriptTarget.ES2022, true);
    const diagnostics = (file as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics;
    expect(diagnostics).toEqual([]);
    const statement = file.statements[0]!;
    expect(file.statements).toHaveLength(1);
    expect(ts.isTypeAliasDeclaration(statement)).toBe(true);
    const literal = (statement as import('ts-morph').ts.TypeAliasDeclaration).type as import('ts-morph').ts.TypeLiteralNode;
    const names = literal.members.map((m) => {
      const name = m.name!;
      return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
    });
    expect(names).toEqual([text, `${text}2`, `${text}3`]);
  });
});
