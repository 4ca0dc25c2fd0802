/** Digest authentication: the RFC 2617 example, and a real challenge from a loopback server. */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { digestAuthorization, parseChallenge } from '../../templates/runtime/http-digest.js';
import { createHttpClient } from '../../templates/runtime/http.js';

describe('digest authentication', () => {
  it('computes the RFC 2617 example response', () => {
    const challenge = parseChallenge('Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"')!;
    const header = digestAuthorization(challenge, { username: 'Mufasa', password: 'Circle Of Life' }, 'GET', '/dir/index.html', '0a4f113b')!;
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  let server: Server;
  afterAll(() => server?.close());

  it('answers a 401 challenge once and never sends the password', async () => {
    const seen: (string | undefined)[] = [];
    server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      const auth = req.headers.authorization;
      const m = auth && /response="([0-9a-f]+)".*cnonce="([0-9a-f]+)"/.exec(auth);
      const md5 = (s: string) => createHash('md5').update(s).digest('hex');
      const expected = m && md5(`${md5('ann:r:s3cret')}:n1:00000001:${m[2]}:auth:${md5(`GET:${req.url}`)}`);
      if (m && m[1] === expected) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      res.writeHead(401, { 'www-authenticate': 'Digest realm="r", nonce="n1", qop="auth"' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const http = createHttpClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: { kind: 'digest', username: 'ann', password: 's3cret' }, maxRetries: 0 });
    const response = await http.request({ operation: 't.get', method: 'GET', path: '/items', query: { q: 'a b' } });
    expect(response.body).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBeUndefined();
    expect(seen.join(' ')).not.toContain('s3cret');
  });
});
