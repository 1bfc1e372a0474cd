import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { callAction } from '../helpers/server-action';
import { connect, refusal, type LiveSocket } from '../helpers/socket';

/**
 * Who may do what in which kind of room, through every entry point (API route, page, server
 * action, socket event), with the expected answer per cell written out as data. Server actions
 * are called directly, as a script would, not through the forms that only show what is allowed.
 */
const ACTORS = ['anonymous', 'observer', 'civil', 'expert', 'partner', 'kz', 'kg', 'facilitator', 'member', 'removed'] as const;
type Actor = (typeof ACTORS)[number];
const ROOMS = ['open', 'discreet', 'chatham'] as const;
type RoomKind = (typeof ROOMS)[number];

// Answers: HTTP status for API routes and pages; for server actions 200 when the action succeeded,
// else its error code as a status (307: sent to sign in); sockets 1 = ok, 0 = connect_error.
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
  'action post message':   [307, 403, 200, 200, 200, 200, 200, 200, 200, 200],
  'action set stance TJ':  [307, 403, 403, 403, 403, 403, 403, 403, 200, 403],
  'action endorse':        [307, 403, 200, 200, 200, 200, 200, 200, 200, 200],
  'action join':           [307, 403, 403, 403, 403, 200, 200, 403, 409, 409],
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
  'action post message':   [307, 404, 404, 404, 404, 404, 404, 200, 200, 404],
  'action set stance TJ':  [307, 404, 404, 404, 404, 404, 404, 403, 200, 404],
  'action endorse':        [307, 404, 404, 404, 404, 404, 404, 200, 200, 404],
  'action join':           [307, 404, 404, 404, 404, 404, 404, 403, 409, 404],
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
    case 'action post message':
      return actionStatus(await callAction(client, `/rooms/${room}`, 'postMessageAction', [room], { body: 'Through the form' }));
    case 'action set stance TJ': {
      const id = await freshInitiative(kind);
      return actionStatus(await callAction(client, `/initiatives/${id}`, 'setStanceAction', [id, 'TJ'], { position: 'endorse' }));
    }
    case 'action endorse': {
      const id = await freshInitiative(kind);
      return actionStatus(await callAction(client, `/initiatives/${id}`, 'endorseAction', [id, true]));
    }
    case 'action join': {
      const id = await freshInitiative(kind);
      return actionStatus(await callAction(client, `/initiatives/${id}`, 'joinAction', [id]));
    }
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

const ACTION_CODES: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409 };

function actionStatus(answer: Awaited<ReturnType<typeof callAction>>): number {
  if (answer.status !== 200) return answer.status;
  if (!answer.result) return -1;
  return answer.result.ok ? 200 : (ACTION_CODES[answer.result.code ?? ''] ?? -1);
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

describe('server actions from another site', () => {
  it('are refused with 403 before they run, and write nothing', async () => {
    const messages = () => server.query<{ n: number }>('SELECT COUNT(*) AS n FROM messages')[0].n;
    const before = messages();
    for (const origin of ['https://evil.example', 'null']) {
      const answer = await callAction(
        clients.kz,
        `/rooms/${rooms.open}`,
        'postMessageAction',
        [rooms.open],
        { body: 'Forged' },
        { origin },
      );
      expect(answer.status).toBe(403);
    }
    expect(messages()).toBe(before);
    const genuine = await callAction(clients.kz, `/rooms/${rooms.open}`, 'postMessageAction', [rooms.open], { body: 'Genuine' });
    expect(genuine.result).toMatchObject({ ok: true });
    expect(messages()).toBe(before + 1);
  });
});

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
