import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicEvent } from '../../lib/events/types';
import { DEMO, signInAll, type Client, type DemoKey } from '../helpers/client';
import { fetchPage, inBatches, occurrences } from '../helpers/pages';
import { facilitator, register, type Person } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';
import { connect, type LiveSocket } from '../helpers/socket';

/**
 * The Chatham House rule, everywhere a room's content goes: every demo person's name and email is
 * looked for in every page of every Chatham room (the HTML and the RSC payload of a navigation),
 * every API answer about it, every event replayed by `subscribe` and received live, every
 * presence and typing notice, the dashboard and the exports — as seen by every demo person and
 * by two people who are not in the demo. The new room sees every kind of room event, from every
 * demo person.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
/** Every demo person's name and email: what must never be tied to a Chatham room. */
let people: { key: DemoKey; name: string; email: string }[];
let needles: string[];
let readers: Person[];
let viewers: { label: string; client: Client }[];
let chathamRooms: number[];
let baselineRoom: { roomId: number; initiativeId: number };
let activeRoom: { roomId: number; initiativeId: number };
/** Global pages as each viewer saw them before the new room existed. */
const before: Record<string, Record<string, Record<string, number>>> = {};
const sockets: Record<string, LiveSocket> = {};
let sinceBeforeActivity: number;

const GLOBAL_PAGES = ['/rooms', '/initiatives', '/dashboard'];

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000' } });
  as = await signInAll(server.url);
  const directory = (await as.facilitator.get('/api/v1/participants')).body.items as { name: string; email: string }[];
  people = (Object.entries(DEMO) as [DemoKey, string][]).map(([key, email]) => ({
    key,
    email,
    name: directory.find((p) => p.email === email)!.name,
  }));
  expect(people.every((p) => p.name)).toBe(true);
  needles = people.flatMap((p) => [p.name, p.email]);
  readers = [
    await facilitator(server, 'reader.facilitator@example.org', 'Reader Facilitator'),
    await register(server.url, { name: 'Reader Expert', email: 'reader.expert@example.org', affiliation: 'expert' }),
  ];
  viewers = [
    ...people.map((p) => ({ label: p.key, client: as[p.key] })),
    { label: 'reader facilitator', client: readers[0].client },
    { label: 'reader expert', client: readers[1].client },
  ];
  // A Chatham room with nothing in it but one proposal by someone outside the demo: what a
  // Chatham room's pages contain for each viewer before anyone speaks (the header's own name, a
  // facilitator's directory of participants).
  const empty = await readers[0].client.post('/api/v1/threads', {
    title: 'An empty room under the rule',
    topic: 'trade',
    summary: '',
    states: ['KZ', 'UZ'],
    attribution: 'chatham',
  });
  const emptyInitiative = await readers[0].client.post(`/api/v1/threads/${empty.body.id}/initiatives`, {
    title: 'A quiet proposal',
    summary: '',
    states: ['KZ', 'UZ'],
  });
  baselineRoom = { roomId: empty.body.id, initiativeId: emptyInitiative.body.id };

  for (const viewer of viewers) {
    before[viewer.label] = {};
    for (const path of GLOBAL_PAGES) {
      const page = await fetchPage(viewer.client, path);
      before[viewer.label][path] = occurrences(page.html + page.rsc, needles);
    }
    const live = await connect(server.url, viewer.client.cookieHeader());
    await live.call('subscribe', { channel: 'dashboard' });
    sockets[viewer.label] = live;
  }
  sinceBeforeActivity = (await server.query<{ id: number }>('SELECT MAX(id) AS id FROM events'))[0].id;
  activeRoom = await everyKindOfRoomEvent();
  chathamRooms = ((await as.facilitator.get('/api/v1/threads?limit=100')).body.items as { id: number; attribution: string }[])
    .filter((room) => room.attribution === 'chatham' && room.id !== baselineRoom.roomId)
    .map((room) => room.id);
});
afterAll(async () => {
  for (const live of Object.values(sockets)) live.close();
  await server?.stop();
});

const ok = (response: { status: number }, what: string) => expect(response.status, what).toBeLessThan(300);

/** A new Chatham room where every demo person does something: every kind of room event. */
async function everyKindOfRoomEvent(): Promise<{ roomId: number; initiativeId: number }> {
  const room = await as.civil.post('/api/v1/threads', {
    title: 'Remittances under the rule',
    topic: 'migration',
    summary: 'Fees and channels.',
    states: ['KG', 'TJ', 'KZ', 'UZ'],
    partners: ['EU'],
    attribution: 'chatham',
  });
  ok(room, 'room');
  const roomId = room.body.id as number;
  for (const viewer of viewers) {
    const answer = await sockets[viewer.label].call('subscribe', { channel: `thread:${roomId}` });
    expect(answer.ok, viewer.label).toBe(true);
  }
  for (const person of people) {
    const id = (await as[person.key].get('/api/v1/me')).body.id;
    if (person.key !== 'civil') ok(await as.facilitator.post(`/api/v1/threads/${roomId}/members`, { userId: id }), `seat ${person.key}`);
    if (person.key !== 'observer')
      ok(await as[person.key].post(`/api/v1/threads/${roomId}/messages`, { body: `A point from ${person.key}` }), `message ${person.key}`);
  }
  const proposed = await as.kg.post(`/api/v1/threads/${roomId}/initiatives`, {
    title: 'Cheaper remittances',
    summary: 'Cap the fees.',
    states: ['KG', 'TJ', 'KZ'],
    partners: ['EU'],
    openToJoin: true,
  });
  ok(proposed, 'propose');
  const initiativeId = proposed.body.id as number;
  const stance = (key: DemoKey, state: string, position: string) =>
    as[key].put(`/api/v1/initiatives/${initiativeId}/stances/${state}`, { position, note: `${state} says ${position}` });
  ok(await stance('kz', 'KZ', 'reservation'), 'reservation');
  ok(await as.kg.patch(`/api/v1/initiatives/${initiativeId}`, { title: 'Cheaper remittances, revised' }), 'edit');
  for (const [key, state] of [
    ['kz', 'KZ'],
    ['kg', 'KG'],
    ['tj', 'TJ'],
  ] as const)
    ok(await stance(key, state, 'endorse'), `endorse ${state}`);
  ok(await as.uz.post(`/api/v1/initiatives/${initiativeId}/join`), 'join');
  ok(await stance('uz', 'UZ', 'endorse'), 'endorse UZ');
  for (const key of ['expert', 'civil', 'partner', 'facilitator'] as const)
    ok(await as[key].post(`/api/v1/initiatives/${initiativeId}/endorsements`), `support ${key}`);
  ok(await as.partner.delete(`/api/v1/initiatives/${initiativeId}/endorsements`), 'withdraw support');
  ok(await as.facilitator.post(`/api/v1/initiatives/${initiativeId}/formalize`), 'formalize');
  ok(await as.tm.post(`/api/v1/initiatives/${initiativeId}/join`), 'accede');
  ok(await stance('tm', 'TM', 'step_aside'), 'step aside');
  const observerId = (await as.observer.get('/api/v1/me')).body.id;
  ok(await as.facilitator.delete(`/api/v1/threads/${roomId}/members/${observerId}`), 'remove member');
  // Everyone in the room types.
  for (const person of people) sockets[person.key].socket.emit('typing', { threadId: roomId });
  for (const person of people) await sockets[person.key].roundTrip();
  for (const live of Object.values(sockets)) await live.roundTrip();
  return { roomId, initiativeId };
}

/** What is left of a text once the viewer's own baseline is allowed for: any name counted more often is a leak. */
function leaks(found: Record<string, number>, allowed: Record<string, number>): string[] {
  return Object.entries(found)
    .filter(([needle, n]) => n > (allowed[needle] ?? 0))
    .map(([needle, n]) => `${needle} ×${n} (allowed ${allowed[needle] ?? 0})`);
}

/** Every object that describes a person must be `{affiliation, state}`, nothing more. */
function personShapes(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => personShapes(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own =
    'affiliation' in record && Object.keys(record).some((k) => k !== 'affiliation' && k !== 'state')
      ? [`${path}: ${JSON.stringify(record)}`]
      : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => personShapes(v, `${path}.${k}`))];
}

function expectAnonymous(value: unknown, what: string) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  expect(leaks(occurrences(text, needles), {}), what).toEqual([]);
  if (typeof value !== 'string') expect(personShapes(value), what).toEqual([]);
}

async function initiativesOf(roomId: number): Promise<number[]> {
  return ((await as.facilitator.get(`/api/v1/initiatives?threadId=${roomId}&limit=100`)).body.items as { id: number }[]).map((i) => i.id);
}

describe('a Chatham House room', () => {
  it('is found among the demo rooms and the new one', () => {
    expect(chathamRooms.length).toBeGreaterThanOrEqual(2);
    expect(chathamRooms).toContain(activeRoom.roomId);
  });

  it(
    'pages (HTML and RSC payload) never show a demo person’s name or email beyond what an empty Chatham room shows the same viewer',
    { timeout: 180_000 },
    async () => {
      const baselinePaths = (roomId: number, initiativeId: number) => [
        [`/rooms/${roomId}`, `/rooms/${baselineRoom.roomId}`],
        [`/rooms/${roomId}/propose`, `/rooms/${baselineRoom.roomId}/propose`],
        [`/initiatives/${initiativeId}`, `/initiatives/${baselineRoom.initiativeId}`],
        [`/initiatives/${initiativeId}/edit`, `/initiatives/${baselineRoom.initiativeId}/edit`],
      ];
      const pairs: [string, string][] = [];
      for (const roomId of chathamRooms) {
        const initiatives = await initiativesOf(roomId);
        expect(initiatives.length, `room ${roomId}`).toBeGreaterThan(0);
        for (const initiativeId of initiatives) pairs.push(...(baselinePaths(roomId, initiativeId) as [string, string][]));
      }
      const unique = [...new Map(pairs.map((p) => [p[0], p])).values()];
      const found: string[] = [];
      let checked = 0;
      await inBatches(viewers, 3, async (viewer) => {
        // What the viewer sees on pages that show no room content, by status: the header with their
        // own name on a page, and on a "not found" page.
        const chrome = new Map<number, Record<string, number>>();
        for (const path of ['/rooms/new', '/initiatives/0']) {
          const page = await fetchPage(viewer.client, path);
          chrome.set(page.status, occurrences(page.html + page.rsc, needles));
        }
        const baseline = new Map<string, { status: number; counts: Record<string, number> }>();
        for (const [path, baselinePath] of unique) {
          if (!baseline.has(baselinePath)) {
            const page = await fetchPage(viewer.client, baselinePath);
            baseline.set(baselinePath, { status: page.status, counts: occurrences(page.html + page.rsc, needles) });
          }
          const page = await fetchPage(viewer.client, path);
          checked++;
          // The empty room's same page when it answers alike (a facilitator's directory included), else
          // a page without room content that answers alike (the edit page only its proposer gets).
          const same = baseline.get(baselinePath)!;
          const allowed = same.status === page.status ? same.counts : chrome.get(page.status);
          expect(allowed, `${viewer.label} ${path}: no page without room content answers ${page.status}`).toBeDefined();
          for (const leak of leaks(occurrences(page.html + page.rsc, needles), allowed!)) found.push(`${viewer.label} ${path}: ${leak}`);
        }
        // Pages listing every room: compared with the same page before the new room existed.
        for (const path of [...GLOBAL_PAGES, `/dashboard?focus=${activeRoom.initiativeId}`]) {
          const page = await fetchPage(viewer.client, path);
          checked++;
          for (const leak of leaks(occurrences(page.html + page.rsc, needles), before[viewer.label][path.split('?')[0]]))
            found.push(`${viewer.label} ${path}: ${leak}`);
        }
      });
      console.log(`chatham pages: ${checked} pages × (HTML + RSC) checked for ${people.length} people`);
      expect(found).toEqual([]);
    },
  );

  it('API answers about it never carry a name, an email or a person’s id', async () => {
    for (const viewer of viewers) {
      for (const roomId of chathamRooms) {
        const paths = [
          `/api/v1/threads/${roomId}`,
          `/api/v1/threads/${roomId}/messages?limit=100`,
          `/api/v1/threads/${roomId}/members`,
          `/api/v1/threads/${roomId}/initiatives`,
          `/api/v1/initiatives?threadId=${roomId}&limit=100`,
          `/api/v1/events?since=0&threadId=${roomId}&limit=1000`,
          ...(await initiativesOf(roomId)).map((id) => `/api/v1/initiatives/${id}`),
        ];
        for (const path of paths) {
          const answer = await viewer.client.get(path);
          expectAnonymous(answer.body, `${viewer.label} ${path}`);
        }
        // Lists of everything: the room's own items.
        const rooms = (await viewer.client.get('/api/v1/threads?limit=100')).body.items.filter((r: { id: number }) => r.id === roomId);
        expectAnonymous(rooms, `${viewer.label} room list`);
        const events = (await viewer.client.get(`/api/v1/events?since=${sinceBeforeActivity}&limit=1000`)).body.items.filter(
          (e: PublicEvent) => e.threadId === roomId,
        );
        expectAnonymous(events, `${viewer.label} event log`);
      }
    }
    // The new room's events are all there for a member to see, so the checks above were not vacuous.
    const types = new Set(
      ((await as.kg.get(`/api/v1/events?since=0&threadId=${activeRoom.roomId}&limit=1000`)).body.items as PublicEvent[]).map((e) => e.type),
    );
    expect([...types].sort()).toEqual(
      [
        'endorsement.added',
        'endorsement.removed',
        'initiative.edited',
        'initiative.formalized',
        'initiative.joined',
        'initiative.proposed',
        'member.added',
        'member.removed',
        'message.created',
        'stance.changed',
        'status.changed',
        'thread.created',
      ].sort(),
    );
  });

  it('the dashboard and the exports never carry a name or an email', async () => {
    for (const viewer of viewers) {
      for (const path of [
        '/api/v1/dashboard',
        '/api/v1/export/initiatives.json',
        `/api/v1/dashboard?focus=${activeRoom.initiativeId}`,
        '/api/v1/export/initiatives.json?q=remittances',
      ]) {
        const answer = await viewer.client.get(path);
        ok(answer, path);
        const items = JSON.stringify(answer.body);
        // Named rooms show names; only what concerns the Chatham rooms is checked.
        const chatham = (answer.body.items ?? []).filter((i: { threadId?: number; id: number }) => chathamRooms.includes(i.threadId ?? -1));
        expectAnonymous(chatham, `${viewer.label} ${path}`);
        expect(items.length).toBeGreaterThan(0);
      }
      const csv = await viewer.client.raw('GET', '/api/v1/export/initiatives.csv?q=remittances');
      const text = await csv.text();
      expect(text, viewer.label).toContain('Cheaper remittances');
      expectAnonymous(text, `${viewer.label} CSV`);
    }
  });

  it('sockets: no name in a replayed event (subscribe since 0, room and dashboard), a live event, presence or typing', async () => {
    for (const viewer of viewers) {
      const live = sockets[viewer.label];
      for (const roomId of chathamRooms) {
        const replay = await connect(server.url, viewer.client.cookieHeader());
        try {
          const room = await replay.call('subscribe', { channel: `thread:${roomId}`, since: 0 });
          const dashboard = await replay.call('subscribe', { channel: 'dashboard', since: 0 });
          if (!room.ok) {
            // Only a discreet room's outsiders are refused, exactly as for a room that does not exist.
            expect(room.error, `${viewer.label} thread:${roomId}`).toBe('not_found');
          } else {
            expect(room.missed.length, `${viewer.label} replay of ${roomId}`).toBeGreaterThan(0);
            expectAnonymous(room.missed, `${viewer.label} replay thread:${roomId}`);
          }
          expectAnonymous(
            dashboard.missed.filter((e: PublicEvent) => e.threadId === roomId),
            `${viewer.label} replay dashboard`,
          );
        } finally {
          replay.close();
        }
      }
      // Live: everything this socket received about the new room, once the log's last event of it arrived.
      const last = (await server.query<{ id: number }>('SELECT MAX(id) AS id FROM events WHERE thread_id = ?', activeRoom.roomId))[0].id;
      await live.waitFor((events) => events.some((e) => e.id === last));
      const received = live.events.filter((e) => e.threadId === activeRoom.roomId);
      expect(received.length, viewer.label).toBeGreaterThan(20);
      expectAnonymous(received, `${viewer.label} live events`);
      const presence = live.presence.filter((p) => p.threadId === activeRoom.roomId);
      const typing = live.typing.filter((t) => t.threadId === activeRoom.roomId);
      expect(presence.length, `${viewer.label} presence`).toBeGreaterThan(0);
      expect(typing.length, `${viewer.label} typing`).toBeGreaterThan(0);
      expectAnonymous(presence, `${viewer.label} presence`);
      expectAnonymous(typing, `${viewer.label} typing`);
    }
  });

  it('keeps the names out of the stored event payloads too (what any later reader gets)', async () => {
    for (const roomId of chathamRooms) {
      const rows = await server.query<{ actor: string; payload: string }>('SELECT actor, payload FROM events WHERE thread_id = ?', roomId);
      expect(rows.length).toBeGreaterThan(0);
      expectAnonymous(
        rows.map((r) => ({ actor: JSON.parse(r.actor ?? 'null'), payload: JSON.parse(r.payload) })),
        `stored events of ${roomId}`,
      );
    }
  });

  it('still shows names in a named room (the check can see a name when there is one)', async () => {
    const named = ((await as.kz.get('/api/v1/threads?limit=100')).body.items as { id: number; attribution: string }[]).find(
      (r) => r.attribution === 'named',
    )!;
    const messages = await as.kz.get(`/api/v1/threads/${named.id}/messages?limit=100`);
    expect(leaks(occurrences(JSON.stringify(messages.body), needles), {}).length).toBeGreaterThan(0);
    const page = await fetchPage(as.kz, `/rooms/${named.id}`);
    expect(leaks(occurrences(page.rsc, needles), {}).length).toBeGreaterThan(0);
  });
});
