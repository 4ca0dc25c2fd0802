/** src/rest/routes.gen.ts: the REST routes as typed, validated definitions. */
import type { NamedSchema, RestInput, RestRoute, RestSurface } from '../../model/types.js';
import { doc, docComment, join, json, key, member, optionalMember, str, ts, tsFile, type Code, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { callsUpstream, converterImports, formatImports, invokeExpression, readCalls, invokeResultType, mapperImports, outputImports, readsInput, stepImports } from './invocation.js';
import { restInputSchema } from './zod.js';
import { apiImports, apiZodContext } from './schemas.js';
import type { ZodContext } from './typed-zod.js';

const GROUP: Record<RestInput['in'], string> = { path: 'params', query: 'query', header: 'headers', cookie: 'cookies', body: 'body', field: 'body' };
const INPUT = ts`input`;

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
      ...formatImports(readCalls(rest.routes)),
      { moduleSpecifier: './outputs.gen.js', namedImports: mapperImports(rest.routes) },
      { moduleSpecifier: '../upstreams.gen.js', namedImports: ['type Upstreams'] },
      { moduleSpecifier: '../runtime/forward.js', namedImports: rest.forwards.length ? ['type ForwardDefinition'] : [] },
      ...apiImports(ctx, '..'),
    ],
    (w) => {
      w.writeLine(doc(`Routes of the ${rest.namespace} REST adapter, in spec order.`));
      // A forward-only adapter still exports its (empty) routes with a type, as main.ts expects.
      w.write(rest.routes.length ? ts`export const routes = [` : ts`export const routes: RouteDefinition<Upstreams>[] = [`).indent(() => rest.routes.forEach((route, i) => writeRoute(w, route, inputs[i]!)));
      w.writeLine(ts`];`);
      if (rest.forwards.length) {
        w.blankLine().writeLine(ts`/** \`forward\` resources: relayed to a consumed API with only the trusted headers. */`);
        w.writeLine(ts`export const forwards: ForwardDefinition<Upstreams>[] = [`).indent(() => {
          for (const f of rest.forwards) {
            const param = f.param === undefined ? ts`` : ts`param: ${str(f.param)}, `;
            const upstream = member(ts`upstreams.$http`, f.upstream);
            w.writeLine(ts`{ path: ${str(f.expressPath)}, ${param}namespace: ${str(f.namespace)}, trustedHeaders: ${json(f.trustedHeaders)}, upstream: (upstreams) => ${upstream} },`);
          }
        });
        w.writeLine(ts`];`);
      }
    },
  );
}

function writeRoute(w: CodeWriter, route: RestRoute, input: Code): void {
  w.write(docComment(`${route.method} ${route.specPath}: ${route.description}`));
  w.write(ts`defineRoute(`).inlineBlock(() => {
    w.writeLine(ts`operationId: ${str(route.operationId)},`);
    w.writeLine(ts`method: ${str(route.method.toLowerCase())},`);
    w.writeLine(ts`path: ${str(route.expressPath)},`);
    w.writeLine(ts`input: ${input},`);
    const byKey = new Map(route.inputs.map((i) => [i.key, i]));
    const document = ts`{ ${join(route.inputs.map((i) => ts`${key(i.specName)}: ${inputExpression(i)}`))} }`;
    const body = invokeExpression(route, (name) => inputExpression(byKey.get(name)!), document);
    const usesInput = route.call ? readsInput(route) : route.inputs.length > 0;
    const calls = callsUpstream(route);
    const params = ts`${calls ? ts`upstreams` : ts`_upstreams`}: Upstreams, ${usesInput ? ts`input` : ts`_input`}, ${calls ? ts`options` : ts`_options`}`;
    w.writeLine(ts`invoke: (${params})${invokeResultType(route)} => ${body},`);
  });
  w.write(ts`),`).newLine();
}

function inputSchema(inputs: readonly RestInput[], ctx: ZodContext | undefined): Code {
  const groups = (['path', 'query', 'header', 'cookie'] as const).flatMap((location) => {
    const members = inputs.filter((i) => i.in === location);
    if (!members.length) return [];
    return [ts`${key(GROUP[location])}: z.object({ ${join(members.map((i) => ts`${key(i.name)}: ${restInputSchema(i, ctx)}`))} })`];
  });
  const body = inputs.find((i) => i.in === 'body');
  const fields = inputs.filter((i) => i.in === 'field');
  if (fields.length) {
    // Named fields of a JSON body, nested along their paths; other fields are kept so a
    // whole-body input still sees them.
    const required = fields.some((f) => f.required) || body?.required;
    groups.push(ts`body: ${fieldSchema(fields, 0, ctx)}${required ? ts`` : ts`.optional()`}`);
  } else if (body) groups.push(ts`body: ${restInputSchema(body, ctx)}`);
  return ts`z.object({ ${join(groups)} })`;
}

/** `z.looseObject` over the fields' next path step; a field ends where its path does. */
function fieldSchema(fields: readonly RestInput[], depth: number, ctx: ZodContext | undefined): Code {
  const byKey = new Map<string, RestInput[]>();
  for (const f of fields) {
    const step = (f.bodyPath ?? [f.name])[depth]!;
    byKey.set(step, [...(byKey.get(step) ?? []), f]);
  }
  const shape = [...byKey].map(([step, group]) => {
    const leaf = group.find((f) => (f.bodyPath ?? [f.name]).length === depth + 1);
    if (leaf) return ts`${key(step)}: ${restInputSchema(leaf, ctx)}`;
    const required = group.some((f) => f.required);
    return ts`${key(step)}: ${fieldSchema(group, depth + 1, ctx)}${required ? ts`` : ts`.optional()`}`;
  });
  return ts`z.looseObject({ ${join(shape)} })`;
}

function inputExpression(input: RestInput): Code {
  if (input.in === 'body') return ts`input.body`;
  if (input.in === 'field') return (input.bodyPath ?? [input.name]).reduce((expr, step) => optionalMember(expr, step), ts`input.body`);
  return member(member(INPUT, GROUP[input.in]), input.name);
}
