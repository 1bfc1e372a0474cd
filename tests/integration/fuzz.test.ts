import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../lib/api/routes';
import { DEMO, signedIn, type Client } from '../helpers/client';
import { databaseChecksum } from '../helpers/db-state';
import { startServer, type TestServer } from '../helpers/server';
import { connect, sleep } from '../helpers/socket';

/**
 * Property-based fuzzing of every API endpoint and every socket event with malformed and boundary
 * payloads: never a 500, never a crashed process, never a changed row on a refusal, and a
 * legitimate client keeps receiving throughout.
 */
let server: TestServer;
let facilitator: Client;
let delegate: Client;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000', RATE_LIMIT_REGISTRATIONS: '1000000' } });
  facilitator = await signedIn(server.url, DEMO.facilitator);
  delegate = await signedIn(server.url, DEMO.kz);
});
afterAll(async () => {
  await server?.stop();
});

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'title\u0000', 'states[]', '$where');
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('KZ', 'XX', 'kz', 'CA-9', 'endorse', 'veto', '-1', '0', '1e999', 'NaN', '../../etc/passwd', '<script>', "' OR 1=1 --"),
  fc.string({ minLength: 5000, maxLength: 6000 }),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 12 })), tie('node'), { maxKeys: 5 }),
  ),
})).node;
// Bodies that are the right shape with one field wrong, as well as arbitrary JSON.
const fields = [
  'title',
  'summary',
  'states',
  'partners',
  'openToJoin',
  'topic',
  'visibility',
  'attribution',
  'body',
  'userId',
  'position',
  'note',
  'state',
  'name',
  'email',
  'password',
  'affiliation',
  'inviteCode',
  'eventId',
];
const nearlyValid = fc.record({ field: fc.constantFrom(...fields), value }).map(({ field, value: v }) => ({
  title: 'T',
  summary: '',
  states: ['KZ', 'UZ'],
  topic: 'water',
  body: 'x',
  position: 'endorse',
  [field]: v,
}));
const body = fc.oneof(value, nearlyValid, fc.dictionary(hostileKey, value, { maxKeys: 3 }));
const pathParam = fc.oneof(
  fc.constantFrom('1', '2', '999999', '0', '-1', 'abc', '1.5', '%00', '..', 'KZ', 'XX', '9'.repeat(30)),
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
);

describe('API fuzzing', () => {
  it('answers every malformed request below 500, in the error shape, without writing on a refusal', { timeout: 300_000 }, async () => {
    const routes = ROUTES.filter((r) => r.path !== '/api/v1/register');
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(pathParam, { minLength: 2, maxLength: 2 }),
        body,
        fc.dictionary(
          fc.constantFrom('limit', 'cursor', 'since', 'status', 'state', 'topic', 'q', 'before', 'format', '__proto__'),
          fc.string({ maxLength: 30 }),
          { maxKeys: 3 },
        ),
        fc.constantFrom(facilitator, delegate),
        async (route, params, payload, query, client) => {
          let i = 0;
          const path = route.path.replace(/:\w+/g, () => params[i++]) + (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
          const before = databaseChecksum(server);
          const response = await client.api(
            route.method,
            path,
            route.method === 'GET' ? undefined : JSON.stringify(payload),
            route.method === 'GET' ? {} : { 'content-type': 'application/json' },
          );
          requests++;
          expect(response.status, `${route.method} ${path}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.body?.error?.code, `${route.method} ${path}`).toEqual(expect.any(String));
            expect(databaseChecksum(server), `${route.method} ${path} wrote on a refusal`).toEqual(before);
          }
        },
      ),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20261128) },
    );
    expect(requests).toBe(400);
  });

  it('refuses invalid UTF-8, wrong content types, huge and empty bodies cleanly', async () => {
    const cases: { body: Buffer | string; type: string }[] = [
      { body: Buffer.from([0x7b, 0x22, 0x62, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), type: 'application/json' },
      { body: Buffer.from([0xc3, 0x28]), type: 'application/json' },
      { body: 'title=a&states=KZ', type: 'application/x-www-form-urlencoded' },
      { body: '', type: 'application/json' },
      { body: 'null', type: 'application/json' },
      { body: '[]', type: 'application/json' },
      { body: '"just a string"', type: 'text/plain' },
      { body: '{"a":' + '['.repeat(5000), type: 'application/json' },
      { body: 'x'.repeat(2 * 1024 * 1024), type: 'application/json' },
    ];
    for (const c of cases) {
      const before = databaseChecksum(server);
      const response = await delegate.raw('POST', '/api/v1/threads/1/initiatives', {
        body: typeof c.body === 'string' ? c.body : new Uint8Array(c.body),
        headers: { 'content-type': c.type },
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect((await response.json()).error.code).toEqual(expect.any(String));
      expect(databaseChecksum(server)).toEqual(before);
    }
  });

  it('registration: fuzzed bodies never 500 and never create a participant on a refusal', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = databaseChecksum(server);
        const response = await delegate.api('POST', '/api/v1/register', JSON.stringify(payload), { 'content-type': 'application/json' });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(databaseChecksum(server)).toEqual(before);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('socket fuzzing', () => {
  it(
    'answers malformed events with {ok:false}, survives unknown events and oversize frames, and keeps serving others',
    { timeout: 120_000 },
    async () => {
      const observer = await connect(server.url, (await signedIn(server.url, DEMO.observer)).cookieHeader());
      await observer.call('subscribe', { channel: 'thread:1' });
      const fuzzer = await connect(server.url, delegate.cookieHeader(), { reconnection: true });
      const events = ['subscribe', 'unsubscribe', 'message:send', 'typing'];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...events), body, async (event, payload) => {
          const before = databaseChecksum(server);
          if (!fuzzer.socket.connected) await sleep(200);
          if (event === 'typing') {
            fuzzer.socket.emit(event, payload);
            return;
          }
          const answer = await fuzzer.socket
            .timeout(5000)
            .emitWithAck(event, payload)
            .catch(() => ({ ok: false, error: 'timeout' }));
          expect(answer).toHaveProperty('ok');
          if (!answer.ok) expect(databaseChecksum(server)).toEqual(before);
        }),
        { numRuns: 300, seed: 11 },
      );
      // Unknown events, events without acks, binary, and a frame over the 64 KB limit.
      fuzzer.socket.emit('admin:drop-tables', { all: true });
      fuzzer.socket.emit('message:send', { threadId: 1, body: 'no ack' });
      fuzzer.socket.emit('subscribe', Buffer.from([1, 2, 3]));
      fuzzer.socket.emit('message:send', { threadId: 1, body: 'x'.repeat(200 * 1024) });
      await sleep(500);

      // The process is healthy and legitimate clients keep receiving.
      expect((await delegate.get('/api/health')).body).toMatchObject({ status: 'ok' });
      const count = observer.events.length;
      await delegate.post('/api/v1/threads/1/messages', { body: 'Still here' });
      await observer.waitFor((list) => list.length > count && list.at(-1)!.type === 'message.created');
      expect(observer.socket.connected).toBe(true);
      expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
      observer.close();
      fuzzer.close();
    },
  );
});
