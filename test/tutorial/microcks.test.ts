/**
 * The Microcks mock against the Shipyard documents: answers worked out from Microcks' dispatch
 * rules (see microcks.ts) and the documents' examples.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPYARD_DOCUMENTS } from './tutorial.js';
import { startMicrocks, type MicrocksMock } from './microcks.js';

let mock: MicrocksMock;
let registry: string;
let legacy: string;

beforeAll(async () => {
  mock = await startMicrocks(SHIPYARD_DOCUMENTS());
  registry = mock.baseUrl('naftiko-shipyard-maritime-registry-api');
  legacy = mock.baseUrl('naftiko-shipyard-legacy-dockyard-api');
});
afterAll(() => mock?.close());

const get = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('Microcks mock of the Shipyard documents', () => {
  it('serves each document under /rest/<title>/<version>', () => {
    expect(registry).toBe(`${mock.url}/rest/naftiko-shipyard-maritime-registry-api/1.0.0-alpha2`);
    expect(legacy).toBe(`${mock.url}/rest/naftiko-shipyard-legacy-dockyard-api/1.0.0-alpha2`);
  });

  it('dispatches query parameters (URI_PARAMS) with a fallback', async () => {
    const all = await get(`${registry}/ships`);
    expect(all.type).toBe('application/json;charset=UTF-8');
    expect(JSON.parse(all.text).map((s: { imo_number: string }) => s.imo_number)).toEqual(['IMO-9321483', 'IMO-9456781']);
    expect(JSON.parse((await get(`${registry}/ships?status=maintenance`)).text)).toEqual([
      { imo_number: 'IMO-9456781', vessel_name: 'Pacific Dawn', vessel_type: 'tanker', flag_code: 'SG', operational_status: 'maintenance' },
    ]);
    expect(JSON.parse((await get(`${registry}/ships?status=decommissioned`)).text)).toHaveLength(2);
  });

  it('dispatches path parts (URI_PARTS) and refuses unknown ones as Microcks does', async () => {
    expect(JSON.parse((await get(`${registry}/ships/IMO-9456781`)).text).vessel_name).toBe('Pacific Dawn');
    expect(await get(`${registry}/ships/IMO-0000000`)).toEqual({ status: 400, type: null, text: 'The response /imo_number=IMO-0000000 does not exist!' });
  });

  it('answers a script dispatcher by the response name and renders request templates', async () => {
    const body = { shipImo: 'IMO-1', departurePort: 'Oslo', arrivalPort: 'Rotterdam', departureDate: 'd1', arrivalDate: 'd2', crewIds: ['c'] };
    const res = await get(`${registry}/voyages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toEqual({
      voyageId: 'VOY-2026-042', shipImo: 'IMO-1', departurePort: 'Oslo', arrivalPort: 'Rotterdam', departureDate: 'd1', arrivalDate: 'd2',
      crewIds: ['CREW-001', 'CREW-003'], cargoIds: ['CARGO-2024-0451'], status: 'planned',
    });
  });

  it('answers the only response of an operation without dispatcher, and x-microcks-refs', async () => {
    expect(JSON.parse((await get(`${registry}/crew`)).text)).toHaveLength(4);
    expect((await get(`${registry}/ships/IMO-9876543/crew`, { method: 'POST' })).status).toBe(204);
  });

  it('serves XML examples as written', async () => {
    const res = await get(`${legacy}/vessels?status=laid_up`);
    expect(res.type).toBe('application/xml;charset=UTF-8');
    expect(res.text).toBe(
      '<vessels>\n  <vessel>\n    <vesselCode>LEGACY-2087</vesselCode>\n    <vesselName>Iron Maiden</vesselName>\n    <category>bulk_carrier</category>\n    <flagState>PA</flagState>\n    <operationalStatus>laid_up</operationalStatus>\n  </vessel>\n</vessels>',
    );
  });

  it('records every request', () => {
    expect(mock.requests.length).toBeGreaterThan(5);
    expect(mock.requests[0]).toMatchObject({ method: 'GET', url: '/rest/naftiko-shipyard-maritime-registry-api/1.0.0-alpha2/ships' });
  });
});
