/** test/rest.gen.test.ts: every REST route called over HTTP, with what the upstream must see and the caller get. */
import type { CapabilityModel, RestInput, RestRoute } from '../../model/types.js';
import type { SchemaLookup } from '../../model/typed-schemas.js';
import { json, str, ts, tsFileUsing as tsFile, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { buildRequest, callExpectation, jsonBody, restRequest, schemaLookup, type CallExpectation } from './plan.js';
import { restSample } from './values.js';

export function emitRestTests(model: CapabilityModel): GeneratedFile {
  const rest = model.rest!;
  const oauth2 = rest.auth?.kind === 'oauth2';
  return tsFile(
    'test/rest.gen.test.ts',
    model.sourceFile,
    [
      { moduleSpecifier: 'node:assert/strict', namedImports: [], defaultImport: 'assert' },
      { moduleSpecifier: 'node:test', namedImports: ['after', 'before', 'beforeEach', 'describe', 'it'] },
      { moduleSpecifier: './harness.gen.js', namedImports: ['startTestService', 'type TestService'] },
      { moduleSpecifier: './runtime/service-test.js', namedImports: ['expectJson', 'expectPassedThrough', 'expectProblem', 'expectRequests', 'expectSuccess'] },
    ],
    (w) => {
      w.write(ts`describe(${str(`REST adapter ${rest.namespace}`)}, () =>`).block(() => {
        w.writeLine(ts`let t: TestService;`);
        w.writeLine(ts`before(async () => {\n  t = await startTestService();\n});`);
        w.writeLine(ts`after(() => t.close());`);
        w.writeLine(ts`beforeEach(() => t.upstream.reset());`).blankLine();
        writeProbes(w, model);
        rest.routes.forEach((route, i) => {
          w.blankLine();
          writeCall(w, model, route, i + 1, oauth2);
          writeInvalid(w, route, schemaLookup(model), oauth2);
        });
        model.rest!.forwards.forEach((forward) => {
          w.blankLine();
          const url = forward.expressPath.replace(/\*\w+$/, 'sample/leaf').replace(/:"?(\w+)"?/g, 'sample').replace(/\\(.)/g, '$1');
          const skip = oauth2 ? ts`, { skip: ${str(OAUTH2_SKIP)} }` : ts``;
          w.write(ts`it(${str(`${forward.specPath} is forwarded to ${forward.namespace}`)}${skip}, async () =>`).block(() => {
            w.writeLine(ts`const answer = await t.call('rest', { method: 'GET', url: ${str(url)} });`);
            w.writeLine(ts`expectRequests(t.upstream.requests, [{ method: 'GET', path: ${str(`/${forward.namespace}/${forward.param ? 'sample/leaf' : ''}`)} }]);`);
            w.writeLine(ts`expectSuccess(answer);`);
          });
          w.write(ts`);`).newLine();
        });
        if (rest.auth && rest.routes.length) writeUnauthorized(w, rest.routes);
      });
      w.write(ts`);`).newLine();
    },
  );
}

const OAUTH2_SKIP = 'the adapter takes OAuth 2.1 access tokens, which need an authorization server';

function writeProbes(w: CodeWriter, model: CapabilityModel): void {
  const paths = [...new Set(model.rest!.routes.map((r) => r.openApiPath))].sort();
  w.write(ts`it('answers /health, /ready and /openapi.json without credentials', async () =>`).block(() => {
    w.writeLine(ts`expectJson(await t.call('rest', { method: 'GET', url: '/health' }, true), 200, { value: { status: 'ok' } });`);
    w.writeLine(ts`expectJson(await t.call('rest', { method: 'GET', url: '/ready' }, true), 200, { value: { status: 'ready' } });`);
    w.writeLine(ts`const document = await t.call('rest', { method: 'GET', url: '/openapi.json' }, true);`);
    w.writeLine(ts`expectJson(document, 200);`);
    w.writeLine(ts`const paths = Object.keys((JSON.parse(document.text) as { paths: object }).paths);`);
    w.writeLine(ts`for (const path of ${json(paths)}) assert.ok(paths.includes(path), \`\${path} in openapi.json\`);`);
  });
  w.write(ts`);`).newLine();
}

function callTitle(route: RestRoute): string {
  const what = route.orchestration ? `runs its ${route.orchestration.steps.length} step(s)` : route.call ? `calls ${route.call.ref}` : 'answers with its mock output';
  return `${route.method} ${route.specPath} ${what}`;
}

function writeCall(w: CodeWriter, model: CapabilityModel, route: RestRoute, n: number, oauth2: boolean): void {
  const planned = restRequest(route, schemaLookup(model));
  const skip = 'skip' in planned ? planned.skip : oauth2 ? OAUTH2_SKIP : undefined;
  w.write(ts`it(${str(callTitle(route))}${skip ? ts`, { skip: ${str(skip)} }` : ts``}, async () =>`).block(() => {
    if ('skip' in planned) return;
    const { request, values, document } = planned;
    const expectation = callExpectation(model, route, route.operationId, (key) => values.get(key), document);
    const requestId = `test-${n}`;
    writeScript(w, expectation);
    w.writeLine(ts`const answer = await t.call('rest', ${json({ ...request, headers: { ...request.headers, 'x-request-id': requestId } })});`);
    const upstream = expectation.upstream.map((r) => ({ ...r, headers: { ...r.headers, 'x-request-id': requestId } }));
    w.writeLine(ts`expectRequests(t.upstream.requests, ${json(upstream)});`);
    if (expectation.passedThrough) w.writeLine(ts`expectPassedThrough(answer, 200, ${json(expectation.passedThrough)});`);
    else if (expectation.answer) w.writeLine(ts`expectJson(answer, 200, ${json(expectation.answer)});`);
    else w.writeLine(ts`expectSuccess(answer);`);
  });
  w.write(ts`);`).newLine();
}

export function writeScript(w: CodeWriter, expectation: CallExpectation): void {
  if (expectation.reply) w.writeLine(ts`t.upstream.script(${json(expectation.reply)});`);
}

/** A request the route must refuse with 400 before calling anything: a required input left out, or one of the wrong type. */
function invalidRequest(route: RestRoute, lookup: SchemaLookup): { title: string; request: ReturnType<typeof buildRequest> } | undefined {
  const wire = new Map<RestInput, unknown>();
  for (const [i, input] of route.inputs.entries()) {
    const sample = restSample(input, i + 1, lookup);
    if ('unsupported' in sample) return undefined;
    wire.set(input, sample.wire);
  }
  const fields = route.inputs.filter((i) => i.in === 'field');
  const omittable = route.inputs.find((i) => i.required && i.defaultValue === undefined && i.in !== 'path' && !(i.in === 'body' && fields.length));
  const numeric = route.inputs.find((i) => (i.type === 'integer' || i.type === 'number') && i.in !== 'body' && i.in !== 'field');
  const target = omittable ?? numeric;
  if (!target) return undefined;
  if (target === omittable) wire.delete(target);
  else wire.set(target, 'not-a-number');
  const body = jsonBody(route.inputs, wire);
  const title = target === omittable ? `without ${target.specName}` : `with a ${target.specName} that is not a number`;
  return { title: `${route.method} ${route.specPath} ${title} answers 400`, request: buildRequest(route, route.inputs, wire, body) };
}

function writeInvalid(w: CodeWriter, route: RestRoute, lookup: SchemaLookup, oauth2: boolean): void {
  const invalid = invalidRequest(route, lookup);
  if (!invalid) return;
  w.write(ts`it(${str(invalid.title)}${oauth2 ? ts`, { skip: ${str(OAUTH2_SKIP)} }` : ts``}, async () =>`).block(() => {
    w.writeLine(ts`expectProblem(await t.call('rest', ${json(invalid.request)}), 400);`);
    w.writeLine(ts`expectRequests(t.upstream.requests, []);`);
  });
  w.write(ts`);`).newLine();
}

function writeUnauthorized(w: CodeWriter, routes: readonly RestRoute[]): void {
  w.blankLine();
  const requests = routes.map((r) => ({ method: r.method, url: r.openApiPath.replace(/\{[^}]+\}/g, 'sample') }));
  w.write(ts`it('answers 401 to every route without credentials, calling nothing', async () =>`).block(() => {
    w.write(ts`for (const request of ${json(requests)})`).block(() => {
      w.writeLine(ts`expectProblem(await t.call('rest', request, true), 401);`);
    });
    w.writeLine(ts`expectRequests(t.upstream.requests, []);`);
  });
  w.write(ts`);`).newLine();
}
