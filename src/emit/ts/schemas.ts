/**
 * src/schemas.gen.ts (`--openapi`): every named schema as a TypeScript type and a zod schema
 * declared to produce exactly that type, so a mismatch between the two is a compile error.
 * Modules using them import the file as a namespace (`api.Customer`), so no document name can
 * clash with a name of theirs.
 */
import type { CapabilityModel, NamedSchema, TypedSchema } from '../../model/types.js';
import { doc, docComment, ident, ts, tsFile, type Code, type ImportSpec } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { objectType, tsType } from './typed-ts.js';
import { zodSchema, type ZodContext } from './typed-zod.js';

export const SCHEMAS_MODULE = 'src/schemas.gen.ts';

/** The zod context of modules that import schemas.gen.ts as `api` (undefined without `--openapi`). */
export function apiZodContext(schemas: readonly NamedSchema[] | undefined): (ZodContext & { used(): boolean }) | undefined {
  if (!schemas?.length) return undefined;
  const byName = new Map<string, NamedSchema>(schemas.map((s) => [s.name, s]));
  let used = false;
  return {
    ref: (name) => {
      used = true;
      return ts`api.${ident(named(byName, name).schemaName)}`;
    },
    lookup: (name) => byName.get(name)?.schema,
    helpers: new Set(),
    used: () => used,
  };
}

/** The imports a module using `apiZodContext` needs: schemas.gen.ts and the runtime checks. */
export function apiImports(ctx: ReturnType<typeof apiZodContext>, depth: '.' | '..'): ImportSpec[] {
  if (!ctx) return [];
  return [
    ...(ctx.used() ? [{ moduleSpecifier: `${depth}/schemas.gen.js`, namedImports: [], namespaceImport: 'api' }] : []),
    { moduleSpecifier: `${depth}/runtime/schema.js`, namedImports: [...ctx.helpers].sort() },
  ];
}

/** A named schema's type as modules outside schemas.gen.ts write it. */
export function apiType(schemas: readonly NamedSchema[] | undefined): (name: string) => Code {
  const byName = new Map<string, NamedSchema>((schemas ?? []).map((s) => [s.name, s]));
  return (name) => ts`api.${ident(named(byName, name).name)}`;
}

/** Refs in the model always name a schema of model.schemas (schema-names.ts renames them so). */
function named(byName: ReadonlyMap<string, NamedSchema>, name: string): NamedSchema {
  const schema = byName.get(name);
  if (!schema) throw new Error(`internal error: no schema named ${JSON.stringify(name)}`);
  return schema;
}

export function emitSchemas(model: CapabilityModel): GeneratedFile[] {
  const schemas = model.schemas ?? [];
  if (schemas.length === 0) return [];
  const byName = new Map<string, NamedSchema>(schemas.map((s) => [s.name, s]));
  const helpers = new Set<string>();
  const ctx: ZodContext = { ref: (name) => ident(named(byName, name).schemaName), lookup: (name) => byName.get(name)?.schema, helpers };
  const ref = (name: string) => ident(named(byName, name).name);
  const bodies = schemas.map((s) => declaration(s, ctx, ref));
  return [
    tsFile(
      SCHEMAS_MODULE,
      model.sourceFile,
      [
        { moduleSpecifier: 'zod', namedImports: ['z'] },
        { moduleSpecifier: './runtime/schema.js', namedImports: [...helpers].sort() },
      ],
      (w) => {
        w.writeLine(doc("Types and zod schemas of the vendors' OpenAPI documents this capability uses (`--openapi`)."));
        w.blankLine();
        bodies.forEach((b) => w.write(b).blankLine());
      },
    ),
  ];
}

function declaration(named: NamedSchema, ctx: ZodContext, ref: (name: string) => Code): Code {
  const { schema } = named;
  const name = ident(named.name);
  const comment = docComment([schema.description, `From ${named.origin}.`].filter(Boolean).join('\n\n'));
  const type = isInterface(schema) ? ts`export interface ${name} ${objectType(schema, ref)}\n` : ts`export type ${name} = ${tsType(schema, ref)};\n`;
  const zod = zodSchema(schema, ctx);
  // Recursive schemas refer to themselves (or each other) before they exist: lazily.
  const value = named.recursive ? ts`z.lazy(() => ${zod})` : zod;
  return ts`${comment}${type}export const ${ident(named.schemaName)}: z.ZodType<${name}> = ${value};\n`;
}

function isInterface(schema: TypedSchema): schema is Extract<TypedSchema, { kind: 'object' }> {
  return schema.kind === 'object' && !schema.nullable;
}
