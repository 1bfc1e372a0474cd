import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { connect, refusal, type LiveSocket } from '../helpers/socket';

/**
 * Who may do what in which kind of room, through every entry point (API route, page, socket
 * event), with the expected answer per cell written out as data. Server actions call the same
 * services as the API routes; the e2e suite exercises them through the forms.
 */
const ACTORS = ['anonymous', 'observer', 'civil', 'expert', 'partner', 'kz', 'kg', 'facilitator', 'member', 'removed'] as const;
type Actor = (typeof ACTORS)[number];
const ROOMS = ['open', 'discreet', 'chatham'] as const;
type RoomKind = (typeof ROOMS)[number];

// API answers. x = refused at the door (401 for the API, redirect for pages, connect_error for sockets).
//                               anon  obs  civil exp  part  kz   kg   fac  member removed
// prettier-ignore
const OPEN: Record<string, number[]> = {
  'api GET room':          [401, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'api GET messages':      [401, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'api POST message':      [401, 403, 201, 201, 201, 201, 201, 201, 201, 201],
  'api GET initiative':    [401, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'api PUT stance TJ':     [401, 403, 403, 403, 403, 403, 403, 403, 200, 403],
  'api POST endorsement':  [401, 403, 200, 200, 200, 200, 200, 200, 200, 200],
  'api POST join':         [401, 403, 403, 403, 403, 200, 200, 403, 409, 409],
  'page room':             [307, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'page initiative':       [307, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'socket subscribe':      [  0,   1,   1,   1,   1,   1,   1,   1,   1,   1],
  'socket message:send':   [  0, 403,   1,   1,   1,   1,   1,   1,   1,   1],
};
// prettier-ignore
const DISCREET: Record<string, number[]> = {
  'api GET room':          [401, 404, 404, 404, 404, 404, 404, 200, 200, 404],
  'api GET messages':      [401, 404, 404, 404, 404, 404, 404, 200, 200, 404],
  'api POST message':      [401, 404, 404, 404, 404, 404, 404, 201, 201, 404],
  'api GET initiative':    [401, 404, 404, 404, 404, 404, 404, 200, 200, 404],
  'api PUT stance TJ':     [401, 404, 404, 404, 404, 404, 404, 403, 200, 404],
  'api POST endorsement':  [401, 404, 404, 404, 404, 404, 404, 200, 200, 404],
  'api POST join':         [401, 404, 404, 404, 404, 404, 404, 403, 409, 404],
  'page room':             [307, 404, 404, 404, 404, 404, 404, 200, 200, 404],
  'page initiative':       [307, 404, 404, 404, 404, 404, 404, 200, 200, 404],
  'socket subscribe':      [  0, 404, 404, 404, 404, 404, 404,   1,   1, 404],
  'socket message:send':   [  0, 404, 404, 404, 404, 404, 404,   1,   1, 404],
};
// A chatham room answers like an open one; what changes is what it shows (names never).
const EXPECTED: Record<RoomKind, Record<string, number[]>> = { open: OPEN, discreet: DISCREET, chatham: OPEN };

let server: TestServer;
let clients: Record<Exclude<Actor, 'anonymous'>, Client>;
let setup: Client;
const rooms = {} as Record<RoomKind, number>;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000' } });
  const keys: Record<Exclude<Actor, 'anonymous'>, DemoKey> = {
    observer: 'observer',
    civil: 'civil',
    expert: 'expert',
    partner: 'partner',
    kz: 'kz',
    kg: 'kg',
    facilitator: 'facilitator',
    member: 'tj',
    removed: 'uz',
  };
  clients = Object.fromEntries(
    await Promise.all(Object.entries(keys).map(async ([actor, key]) => [actor, await signedIn(server.url, DEMO[key])])),
  ) as typeof clients;
  // Rooms and initiatives are made by a second facilitator, so the actors are plain visitors.
  const { spawnSync } = await import('node:child_process');
  const made = spawnSync('npx', ['tsx', 'scripts/create-facilitator.ts', 'setup@example.org'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_PATH: server.dbPath,
      FACILITATOR_NAME: 'Setup facilitator',
      FACILITATOR_PASSWORD: 'setup-password-123',
    },
    encoding: 'utf8',
  });
  expect(made.status, made.stderr).toBe(0);
  setup = await signedIn(server.url, 'setup@example.org', 'setup-password-123');
  const id = async (who: Client) => (await who.get('/api/v1/me')).body.id;
  for (const kind of ROOMS) {
    const room = await setup.post('/api/v1/threads', {
      title: `Room ${kind}`,
      topic: 'borders',
      summary: '',
      states: ['TJ', 'UZ'],
      visibility: kind === 'discreet' ? 'discreet' : 'open',
      attribution: kind === 'chatham' ? 'chatham' : 'named',
    });
    rooms[kind] = room.body.id;
    for (const actor of ['member', 'facilitator', 'removed'] as const)
      await setup.post(`/api/v1/threads/${rooms[kind]}/members`, { userId: await id(clients[actor]) });
    await setup.delete(`/api/v1/threads/${rooms[kind]}/members/${await id(clients.removed)}`);
  }
});
afterAll(async () => {
  await server?.stop();
});

async function freshInitiative(kind: RoomKind): Promise<number> {
  return (await setup.post(`/api/v1/threads/${rooms[kind]}/initiatives`, { title: 'Fixture', summary: '', states: ['TJ', 'UZ'] })).body.id;
}

async function act(kind: RoomKind, action: string, actor: Actor): Promise<number> {
  const client = actor === 'anonymous' ? new Client(server.url) : clients[actor];
  const room = rooms[kind];
  switch (action) {
    case 'api GET room':
      return (await client.get(`/api/v1/threads/${room}`)).status;
    case 'api GET messages':
      return (await client.get(`/api/v1/threads/${room}/messages`)).status;
    case 'api POST message':
      return (await client.post(`/api/v1/threads/${room}/messages`, { body: 'Hello' })).status;
    case 'api GET initiative':
      return (await client.get(`/api/v1/initiatives/${await freshInitiative(kind)}`)).status;
    case 'api PUT stance TJ':
      return (await client.put(`/api/v1/initiatives/${await freshInitiative(kind)}/stances/TJ`, { position: 'endorse' })).status;
    case 'api POST endorsement':
      return (await client.post(`/api/v1/initiatives/${await freshInitiative(kind)}/endorsements`)).status;
    case 'api POST join':
      return (await client.post(`/api/v1/initiatives/${await freshInitiative(kind)}/join`)).status;
    case 'page room':
      return (await client.raw('GET', `/rooms/${room}`)).status;
    case 'page initiative':
      return (await client.raw('GET', `/initiatives/${await freshInitiative(kind)}`)).status;
    case 'socket subscribe':
    case 'socket message:send': {
      if (actor === 'anonymous') return (await refusal(server.url, null)) === 'unauthorized' ? 0 : -1;
      const live: LiveSocket = await connect(server.url, client.cookieHeader());
      try {
        const answer =
          action === 'socket subscribe'
            ? await live.call('subscribe', { channel: `thread:${room}` })
            : await live.call('message:send', { threadId: room, body: 'Over the socket' });
        if (answer.ok) return 1;
        return { not_found: 404, forbidden: 403 }[answer.error as string] ?? -1;
      } finally {
        live.close();
      }
    }
  }
  throw new Error(`unknown action ${action}`);
}

for (const kind of ROOMS) {
  describe(`${kind} room`, () => {
    for (const [action, row] of Object.entries(EXPECTED[kind])) {
      it(`${action}: ${ACTORS.map((a, i) => `${a} ${row[i]}`).join(', ')}`, async () => {
        const answers: number[] = [];
        for (const actor of ACTORS) answers.push(await act(kind, action, actor));
        expect(answers).toEqual(row);
      });
    }
  });
}

describe('id guessing', () => {
  it('answers an outsider the same for every room and initiative id it may not see as for ids that do not exist', async () => {
    const hidden = server.query<{ id: number }>(`SELECT id FROM threads WHERE visibility = 'discreet'`).map((r) => r.id);
    const hiddenInitiatives = server
      .query<{ id: number }>(`SELECT i.id FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE t.visibility = 'discreet'`)
      .map((r) => r.id);
    const max = server.query<{ id: number }>('SELECT MAX(id) AS id FROM threads')[0].id;
    const missing = (await clients.kz.get(`/api/v1/threads/${max + 1000}`)).body;
    for (const id of hidden) expect((await clients.kz.get(`/api/v1/threads/${id}`)).body).toEqual(missing);
    const missingInitiative = (await clients.kz.get('/api/v1/initiatives/987654')).body;
    for (const id of hiddenInitiatives) {
      expect((await clients.kz.get(`/api/v1/initiatives/${id}`)).body).toEqual(missingInitiative);
      expect((await clients.kz.post(`/api/v1/initiatives/${id}/endorsements`)).body).toEqual(
        (await clients.kz.post('/api/v1/initiatives/987654/endorsements')).body,
      );
    }
    expect(hidden.length).toBeGreaterThan(0);
  });
});
