/**
 * Orchestrations as the engine's OperationStepExecutor runs them: consumed output parameters shape
 * what a call step stores, lookups compare texts and keep the first match per key, mappings read
 * the step outputs only, and an orchestration that maps nothing answers its last call's answer.
 */
import { describe, expect, it } from 'vitest';
import type { UpstreamResponse } from '../../templates/runtime/http.js';
import type { PathStep } from '../../templates/runtime/output.js';
import { runSteps, type Step } from '../../templates/runtime/steps.js';
import { answerDocument, jacksonText, stepOutput } from '../../templates/runtime/step-output.js';
import { fromXml } from '../../templates/runtime/xml.js';

const json = (body: unknown, status = 200): UpstreamResponse => ({ status, contentType: 'application/json', body });
const call = (name: string, response: UpstreamResponse, extra: Partial<Extract<Step, { kind: 'call' }>> = {}): Step => ({ kind: 'call', name, invoke: () => Promise.resolve(response), ...extra });
const lookup = (name: string, index: string, match: string, lookupValue: readonly PathStep[], fields: string[], scope?: 'context'): Step =>
  ({ kind: 'lookup', name, index, match, lookupValue, fields, ...(scope ? { scope } : {}) });

const ships = [
  { imo_number: 'IMO-1', vessel_name: 'Northern Star' },
  { imo_number: 'IMO-2', vessel_name: 'Pacific Dawn' },
];

describe('call step outputs (resolveStepOutput)', () => {
  it('adds each named consumed output to every element of an array answer', () => {
    const out = stepOutput(ships, [{ name: 'imo-number', type: 'string', path: ['imo_number'] }]);
    expect(out).toEqual([
      { imo_number: 'IMO-1', vessel_name: 'Northern Star', 'imo-number': 'IMO-1' },
      { imo_number: 'IMO-2', vessel_name: 'Pacific Dawn', 'imo-number': 'IMO-2' },
    ]);
    // Elements that are not objects become objects of the named outputs; misses are null.
    expect(stepOutput(['x', { a: 1 }], [{ name: 'a', path: ['a'] }])).toEqual([{ a: null }, { a: 1 }]);
  });

  it('projects an object answer onto the named outputs, or takes the first unnamed one', () => {
    const ship = { imo_number: 'IMO-1', dims: { length: 229 } };
    expect(stepOutput(ship, [{ name: 'id', path: ['imo_number'] }, { name: 'gone', path: ['nope'] }, { path: ['dims'] }])).toEqual({ id: 'IMO-1', gone: null });
    expect(stepOutput(ship, [{ path: ['dims', 'length'] }, { path: ['imo_number'] }])).toBe(229);
    expect(stepOutput(ship, [{ name: 'label', text: 'static' }])).toEqual({ label: 'static' });
    // An object output without properties keeps the value at its path (the catalogue's `$.` result).
    expect(stepOutput(ship, [{ name: 'result', type: 'object', path: [] }])).toEqual({ result: ship });
  });

  it('shapes arrays and nested objects like exposed mappings, without converting types', () => {
    const doc = { crew: [{ id: 1, n: 'A' }, { id: 2 }], meta: { total: '2' } };
    const outputs = [
      { name: 'ids', type: 'array', path: ['crew'], items: { type: 'number', path: ['id'] } },
      { name: 'people', type: 'array', path: ['crew'], items: { type: 'object', properties: [{ name: 'name', path: ['n'] }] } },
      { name: 'meta', type: 'object', properties: [{ name: 'total', type: 'number', path: ['meta', 'total'] }] },
      { name: 'none', type: 'array', path: ['meta'] },
    ];
    expect(stepOutput(doc, outputs)).toEqual({ ids: [1, 2], people: [{ name: 'A' }, { name: null }], meta: { total: '2' }, none: null });
  });

  it('reads JSON sent as text, and keeps nothing of an answer that is not JSON', () => {
    expect(answerDocument({ status: 200, contentType: 'text/plain', body: '{"a":1}' })).toEqual({ a: 1 });
    expect(answerDocument({ status: 200, contentType: 'text/plain', body: 'hello' })).toBeUndefined();
    expect(answerDocument({ status: 204, contentType: undefined, body: undefined })).toBeUndefined();
  });
});

describe('lookups', () => {
  const crew = [
    { crewId: 'CREW-1', fullName: 'Erik', role: 'captain' },
    { crewId: 'CREW-2', fullName: 'Maria' },
    { crewId: 'CREW-1', fullName: 'Duplicate', role: 'cook' },
    { crewId: 7, fullName: 'Numbered', role: 'mate' },
  ];

  it('keeps the first match of each key, missing fields as null, keys without a match left out', async () => {
    const res = await runSteps(
      [call('ship', json({ crew: ['CREW-2', 'CREW-9', 'CREW-1', '7'] })), call('list', json(crew)), lookup('found', 'list', 'crewId', ['ship', 'crew'], ['fullName', 'role'])],
      [{ target: ['crew'], path: ['found'] }],
      {},
    );
    expect(res.body).toEqual({ crew: [{ fullName: 'Maria', role: null }, { fullName: 'Erik', role: 'captain' }, { fullName: 'Numbered', role: 'mate' }] });
  });

  it('compares texts: numbers and strings match, objects never do', () => {
    expect(jacksonText(7)).toBe('7');
    expect(jacksonText(12.5)).toBe('12.5');
    expect(jacksonText(true)).toBe('true');
    expect(jacksonText(null)).toBe('null');
    expect(jacksonText({ a: 1 })).toBe('');
    expect(jacksonText([1])).toBe('');
  });

  it('finds nothing without output fields, for a missing key or a missing index', async () => {
    const res = await runSteps(
      [
        call('ship', json({ captain: 'CREW-1' })),
        call('list', json(crew)),
        lookup('noFields', 'list', 'crewId', ['ship', 'captain'], []),
        lookup('noKey', 'list', 'crewId', ['ship', 'nope'], ['fullName']),
        lookup('noIndex', 'missing', 'crewId', ['ship', 'captain'], ['fullName']),
        lookup('captain', 'list', 'crewId', ['ship', 'captain'], ['fullName']),
      ],
      [
        { target: ['a'], path: ['noFields'] },
        { target: ['b'], path: ['noKey'] },
        { target: ['c'], path: ['noIndex'] },
        { target: ['captain'], path: ['captain', 'fullName'] },
      ],
      {},
    );
    expect(res.body).toEqual({ captain: 'Erik' });
  });

  it('matches a single object index, and a {{template}} over the inputs as its text', async () => {
    const res = await runSteps(
      [call('one', json({ crewId: 'CREW-1', fullName: 'Erik' })), lookup('who', 'one', 'crewId', ['wanted'], ['fullName'], 'context')],
      [{ target: ['name'], path: ['who', 'fullName'] }],
      { wanted: 'CREW-1' },
    );
    expect(res.body).toEqual({ name: 'Erik' });
  });

  it('matches on a consumed output added to every row (the tutorial fleet manifest)', async () => {
    const res = await runSteps(
      [
        call('voyage', json({ shipImo: 'IMO-2' })),
        call('ships', json(ships), { outputs: [{ name: 'imo-number', type: 'string', path: ['imo_number'] }] }),
        lookup('ship', 'ships', 'imo-number', ['voyage', 'shipImo'], ['vessel_name']),
      ],
      [{ target: ['ship', 'name'], path: ['ship', 'vessel_name'] }],
      {},
    );
    expect(res.body).toEqual({ ship: { name: 'Pacific Dawn' } });
  });
});

describe('mappings and the answer', () => {
  it('read the step outputs only: an input of the same name is not visible', async () => {
    const res = await runSteps([call('a', json({ x: 1 }))], [{ target: ['x'], path: ['a', 'x'] }, { target: ['imo'], path: ['imo'] }], { imo: 'IMO-1' });
    expect(res).toEqual({ status: 200, contentType: 'application/json', body: { x: 1 } });
  });

  it('keep nulls, leave misses out, and build nested targets over earlier scalars', async () => {
    const res = await runSteps(
      [call('a', json({ n: null, s: 'v', o: { k: 1 } }))],
      [
        { target: ['n'], path: ['a', 'n'] },
        { target: ['m'], path: ['a', 'missing'] },
        { target: ['ship'], path: ['a', 's'] },
        { target: ['ship', 'name'], path: ['a', 's'] },
        { target: ['o'], path: ['a', 'o'] },
      ],
      {},
    );
    expect(res.body).toEqual({ n: null, ship: { name: 'v' }, o: { k: 1 } });
  });

  it('answer the last call as it came when nothing maps, XML included', async () => {
    const xml: UpstreamResponse = { status: 203, contentType: 'application/xml', body: '<r><a>1</a></r>' };
    const steps = [call('first', json({ a: 1 })), call('xml', xml, { read: fromXml('t.xml') })];
    expect(await runSteps(steps, [{ target: ['x'], path: ['nothing', 'here'] }], {})).toBe(xml);
    expect(await runSteps(steps, [], {})).toBe(xml);
    // The stored output is the converted document.
    expect((await runSteps(steps, [{ target: ['a'], path: ['xml', 'a'] }], {})).body).toEqual({ a: '1' });
  });

  it('stop at an upstream error and fail with it: later steps never run', async () => {
    const failure = new Error('upstream 404');
    let later = 0;
    const steps: Step[] = [
      { kind: 'call', name: 'first', invoke: () => Promise.reject(failure) },
      { kind: 'call', name: 'second', invoke: () => (later++, Promise.resolve(json({}))) },
    ];
    await expect(runSteps(steps, [], {})).rejects.toBe(failure);
    expect(later).toBe(0);
  });

  it('pass the context (inputs and earlier outputs) to every call', async () => {
    const seen: unknown[] = [];
    const record: Step = { kind: 'call', name: 'b', invoke: (context) => (seen.push({ ...context }), Promise.resolve(json({}))) };
    await runSteps([call('a', json({ id: 7 })), record], [], { q: 'x' });
    expect(seen).toEqual([{ q: 'x', a: { id: 7 } }]);
  });
});
