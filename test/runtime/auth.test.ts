/** Inbound credentials on a real Express app. */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAuth, type InboundAuth } from '../../templates/runtime/auth.js';

const servers: import('node:http').Server[] = [];
async function appWith(auth: InboundAuth): Promise<string> {
  const app = express();
  app.use(requireAuth(auth, (res) => void res.status(401).json({ error: 'unauthorized' })));
  app.get('/x', (_req, res) => void res.json({ ok: true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterAll(() => servers.forEach((s) => s.close()));

describe('requireAuth', () => {
  let bearer: string, basic: string, apikey: string;
  beforeAll(async () => {
    bearer = await appWith({ kind: 'bearer', token: 't0k' });
    basic = await appWith({ kind: 'basic', username: 'ann', password: 'p:w' });
    apikey = await appWith({ kind: 'apikey', placement: 'query', name: 'key', value: 'k' });
  });

  it('checks bearer tokens and sends a challenge', async () => {
    const none = await fetch(`${bearer}/x`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect((await fetch(`${bearer}/x`, { headers: { authorization: 'Bearer t0' } })).status).toBe(401);
    expect((await fetch(`${bearer}/x`, { headers: { authorization: 'bearer t0k' } })).status).toBe(200);
  });

  it('checks basic credentials, passwords with colons included', async () => {
    const ok = Buffer.from('ann:p:w').toString('base64');
    const wrong = Buffer.from('ann:p').toString('base64');
    expect((await fetch(`${basic}/x`, { headers: { authorization: `Basic ${ok}` } })).status).toBe(200);
    expect((await fetch(`${basic}/x`, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
    expect((await fetch(`${basic}/x`, { headers: { authorization: 'Basic !!!' } })).status).toBe(401);
  });

  it('checks API keys in the query', async () => {
    expect((await fetch(`${apikey}/x?key=k`)).status).toBe(200);
    expect((await fetch(`${apikey}/x?key=k&key=k`)).status).toBe(401);
    expect((await fetch(`${apikey}/x`)).status).toBe(401);
  });
});
