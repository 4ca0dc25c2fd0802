/** test/skill.gen.test.ts and test/control.gen.test.ts: the skill catalogue and the management plane, over HTTP. */
import type { CapabilityModel, InboundAuth } from '../../model/types.js';
import { json, str, ts, tsFileUsing as tsFile, type CodeWriter } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { keepsRecentSpans } from '../../model/runtime-env.js';
import { tracedCall, type TracedCall } from './plan.js';

interface Probe {
  readonly title: string;
  readonly path: string;
  readonly status: number;
  /** The content type must start with it. */
  readonly type: string;
  /** Fields of the JSON answer that must hold these values. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export function emitSkillTests(model: CapabilityModel): GeneratedFile {
  const skill = model.skill!;
  const probes: Probe[] = [
    { title: 'lists every skill', path: '/skills', status: 200, type: 'application/json', fields: { namespace: skill.namespace } },
    ...skill.skills.flatMap((k) => {
      const self = `/skills/${encodeURIComponent(k.name)}`;
      return [
        { title: `describes skill ${k.name} and its tools`, path: self, status: 200, type: 'application/json', fields: { name: k.name } },
        { title: `serves the SKILL.md of ${k.name}`, path: `${self}/SKILL.md`, status: 200, type: 'text/markdown' },
      ];
    }),
  ];
  const names = skill.skills.map((k) => k.name);
  return probeFile(model, 'test/skill.gen.test.ts', 'skill', `skill catalogue ${skill.namespace}`, probes, skill.auth, {
    title: 'lists the skills of the spec, in its order',
    write: (w) => w.writeLine(ts`assert.deepEqual((JSON.parse((await t.call('skill', { method: 'GET', url: '/skills' })).text) as { skills: { name: string }[] }).skills.map((s) => s.name), ${json(names)});`),
  });
}

export function emitControlTests(model: CapabilityModel): GeneratedFile {
  const control = model.control!;
  const probes: Probe[] = [
    ...(control.health
      ? [
          { title: 'is live', path: '/health/live', status: 200, type: 'application/json', fields: { status: 'live' } },
          { title: 'is ready once every server listens', path: '/health/ready', status: 200, type: 'application/json', fields: { status: 'ready' } },
        ]
      : []),
    ...(control.info
      ? [
          { title: 'reports its status', path: '/status', status: 200, type: 'application/json', fields: { name: model.id, status: 'ready' } },
          { title: 'reports its configuration without secret values', path: '/config', status: 200, type: 'application/json' },
        ]
      : []),
    ...(control.metrics ? [{ title: 'serves Prometheus metrics', path: '/metrics', status: 200, type: 'text/plain' }] : []),
  ];
  const traced = keepsRecentSpans(model) ? tracedCall(model) : undefined;
  return probeFile(model, 'test/control.gen.test.ts', 'control', 'control port', probes, control.auth, traced && { title: 'keeps the spans of the last calls: GET /traces', write: (w) => writeTraces(w, traced) });
}

/** A traced call, then GET /traces: its server span, a client span under it, and the trace context the API got. */
function writeTraces(w: CodeWriter, call: TracedCall): void {
  if (call.adapter === 'rest') w.writeLine(ts`await t.call('rest', ${json(call.request)});`);
  else {
    w.writeLine(ts`const client = await t.mcp();`);
    w.write(ts`try`).block(() => w.writeLine(ts`await client.callTool({ name: ${str(call.tool)}, arguments: ${json(call.args)} });`));
    w.write(ts` finally`).block(() => w.writeLine(ts`await client.close();`));
  }
  w.writeLine(ts`type Span = { traceId: string; spanId: string; parentSpanId?: string; kind: string; name: string };`);
  w.writeLine(ts`let spans: Span[] = [];`);
  w.writeLine(ts`let server: Span | undefined;`);
  // A REST span ends once the response has gone out, a moment after the caller has it.
  w.write(ts`for (let i = 0; i < 50 && !server; i++)`).block(() => {
    w.writeLine(ts`if (i > 0) await new Promise((resolve) => setTimeout(resolve, 20));`);
    w.writeLine(ts`const answer = await t.call('control', { method: 'GET', url: '/traces' });`);
    w.writeLine(ts`assert.equal(answer.status, 200, answer.text);`);
    w.writeLine(ts`spans = (JSON.parse(answer.text) as { spans: Span[] }).spans;`);
    w.writeLine(ts`server = spans.find((span) => span.kind === 'server' && span.name === ${str(call.span)});`);
  });
  w.writeLine(ts`const { traceId, spanId } = server ?? assert.fail(JSON.stringify(spans));`);
  w.writeLine(ts`assert.ok(spans.some((span) => span.kind === 'client' && span.traceId === traceId && span.parentSpanId === spanId), JSON.stringify(spans));`);
  w.writeLine(ts`const carried = t.upstream.requests.some((request) => Object.values(request.headers).some((value) => String(value).includes(traceId)));`);
  w.writeLine(ts`assert.ok(carried, 'the upstream request carries the trace context');`);
}

/** A test besides the probes: its title, and its body. */
interface ExtraTest {
  readonly title: string;
  write(w: CodeWriter): void;
}

function probeFile(model: CapabilityModel, path: string, adapter: string, label: string, probes: readonly Probe[], auth: InboundAuth | undefined, extra?: ExtraTest): GeneratedFile {
  const oauth2 = auth?.kind === 'oauth2';
  return tsFile(
    path,
    model.sourceFile,
    [
      { moduleSpecifier: 'node:assert/strict', namedImports: [], defaultImport: 'assert' },
      { moduleSpecifier: 'node:test', namedImports: ['after', 'before', 'describe', 'it'] },
      { moduleSpecifier: './harness.gen.js', namedImports: ['startTestService', 'type TestService'] },
      { moduleSpecifier: './runtime/service-test.js', namedImports: auth ? ['expectProblem'] : [] },
    ],
    (w) => {
      const skip = oauth2 ? ts`{ skip: ${str('the adapter takes OAuth 2.1 access tokens, which need an authorization server')} }, ` : ts``;
      w.write(ts`describe(${str(label)}, ${skip}() =>`).block(() => {
        w.writeLine(ts`let t: TestService;`);
        w.writeLine(ts`before(async () => {\n  t = await startTestService();\n});`);
        w.writeLine(ts`after(() => t.close());`);
        for (const probe of probes) {
          w.blankLine().write(ts`it(${str(`${probe.title}: GET ${probe.path}`)}, async () =>`).block(() => {
            w.writeLine(ts`const answer = await t.call(${str(adapter)}, { method: 'GET', url: ${str(probe.path)} });`);
            w.writeLine(ts`assert.equal(answer.status, ${probe.status}, answer.text);`);
            w.writeLine(ts`assert.ok(answer.contentType.startsWith(${str(probe.type)}), answer.contentType);`);
            if (probe.fields) w.writeLine(ts`assert.deepEqual(pick(JSON.parse(answer.text), ${json(Object.keys(probe.fields))}), ${json(probe.fields)});`);
            if (auth) w.writeLine(ts`expectProblem(await t.call(${str(adapter)}, { method: 'GET', url: ${str(probe.path)} }, true), 401);`);
          });
          w.write(ts`);`).newLine();
        }
        if (extra) {
          w.blankLine().write(ts`it(${str(extra.title)}, async () =>`).block(() => extra.write(w));
          w.write(ts`);`).newLine();
        }
      });
      w.write(ts`);`).blankLine();
      w.write(ts`function pick(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown>`).block(() => {
        w.writeLine(ts`return Object.fromEntries(keys.map((key) => [key, value[key]]));`);
      });
    },
  );
}
