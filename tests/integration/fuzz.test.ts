import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../lib/api/routes';
import type { PublicEvent } from '../../lib/events/types';
import { Client } from '../helpers/client';
import { changedTables, databaseChecksum, tableNames } from '../helpers/db-state';
import { anyJson, apiBodies, apiQuery, nearly, pathParameter, socketPayloads } from '../helpers/fuzz-inputs';
import { delegate, facilitator, register, tokenClient, type Person } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';
import { actionNames, actionPages, callAction } from '../helpers/server-action';
import { connect, refusal, type LiveSocket } from '../helpers/socket';

/**
 * Property-based fuzzing (fast-check) of every JSON API route, every socket event, next-auth's
 * routes and every server action, by anonymous visitors, signed-in participants and an API token:
 * never a 500 (nor an action's "internal" error), always the error shape, nothing written on a
 * refusal (every table's checksum), reads never write, every socket event answered, typing
 * delivered only where it may be, and a legitimate client keeps receiving throughout.
 * FUZZ_SEED replays a run; FUZZ_RUNS scales it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const RUNS_PER_ROUTE = 40 * SCALE;
const RUNS_PER_SOCKET_EVENT = 100 * SCALE;
const RUNS_PER_AUTH_ROUTE = 25 * SCALE;
const RUNS_PER_ACTION = 25 * SCALE;

let server: TestServer;
let fuzzFacilitator: Person;
let fuzzDelegate: Person;
let fuzzObserver: Person;
let script: Client;
let clients: Record<'anonymous' | 'observer' | 'delegate' | 'facilitator' | 'token', Client>;
const pools = {
  threads: [] as number[],
  initiatives: [] as number[],
  participants: [] as number[],
  tokens: [] as number[],
  meetings: [] as number[],
  messages: [] as number[],
  reports: [] as number[],
  /** Rooms only the archiving route draws from: the others stay open for the writes fuzzed later. */
  archivable: [] as number[],
};
const runs = { api: 0, socket: 0, auth: 0, actions: 0 };

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000', RATE_LIMIT_REGISTRATIONS: '1000000' } });
  // The fuzzing clients are not demo accounts, so no fuzzed request can revoke their own rights
  // (their ids are never in the pools the generators draw from).
  fuzzFacilitator = await facilitator(server, 'fuzz.facilitator@example.org', 'Fuzz Facilitator');
  fuzzDelegate = await delegate(server.url, fuzzFacilitator.client, { name: 'Fuzz Delegate', email: 'fuzz.delegate@example.org' }, 'KZ');
  fuzzObserver = await register(server.url, { name: 'Fuzz Observer', email: 'fuzz.observer@example.org', affiliation: 'observer' });
  // Tokens the fuzz may revoke, then the one it uses (never in the pool).
  for (const name of ['decoy one', 'decoy two']) pools.tokens.push((await fuzzDelegate.client.post('/api/v1/me/tokens', { name })).body.id);
  script = (await tokenClient(server.url, fuzzDelegate.client, 'fuzz script')).client;
  clients = {
    anonymous: new Client(server.url),
    observer: fuzzObserver.client,
    delegate: fuzzDelegate.client,
    facilitator: fuzzFacilitator.client,
    token: script,
  };
  // Rooms of every kind with the fuzzing delegate inside, besides the demo's.
  for (const [visibility, attribution] of [
    ['open', 'named'],
    ['discreet', 'named'],
    ['open', 'chatham'],
  ] as const) {
    const room = await fuzzFacilitator.client.post('/api/v1/threads', {
      title: `Fuzz ${visibility} ${attribution}`,
      topic: 'water',
      summary: '',
      states: ['KZ', 'UZ'],
      visibility,
      attribution,
    });
    await fuzzFacilitator.client.post(`/api/v1/threads/${room.body.id}/members`, { userId: fuzzDelegate.id });
    await fuzzDelegate.client.post(`/api/v1/threads/${room.body.id}/initiatives`, { title: 'Fuzz', summary: '', states: ['KZ', 'UZ'] });
  }
  // Meetings in each room and in none, KZ and UZ attending, KZ's delegate (the fuzzing one) in the chair, a readout drafted.
  for (const threadId of [
    null,
    ...(await server.query<{ id: number }>('SELECT id FROM threads ORDER BY id DESC LIMIT 3')).map((r) => r.id),
  ]) {
    const meeting = await fuzzFacilitator.client.post('/api/v1/meetings', {
      ...(threadId ? { threadId } : {}),
      title: 'Fuzz meeting',
      level: 'expert',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      timezone: 'Asia/Almaty',
      chairState: 'KZ',
      states: ['KZ', 'UZ'],
    });
    expect(meeting.status).toBe(201);
    expect((await fuzzDelegate.client.put(`/api/v1/meetings/${meeting.body.id}/readout`, { body: 'Fuzz readout' })).status).toBe(200);
  }
  pools.meetings = (await server.query<{ id: number }>('SELECT id FROM meetings ORDER BY id')).map((r) => r.id);
  // Messages of every room kind (the fuzzing delegate's own among them, for its edits) and reports to close.
  for (const { id } of await server.query<{ id: number }>('SELECT id FROM threads ORDER BY id DESC LIMIT 3')) {
    for (const body of ['Fuzz message one', 'Fuzz message two']) {
      const posted = await fuzzDelegate.client.post(`/api/v1/threads/${id}/messages`, { body });
      expect(posted.status).toBe(201);
    }
  }
  for (const visibility of ['open', 'discreet', 'open'] as const) {
    const room = await fuzzFacilitator.client.post('/api/v1/threads', {
      title: 'Fuzz, to archive',
      topic: 'water',
      summary: '',
      visibility,
    });
    expect(room.status).toBe(201);
    pools.archivable.push(room.body.id);
  }
  pools.messages = (await server.query<{ id: number }>('SELECT id FROM messages ORDER BY id')).map((r) => r.id);
  for (const messageId of pools.messages.slice(-6)) {
    const reported = await fuzzFacilitator.client.post(`/api/v1/messages/${messageId}/reports`, { reason: 'Fuzz report' });
    expect(reported.status).toBe(201);
    pools.reports.push(reported.body.id);
  }
  const own = new Set([fuzzFacilitator.id, fuzzDelegate.id, fuzzObserver.id]);
  pools.threads = (await server.query<{ id: number }>('SELECT id FROM threads ORDER BY id'))
    .map((r) => r.id)
    .filter((id) => !pools.archivable.includes(id));
  pools.initiatives = (await server.query<{ id: number }>('SELECT id FROM initiatives ORDER BY id')).map((r) => r.id);
  pools.participants = (await server.query<{ id: number }>('SELECT id FROM participants ORDER BY id'))
    .map((r) => r.id)
    .filter((id) => !own.has(id));
});
afterAll(async () => {
  console.log(
    `fuzzing: ${runs.api} API requests, ${runs.socket} socket events, ${runs.actions} server action calls, ${runs.auth} next-auth requests`,
  );
  await server?.stop();
});

/** What a path parameter of a route names, so the generator can draw real ids of that kind. */
function parameterPool(route: Route, name: string): (number | string)[] {
  if (name === 'state') return ['KZ', 'KG', 'TJ', 'TM', 'UZ'];
  if (name === 'userId' || route.path.startsWith('/api/v1/participants')) return pools.participants;
  if (route.path.startsWith('/api/v1/me/tokens')) return pools.tokens;
  if (route.path === '/api/v1/threads/:id/archive') return pools.archivable;
  if (route.path.startsWith('/api/v1/threads')) return pools.threads;
  if (route.path.startsWith('/api/v1/meetings')) return pools.meetings;
  if (route.path.startsWith('/api/v1/messages')) return pools.messages;
  if (route.path.startsWith('/api/v1/reports')) return pools.reports;
  return pools.initiatives;
}

const routeName = (route: Route) => `${route.method} ${route.path}`;

describe('API fuzzing', () => {
  const statuses: Record<string, Record<number, number>> = {};

  for (const [index, route] of ROUTES.entries()) {
    it(
      `${routeName(route)}: ${RUNS_PER_ROUTE} runs, never a 500, the error shape, nothing written on a refusal or a read`,
      { timeout: 120_000 },
      async () => {
        const seen = (statuses[routeName(route)] = {} as Record<number, number>);
        const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
        const valid = apiBodies(pools)[routeName(route)];
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...(Object.keys(clients) as (keyof typeof clients)[])),
            fc.tuple(...names.map((name) => pathParameter(parameterPool(route, name)))),
            valid ? nearly(valid) : anyJson,
            apiQuery(pools, route.path === '/api/v1/search' ? ['q'] : []),
            async (who, params, payload, query) => {
              let i = 0;
              const search = new URLSearchParams(query).toString();
              const path = route.path.replace(/:\w+/g, () => params[i++]) + (search ? `?${search}` : '');
              const reads = route.method === 'GET';
              const before = await databaseChecksum(server);
              const response = await clients[who].api(
                route.method,
                path,
                reads ? undefined : JSON.stringify(payload),
                reads ? {} : { 'content-type': 'application/json' },
              );
              runs.api++;
              seen[response.status] = (seen[response.status] ?? 0) + 1;
              const what = `${who}: ${route.method} ${path} ${reads ? '' : JSON.stringify(payload).slice(0, 300)} → ${response.status}`;
              expect(response.status, what).toBeLessThan(500);
              if (response.status >= 400) expect(response.body?.error?.code, what).toEqual(expect.any(String));
              if (response.status >= 400 || reads)
                expect(changedTables(before, await databaseChecksum(server)), `${what} wrote`).toEqual([]);
            },
          ),
          { numRuns: RUNS_PER_ROUTE, seed: SEED + index },
        );
        // The generators reach past authentication and the schema into the service.
        const pastSchema = Object.entries(seen)
          .filter(([status]) => !['400', '401'].includes(status))
          .reduce((sum, [, n]) => sum + n, 0);
        expect(pastSchema, `${routeName(route)} answers ${JSON.stringify(seen)}`).toBeGreaterThan(0);
      },
    );
  }

  it('checks every table for writes, the maintained dashboard figures included', async () => {
    const tables = Object.keys(await databaseChecksum(server));
    expect(tables).toEqual(expect.arrayContaining(['dashboard_totals', 'status_deltas', 'events', 'operations', 'stances', 'messages']));
    expect(tables).toEqual(
      (await tableNames(server)).filter((name) => !['__drizzle_migrations', 'rate_limits', 'socket_io_attachments'].includes(name)),
    );
  });

  it(`counted ${ROUTES.length} routes × ${RUNS_PER_ROUTE} runs`, () => {
    console.log(`API fuzzing: ${runs.api} requests over ${ROUTES.length} routes; statuses per route ${JSON.stringify(statuses)}`);
    expect(Object.keys(statuses)).toHaveLength(ROUTES.length);
    for (const [route, seen] of Object.entries(statuses))
      expect(
        Object.values(seen).reduce((a, b) => a + b, 0),
        route,
      ).toBe(RUNS_PER_ROUTE);
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
      const before = await databaseChecksum(server);
      const response = await fuzzDelegate.client.raw('POST', `/api/v1/threads/${pools.threads[0]}/initiatives`, {
        body: typeof c.body === 'string' ? c.body : new Uint8Array(c.body),
        headers: { 'content-type': c.type },
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect((await response.json()).error.code).toEqual(expect.any(String));
      expect(changedTables(before, await databaseChecksum(server))).toEqual([]);
    }
  });
});

describe('socket fuzzing', () => {
  it('refuses a socket to anonymous visitors and to API tokens', async () => {
    expect(await refusal(server.url, null)).toBe('unauthorized');
    expect(await refusal(server.url, null, undefined, `Bearer ${script.bearer}`)).toBe('unauthorized');
  });

  it(
    `answers every event (${RUNS_PER_SOCKET_EVENT} runs each of subscribe, unsubscribe, message:send, typing), writes nothing on a refusal, replays only what may be seen, and delivers typing only where it may`,
    { timeout: 300_000 },
    async () => {
      const fuzzers = {
        delegate: await connect(server.url, fuzzDelegate.client.cookieHeader()),
        facilitator: await connect(server.url, fuzzFacilitator.client.cookieHeader()),
        observer: await connect(server.url, fuzzObserver.client.cookieHeader()),
      };
      const ids = { delegate: fuzzDelegate.id, facilitator: fuzzFacilitator.id, observer: fuzzObserver.id };
      const channels = { delegate: new Set<string>(), facilitator: new Set<string>(), observer: new Set<string>() };
      // A witness follows every room it may see and watches what typing reaches it.
      const witnessPerson = await register(server.url, { name: 'Fuzz Witness', email: 'fuzz.witness@example.org', affiliation: 'expert' });
      const witness = await connect(server.url, witnessPerson.client.cookieHeader());
      const witnessChannels = new Set<string>();
      for (const id of pools.threads) {
        if ((await witness.call('subscribe', { channel: `thread:${id}` })).ok) witnessChannels.add(`thread:${id}`);
      }
      const discreetOutsideOf = async (participant: number) =>
        new Set(
          (
            await server.query<{ id: number }>(
              `SELECT id FROM threads WHERE visibility = 'discreet' AND id NOT IN (SELECT thread_id FROM memberships WHERE participant_id = ?)`,
              participant,
            )
          ).map((r) => r.id),
        );
      const attribution = new Map(
        (await server.query<{ id: number; attribution: string }>('SELECT id, attribution FROM threads')).map((r) => [r.id, r.attribution]),
      );
      const payloads = socketPayloads(pools);
      let typingDelivered = 0;
      /** How a fuzzer must appear in a room: without name or id under the Chatham House rule. */
      const shownAs = async (who: keyof typeof ids, threadId: number) => {
        const me = (await clients[who].get('/api/v1/me')).body;
        return attribution.get(threadId) === 'chatham'
          ? { affiliation: me.affiliation, state: me.state }
          : { id: me.id, name: me.name, affiliation: me.affiliation, state: me.state };
      };

      // Unsubscribing first, so the channels subscribed next are still there when typing is fuzzed.
      for (const [index, event] of (['unsubscribe', 'subscribe', 'message:send', 'typing'] as const).entries()) {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom('delegate', 'facilitator', 'observer' as const), payloads[event], async (who, payload) => {
            const fuzzer: LiveSocket = fuzzers[who];
            const what = `${who} ${event} ${JSON.stringify(payload)?.slice(0, 300)}`;
            const before = await databaseChecksum(server);
            runs.socket++;
            if (event === 'typing') {
              const typingBefore = witness.typing.length;
              // Answered like every event (a timeout fails); the answer also proves the server
              // handled it, and the witness's round trip, started after, that what it sent has arrived.
              const answer = await fuzzer.call('typing', payload);
              expect(typeof answer?.ok, what).toBe('boolean');
              await witness.roundTrip();
              const arrived = witness.typing.slice(typingBefore);
              // What the server received: the payload as JSON (socket.io's encoding for these values).
              const sent: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
              const threadId = (sent as { threadId?: unknown } | null)?.threadId;
              const deliverable =
                isPlainObject(sent) &&
                Object.keys(sent).length === 1 &&
                Number.isSafeInteger(threadId) &&
                (threadId as number) > 0 &&
                channels[who].has(`thread:${threadId}`) &&
                witnessChannels.has(`thread:${threadId}`);
              if (!deliverable) expect(arrived, what).toEqual([]);
              else {
                // Once when accepted (a typing budget may refuse it), shown as the room's attribution allows.
                expect(arrived.length, what).toBe(answer.ok ? 1 : 0);
                typingDelivered += arrived.length;
                const actor = await shownAs(who, threadId as number);
                for (const typing of arrived) expect(typing, what).toEqual({ threadId, who: actor });
              }
              expect(changedTables(before, await databaseChecksum(server)), `${what} wrote`).toEqual([]);
              return;
            }
            // Every event with an ack is answered: a timeout rejects and fails the property.
            const answer = await fuzzer.call(event, payload);
            expect(typeof answer?.ok, what).toBe('boolean');
            if (!answer.ok) {
              expect(answer.error, what).toEqual(expect.any(String));
              expect(answer.error, what).not.toBe('internal');
              expect(changedTables(before, await databaseChecksum(server)), `${what} wrote on a refusal`).toEqual([]);
              return;
            }
            const { channel } = payload as { channel: string };
            if (event === 'subscribe') {
              channels[who].add(channel);
              const missed = answer.missed as PublicEvent[];
              const hidden = await discreetOutsideOf(ids[who]);
              expect(
                missed.map((e) => e.id),
                `${what} replayed out of order`,
              ).toEqual([...missed.map((e) => e.id)].sort((a, b) => a - b));
              for (const e of missed) {
                expect(e.id, what).toBeGreaterThan((payload as { since: number }).since);
                expect(hidden.has(e.threadId ?? 0), `${what} replayed ${e.id} of a discreet room`).toBe(false);
                if (channel !== 'dashboard') expect(e.threadId, what).toBe(Number(channel.slice('thread:'.length)));
              }
            } else if (event === 'unsubscribe') {
              channels[who].delete(channel);
            } else {
              const [row] = await server.query<{ body: string; author: number }>(
                'SELECT body, author_id AS author FROM messages WHERE id = ?',
                answer.message.id,
              );
              expect(row, what).toEqual({ body: (payload as { body: string }).body.trim(), author: ids[who] });
            }
          }),
          { numRuns: RUNS_PER_SOCKET_EVENT, seed: SEED + 1000 + index },
        );
      }
      expect(typingDelivered, 'valid typing reached the witness at least once').toBeGreaterThan(0);

      // Unknown events, events without acks, binary, and a frame over the 64 KB limit.
      const fuzzer = fuzzers.delegate;
      fuzzer.socket.emit('admin:drop-tables', { all: true });
      fuzzer.socket.emit('message:send', { threadId: pools.threads[0], body: 'no ack' });
      fuzzer.socket.emit('subscribe', Buffer.from([1, 2, 3]));
      await fuzzer.roundTrip();
      fuzzer.socket.emit('message:send', { threadId: pools.threads[0], body: 'x'.repeat(200 * 1024) });

      // The process is healthy and legitimate clients keep receiving.
      expect((await fuzzDelegate.client.get('/api/health')).body).toMatchObject({ status: 'ok' });
      const room = [...witnessChannels][0];
      const count = witness.events.length;
      const posted = await fuzzFacilitator.client.post(`/api/v1/threads/${room.slice('thread:'.length)}/messages`, { body: 'Still here' });
      expect(posted.status).toBe(201);
      await witness.waitFor((list) => list.slice(count).some((e) => e.type === 'message.created'));
      expect(witness.socket.connected).toBe(true);
      expect(server.output()).not.toMatch(/Unhandled|uncaught|failed/i);
      for (const live of [...Object.values(fuzzers), witness]) live.close();
      console.log(`socket fuzzing: ${runs.socket} events, ${typingDelivered} typing notices delivered to the witness`);
      expect(runs.socket).toBe(4 * RUNS_PER_SOCKET_EVENT);
    },
  );
});

/**
 * How each server action is called by its page's form: the arguments the page binds (drawn here
 * from real ids of the right kind, and ids that do not exist) and whether React passes the
 * previous state (forms with `useActionState`) before the form data.
 */
function actionShapes(): Record<string, { bound: fc.Arbitrary<unknown[]>; previousState: boolean }> {
  const id = (pool: number[]) =>
    fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, { arbitrary: fc.constantFrom(0, -1, 999_999), weight: 1 });
  const none = { bound: fc.constant([] as unknown[]), previousState: true };
  return {
    addMemberAction: { bound: fc.tuple(id(pools.threads)), previousState: true },
    approveReadoutAction: { bound: fc.tuple(id(pools.meetings), fc.constantFrom(1, 2, 0)), previousState: true },
    draftReadoutAction: { bound: fc.tuple(id(pools.meetings)), previousState: true },
    resetCalendarAction: none,
    scheduleMeetingAction: none,
    updateMeetingAction: { bound: fc.tuple(id(pools.meetings)), previousState: true },
    createInviteAction: none,
    createRoomAction: none,
    createTokenAction: none,
    editAction: { bound: fc.tuple(id(pools.initiatives)), previousState: true },
    endorseAction: { bound: fc.tuple(id(pools.initiatives), fc.boolean()), previousState: true },
    formalizeAction: { bound: fc.tuple(id(pools.initiatives)), previousState: true },
    startSilenceAction: { bound: fc.tuple(id(pools.initiatives)), previousState: true },
    breakSilenceAction: { bound: fc.tuple(id(pools.initiatives)), previousState: true },
    confirmStanceAction: {
      bound: fc.tuple(id(pools.initiatives), fc.constantFrom('KZ', 'KG', 'TJ', 'TM', 'UZ', 'XX')),
      previousState: true,
    },
    joinAction: { bound: fc.tuple(id(pools.initiatives)), previousState: true },
    postMessageAction: { bound: fc.tuple(id(pools.threads)), previousState: true },
    proposeAction: { bound: fc.tuple(id(pools.threads)), previousState: true },
    registerAction: none,
    revokeTokenAction: { bound: fc.tuple(id(pools.tokens)), previousState: false },
    setAccountDisabledAction: { bound: fc.tuple(id(pools.participants), fc.boolean()), previousState: true },
    setDelegationAction: { bound: fc.tuple(id(pools.participants)), previousState: true },
    setLocale: { bound: fc.constant([] as unknown[]), previousState: false },
    setStanceAction: { bound: fc.tuple(id(pools.initiatives), fc.constantFrom('KZ', 'KG', 'TJ', 'TM', 'UZ', 'XX')), previousState: true },
    setImplementationAction: {
      bound: fc.tuple(id(pools.initiatives), fc.constantFrom('KZ', 'KG', 'TJ', 'TM', 'UZ', 'XX')),
      previousState: true,
    },
    setReviewDateAction: { bound: fc.tuple(id(pools.initiatives)), previousState: true },
    takeSeatAction: { bound: fc.tuple(id(pools.threads)), previousState: false },
    markAllReadAction: none,
    markReadAction: { bound: fc.tuple(fc.oneof(fc.nat(), fc.constantFrom(-1, 0, 'x'))), previousState: true },
    followAction: {
      bound: fc.oneof(
        fc.tuple(fc.constant('thread'), id(pools.threads), fc.boolean()),
        fc.tuple(fc.constant('initiative'), id(pools.initiatives), fc.boolean()),
        fc.tuple(fc.constantFrom('room', 'x', null), fc.integer(), fc.constantFrom(true, 'yes', null)),
      ),
      previousState: true,
    },
    notificationSettingsAction: none,
    unsubscribeAction: {
      bound: fc.tuple(fc.oneof(fc.string(), fc.constant('1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), fc.integer())),
      previousState: true,
    },
  };
}

describe('server action fuzzing', () => {
  const fields = fc.dictionary(
    fc.constantFrom(
      'body',
      'title',
      'summary',
      'states',
      'partners',
      'topic',
      'visibility',
      'attribution',
      'position',
      'note',
      'condition',
      'adReferendum',
      'confirmBy',
      'chairNote',
      'deadline',
      'name',
      'email',
      'password',
      'affiliation',
      'state',
      'userId',
      'locale',
      'openToJoin',
      'level',
      'startsAt',
      'endsAt',
      'timezone',
      'place',
      'chairState',
      'agenda',
      'version',
      'threadId',
      'status',
      'reviewAt',
      'type:reservation',
    ),
    fc.oneof(
      fc.constantFrom(
        'KZ',
        'endorse',
        'water',
        'open',
        'chatham',
        'on',
        'ru',
        'fuzz.action@example.org',
        'a-long-enough-password',
        '3',
        'in_progress',
        '2031-03-01',
        'daily',
        'immediate',
      ),
      fc.string({ maxLength: 50 }),
    ),
    { maxKeys: 6 },
  );
  /** An action is posted to a page whose form carries it, with a real id of that page's kind. */
  const pageFor = (name: string) =>
    fc
      .constantFrom(...actionPages(name).filter((page) => !page.startsWith('/_')))
      .chain((page) =>
        page.includes('[id]')
          ? fc
              .constantFrom(
                ...(page.startsWith('/rooms') ? pools.threads : page.startsWith('/meetings') ? pools.meetings : pools.initiatives),
              )
              .map((id) => page.replace('[id]', String(id)))
          : fc.constant(page),
      );
  /** Bound arguments a page never sends: other types, other counts (as plain JSON, what React can encode). */
  const tampered = fc.array(anyJson, { maxLength: 4 }).map((args) => JSON.parse(JSON.stringify(args)) as unknown[]);

  it('covers every server action of the build', () => {
    expect(Object.keys(actionShapes()).sort()).toEqual(actionNames());
  });

  /** One fuzzed call: never a 500 or an internal error, nothing written on a refusal. */
  async function fuzzCall(name: string, who: keyof typeof clients, args: unknown[], form: Record<string, string>, page: string) {
    const before = await databaseChecksum(server);
    const answer = await callAction(clients[who], page, name, args, form, { previousState: actionShapes()[name].previousState });
    runs.actions++;
    const what = `${who} ${name}(${JSON.stringify(args).slice(0, 200)}) ${JSON.stringify(form).slice(0, 200)} on ${page} → ${answer.status} ${JSON.stringify(answer.result)}`;
    expect(answer.status, what).toBeLessThan(500);
    expect(answer.result?.code, what).not.toBe('internal');
    if (answer.status >= 400 || answer.result?.ok === false) {
      expect(changedTables(before, await databaseChecksum(server)), `${what} wrote on a refusal`).toEqual([]);
    }
  }
  const caller = fc.constantFrom('anonymous', 'observer', 'delegate', 'facilitator' as const);

  for (const [index, name] of actionNames().entries()) {
    it(
      `${name}: ${RUNS_PER_ACTION} calls with its page's arguments and fuzzed fields, never a 500 or an internal error, nothing written on a refusal`,
      { timeout: 120_000 },
      async () => {
        await fc.assert(
          fc.asyncProperty(caller, actionShapes()[name].bound, fields, pageFor(name), (who, args, form, page) =>
            fuzzCall(name, who, args, form, page),
          ),
          { numRuns: RUNS_PER_ACTION, seed: SEED + 2000 + index },
        );
      },
    );
  }

  it(
    `every server action answers ${RUNS_PER_ACTION} calls with tampered bound arguments (other types, other counts) as a refusal, never a 500 or an internal error`,
    { timeout: 300_000 },
    async () => {
      const failures: string[] = [];
      for (const [index, name] of actionNames().entries()) {
        const result = await fc.check(
          fc.asyncProperty(caller, tampered, fields, pageFor(name), (who, args, form, page) => fuzzCall(name, who, args, form, page)),
          { numRuns: RUNS_PER_ACTION, seed: SEED + 2500 + index },
        );
        if (result.failed)
          failures.push(`${name}: ${String((result.errorInstance as Error)?.message ?? result.counterexample).split('\n')[0]}`);
      }
      expect(failures).toEqual([]);
    },
  );
});

describe('next-auth route fuzzing', () => {
  it(`answers fuzzed requests to /api/auth/* below 500 and never signs in without the right password`, { timeout: 300_000 }, async () => {
    // A server of its own: failed sign-ins from this address must not slow the other tests down.
    const auth = await startServer();
    try {
      const victim = await register(auth.url, { name: 'Auth Fuzz', email: 'auth.fuzz@example.org', affiliation: 'expert' });
      const routes = [
        'GET /api/auth/csrf',
        'GET /api/auth/session',
        'GET /api/auth/providers',
        'GET /api/auth/signin',
        'GET /api/auth/error',
        'POST /api/auth/callback/credentials',
        'POST /api/auth/signout',
        'POST /api/auth/session',
      ];
      const form = fc.record(
        {
          email: fc.oneof(
            fc.constantFrom(victim.email, victim.email.toUpperCase(), ` ${victim.email}`, 'nobody@example.org', ''),
            fc.string({ maxLength: 40 }),
          ),
          password: fc.oneof(fc.constantFrom('wrong-password-123', '', 'a-long-enough-passwor'), fc.string({ maxLength: 40 })),
          csrfToken: fc.oneof(fc.constant('<csrf>'), fc.string({ maxLength: 40 })),
          json: fc.constantFrom('true', 'false'),
          callbackUrl: fc.constantFrom('/rooms', 'https://evil.example/', 'javascript:alert(1)', '//evil.example'),
        },
        { requiredKeys: [] },
      );
      for (const [index, route] of routes.entries()) {
        const [method, path] = route.split(' ');
        await fc.assert(
          fc.asyncProperty(
            form,
            fc.constantFrom('form', 'json', 'garbage'),
            fc.string({ maxLength: 20 }),
            async (fields, encoding, suffix) => {
              const client = new Client(auth.url);
              const csrf = (await client.get('/api/auth/csrf')).body.csrfToken as string;
              const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === '<csrf>' ? csrf : v]));
              const body =
                method === 'GET'
                  ? undefined
                  : encoding === 'form'
                    ? new URLSearchParams(values as Record<string, string>).toString()
                    : encoding === 'json'
                      ? JSON.stringify(values)
                      : suffix;
              const before = await databaseChecksum(auth);
              const query =
                method === 'GET'
                  ? `?error=${encodeURIComponent(suffix)}&callbackUrl=${encodeURIComponent(String(fields.callbackUrl ?? ''))}`
                  : '';
              const response = await client.raw(method, path + query, {
                body,
                headers:
                  body === undefined
                    ? {}
                    : { 'content-type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
              });
              await response.text();
              runs.auth++;
              const what = `${route} ${encoding} ${JSON.stringify(values)} → ${response.status}`;
              expect(response.status, what).toBeLessThan(500);
              // A session only for the victim's exact email and password, which the generator never produces.
              expect(client.signedIn, `${what} signed in`).toBe(false);
              expect(changedTables(before, await databaseChecksum(auth)), `${what} wrote`).toEqual([]);
            },
          ),
          { numRuns: RUNS_PER_AUTH_ROUTE, seed: SEED + 3000 + index },
        );
      }
      // The right password still signs in once the fuzz is over (after any delay it earned).
      expect(auth.output()).not.toMatch(/Unhandled|uncaught/i);
      console.log(`next-auth fuzzing: ${runs.auth} requests over ${routes.length} routes`);
      expect(runs.auth).toBe(routes.length * RUNS_PER_AUTH_ROUTE);
    } finally {
      await auth.stop();
    }
  });
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
