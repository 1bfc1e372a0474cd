import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, type ApiResponse } from '../helpers/client';
import { DatabaseWatch } from '../helpers/db-watch';
import { buildPages } from '../helpers/pages';
import { delegate, facilitator, register, setDelegation, tokenClient, type Person } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';
import { actionNames, callAction, type ActionAnswer } from '../helpers/server-action';
import { NOTIFICATION_TYPES } from '../../lib/notifications/types';
import { connect, refusal, type LiveSocket } from '../helpers/socket';

/**
 * Who may do what, generated from one table: actions × actors × room kinds × entry points (API
 * with the session cookie, API with a personal token, page, server action called directly as a
 * script would, socket event). The expected outcome of each cell is written out as data from
 * PRODUCT.md, not computed by the code under test. Every cell also watches the database: a
 * refused cell must commit nothing (SQLite's data_version, and a checksum of every table), and an
 * allowed write must commit something.
 */

const ACTORS = [
  'anonymous',
  'observer',
  'civil',
  'expert',
  'partner',
  'government',
  'otherState',
  'facilitator',
  'outsider',
  'member',
  'removed',
] as const;
type Actor = (typeof ACTORS)[number];
// anonymous — not signed in · observer, civil, expert, partner — by affiliation · government — a
// government affiliation whose delegation was revoked · otherState — a delegate of a state outside
// the initiative (KZ) · facilitator — a facilitator seated in the room · outsider — a facilitator
// who is not · member — a delegate of a participating state (TJ) seated in the room · removed — a
// delegate of a participating state (UZ) seated, then removed.

const ROOM_KINDS = ['open', 'discreet', 'chatham'] as const;
type RoomKind = (typeof ROOM_KINDS)[number];
type Kind = RoomKind | 'none';
type Entry = 'api' | 'token' | 'page' | 'action' | 'socket';

/** O ok · U sign in first · F forbidden · N not found (a discreet room does not exist for you) · C conflict · R refused, reason not shown (form actions without a result). */
type Outcome = string;

interface Cell {
  actor: Actor;
  kind: Kind;
  room: number;
  client: Client;
  /** Per-cell fixture ids, made before the database is watched. */
  id: number;
}
type Runner = (cell: Cell) => Promise<Outcome>;

interface Action {
  name: string;
  /** One letter per actor in ACTORS order, per room kind (chatham answers like open unless given). */
  expect: Partial<Record<Kind, string>>;
  /** Whether an allowed call must write ('maybe': bookkeeping that may already be up to date). */
  writes: boolean | 'maybe';
  run: Partial<Record<Entry, Runner>>;
  /** Makes the cell's fixture (not watched). */
  prepare?: (cell: Cell) => Promise<number>;
  /** Restores what an allowed write changed that other cells rely on (not watched). */
  restore?: (cell: Cell) => Promise<void>;
}

let server: TestServer;
let watch: DatabaseWatch;
let setup: Person;
let fixtureDelegates: Record<'TJ' | 'UZ', Person>;
let seatTarget: Person;
let people: Record<Exclude<Actor, 'anonymous'>, Person>;
let tokens: Record<Exclude<Actor, 'anonymous'>, Client>;
const rooms = {} as Record<RoomKind, number>;
const watchers = {} as Record<RoomKind, LiveSocket>;
let registrations = 0;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000', RATE_LIMIT_REGISTRATIONS: '1000000' } });
  // Rooms, initiatives and seats come from people who are not actors of the matrix.
  setup = await facilitator(server, 'setup@example.org', 'Setup Facilitator');
  const outsider = await facilitator(server, 'outsider@example.org', 'Outside Facilitator');
  fixtureDelegates = {
    TJ: await delegate(server.url, setup.client, { name: 'Fixture TJ', email: 'fixture.tj@example.org' }, 'TJ'),
    UZ: await delegate(server.url, setup.client, { name: 'Fixture UZ', email: 'fixture.uz@example.org' }, 'UZ'),
  };
  seatTarget = await register(server.url, { name: 'Seat Target', email: 'seat.target@example.org', affiliation: 'civil_society' });
  const government = await setDelegation(
    server.url,
    setup.client,
    await delegate(server.url, setup.client, { name: 'Former Delegate', email: 'former@example.org' }, 'KG'),
    null,
  );
  expect((await government.client.get('/api/v1/me')).body).toMatchObject({ affiliation: 'government', state: null });
  const demo = async (email: string): Promise<Person> => {
    const client = await signedIn(server.url, email);
    const me = (await client.get('/api/v1/me')).body;
    return { client, id: me.id, name: me.name, email };
  };
  people = {
    observer: await demo(DEMO.observer),
    civil: await demo(DEMO.civil),
    expert: await demo(DEMO.expert),
    partner: await demo(DEMO.partner),
    government,
    otherState: await demo(DEMO.kz),
    facilitator: await demo(DEMO.facilitator),
    outsider,
    member: await demo(DEMO.tj),
    removed: await demo(DEMO.uz),
  };
  tokens = Object.fromEntries(
    await Promise.all(
      Object.entries(people).map(async ([actor, person]) => [actor, (await tokenClient(server.url, person.client, 'matrix')).client]),
    ),
  ) as typeof tokens;
  for (const kind of ROOM_KINDS) {
    const room = await setup.client.post('/api/v1/threads', {
      title: `Room ${kind}`,
      topic: 'borders',
      // A word of its own, for the search cells.
      summary: `Needle${kind} on the agenda.`,
      states: ['TJ', 'UZ'],
      visibility: kind === 'discreet' ? 'discreet' : 'open',
      attribution: kind === 'chatham' ? 'chatham' : 'named',
    });
    expect(room.status).toBe(201);
    rooms[kind] = room.body.id;
    await seat(kind, people.removed.id);
    await setup.client.delete(`/api/v1/threads/${rooms[kind]}/members/${people.removed.id}`);
    await restoreSeats(kind);
    watchers[kind] = await connect(server.url, setup.client.cookieHeader());
    expect((await watchers[kind].call('subscribe', { channel: `thread:${rooms[kind]}` })).ok).toBe(true);
  }
  watch = new DatabaseWatch(server);
});
afterAll(async () => {
  for (const live of Object.values(watchers)) live?.close();
  watch?.close();
  await server?.stop();
});

// ── fixtures ───────────────────────────────────────────────────────────────────────────────────

async function seat(kind: RoomKind, userId: number) {
  if ((await server.query('SELECT 1 FROM memberships WHERE thread_id = ? AND participant_id = ?', rooms[kind], userId)).length) return;
  const answer = await setup.client.post(`/api/v1/threads/${rooms[kind]}/members`, { userId });
  expect(answer.status, `seat ${userId}`).toBe(201);
}

/** Seated in every room: the setup facilitator (its creator), the fixture delegates, the seated facilitator and the member. */
async function restoreSeats(kind: Kind) {
  if (kind === 'none') return;
  const seated = new Set([setup.id, fixtureDelegates.TJ.id, fixtureDelegates.UZ.id, people.facilitator.id, people.member.id]);
  const everyone = [...Object.values(people), seatTarget, ...Object.values(fixtureDelegates)];
  const now = new Set(
    (await server.query<{ id: number }>('SELECT participant_id AS id FROM memberships WHERE thread_id = ?', rooms[kind])).map((r) => r.id),
  );
  for (const person of everyone) {
    if (seated.has(person.id) && !now.has(person.id)) await seat(kind, person.id);
    if (!seated.has(person.id) && now.has(person.id)) await setup.client.delete(`/api/v1/threads/${rooms[kind]}/members/${person.id}`);
  }
}

/** Fixtures are reused while cells leave them untouched, and made anew after any cell wrote. */
const fixtures = new Map<string, number>();
async function cached(key: string, make: () => Promise<number>): Promise<number> {
  if (!fixtures.has(key)) fixtures.set(key, await make());
  return fixtures.get(key)!;
}

async function initiative(kind: Kind): Promise<number> {
  return cached(`initiative:${kind}`, async () => {
    const made = await setup.client.post(`/api/v1/threads/${rooms[kind as RoomKind]}/initiatives`, {
      title: 'Fixture',
      summary: 'Text',
      states: ['TJ', 'UZ'],
      openToJoin: true,
    });
    expect(made.status).toBe(201);
    return made.body.id;
  });
}

const inTwoHours = () => new Date(Date.now() + 2 * 3_600_000).toISOString();

/** A fresh initiative per cell (what the action does is not undone). */
async function freshInitiative(kind: Kind): Promise<number> {
  fixtures.delete(`initiative:${kind}`);
  const id = await initiative(kind);
  fixtures.delete(`initiative:${kind}`);
  return id;
}

/** A fresh initiative per cell under a running silence procedure. */
async function silentInitiative(kind: Kind): Promise<number> {
  const id = await freshInitiative(kind);
  expect((await setup.client.post(`/api/v1/initiatives/${id}/silence`, { deadline: inTwoHours() })).status).toBe(200);
  return id;
}

/** A fresh initiative per cell, TJ's endorsement given ad referendum (a confirmation is not undone). */
async function adReferendumInitiative(kind: Kind): Promise<number> {
  fixtures.delete(`initiative:${kind}`);
  const id = await initiative(kind);
  fixtures.delete(`initiative:${kind}`);
  const confirmBy = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const given = await fixtureDelegates.TJ.client.put(`/api/v1/initiatives/${id}/stances/TJ`, {
    position: 'endorse',
    adReferendum: true,
    confirmBy,
  });
  expect(given.status).toBe(200);
  return id;
}

async function consensusInitiative(kind: Kind): Promise<number> {
  return cached(`consensus:${kind}`, async () => {
    fixtures.delete(`initiative:${kind}`);
    const id = await initiative(kind);
    fixtures.delete(`initiative:${kind}`);
    for (const state of ['TJ', 'UZ'] as const) {
      expect((await fixtureDelegates[state].client.put(`/api/v1/initiatives/${id}/stances/${state}`, { position: 'endorse' })).status).toBe(
        200,
      );
    }
    return id;
  });
}

// Meetings: TJ and UZ attend, UZ in the chair (UZ's delegate is the actor `removed`, TJ's is `member`).
const hoursAhead = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const meetingBody = (threadId: number | null) => ({
  ...(threadId ? { threadId } : {}),
  title: 'Fixture meeting',
  level: 'expert',
  startsAt: hoursAhead(24),
  endsAt: hoursAhead(26),
  timezone: 'Asia/Dushanbe',
  chairState: 'UZ',
  states: ['TJ', 'UZ'],
});
/** The same meeting as the schedule form posts it (wall-clock times in the meeting's zone). */
const meetingForm = (threadId: number | null): Fields => ({
  ...(threadId ? { threadId: String(threadId) } : {}),
  title: 'Fixture meeting from the form',
  level: 'expert',
  startsAt: '2031-05-12T10:00',
  endsAt: '2031-05-12T12:00',
  timezone: 'Asia/Dushanbe',
  chairState: 'UZ',
  states: ['TJ', 'UZ'],
  agenda: '[]',
});

async function freshMeeting(kind: Kind): Promise<number> {
  const made = await setup.client.post('/api/v1/meetings', meetingBody(rooms[kind as RoomKind]));
  expect(made.status).toBe(201);
  return made.body.id;
}

const meeting = (kind: Kind) => cached(`meeting:${kind}`, () => freshMeeting(kind));

/** A fresh meeting per cell whose readout the setup facilitator has drafted (version 1). */
async function draftedMeeting(kind: Kind): Promise<number> {
  const id = await freshMeeting(kind);
  expect((await setup.client.put(`/api/v1/meetings/${id}/readout`, { body: 'Agreed: a joint survey.' })).status).toBe(200);
  return id;
}

/** A formalized initiative (a consensus of TJ and UZ, formalized by the setup facilitator). */
async function formalizedInitiative(kind: Kind): Promise<number> {
  return cached(`formalized:${kind}`, async () => {
    fixtures.delete(`consensus:${kind}`);
    const id = await consensusInitiative(kind);
    fixtures.delete(`consensus:${kind}`);
    expect((await setup.client.post(`/api/v1/initiatives/${id}/formalize`)).status).toBe(200);
    return id;
  });
}

// Moderation: messages by the TJ fixture, rooms made for one cell, archived rooms, reports.
let renames = 0;

/** A fresh message by the TJ fixture (seated in every room), per cell. */
async function message(kind: Kind): Promise<number> {
  const posted = await fixtureDelegates.TJ.client.post(`/api/v1/threads/${rooms[kind as RoomKind]}/messages`, {
    body: 'A fixture message',
  });
  expect(posted.status).toBe(201);
  return posted.body.id;
}

/** A room of this kind made for one cell (archiving is not undone), the seated facilitator and the member in it. */
async function freshRoom(kind: Kind): Promise<number> {
  const made = await setup.client.post('/api/v1/threads', {
    title: `Fresh ${kind}`,
    topic: 'borders',
    summary: 'For one cell.',
    states: ['TJ', 'UZ'],
    visibility: kind === 'discreet' ? 'discreet' : 'open',
    attribution: kind === 'chatham' ? 'chatham' : 'named',
  });
  expect(made.status).toBe(201);
  for (const person of [people.facilitator, people.member, fixtureDelegates.TJ]) {
    expect((await setup.client.post(`/api/v1/threads/${made.body.id}/members`, { userId: person.id })).status).toBe(201);
  }
  return made.body.id;
}

/** An archived room of each kind with an initiative open to join in it; nothing in it may change, so it is made once. */
const archived = new Map<Kind, { room: number; initiative: number }>();
async function archivedRoom(kind: Kind): Promise<{ room: number; initiative: number }> {
  if (!archived.has(kind)) {
    const room = await freshRoom(kind);
    const made = await setup.client.post(`/api/v1/threads/${room}/initiatives`, {
      title: 'Before the archive',
      summary: 'Text',
      states: ['TJ', 'UZ'],
      openToJoin: true,
    });
    expect(made.status).toBe(201);
    expect((await setup.client.post(`/api/v1/threads/${room}/archive`)).status).toBe(200);
    archived.set(kind, { room, initiative: made.body.id });
  }
  return archived.get(kind)!;
}

/** A fresh open report (by the UZ fixture, of a message in the open room), per cell. */
async function report(): Promise<number> {
  const reported = await fixtureDelegates.UZ.client.post(`/api/v1/messages/${await message('open')}/reports`, { reason: 'Fixture' });
  expect(reported.status).toBe(201);
  return reported.body.id;
}

// ── entry points: each answer as an outcome letter ─────────────────────────────────────────────

const CODES: Record<string, Outcome> = { unauthorized: 'U', forbidden: 'F', not_found: 'N', conflict: 'C', invalid: 'I' };
const STATUSES: Record<number, Outcome> = { 200: 'O', 201: 'O', 400: 'I', 401: 'U', 403: 'F', 404: 'N', 409: 'C' };

const fromStatus = (response: { status: number }): Outcome => STATUSES[response.status] ?? `?${response.status}`;

async function fromPage(client: Client, pagePath: string): Promise<Outcome> {
  const response = await client.raw('GET', pagePath);
  await response.text();
  if ([302, 303, 307].includes(response.status) && /\/signin/.test(response.headers.get('location') ?? '')) return 'U';
  return fromStatus(response);
}

/** An API call through the entry point of the cell: the session cookie, or the actor's API token. */
function api(call: (client: Client, cell: Cell) => Promise<ApiResponse>): Partial<Record<Entry, Runner>> {
  return {
    api: async (cell) => fromStatus(await call(cell.client, cell)),
    token: async (cell) => fromStatus(await call(tokens[cell.actor as Exclude<Actor, 'anonymous'>], cell)),
  };
}

const usedActions = new Set<string>();
/** Form actions without `useActionState` answer nothing: a refusal shows, but not its reason. */
const reasonHidden = new WeakSet<Runner>();
type Fields = Record<string, string | string[]>;

/** A server action posted to the page whose form carries it, with the arguments that page binds. */
function action(
  name: string,
  pagePath: (cell: Cell) => string,
  args: (cell: Cell) => unknown[],
  fields: Fields | ((cell: Cell) => Fields) = {},
  options: { formAction?: boolean } = {},
): Runner {
  usedActions.add(name);
  const runner: Runner = async (cell) => {
    const answer: ActionAnswer = await callAction(
      cell.client,
      pagePath(cell),
      name,
      args(cell),
      typeof fields === 'function' ? fields(cell) : fields,
      {
        previousState: !options.formAction,
      },
    );
    if ([303, 307].includes(answer.status) || (answer.status === 200 && answer.location))
      return /\/signin/.test(answer.location ?? '') ? 'U' : 'O';
    if (answer.status !== 200) return `?${answer.status}`;
    if (answer.result) return answer.result.ok ? 'O' : (CODES[answer.result.code ?? ''] ?? `?${answer.result.code}`);
    if (!options.formAction) return '?no result';
    // What a plain form action did shows in the database only (switching the language sets a cookie).
    return (await watch.changes()).committed || name === 'setLocale' ? 'O' : 'R';
  };
  if (options.formAction) reasonHidden.add(runner);
  return runner;
}

const usedEvents = new Set<string>();
/** A socket as a page opens it, then one event with its acknowledgement. */
function socket(event: string, payload: (cell: Cell) => unknown): Runner {
  usedEvents.add(event);
  return async (cell) => {
    if (cell.actor === 'anonymous') return (await refusal(server.url, null)) === 'unauthorized' ? 'U' : '?connected';
    const live = await connect(server.url, cell.client.cookieHeader());
    try {
      const answer = await live.call(event, payload(cell));
      return answer.ok ? 'O' : (CODES[answer.error] ?? `?${answer.error}`);
    } finally {
      live.close();
    }
  };
}

/** Typing has no acknowledgement: it counts as done when a member watching the room receives it. */
function typing(): Runner {
  usedEvents.add('typing');
  return async (cell) => {
    if (cell.actor === 'anonymous') return (await refusal(server.url, null)) === 'unauthorized' ? 'U' : '?connected';
    const kind = cell.kind as RoomKind;
    const live = await connect(server.url, cell.client.cookieHeader());
    try {
      const subscribed = await live.call('subscribe', { channel: `thread:${cell.room}` });
      const before = watchers[kind].typing.length;
      // Its answer proves the server handled it; the watcher's round trip, that what it sent has arrived.
      await live.call('typing', { threadId: cell.room });
      await watchers[kind].roundTrip();
      if (watchers[kind].typing.length > before) return 'O';
      return subscribed.ok ? 'R' : (CODES[subscribed.error] ?? `?${subscribed.error}`);
    } finally {
      live.close();
    }
  };
}

const usedPages = new Set<string>();
/** A page of the build (its route, as the build lists it), visited as a browser would. */
function page(route: string, pagePath: (cell: Cell) => string = () => route): Runner {
  usedPages.add(route);
  return async (cell) => fromPage(cell.client, pagePath(cell));
}

/**
 * Full-text search for the room's own word, through the API (cookie, token) and the search page:
 * O when the room is among the results, N when the answer leaves it out (as if it did not exist).
 */
function search(): Partial<Record<Entry, Runner>> {
  usedPages.add('/search');
  const query = (cell: Cell) => `q=needle${cell.kind}`;
  const found = (response: ApiResponse, cell: Cell): Outcome => {
    if (response.status !== 200) return fromStatus(response);
    return (response.body.items as { kind: string; id: number }[]).some((i) => i.kind === 'thread' && i.id === cell.room) ? 'O' : 'N';
  };
  return {
    api: async (cell) => found(await cell.client.get(`/api/v1/search?${query(cell)}`), cell),
    token: async (cell) => found(await tokens[cell.actor as Exclude<Actor, 'anonymous'>].get(`/api/v1/search?${query(cell)}`), cell),
    page: async (cell) => {
      const response = await cell.client.raw('GET', `/search?${query(cell)}`);
      const html = await response.text();
      if ([302, 303, 307].includes(response.status) && /\/signin/.test(response.headers.get('location') ?? '')) return 'U';
      if (response.status !== 200) return fromStatus(response);
      return html.includes(`href="/rooms/${cell.room}"`) ? 'O' : 'N';
    },
  };
}

// ── the table ──────────────────────────────────────────────────────────────────────────────────
//                                    anonymous, observer, civil, expert, partner, government, otherState, facilitator, outsider, member, removed
const EVERYONE_SIGNED_IN = { open: 'UOOOOOOOOOO', discreet: 'UNNNNNNONON' };

const ACTIONS: Action[] = [
  {
    name: 'read the room',
    expect: EVERYONE_SIGNED_IN,
    writes: false,
    run: {
      ...api((c, cell) => c.get(`/api/v1/threads/${cell.room}`)),
      page: page('/rooms/[id]', (cell) => `/rooms/${cell.room}`),
      socket: socket('subscribe', (cell) => ({ channel: `thread:${cell.room}`, since: 0 })),
    },
  },
  {
    name: 'read its messages',
    expect: EVERYONE_SIGNED_IN,
    writes: false,
    run: api((c, cell) => c.get(`/api/v1/threads/${cell.room}/messages`)),
  },
  {
    name: 'read its members',
    expect: EVERYONE_SIGNED_IN,
    writes: false,
    run: api((c, cell) => c.get(`/api/v1/threads/${cell.room}/members`)),
  },
  {
    name: 'post a message',
    expect: { open: 'UFOOOOOOOOO', discreet: 'UNNNNNNONON' },
    writes: true,
    run: {
      ...api((c, cell) => c.post(`/api/v1/threads/${cell.room}/messages`, { body: 'Hello' })),
      action: action(
        'postMessageAction',
        (cell) => `/rooms/${cell.room}`,
        (cell) => [cell.room],
        { body: 'Through the form' },
      ),
      socket: socket('message:send', (cell) => ({ threadId: cell.room, body: 'Over the socket' })),
    },
  },
  { name: 'type', expect: EVERYONE_SIGNED_IN, writes: false, run: { socket: typing() } },
  { name: 'find the room by its words', expect: EVERYONE_SIGNED_IN, writes: false, run: search() },
  {
    name: 'unsubscribe',
    expect: { open: 'UOOOOOOOOOO', discreet: 'UOOOOOOOOOO' },
    writes: false,
    run: { socket: socket('unsubscribe', (cell) => ({ channel: `thread:${cell.room}` })) },
  },
  {
    name: 'take a seat',
    expect: { open: 'UOOOOOOCOCO', discreet: 'UNNNNNNCNFN' },
    writes: true,
    run: {
      ...api(async (c, cell) => c.post(`/api/v1/threads/${cell.room}/members`, { userId: (await c.get('/api/v1/me')).body.id })),
      action: action(
        'takeSeatAction',
        (cell) => `/rooms/${cell.room}`,
        (cell) => [cell.room],
        {},
        { formAction: true },
      ),
    },
    restore: (cell) => restoreSeats(cell.kind),
  },
  {
    name: 'seat someone else',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    run: {
      ...api((c, cell) => c.post(`/api/v1/threads/${cell.room}/members`, { userId: seatTarget.id })),
      action: action(
        'addMemberAction',
        (cell) => `/rooms/${cell.room}`,
        (cell) => [cell.room],
        () => ({ userId: String(seatTarget.id) }),
      ),
    },
    restore: (cell) => restoreSeats(cell.kind),
  },
  {
    name: 'remove a member',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: async (cell) => {
      await seat(cell.kind as RoomKind, seatTarget.id);
      return seatTarget.id;
    },
    run: api((c, cell) => c.delete(`/api/v1/threads/${cell.room}/members/${cell.id}`)),
    restore: (cell) => restoreSeats(cell.kind),
  },
  {
    name: 'leave the room',
    expect: { open: 'UNNNNNNONON', discreet: 'UNNNNNNONON' },
    writes: true,
    run: api(async (c, cell) => c.delete(`/api/v1/threads/${cell.room}/members/${(await c.get('/api/v1/me')).body.id ?? 0}`)),
    restore: (cell) => restoreSeats(cell.kind),
  },
  {
    name: 'read an initiative',
    expect: EVERYONE_SIGNED_IN,
    writes: false,
    prepare: (cell) => initiative(cell.kind),
    run: {
      ...api((c, cell) => c.get(`/api/v1/initiatives/${cell.id}`)),
      page: page('/initiatives/[id]', (cell) => `/initiatives/${cell.id}`),
    },
  },
  {
    name: 'follow the room',
    expect: EVERYONE_SIGNED_IN,
    writes: true,
    run: {
      ...api((c, cell) => c.post('/api/v1/follows', { threadId: cell.room })),
      action: action(
        'followAction',
        (cell) => `/rooms/${cell.room}`,
        (cell) => ['thread', cell.room, true],
      ),
    },
    restore: async (cell) => {
      if (cell.actor !== 'anonymous') await cell.client.api('DELETE', '/api/v1/follows', { threadId: cell.room });
    },
  },
  {
    name: 'stop following an initiative',
    expect: EVERYONE_SIGNED_IN,
    writes: 'maybe',
    prepare: (cell) => initiative(cell.kind),
    run: {
      ...api((c, cell) => c.api('DELETE', '/api/v1/follows', { initiativeId: cell.id })),
      action: action(
        'followAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => ['initiative', cell.id, false],
      ),
    },
  },
  {
    name: 'propose an initiative',
    expect: { open: 'UFOOFOOOOOO', discreet: 'UNNNNNNONON' },
    writes: true,
    run: {
      ...api((c, cell) => c.post(`/api/v1/threads/${cell.room}/initiatives`, { title: 'Idea', summary: '', states: ['TJ', 'UZ'] })),
      action: action(
        'proposeAction',
        (cell) => `/rooms/${cell.room}/propose`,
        (cell) => [cell.room],
        { title: 'Idea', summary: '', states: ['TJ', 'UZ'] },
      ),
    },
  },
  {
    name: 'open the propose page',
    expect: EVERYONE_SIGNED_IN,
    writes: false,
    run: { page: page('/rooms/[id]/propose', (cell) => `/rooms/${cell.room}/propose`) },
  },
  {
    name: "edit someone else's initiative",
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: (cell) => initiative(cell.kind),
    run: {
      ...api((c, cell) => c.patch(`/api/v1/initiatives/${cell.id}`, { title: 'Edited' })),
      action: action(
        'editAction',
        (cell) => `/initiatives/${cell.id}/edit`,
        (cell) => [cell.id],
        { title: 'Edited through the form', summary: 'Text' },
      ),
    },
  },
  {
    name: 'open the edit page of an initiative',
    expect: { open: 'UNNNNNNOONN', discreet: 'UNNNNNNONNN' },
    writes: false,
    prepare: (cell) => initiative(cell.kind),
    run: { page: page('/initiatives/[id]/edit', (cell) => `/initiatives/${cell.id}/edit`) },
  },
  {
    name: "set TJ's stance",
    expect: { open: 'UFFFFFFFFOF', discreet: 'UNNNNNNFNON' },
    writes: true,
    prepare: (cell) => initiative(cell.kind),
    run: {
      ...api((c, cell) => c.put(`/api/v1/initiatives/${cell.id}/stances/TJ`, { position: 'endorse' })),
      action: action(
        'setStanceAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id, 'TJ'],
        { position: 'endorse' },
      ),
    },
  },
  {
    name: "confirm TJ's endorsement ad referendum",
    expect: { open: 'UFFFFFFFFOF', discreet: 'UNNNNNNFNON' },
    writes: true,
    prepare: (cell) => adReferendumInitiative(cell.kind),
    run: {
      ...api((c, cell) => c.post(`/api/v1/initiatives/${cell.id}/stances/TJ/confirm`)),
      action: action(
        'confirmStanceAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id, 'TJ'],
      ),
    },
  },
  {
    name: 'start a silence procedure',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: (cell) => freshInitiative(cell.kind),
    run: {
      ...api((c, cell) => c.post(`/api/v1/initiatives/${cell.id}/silence`, { deadline: inTwoHours() })),
      action: action(
        'startSilenceAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id],
        { deadline: inTwoHours() },
      ),
    },
  },
  {
    name: 'break silence for their state',
    expect: { open: 'UFFFFFFFFOO', discreet: 'UNNNNNNFNON' },
    writes: true,
    prepare: (cell) => silentInitiative(cell.kind),
    run: {
      ...api((c, cell) => c.post(`/api/v1/initiatives/${cell.id}/silence/break`, { note: 'We object.' })),
      action: action(
        'breakSilenceAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id],
        { note: 'We object.' },
      ),
    },
  },
  {
    name: 'join for their own state',
    expect: { open: 'UFFFFFOFFCC', discreet: 'UNNNNNNFNCN' },
    writes: true,
    prepare: (cell) => initiative(cell.kind),
    run: {
      ...api((c, cell) => c.post(`/api/v1/initiatives/${cell.id}/join`)),
      action: action(
        'joinAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id],
      ),
    },
  },
  {
    name: 'endorse (individual support)',
    expect: { open: 'UFOOOOOOOOO', discreet: 'UNNNNNNONON' },
    writes: true,
    prepare: (cell) => initiative(cell.kind),
    run: {
      ...api((c, cell) => c.post(`/api/v1/initiatives/${cell.id}/endorsements`)),
      action: action(
        'endorseAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id, true],
      ),
    },
  },
  {
    name: 'withdraw their support',
    expect: { open: 'UFOOOOOOOOO', discreet: 'UNNNNNNONON' },
    writes: true,
    prepare: async (cell) => {
      fixtures.delete(`initiative:${cell.kind}`);
      const id = await initiative(cell.kind);
      fixtures.delete(`initiative:${cell.kind}`);
      if (cell.actor !== 'anonymous') await cell.client.post(`/api/v1/initiatives/${id}/endorsements`);
      return id;
    },
    run: {
      ...api((c, cell) => c.delete(`/api/v1/initiatives/${cell.id}/endorsements`)),
      action: action(
        'endorseAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id, false],
      ),
    },
  },
  {
    name: 'formalize a consensus',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: (cell) => consensusInitiative(cell.kind),
    run: {
      ...api((c, cell) => c.post(`/api/v1/initiatives/${cell.id}/formalize`)),
      action: action(
        'formalizeAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id],
      ),
    },
  },

  // Meetings of the room: as discreet as it.
  {
    name: 'read a meeting',
    expect: EVERYONE_SIGNED_IN,
    writes: false,
    prepare: (cell) => meeting(cell.kind),
    run: {
      ...api((c, cell) => c.get(`/api/v1/meetings/${cell.id}`)),
      page: page('/meetings/[id]', (cell) => `/meetings/${cell.id}`),
    },
  },
  {
    name: 'download a meeting’s calendar',
    expect: EVERYONE_SIGNED_IN,
    writes: false,
    prepare: (cell) => meeting(cell.kind),
    run: api((c, cell) => c.get(`/api/v1/meetings/${cell.id}/calendar.ics`)),
  },
  {
    name: 'schedule a meeting in the room',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    run: {
      ...api((c, cell) => c.post('/api/v1/meetings', meetingBody(cell.room))),
      action: action(
        'scheduleMeetingAction',
        (cell) => `/meetings/new?room=${cell.room}`,
        () => [],
        (cell) => meetingForm(cell.room),
      ),
    },
  },
  {
    name: 'change a meeting',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: (cell) => meeting(cell.kind),
    run: {
      ...api((c, cell) => c.patch(`/api/v1/meetings/${cell.id}`, { place: 'Khujand' })),
      action: action(
        'updateMeetingAction',
        (cell) => `/meetings/${cell.id}/edit`,
        (cell) => [cell.id],
        () => meetingForm(null),
      ),
    },
  },
  {
    name: 'open a meeting’s edit page',
    expect: { open: 'UNNNNNNOONN', discreet: 'UNNNNNNONNN' },
    writes: false,
    prepare: (cell) => meeting(cell.kind),
    run: { page: page('/meetings/[id]/edit', (cell) => `/meetings/${cell.id}/edit`) },
  },
  {
    name: 'draft a meeting’s readout',
    expect: { open: 'UFFFFFFOOFO', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: (cell) => freshMeeting(cell.kind),
    run: {
      ...api((c, cell) => c.put(`/api/v1/meetings/${cell.id}/readout`, { body: 'Agreed: a joint survey.' })),
      action: action(
        'draftReadoutAction',
        (cell) => `/meetings/${cell.id}`,
        (cell) => [cell.id],
        { body: 'Agreed in the form.', version: '0' },
      ),
    },
  },
  {
    name: 'approve a meeting’s readout',
    expect: { open: 'UFFFFFFFFOO', discreet: 'UNNNNNNFNON' },
    writes: true,
    prepare: (cell) => draftedMeeting(cell.kind),
    run: {
      ...api((c, cell) => c.post(`/api/v1/meetings/${cell.id}/readout/approve`, { version: 1 })),
      action: action(
        'approveReadoutAction',
        (cell) => `/meetings/${cell.id}`,
        (cell) => [cell.id, 1],
      ),
    },
  },
  {
    name: "report TJ's implementation",
    expect: { open: 'UFFFFFFFFOF', discreet: 'UNNNNNNFNON' },
    writes: true,
    prepare: (cell) => formalizedInitiative(cell.kind),
    run: {
      ...api((c, cell) => c.put(`/api/v1/initiatives/${cell.id}/implementation/TJ`, { status: 'in_progress' })),
      action: action(
        'setImplementationAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id, 'TJ'],
        { status: 'in_progress' },
      ),
    },
  },
  {
    name: 'set the review date of an implementation',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: (cell) => formalizedInitiative(cell.kind),
    run: {
      ...api((c, cell) => c.patch(`/api/v1/initiatives/${cell.id}`, { reviewAt: '2031-03-01' })),
      action: action(
        'setReviewDateAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id],
        { reviewAt: '2031-03-01' },
      ),
    },
  },

  // Outside any room.
  {
    name: 'list rooms',
    expect: { none: 'UOOOOOOOOOO' },
    writes: false,
    run: { ...api((c) => c.get('/api/v1/threads')), page: page('/rooms') },
  },
  {
    name: 'list initiatives',
    expect: { none: 'UOOOOOOOOOO' },
    writes: false,
    run: { ...api((c) => c.get('/api/v1/initiatives')), page: page('/initiatives') },
  },
  {
    name: 'create an open room',
    expect: { none: 'UFOOFOOOOOO' },
    writes: true,
    run: {
      ...api((c) => c.post('/api/v1/threads', { title: 'A room', topic: 'water', summary: '', visibility: 'open' })),
      action: action(
        'createRoomAction',
        () => '/rooms/new',
        () => [],
        { title: 'A room', topic: 'water', summary: '', visibility: 'open', attribution: 'named' },
      ),
    },
  },
  {
    name: 'create a discreet room',
    expect: { none: 'UFFFFFFOOFF' },
    writes: true,
    run: {
      ...api((c) => c.post('/api/v1/threads', { title: 'A quiet room', topic: 'security', summary: '', visibility: 'discreet' })),
      action: action(
        'createRoomAction',
        () => '/rooms/new',
        () => [],
        { title: 'A quiet room', topic: 'security', summary: '', visibility: 'discreet', attribution: 'named' },
      ),
    },
  },
  { name: 'open the new-room page', expect: { none: 'UOOOOOOOOOO' }, writes: false, run: { page: page('/rooms/new') } },
  {
    name: 'invite a delegate',
    expect: { none: 'UFFFFFFOOFF' },
    writes: true,
    run: {
      ...api((c) => c.post('/api/v1/invites', { state: 'TM' })),
      action: action(
        'createInviteAction',
        () => '/facilitation',
        () => [],
        { invite: 'state:TM' },
      ),
    },
  },
  {
    name: 'invite a partner’s representative',
    expect: { none: 'UFFFFFFOOFF' },
    writes: true,
    run: {
      ...api((c) => c.post('/api/v1/invites', { partner: 'EU' })),
      action: action(
        'createInviteAction',
        () => '/facilitation',
        () => [],
        { invite: 'partner:EU' },
      ),
    },
  },
  { name: 'list invites', expect: { none: 'UFFFFFFOOFF' }, writes: false, run: api((c) => c.get('/api/v1/invites')) },
  {
    name: 'grant a delegation',
    expect: { none: 'UFFFFFFOOFF' },
    writes: true,
    run: {
      ...api((c) => c.post(`/api/v1/participants/${seatTarget.id}/delegation`, { state: 'KG' })),
      action: action(
        'setDelegationAction',
        () => '/facilitation',
        () => [seatTarget.id],
        { delegation: 'state:KG' },
      ),
    },
    restore: async () => {
      await setup.client.post(`/api/v1/participants/${seatTarget.id}/delegation`, { state: null });
    },
  },
  {
    name: 'disable an account',
    expect: { none: 'UFFFFFFOOFF' },
    writes: true,
    run: {
      ...api((c) => c.post(`/api/v1/participants/${seatTarget.id}/disable`)),
      action: action(
        'setAccountDisabledAction',
        () => '/facilitation',
        () => [seatTarget.id, true],
      ),
    },
    restore: async () => {
      await setup.client.post(`/api/v1/participants/${seatTarget.id}/enable`);
    },
  },
  { name: 'list participants', expect: { none: 'UFFFFFFOOFF' }, writes: false, run: api((c) => c.get('/api/v1/participants')) },
  { name: 'open the facilitation page', expect: { none: 'UNNNNNNOONN' }, writes: false, run: { page: page('/facilitation') } },
  { name: 'read the event log', expect: { none: 'UOOOOOOOOOO' }, writes: false, run: api((c) => c.get('/api/v1/events?since=0&limit=5')) },
  {
    name: 'read the dashboard',
    expect: { none: 'UOOOOOOOOOO' },
    writes: false,
    run: {
      ...api((c) => c.get('/api/v1/dashboard')),
      page: page('/dashboard'),
      socket: socket('subscribe', () => ({ channel: 'dashboard', since: 0 })),
    },
  },
  { name: 'export as CSV', expect: { none: 'UOOOOOOOOOO' }, writes: false, run: api((c) => c.get('/api/v1/export/initiatives.csv')) },
  { name: 'export as JSON', expect: { none: 'UOOOOOOOOOO' }, writes: false, run: api((c) => c.get('/api/v1/export/initiatives.json')) },
  {
    name: 'mark the dashboard seen',
    expect: { none: 'UOOOOOOOOOO' },
    writes: 'maybe',
    run: api((c) => c.post('/api/v1/me/dashboard-seen', { eventId: 1 })),
  },
  {
    name: 'read their profile',
    expect: { none: 'UOOOOOOOOOO' },
    writes: false,
    run: { ...api((c) => c.get('/api/v1/me')), page: page('/profile') },
  },
  {
    name: 'create an API token',
    expect: { none: 'UOOOOOOOOOO' },
    writes: true,
    run: {
      ...api((c) => c.post('/api/v1/me/tokens', { name: 'script' })),
      action: action(
        'createTokenAction',
        () => '/profile',
        () => [],
        { name: 'from the form' },
      ),
    },
  },
  {
    name: 'revoke their API token',
    expect: { none: 'UOOOOOOOOOO' },
    writes: true,
    prepare: async (cell) =>
      cell.actor === 'anonymous' ? 1 : (await cell.client.post('/api/v1/me/tokens', { name: 'to revoke' })).body.id,
    run: {
      ...api((c, cell) => c.delete(`/api/v1/me/tokens/${cell.id}`)),
      action: action(
        'revokeTokenAction',
        () => '/profile',
        (cell) => [cell.id],
        {},
        { formAction: true },
      ),
    },
  },
  {
    name: 'register an account',
    expect: { none: 'OOOOOOOOOOO' },
    writes: true,
    run: {
      ...api((c) =>
        c.post('/api/v1/register', {
          name: 'New Person',
          email: `new.${++registrations}@example.org`,
          password: 'a-long-enough-password',
          affiliation: 'expert',
        }),
      ),
      action: action(
        'registerAction',
        () => '/register',
        () => [],
        () => ({
          name: 'Form Person',
          email: `form.${++registrations}@example.org`,
          password: 'a-long-enough-password',
          affiliation: 'expert',
        }),
      ),
      page: page('/register'),
    },
  },
  {
    name: 'switch the language',
    expect: { none: 'OOOOOOOOOOO' },
    // Signed in, the choice is also saved for emails and live notifications (once: 'maybe').
    writes: 'maybe',
    run: {
      action: action(
        'setLocale',
        () => '/',
        () => [],
        { locale: 'ru' },
        { formAction: true },
      ),
    },
  },
  {
    name: 'list meetings',
    expect: { none: 'UOOOOOOOOOO' },
    writes: false,
    run: { ...api((c) => c.get('/api/v1/meetings')), page: page('/meetings') },
  },
  { name: 'open the schedule-meeting page', expect: { none: 'UOOOOOOOOOO' }, writes: false, run: { page: page('/meetings/new') } },
  {
    name: 'schedule a meeting in no room',
    expect: { none: 'UFFFFFFOOFF' },
    writes: true,
    run: {
      ...api((c) => c.post('/api/v1/meetings', meetingBody(null))),
      action: action(
        'scheduleMeetingAction',
        () => '/meetings/new',
        () => [],
        () => meetingForm(null),
      ),
    },
  },
  {
    name: 'read the released readouts',
    expect: { none: 'OOOOOOOOOOO' },
    writes: false,
    run: { ...api((c) => c.get('/api/v1/readouts')), page: page('/readouts') },
  },
  { name: 'read their calendar address', expect: { none: 'UOOOOOOOOOO' }, writes: false, run: api((c) => c.get('/api/v1/me/calendar')) },
  {
    name: 'start a new calendar address',
    expect: { none: 'UOOOOOOOOOO' },
    writes: true,
    run: {
      ...api((c) => c.post('/api/v1/me/calendar/reset')),
      action: action(
        'resetCalendarAction',
        () => '/meetings',
        () => [],
      ),
    },
  },
  // Moderation and the life of a room (PRODUCT.md Part 2).
  {
    name: 'edit a room',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    run: api((c, cell) => c.patch(`/api/v1/threads/${cell.room}`, { title: `Room ${cell.kind}, renamed ${++renames}` })),
  },
  {
    name: 'archive a room',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: (cell) => freshRoom(cell.kind),
    run: api((c, cell) => c.post(`/api/v1/threads/${cell.id}/archive`)),
  },
  {
    name: 'post in an archived room',
    expect: { open: 'UFCCCCCCCCC', discreet: 'UNNNNNNCNCN' },
    writes: true,
    prepare: async (cell) => (await archivedRoom(cell.kind)).room,
    run: {
      ...api((c, cell) => c.post(`/api/v1/threads/${cell.id}/messages`, { body: 'Too late' })),
      action: action(
        'postMessageAction',
        (cell) => `/rooms/${cell.id}`,
        (cell) => [cell.id],
        { body: 'Too late, through the form' },
      ),
      socket: socket('message:send', (cell) => ({ threadId: cell.id, body: 'Too late, over the socket' })),
    },
  },
  {
    name: 'propose in an archived room',
    expect: { open: 'UFCCFCCCCCC', discreet: 'UNNNNNNCNCN' },
    writes: true,
    prepare: async (cell) => (await archivedRoom(cell.kind)).room,
    run: {
      ...api((c, cell) => c.post(`/api/v1/threads/${cell.id}/initiatives`, { title: 'Late idea', summary: '', states: ['TJ', 'UZ'] })),
      action: action(
        'proposeAction',
        (cell) => `/rooms/${cell.id}/propose`,
        (cell) => [cell.id],
        { title: 'Late idea', summary: '', states: ['TJ', 'UZ'] },
      ),
    },
  },
  {
    name: "set TJ's stance in an archived room",
    expect: { open: 'UFFFFFFFFCF', discreet: 'UNNNNNNFNCN' },
    writes: true,
    prepare: async (cell) => (await archivedRoom(cell.kind)).initiative,
    run: {
      ...api((c, cell) => c.put(`/api/v1/initiatives/${cell.id}/stances/TJ`, { position: 'endorse' })),
      action: action(
        'setStanceAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id, 'TJ'],
        { position: 'endorse' },
      ),
    },
  },
  {
    name: 'join for their own state in an archived room',
    expect: { open: 'UFFFFFCFFCC', discreet: 'UNNNNNNFNCN' },
    writes: true,
    prepare: async (cell) => (await archivedRoom(cell.kind)).initiative,
    run: {
      ...api((c, cell) => c.post(`/api/v1/initiatives/${cell.id}/join`)),
      action: action(
        'joinAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id],
      ),
    },
  },
  {
    name: 'endorse in an archived room',
    expect: { open: 'UFCCCCCCCCC', discreet: 'UNNNNNNCNCN' },
    writes: true,
    prepare: async (cell) => (await archivedRoom(cell.kind)).initiative,
    run: {
      ...api((c, cell) => c.post(`/api/v1/initiatives/${cell.id}/endorsements`)),
      action: action(
        'endorseAction',
        (cell) => `/initiatives/${cell.id}`,
        (cell) => [cell.id, true],
      ),
    },
  },
  {
    name: 'edit an initiative in an archived room',
    expect: { open: 'UFFFFFFCCFF', discreet: 'UNNNNNNCNFN' },
    writes: true,
    prepare: async (cell) => (await archivedRoom(cell.kind)).initiative,
    run: {
      ...api((c, cell) => c.patch(`/api/v1/initiatives/${cell.id}`, { title: 'Edited late' })),
      action: action(
        'editAction',
        (cell) => `/initiatives/${cell.id}/edit`,
        (cell) => [cell.id],
        { title: 'Edited late, through the form', summary: 'Text' },
      ),
    },
  },
  {
    name: "edit someone else's message",
    expect: { open: 'UFFFFFFFFFF', discreet: 'UNNNNNNFNFN' },
    writes: true,
    prepare: (cell) => message(cell.kind),
    run: api((c, cell) => c.patch(`/api/v1/messages/${cell.id}`, { body: 'Not mine' })),
  },
  {
    name: "retract someone else's message",
    expect: { open: 'UFFFFFFFFFF', discreet: 'UNNNNNNFNFN' },
    writes: true,
    prepare: (cell) => message(cell.kind),
    run: api((c, cell) => c.delete(`/api/v1/messages/${cell.id}`)),
  },
  {
    name: 'hide a message',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: true,
    prepare: (cell) => message(cell.kind),
    run: api((c, cell) => c.post(`/api/v1/messages/${cell.id}/hide`, { reason: 'Off topic' })),
  },
  {
    name: 'read a message’s earlier texts',
    expect: { open: 'UFFFFFFOOFF', discreet: 'UNNNNNNONFN' },
    writes: false,
    prepare: (cell) => message(cell.kind),
    run: api((c, cell) => c.get(`/api/v1/messages/${cell.id}/history`)),
  },
  {
    name: 'report a message',
    expect: { open: 'UOOOOOOOOOO', discreet: 'UNNNNNNONON' },
    writes: true,
    prepare: (cell) => message(cell.kind),
    run: api((c, cell) => c.post(`/api/v1/messages/${cell.id}/reports`, { reason: 'Please look' })),
  },
  { name: 'read the reports queue', expect: { none: 'UFFFFFFOOFF' }, writes: false, run: api((c) => c.get('/api/v1/reports')) },
  { name: 'open the reports page', expect: { none: 'UNNNNNNOONN' }, writes: false, run: { page: page('/facilitation/reports') } },
  {
    name: 'close a report',
    expect: { none: 'UFFFFFFOOFF' },
    writes: true,
    prepare: () => report(),
    run: api((c, cell) => c.post(`/api/v1/reports/${cell.id}/resolve`, { resolution: 'dismissed' })),
  },
  { name: 'read the audit', expect: { none: 'UFFFFFFOOFF' }, writes: false, run: api((c) => c.get('/api/v1/audit')) },
  { name: 'open the audit page', expect: { none: 'UNNNNNNOONN' }, writes: false, run: { page: page('/facilitation/audit') } },
  {
    name: 'read their notifications',
    expect: { none: 'UOOOOOOOOOO' },
    writes: false,
    run: { ...api((c) => c.get('/api/v1/notifications?unread=1')), page: page('/notifications') },
  },
  {
    name: 'mark their notifications read',
    expect: { none: 'UOOOOOOOOOO' },
    writes: 'maybe',
    run: {
      ...api((c) => c.post('/api/v1/notifications/read', { all: true })),
      action: action(
        'markAllReadAction',
        () => '/notifications',
        () => [],
      ),
    },
  },
  {
    name: 'mark one notification read',
    expect: { none: 'UOOOOOOOOOO' },
    writes: 'maybe',
    run: {
      ...api((c) => c.post('/api/v1/notifications/read', { ids: [1] })),
      action: action(
        'markReadAction',
        () => '/notifications',
        () => [1],
      ),
    },
  },
  { name: 'list what they follow', expect: { none: 'UOOOOOOOOOO' }, writes: false, run: api((c) => c.get('/api/v1/follows')) },
  {
    name: 'read their notification settings',
    expect: { none: 'UOOOOOOOOOO' },
    writes: false,
    run: api((c) => c.get('/api/v1/me/notifications')),
  },
  {
    name: 'change their notification settings',
    expect: { none: 'UOOOOOOOOOO' },
    writes: 'maybe',
    run: {
      ...api((c) => c.put('/api/v1/me/notifications', { email: 'daily' })),
      action: action(
        'notificationSettingsAction',
        () => '/profile',
        () => [],
        Object.fromEntries(NOTIFICATION_TYPES.map((type) => [`type:${type}`, 'on']).concat([['email', 'daily']])),
      ),
    },
  },
  {
    name: 'set their language',
    expect: { none: 'UOOOOOOOOOO' },
    writes: 'maybe',
    run: api((c) => c.patch('/api/v1/me', { locale: 'en' })),
  },
  {
    name: 'unsubscribe with an address the server never signed',
    expect: { none: 'NNNNNNNNNNN' },
    writes: false,
    run: {
      ...api((c) => c.post('/api/v1/unsubscribe/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')),
      action: action(
        'unsubscribeAction',
        () => '/unsubscribe/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        () => ['1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
      ),
    },
  },
  {
    name: 'open the unsubscribe page',
    expect: { none: 'OOOOOOOOOOO' },
    writes: false,
    run: { page: page('/unsubscribe/[token]', () => '/unsubscribe/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') },
  },
  { name: 'open the home page', expect: { none: 'OOOOOOOOOOO' }, writes: false, run: { page: page('/') } },
  { name: 'open the sign-in page', expect: { none: 'OOOOOOOOOOO' }, writes: false, run: { page: page('/signin') } },
  { name: 'open the sign-out page', expect: { none: 'OOOOOOOOOOO' }, writes: false, run: { page: page('/signout') } },
];

// ── running it ─────────────────────────────────────────────────────────────────────────────────

const kindsOf = (a: Action): Kind[] => (a.expect.none ? ['none'] : [...ROOM_KINDS]);
const expected = (a: Action, kind: Kind, entry: Entry): string[] => {
  const row = [...(a.expect[kind] ?? a.expect.open!)];
  return reasonHidden.has(a.run[entry]!) ? row.map((o) => (['O', 'U'].includes(o) ? o : 'R')) : row;
};
let cellsRun = 0;
const cellCount = ACTIONS.reduce(
  (sum, a) =>
    sum + kindsOf(a).length * Object.keys(a.run).reduce((n, entry) => n + (entry === 'token' ? ACTORS.length - 1 : ACTORS.length), 0),
  0,
);

for (const a of ACTIONS) {
  for (const kind of kindsOf(a)) {
    describe(`${a.name}${kind === 'none' ? '' : ` in a ${kind} room`}`, () => {
      for (const [entry, run] of Object.entries(a.run) as [Entry, Runner][]) {
        const row = expected(a, kind, entry);
        const actors = ACTORS.filter((actor) => entry !== 'token' || actor !== 'anonymous');
        it(`${entry}: ${actors.map((actor) => `${actor} ${row[ACTORS.indexOf(actor)]}`).join(', ')}`, { timeout: 120_000 }, async () => {
          const outcomes: string[] = [];
          const writes: string[] = [];
          for (const actor of actors) {
            const cell: Cell = {
              actor,
              kind,
              room: kind === 'none' ? 0 : rooms[kind],
              client: actor === 'anonymous' ? new Client(server.url) : people[actor].client,
              id: 0,
            };
            cell.id = (await a.prepare?.(cell)) ?? 0;
            await watch.mark();
            const outcome = await run(cell);
            cellsRun++;
            outcomes.push(outcome);
            // data_version says whether anything was committed; the checksum of every table says what.
            // A commit that changed no checksummed column is bookkeeping (an API token's last use).
            const { committed, tables } = await watch.changes();
            const wrote = tables.length > 0;
            if (outcome !== 'O' && wrote) writes.push(`${actor} was refused (${outcome}) but wrote ${tables.join(', ')}`);
            if (!committed && !(await watch.unchangedContent())) writes.push(`${actor}: the tables differ without a commit`);
            // A page only shows; the same action through the other entry points writes.
            const mustWrite = entry === 'page' ? false : a.writes;
            if (outcome === 'O' && mustWrite === true && !wrote) writes.push(`${actor} was answered ok but nothing was written`);
            if (outcome === 'O' && mustWrite === false && wrote) writes.push(`${actor} only read but wrote ${tables.join(', ')}`);
            if (committed) fixtures.clear();
            if (wrote) await a.restore?.(cell);
          }
          expect({ outcomes: outcomes.join(''), writes }).toEqual({
            outcomes: actors.map((actor) => row[ACTORS.indexOf(actor)]).join(''),
            writes: [],
          });
        });
      }
    });
  }
}

describe('the matrix', () => {
  it('covers every server action of the build, every socket event and every page', () => {
    expect([...usedActions].sort()).toEqual(actionNames());
    expect([...usedEvents].sort()).toEqual(['message:send', 'subscribe', 'typing', 'unsubscribe']);
    expect([...usedPages].sort()).toEqual(buildPages());
  });

  it(`ran every cell: ${cellCount} (actions × room kinds × entry points × actors)`, () => {
    console.log(`authorization matrix: ${ACTIONS.length} actions, ${cellCount} cells`);
    expect(cellsRun).toBe(cellCount);
  });
});
