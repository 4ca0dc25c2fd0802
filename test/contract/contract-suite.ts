/**
 * The contract suite for one seed: its committed generated project, built and started against a
 * Prism mock of the vendor's own OpenAPI document. Every REST route and every MCP tool is called
 * with valid input; the vendor's success status, Prism's silence (no `sl-violations`) and the
 * vendor's response schema are asserted, then one invalid call must come back as the vendor's error.
 * REST calls go through Prism's validating proxy loaded with the service's own openapi.json, so the
 * generated document is held to what the service really accepts and answers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR, SPECS_DIR } from '../helpers/cases.js';
import { generateTyped } from '../helpers/typed-project.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import { startPrism, startPrismProxy, type Exchange, type PrismMock } from './prism.js';
import { check, loadDocument, responseSchemaPointer, schemaBook, type SchemaBook } from './schemas.js';
import type { VendorContract } from './vendors.js';

type ToolResult = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: unknown };

/**
 * `typed`: the seed is generated with `--openapi <the vendor's document>` first. Then the invalid
 * call is refused by the service itself (400 naming the field, MCP input error), never reaching
 * the vendor, and everything valid still passes Prism's request validation.
 */
export function contractSuite(vendor: VendorContract, typed = false): void {
  describe(`${vendor.id}${typed ? ' typed with --openapi' : ''} against Prism serving the vendor's OpenAPI document`, () => {
    let prism: PrismMock;
    let dir: string;
    let service: RunningService;
    let book: SchemaBook;
    let client: Client;
    let ownContract: { url: string; stop(): Promise<void> };
    let project: string;

    beforeAll(async () => {
      book = schemaBook(loadDocument(vendor.document));
      project = typed ? await generateTyped(join(SPECS_DIR, `${vendor.id}.yaml`), [vendor.document]) : join(GENERATED_DIR, vendor.id);
      [prism, dir] = await Promise.all([startPrism(vendor.document), Promise.resolve(buildProjectCopy(project))]);
      const env = { [vendor.keyEnv]: 'contract-test-token', [vendor.baseUrlEnv]: prism.url, REST_PORT: '0', MCP_PORT: '0' };
      service = await startService(dir, env, ['rest', 'mcp']);
      ownContract = await startPrismProxy(join(dir, 'openapi.json'), service.urls.rest!);
      client = new Client({ name: 'contract-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
    });

    afterAll(async () => {
      await client?.close();
      await ownContract?.stop();
      await service?.stop();
      await prism?.stop();
      if (dir) removeProjectCopy(dir);
      if (typed && project) removeProjectCopy(dirname(project));
    });

    /** The one upstream exchange a call caused: no retry, the expected status, Prism content. */
    function upstreamExchange(before: number, status: number): Exchange {
      const seen = prism.exchanges.slice(before);
      expect(seen.map((e) => e.status)).toEqual([status]);
      return seen[0]!;
    }

    function expectVendorBody(path: string, method: string, status: number, body: unknown): void {
      const { pointer } = responseSchemaPointer(book.document, path, method, status);
      expect(check(book.at(pointer), body), `${method} ${path} ${status} body vs ${pointer}`).toBe('');
    }

    /**
     * A REST call through the validating proxy. The response must never depart from openapi.json;
     * the request only when the test sends an invalid one on purpose (`requestViolations`).
     */
    async function restCall(method: string, url: string, body?: unknown, requestViolations = false): Promise<Response> {
      const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      const res = await fetch(ownContract.url + url, init);
      const violations = JSON.parse(res.headers.get('sl-violations') ?? '[]') as { location: string[] }[];
      expect(violations.filter((v) => v.location[0] !== 'request'), 'response departs from openapi.json').toEqual([]);
      expect(violations.length > 0, 'request departs from openapi.json').toBe(requestViolations);
      return res;
    }

    it.each(vendor.operations)('REST $rest.method $rest.url answers the vendor status $status with a vendor-valid body', async (op) => {
      const before = prism.exchanges.length;
      const res = await restCall(op.rest.method, op.rest.url, op.rest.body);
      expect(res.status).toBe(op.status);
      expect(upstreamExchange(before, op.status).headers['sl-violations']).toBeUndefined();
      if (op.status === 204) expect(await res.text()).toBe('');
      else expectVendorBody(op.path, op.method, op.status, await res.json());
    });

    it.each(vendor.operations)('MCP tool $tool.name returns the vendor answer to a vendor-valid call', async (op) => {
      const before = prism.exchanges.length;
      const result = (await client.callTool({ name: op.tool.name, arguments: op.tool.args })) as ToolResult;
      expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
      expect(upstreamExchange(before, op.status).headers['sl-violations']).toBeUndefined();
      if (op.status === 204) expect(result.structuredContent).toEqual({ status: 204 });
      else expectVendorBody(op.path, op.method, op.status, result.structuredContent);
    });

    it.runIf(typed)(`refuses ${vendor.invalid.what} itself: 400 naming the field, no upstream call`, async () => {
      const bad = vendor.invalid;
      const before = prism.exchanges.length;
      const res = await restCall(bad.rest.method, bad.rest.url, bad.rest.body, true);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as { errors: { path: string }[] };
      expect(problem.errors.map((e) => e.path)).toContain(bad.field);
      const result = (await client.callTool({ name: bad.tool.name, arguments: bad.tool.args })) as ToolResult;
      expect(result.isError).toBe(true);
      expect(prism.exchanges.length).toBe(before);
    });

    it.runIf(typed)('shows agents the fields the vendor documents for a body', async () => {
      const { tools } = await client.listTools();
      const tool = tools.find((t) => t.name === vendor.invalid.tool.name)!;
      const body = (tool.inputSchema.properties as Record<string, { properties?: Record<string, unknown> }>)['body']!;
      expect(Object.keys(body.properties ?? {})).toEqual(expect.arrayContaining([...vendor.bodyFields]));
    });

    it.skipIf(typed)(`passes the vendor's ${vendor.invalid.status} through for ${vendor.invalid.what}`, async () => {
      const bad = vendor.invalid;
      const { mediaType } = responseSchemaPointer(book.document, bad.path, bad.method, bad.status);
      const before = prism.exchanges.length;
      const res = await restCall(bad.rest.method, bad.rest.url, bad.rest.body);
      expect(res.status).toBe(bad.status);
      expect(res.headers.get('content-type')).toMatch(new RegExp(`^${mediaType.replace('+', '\\+')}`));
      expectVendorBody(bad.path, bad.method, bad.status, await res.json());
      // Prism flagged the request itself: the error is the vendor's verdict, not ours.
      expect(upstreamExchange(before, bad.status).headers['sl-violations']).toBeDefined();
    });

    it.skipIf(typed)(`reports the vendor's ${vendor.invalid.status} as an MCP tool error carrying the vendor's body`, async () => {
      const bad = vendor.invalid;
      const before = prism.exchanges.length;
      const result = (await client.callTool({ name: bad.tool.name, arguments: bad.tool.args })) as ToolResult;
      expect(result.isError).toBe(true);
      expect(result.structuredContent?.['status']).toBe(bad.status);
      upstreamExchange(before, bad.status);
      const text = String(result.structuredContent?.['error']);
      expectVendorBody(bad.path, bad.method, bad.status, JSON.parse(text.slice(text.indexOf('{'))));
    });

    it('answers its own 400 problem as its openapi.json documents it', async () => {
      const route = vendor.operations.find((op) => op.rest.body !== undefined)!;
      const res = await restCall(route.rest.method, route.rest.url, ['not', 'an', 'object'], true);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('serves its own OpenAPI document at GET /openapi.json', async () => {
      const res = await fetch(`${service.urls.rest}/openapi.json`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(readFileSync(join(project, 'openapi.json'), 'utf8')));
    });
  });
}
