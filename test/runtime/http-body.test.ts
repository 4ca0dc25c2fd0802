/** Template bodies reach a real upstream encoded as declared. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asText, createHttpClient, formBody, multipartBody, toObject } from '../../templates/runtime/http.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';

let upstream: FakeUpstream;
beforeAll(async () => (upstream = await startFakeUpstream()));
afterAll(() => upstream.close());

describe('request bodies', () => {
  it('asText renders absent values as empty and objects as JSON', () => {
    expect([asText(undefined), asText(null), asText('a'), asText(3), asText({ a: 1 })]).toEqual(['', '', 'a', '3', '{"a":1}']);
  });

  it('toObject takes an object, or text holding a JSON object (an object query or header value); anything else is absent', () => {
    expect(toObject({ a: 1 })).toEqual({ a: 1 });
    expect(toObject('{"field":"created","dir":"desc"}')).toEqual({ field: 'created', dir: 'desc' });
    for (const other of ['created', '[1,2]', 'null', '{oops', 3, [{}], null, undefined]) expect(toObject(other)).toBeUndefined();
  });

  it('sends form bodies without absent fields', async () => {
    const http = createHttpClient({ baseUrl: upstream.url, auth: { kind: 'none' } });
    await http.request({ operation: 't.form', method: 'POST', path: '/f', content: { data: formBody([['To', '+1 555'], ['From', undefined], ['N', 2]]) } });
    const seen = upstream.requests.at(-1)!;
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(seen.body).toBe('To=%2B1+555&N=2');
  });

  it('sends text bodies with the declared content type', async () => {
    const http = createHttpClient({ baseUrl: upstream.url, auth: { kind: 'none' } });
    await http.request({ operation: 't.xml', method: 'POST', path: '/x', content: { contentType: 'application/xml', data: '<a>1</a>' } });
    const seen = upstream.requests.at(-1)!;
    expect(seen.headers['content-type']).toBe('application/xml');
    expect(seen.body).toBe('<a>1</a>');
  });

  it('sends multipart bodies with file parts', async () => {
    const http = createHttpClient({ baseUrl: upstream.url, auth: { kind: 'none' } });
    const data = multipartBody([{ name: 'note', value: 'hi' }, { name: 'doc', value: '{"a":1}', filename: 'a.json', contentType: 'application/json' }, { name: 'gone', value: undefined }]);
    await http.request({ operation: 't.multi', method: 'POST', path: '/m', content: { data } });
    const seen = upstream.requests.at(-1)!;
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body).toContain('name="note"\r\n\r\nhi');
    expect(seen.body).toContain('name="doc"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n{"a":1}');
    expect(seen.body).not.toContain('gone');
  });
});
