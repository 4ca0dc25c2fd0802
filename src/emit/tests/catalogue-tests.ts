/** test/skill.gen.test.ts and test/control.gen.test.ts: the skill catalogue and the management plane, over HTTP. */
import type CodeBlockWriter from 'code-block-writer';
import type { CapabilityModel, InboundAuth } from '../../model/types.js';
import { lit } from '../code.js';
import { dataLiteral as jsonLiteral } from './data.js';
import type { GeneratedFile } from '../types.js';
import { tsFileUsing as tsFile } from '../ts/morph.js';
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
    write: (w) => w.writeLine(`assert.deepEqual((JSON.parse((await t.call('skill', { method: 'GET', url: '/skills' })).text) as { skills: { name: string }[] }).skills.map((s) => s.name), ${jsonLiteral(names)});`),
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
function writeTraces(w: CodeBlockWriter, call: TracedCall): void {
  if (call.adapter === 'rest') w.writeLine(`await t.call('rest', ${jsonLiteral(call.request)});`);
  else {
    w.writeLine('const client = await t.mcp();');
    w.write('try').block(() => w.writeLine(`await client.callTool({ name: ${lit(call.tool)}, arguments: ${jsonLiteral(call.args)} });`));
    w.write(' finally').block(() => w.writeLine('await client.close();'));
  }
  w.writeLine('type Span = { traceId: string; spanId: string; parentSpanId?: string; kind: string; name: string };');
  w.writeLine('let spans: Span[] = [];');
  w.writeLine('let server: Span | undefined;');
  // A REST span ends once the response has gone out, a moment after the caller has it.
  w.write('for (let i = 0; i < 50 && !server; i++)').block(() => {
    w.writeLine("if (i > 0) await new Promise((resolve) => setTimeout(resolve, 20));");
    w.writeLine("const answer = await t.call('control', { method: 'GET', url: '/traces' });");
    w.writeLine('assert.equal(answer.status, 200, answer.text);');
    w.writeLine('spans = (JSON.parse(answer.text) as { spans: Span[] }).spans;');
    w.writeLine(`server = spans.find((span) => span.kind === 'server' && span.name === ${lit(call.span)});`);
  });
  w.writeLine('const { traceId, spanId } = server ?? assert.fail(JSON.stringify(spans));');
  w.writeLine("assert.ok(spans.some((span) => span.kind === 'client' && span.traceId === traceId && span.parentSpanId === spanId), JSON.stringify(spans));");
  w.writeLine('const carried = t.upstream.requests.some((request) => Object.values(request.headers).some((value) => String(value).includes(traceId)));');
  w.writeLine("assert.ok(carried, 'the upstream request carries the trace context');");
}

/** A test besides the probes: its title, and its body. */
interface ExtraTest {
  readonly title: string;
  write(w: CodeBlockWriter): void;
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
      const skip = oauth2 ? `{ skip: ${lit('the adapter takes OAuth 2.1 access tokens, which need an authorization server')} }, ` : '';
      w.write(`describe(${lit(label)}, ${skip}() =>`).block(() => {
        w.writeLine('let t: TestService;');
        w.writeLine('before(async () => {\n  t = await startTestService();\n});');
        w.writeLine('after(() => t.close());');
        for (const probe of probes) {
          w.blankLine().write(`it(${lit(`${probe.title}: GET ${probe.path}`)}, async () =>`).block(() => {
            w.writeLine(`const answer = await t.call(${lit(adapter)}, { method: 'GET', url: ${lit(probe.path)} });`);
            w.writeLine(`assert.equal(answer.status, ${probe.status}, answer.text);`);
            w.writeLine(`assert.ok(answer.contentType.startsWith(${lit(probe.type)}), answer.contentType);`);
            if (probe.fields) w.writeLine(`assert.deepEqual(pick(JSON.parse(answer.text), ${jsonLiteral(Object.keys(probe.fields))}), ${jsonLiteral(probe.fields)});`);
            if (auth) w.writeLine(`expectProblem(await t.call(${lit(adapter)}, { method: 'GET', url: ${lit(probe.path)} }, true), 401);`);
          });
          w.write(');').newLine();
        }
        if (extra) {
          w.blankLine().write(`it(${lit(extra.title)}, async () =>`).block(() => extra.write(w));
          w.write(');').newLine();
        }
      });
      w.write(');').blankLine();
      w.write('function pick(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown>').block(() => {
        w.writeLine('return Object.fromEntries(keys.map((key) => [key, value[key]]));');
      });
    },
  );
}
