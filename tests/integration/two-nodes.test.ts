import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../components/live/live-client';
import type { PublicEvent } from '../../lib/events/types';
import { Client, DEMO, signedIn } from '../helpers/client';
import { freshPostgresUrl } from '../helpers/dialect';
import { startServer, type TestServer } from '../helpers/server';
import { connect } from '../helpers/socket';
import { until } from '../helpers/wait';
import { retry, startWriteLoad } from '../helpers/write-load';

/**
 * Two app processes on one PostgreSQL database, as behind a load balancer: what is written
 * through one node is seen live on the other, exactly once and in order; presence, typing,
 * sign-out, sessions and limits span both; killing one loses nothing acknowledged.
 */
let url: string;
let a: TestServer;
let b: TestServer;
let database: pg.Pool;

beforeAll(async () => {
  url = await freshPostgresUrl();
  // Started together on an empty database: migrations and the demo seed must happen once.
  const env = { DATABASE_URL: url, RATE_LIMIT_MESSAGES: '1000' };
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
  database = new pg.Pool({ connectionString: url, max: 4 });
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.end();
});

const rows = async <T>(text: string, values: unknown[] = []) => (await database.query(text, values)).rows as T[];
const firstRoom = async (client: Client) =>
  (await client.get('/api/v1/threads?limit=100')).body.items.find((r: { visibility: string }) => r.visibility === 'open').id as number;

describe('starting together', () => {
  it('migrated and seeded once, and each node answers for PostgreSQL', async () => {
    expect(await rows('SELECT COUNT(*)::int AS n FROM participants')).toEqual([{ n: 10 }]);
    expect(await rows('SELECT COUNT(*)::int AS n FROM settings WHERE key = $1', ['nextauth_secret'])).toEqual([{ n: 1 }]);
    for (const node of [a, b]) expect((await new Client(node.url).get('/api/health')).body).toEqual({ status: 'ok', database: 'postgres' });
  });

  it('a session made on one node works on the other', async () => {
    const onA = await signedIn(a.url, DEMO.kg);
    const onB = new Client(b.url);
    for (const [name, value] of onA.cookies) onB.cookies.set(name, value);
    expect((await onB.get('/api/v1/me')).body.email).toBe(DEMO.kg);
  });
});

describe('live delivery across nodes', () => {
  it('a socket on A receives, exactly once and in event-id order, everything written through A and B', async () => {
    const writerA = await signedIn(a.url, DEMO.expert);
    const writerB = await signedIn(b.url, DEMO.civil);
    const room = await firstRoom(writerA);
    const reader = await signedIn(a.url, DEMO.kz);
    const since = (await rows<{ id: number }>('SELECT COALESCE(MAX(id), 0)::int AS id FROM events'))[0].id;
    const live = await connect(a.url, reader.cookieHeader());
    expect((await live.call('subscribe', { channel: `thread:${room}`, since })).ok).toBe(true);
    await Promise.all(
      Array.from({ length: 10 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 10; i++) {
            const writer = (w + i) % 2 === 0 ? writerA : writerB;
            expect((await writer.post(`/api/v1/threads/${room}/messages`, { body: `two nodes ${w}-${i}` })).status).toBe(201);
          }
        })(),
      ),
    );
    const expected = (await rows<{ id: number }>('SELECT id FROM events WHERE thread_id = $1 AND id > $2 ORDER BY id', [room, since])).map(
      (r) => r.id,
    );
    expect(expected.length).toBe(100);
    await live.waitFor((events) => events.length >= expected.length, 10_000);
    // A marker written after them must arrive next: a duplicate would have come before it.
    const marker = await writerB.post(`/api/v1/threads/${room}/messages`, { body: 'two nodes: marker' });
    expect(marker.status).toBe(201);
    await live.waitFor((events) => events.some((e) => (e.payload as { message?: { id: number } }).message?.id === marker.body.id), 10_000);
    expect(live.events.map((e) => e.id).slice(0, -1)).toEqual(expected);
    live.close();
  });

  it('`since` works on any node: a page that loses A resumes on B with nothing missed', async () => {
    const writer = await signedIn(b.url, DEMO.uz);
    const room = await firstRoom(writer);
    const reader = await signedIn(a.url, DEMO.tj);
    const received: PublicEvent[] = [];
    const since = (await rows<{ id: number }>('SELECT COALESCE(MAX(id), 0)::int AS id FROM events'))[0].id;
    const onA = new LiveClient({ url: a.url, extraHeaders: { cookie: reader.cookieHeader() } });
    onA.join(`thread:${room}`, since, (e) => received.push(e));
    await until(() => onA.connected, 'A to connect');
    for (let i = 0; i < 5; i++) await writer.post(`/api/v1/threads/${room}/messages`, { body: `before ${i}` });
    await until(() => received.length === 5, 'five events on A');
    onA.close();
    for (let i = 0; i < 5; i++) await writer.post(`/api/v1/threads/${room}/messages`, { body: `while away ${i}` });
    const onB = new LiveClient({ url: b.url, extraHeaders: { cookie: reader.cookieHeader() } });
    onB.join(`thread:${room}`, received.at(-1)!.id, (e) => received.push(e));
    for (let i = 0; i < 5; i++) await writer.post(`/api/v1/threads/${room}/messages`, { body: `after ${i}` });
    await until(() => received.length === 15, 'all fifteen events');
    const ids = received.map((e) => e.id);
    expect(new Set(ids).size).toBe(15);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    onB.close();
  });

  it('presence and typing span the nodes', async () => {
    const expert = await signedIn(a.url, DEMO.expert);
    const civil = await signedIn(b.url, DEMO.civil);
    const room = await firstRoom(expert);
    const onA = await connect(a.url, expert.cookieHeader());
    const onB = await connect(b.url, civil.cookieHeader());
    const presenceOnA: string[][] = [];
    const typingOnA: string[] = [];
    onA.socket.on('presence', (p: { participants: { name?: string }[] }) => presenceOnA.push(p.participants.map((x) => x.name ?? '')));
    onA.socket.on('typing', (t: { who: { name?: string } }) => typingOnA.push(t.who.name ?? ''));
    await onA.call('subscribe', { channel: `thread:${room}` });
    await onB.call('subscribe', { channel: `thread:${room}` });
    await until(() => presenceOnA.at(-1)?.includes('Gulnora Yusupova') ?? false, 'A to see B’s participant at the table');
    expect(presenceOnA.at(-1)).toEqual(expect.arrayContaining(['Dana Seitkali', 'Gulnora Yusupova']));
    expect((await onB.call('typing', { threadId: room })).ok).toBe(true);
    await until(() => typingOnA.includes('Gulnora Yusupova'), 'typing from B to reach A');
    onB.close();
    await until(() => !(presenceOnA.at(-1)?.includes('Gulnora Yusupova') ?? true), 'A to see B’s participant leave');
    onA.close();
  });

  it('a notification written through A reaches its reader’s sockets on both nodes, once each, in the reader’s language', async () => {
    const kz = await signedIn(a.url, DEMO.kz);
    const kg = await signedIn(b.url, DEMO.kg);
    expect((await kg.patch('/api/v1/me', { locale: 'ru' })).status).toBe(200);
    const onA = await connect(a.url, kg.cookieHeader());
    const onB = await connect(b.url, kg.cookieHeader());
    const got = { a: [] as { initiativeId: number; title: string }[], b: [] as { initiativeId: number; title: string }[] };
    onA.socket.on('notification', (n: { initiativeId: number; title: string }) => got.a.push(n));
    onB.socket.on('notification', (n: { initiativeId: number; title: string }) => got.b.push(n));
    const room = await firstRoom(kz);
    const propose = async (title: string) => {
      const r = await kz.post(`/api/v1/threads/${room}/initiatives`, {
        title,
        summary: 'Across nodes.',
        states: ['KZ', 'KG'],
        partners: [],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as number;
    };
    const first = await propose('Gauges on both banks');
    // A second one as a marker: a duplicate of the first would have come before it.
    const marker = await propose('Shared flood maps');
    for (const node of ['a', 'b'] as const)
      await until(() => got[node].some((n) => n.initiativeId === marker), `the marker's notification on ${node.toUpperCase()}`);
    for (const node of ['a', 'b'] as const) {
      const told = got[node].filter((n) => n.initiativeId === first);
      expect(told).toHaveLength(1);
      expect(told[0].title).toContain('Gauges on both banks');
      expect(told[0].title).toMatch(/Кыргызстан/);
    }
    onA.close();
    onB.close();
    expect((await kg.patch('/api/v1/me', { locale: 'en' })).status).toBe(200);
  });

  it('sign-out on one node closes the participant’s sockets on the other within 2 s', async () => {
    const partner = await signedIn(a.url, DEMO.partner);
    const onB = await connect(b.url, partner.cookieHeader());
    const csrf = await partner.get('/api/auth/csrf');
    await partner.raw('POST', '/api/auth/signout', {
      body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, json: 'true' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await until(() => !onB.socket.connected, 'the socket on B to close')).toBeLessThan(2000);
  });

  it('a delegation changed on one node closes the delegate’s sockets on the other within 2 s', async () => {
    const facilitator = await signedIn(a.url, DEMO.facilitator);
    const tm = await signedIn(b.url, DEMO.tm);
    const id = (await tm.get('/api/v1/me')).body.id;
    const onB = await connect(b.url, tm.cookieHeader());
    await facilitator.post(`/api/v1/participants/${id}/delegation`, { state: null });
    expect(await until(() => !onB.socket.connected, 'the socket on B to close')).toBeLessThan(2000);
    await facilitator.post(`/api/v1/participants/${id}/delegation`, { state: 'TM' });
  });
});

describe('limits count across nodes', () => {
  it('message limits', async () => {
    const env = { DATABASE_URL: url, RATE_LIMIT_MESSAGES: '6' };
    const [c, d] = await Promise.all([startServer({ env, demo: false }), startServer({ env, demo: false })]);
    try {
      // Someone who has not posted yet (the demo seed's authors count against the same limit).
      const newcomer = { name: 'Limit Tester', email: 'limits@example.org', password: 'a-long-enough-password', affiliation: 'expert' };
      expect((await new Client(c.url).post('/api/v1/register', newcomer)).status).toBe(201);
      const onC = await signedIn(c.url, newcomer.email, newcomer.password);
      const onD = await signedIn(d.url, newcomer.email, newcomer.password);
      const room = await firstRoom(onC);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await (i % 2 ? onD : onC).post(`/api/v1/threads/${room}/messages`, { body: `limit ${i}` })).status);
      expect(statuses.slice(0, 6)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(statuses.slice(6)).toEqual([429, 429]);
    } finally {
      await Promise.all([c.stop(), d.stop()]);
    }
  });

  it('failed sign-ins on one node delay the next try on the other', async () => {
    const attempt = async (node: TestServer, password: string) => {
      const client = new Client(node.url);
      const csrf = await client.get('/api/auth/csrf');
      const response = await client.raw('POST', '/api/auth/callback/credentials', {
        body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, email: DEMO.observer, password, json: 'true' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await response.text();
      return response.status;
    };
    for (let i = 0; i < 6; i++) expect(await attempt(i % 2 ? b : a, `wrong-password-${i}`)).toBe(401);
    expect(await attempt(b, 'chaikhana-demo')).toBe(429);
  });
});

describe('consistency under concurrent writes through both nodes', () => {
  it('event ids only ever grow in commit order: no reader finds a new id below one it has seen', async () => {
    const writers = await Promise.all(
      [DEMO.expert, DEMO.civil, DEMO.kz, DEMO.uz, DEMO.kg, DEMO.tj].map((email, i) => signedIn(i % 2 ? b.url : a.url, email)),
    );
    // Each writer in a room of its own: nothing but the event log is shared between their transactions.
    const rooms = ((await writers[0].get('/api/v1/threads?limit=100')).body.items as { id: number; visibility: string }[])
      .filter((r) => r.visibility === 'open')
      .map((r) => r.id);
    expect(rooms.length).toBeGreaterThanOrEqual(4);
    let writing = true;
    const violations: string[] = [];
    const readers = [a, b, a, b].map(async (node, r) => {
      const reader = await signedIn(node.url, DEMO.facilitator);
      const seen = new Set<number>();
      let max = 0;
      while (writing) {
        const page = (await reader.get(`/api/v1/events?since=${Math.max(0, max - 300)}&limit=1000`)).body.items as { id: number }[];
        for (const { id } of page) {
          if (id <= max && !seen.has(id)) violations.push(`reader ${r}: ${id} appeared after ${max} had been seen`);
          seen.add(id);
          max = Math.max(max, id);
        }
      }
    });
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < 60; i++) await writer.post(`/api/v1/threads/${rooms[w % rooms.length]}/messages`, { body: `race ${w}-${i}` });
      }),
    );
    writing = false;
    await Promise.all(readers);
    expect(violations).toEqual([]);
  });

  it('dashboard totals equal a direct count after concurrent stance changes through both nodes', async () => {
    const delegates = await Promise.all(
      (['kz', 'kg', 'tj', 'uz'] as const).map((key, i) =>
        signedIn(i % 2 ? b.url : a.url, DEMO[key]).then((client) => ({ client, state: key.toUpperCase() })),
      ),
    );
    const list = (await delegates[0].client.get('/api/v1/initiatives?limit=100')).body.items as {
      id: number;
      states: string[];
      formalizedAt: string | null;
    }[];
    const positions = ['endorse', 'reservation', 'step_aside', 'pending'];
    await Promise.all(
      delegates.map(async ({ client, state }, d) => {
        for (let i = 0; i < 40; i++) {
          for (const initiative of list.filter((x) => x.states.includes(state) && !x.formalizedAt)) {
            await client.put(`/api/v1/initiatives/${initiative.id}/stances/${state}`, { position: positions[(i + d) % 4] });
          }
        }
      }),
    );
    const totals = (await delegates[0].client.get('/api/v1/dashboard')).body.totals;
    const counted = await rows<{ status: string; n: number }>(
      `SELECT i.status, COUNT(*)::int AS n FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE t.visibility = 'open' GROUP BY i.status`,
    );
    for (const { status, n } of counted) expect([status, totals.byStatus[status]]).toEqual([status, n]);
    const endorsed = await rows<{ state: string; n: number }>(
      `SELECT s.state_code AS state, COUNT(*)::int AS n FROM stances s JOIN initiatives i ON i.id = s.initiative_id JOIN threads t ON t.id = i.thread_id
       WHERE t.visibility = 'open' AND s.position = 'endorse' GROUP BY s.state_code`,
    );
    for (const { state, n } of endorsed) expect([state, totals.endorsed[state]]).toEqual([state, n]);
  });
});

describe('a node dies', () => {
  it('kill -9 of one node under write load loses no acknowledged write; its clients carry on through the other', async () => {
    const env = { DATABASE_URL: url, RATE_LIMIT_MESSAGES: '100000' };
    const victim = await startServer({ env, demo: false });
    try {
      const authors = await Promise.all([DEMO.expert, DEMO.civil].map((email) => signedIn(victim.url, email)));
      const delegates = await Promise.all(
        (['kz', 'uz'] as const).map(async (key) => ({ client: await signedIn(victim.url, DEMO[key]), state: key.toUpperCase() })),
      );
      const room = await firstRoom(authors[0]);
      const initiatives = (
        (await authors[0].get('/api/v1/initiatives?limit=100')).body.items as {
          id: number;
          states: string[];
          formalizedAt: string | null;
        }[]
      )
        .filter((i) => i.states.includes('KZ') && i.states.includes('UZ') && !i.formalizedAt)
        .map((i) => i.id);
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      const load = startWriteLoad({
        url: victim.url,
        tag: 'twonode',
        writers: 12,
        authors,
        delegates,
        initiatives,
        threadId: room,
        stop: stopped,
      });
      await until(() => load.acknowledged.length >= 150, '150 acknowledged writes', 20_000);
      await victim.kill();
      stop();
      await load.done;
      // The clients move to the surviving node, with the same sessions, and retry what was not acknowledged.
      for (const client of [...authors, ...delegates.map((d) => d.client)]) (client as unknown as { baseUrl: string }).baseUrl = a.url;
      for (const op of load.attempted.filter((o) => !load.acknowledged.includes(o))) {
        expect([200, 201]).toContain(await retry(op, room));
      }
      for (const op of load.attempted) {
        const found =
          op.kind === 'api-stance'
            ? await rows('SELECT 1 FROM events WHERE type = $1 AND payload LIKE $2', ['stance.changed', `%"note":"${op.text}"%`])
            : await rows('SELECT 1 FROM messages WHERE body = $1', [op.text]);
        expect([op.opId, found.length]).toEqual([op.opId, 1]);
      }
    } finally {
      await victim.stop();
    }
  });
});
