/** src/rest/routes.gen.ts: the REST routes as typed, validated definitions. */
import type CodeBlockWriter from 'code-block-writer';
import type { NamedSchema, RestInput, RestRoute, RestSurface } from '../../model/types.js';
import { access, docComment, jsonLiteral, lit, optionalAccess, prop } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { callsUpstream, converterImports, invokeExpression, invokeResultType, mapperImports, outputImports, readsInput, stepImports } from './invocation.js';
import { tsFile } from './morph.js';
import { restInputSchema } from './zod.js';
import { apiImports, apiZodContext } from './schemas.js';
import type { ZodContext } from './typed-zod.js';

const GROUP: Record<RestInput['in'], string> = { path: 'params', query: 'query', header: 'headers', cookie: 'cookies', body: 'body', field: 'body' };

export function emitRoutes(rest: RestSurface, sourceFile: string, schemas?: readonly NamedSchema[]): GeneratedFile {
  // Schemas first: what they use decides the imports.
  const ctx = apiZodContext(schemas);
  const inputs = rest.routes.map((route) => inputSchema(route.inputs, ctx));
  return tsFile(
    'src/rest/routes.gen.ts',
    sourceFile,
    [
      { moduleSpecifier: 'zod', namedImports: rest.routes.length ? ['z'] : [] },
      { moduleSpecifier: '../runtime/rest.js', namedImports: rest.routes.length ? ['defineRoute'] : ['type RouteDefinition'] },
      ...(outputImports(rest.routes).length ? [{ moduleSpecifier: '../runtime/output.js', namedImports: outputImports(rest.routes) }] : []),
      { moduleSpecifier: '../runtime/http.js', namedImports: converterImports(rest.routes) },
      { moduleSpecifier: '../runtime/steps.js', namedImports: stepImports(rest.routes) },
      { moduleSpecifier: './outputs.gen.js', namedImports: mapperImports(rest.routes) },
      { moduleSpecifier: '../upstreams.gen.js', namedImports: ['type Upstreams'] },
      { moduleSpecifier: '../runtime/forward.js', namedImports: rest.forwards.length ? ['type ForwardDefinition'] : [] },
      ...apiImports(ctx, '..'),
    ],
    (w) => {
      w.writeLine(`/** Routes of the ${rest.namespace} REST adapter, in spec order. */`);
      // A forward-only adapter still exports its (empty) routes with a type, as main.ts expects.
      w.write(rest.routes.length ? 'export const routes = [' : 'export const routes: RouteDefinition<Upstreams>[] = [').indent(() => rest.routes.forEach((route, i) => writeRoute(w, route, inputs[i]!)));
      w.writeLine('];');
      if (rest.forwards.length) {
        w.blankLine().writeLine('/** `forward` resources: relayed to a consumed API with only the trusted headers. */');
        w.writeLine('export const forwards: ForwardDefinition<Upstreams>[] = [').indent(() => {
          for (const f of rest.forwards) {
            const param = f.param === undefined ? '' : `param: ${lit(f.param)}, `;
            w.writeLine(
              `{ path: ${lit(f.expressPath)}, ${param}namespace: ${lit(f.namespace)}, trustedHeaders: ${jsonLiteral(f.trustedHeaders)}, upstream: (upstreams) => ${access('upstreams.$http', f.upstream)} },`,
            );
          }
        });
        w.writeLine('];');
      }
    },
  );
}

function writeRoute(w: CodeBlockWriter, route: RestRoute, input: string): void {
  w.write(docComment(`${route.method} ${route.specPath}: ${route.description}`));
  w.write('defineRoute(').inlineBlock(() => {
    w.writeLine(`operationId: ${lit(route.operationId)},`);
    w.writeLine(`method: ${lit(route.method.toLowerCase())},`);
    w.writeLine(`path: ${lit(route.expressPath)},`);
    w.writeLine(`input: ${input},`);
    const byKey = new Map(route.inputs.map((i) => [i.key, i]));
    const document = `{ ${route.inputs.map((i) => `${prop(i.specName)}: ${inputExpression(i)}`).join(', ')} }`;
    const body = invokeExpression(route, (key) => inputExpression(byKey.get(key)!), document);
    const usesInput = route.call ? readsInput(route) : route.inputs.length > 0;
    const calls = callsUpstream(route);
    const params = [calls ? 'upstreams' : '_upstreams', usesInput ? 'input' : '_input', calls ? 'options' : '_options'];
    w.writeLine(`invoke: (${params[0]}: Upstreams, ${params[1]}, ${params[2]})${invokeResultType(route)} => ${body},`);
  });
  w.write('),').newLine();
}

function inputSchema(inputs: readonly RestInput[], ctx: ZodContext | undefined): string {
  const groups = (['path', 'query', 'header', 'cookie'] as const).flatMap((location) => {
    const members = inputs.filter((i) => i.in === location);
    if (!members.length) return [];
    return [`${GROUP[location]}: z.object({ ${members.map((i) => `${prop(i.name)}: ${restInputSchema(i, ctx)}`).join(', ')} })`];
  });
  const body = inputs.find((i) => i.in === 'body');
  const fields = inputs.filter((i) => i.in === 'field');
  if (fields.length) {
    // Named fields of a JSON body, nested along their paths; other fields are kept so a
    // whole-body input still sees them.
    const required = fields.some((f) => f.required) || body?.required;
    groups.push(`body: ${fieldSchema(fields, 0, ctx)}${required ? '' : '.optional()'}`);
  } else if (body) groups.push(`body: ${restInputSchema(body, ctx)}`);
  return `z.object({ ${groups.join(', ')} })`;
}

/** `z.looseObject` over the fields' next path step; a field ends where its path does. */
function fieldSchema(fields: readonly RestInput[], depth: number, ctx: ZodContext | undefined): string {
  const byKey = new Map<string, RestInput[]>();
  for (const f of fields) {
    const key = (f.bodyPath ?? [f.name])[depth]!;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const shape = [...byKey].map(([key, group]) => {
    const leaf = group.find((f) => (f.bodyPath ?? [f.name]).length === depth + 1);
    if (leaf) return `${prop(key)}: ${restInputSchema(leaf, ctx)}`;
    const required = group.some((f) => f.required);
    return `${prop(key)}: ${fieldSchema(group, depth + 1, ctx)}${required ? '' : '.optional()'}`;
  });
  return `z.looseObject({ ${shape.join(', ')} })`;
}

function inputExpression(input: RestInput): string {
  if (input.in === 'body') return 'input.body';
  if (input.in === 'field') return (input.bodyPath ?? [input.name]).reduce((expr, key) => optionalAccess(expr, key), 'input.body');
  return access(`input.${GROUP[input.in]}`, input.name);
}
