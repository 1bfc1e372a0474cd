import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signInAll, signedIn, type DemoKey } from '../helpers/client';
import { databaseChecksum } from '../helpers/db-state';
import { startServer, type TestServer } from '../helpers/server';

/**
 * Who may do what, as PRODUCT.md's table states it, written out cell by cell (not computed by the
 * code under test). Each cell runs against fresh fixtures, so one cell's success cannot change
 * another's answer. A refused cell must also leave the database untouched.
 */
const ACTORS = ['anonymous', 'observer', 'civil', 'expert', 'partner', 'govNoDelegation', 'kz', 'kg', 'facilitator'] as const;
type Actor = (typeof ACTORS)[number];

//                         anon obs  civil expert partner gov  kz   kg   facilitator
// prettier-ignore
const MATRIX: Record<string, number[]> = {
  listRooms:             [401, 200, 200, 200, 200, 200, 200, 200, 200],
  readInitiative:        [401, 200, 200, 200, 200, 200, 200, 200, 200],
  createOpenRoom:        [401, 403, 201, 201, 403, 201, 201, 201, 201],
  createDiscreetRoom:    [401, 403, 403, 403, 403, 403, 403, 403, 201],
  postMessage:           [401, 403, 201, 201, 201, 201, 201, 201, 201],
  takeSeat:              [401, 201, 201, 201, 201, 201, 201, 201, 201],
  seatSomeoneElse:       [401, 403, 403, 403, 403, 403, 403, 403, 201],
  propose:               [401, 403, 201, 201, 403, 201, 201, 201, 201],
  setOwnStateStance:     [401, 403, 403, 403, 403, 403, 200, 403, 403],
  setOtherStateStance:   [401, 403, 403, 403, 403, 403, 403, 403, 403],
  joinForOwnState:       [401, 403, 403, 403, 403, 403, 409, 200, 403],
  endorse:               [401, 403, 200, 200, 200, 200, 200, 200, 200],
  editOthersInitiative:  [401, 403, 403, 403, 403, 403, 403, 403, 200],
  formalize:             [401, 403, 403, 403, 403, 403, 403, 403, 200],
  createInvite:          [401, 403, 403, 403, 403, 403, 403, 403, 201],
  grantDelegation:       [401, 403, 403, 403, 403, 403, 403, 403, 200],
  listParticipants:      [401, 403, 403, 403, 403, 403, 403, 403, 200],
  readEvents:            [401, 200, 200, 200, 200, 200, 200, 200, 200],
};

let server: TestServer;
let clients: Record<Actor, Client>;
let setup: Client;
let targetId: number;

beforeAll(async () => {
  server = await startServer();
  const demo = await signInAll(server.url);
  const gov = new Client(server.url);
  await gov.post('/api/v1/register', {
    name: 'Gov without delegation',
    email: 'gov.nodelegation@example.org',
    password: 'a-long-enough-password',
    affiliation: 'government',
  });
  const keys: Record<Exclude<Actor, 'anonymous' | 'govNoDelegation'>, DemoKey> = {
    observer: 'observer',
    civil: 'civil',
    expert: 'expert',
    partner: 'partner',
    kz: 'kz',
    kg: 'kg',
    facilitator: 'facilitator',
  };
  clients = {
    anonymous: new Client(server.url),
    govNoDelegation: await signedIn(server.url, 'gov.nodelegation@example.org', 'a-long-enough-password'),
    ...Object.fromEntries(Object.entries(keys).map(([actor, key]) => [actor, demo[key]])),
  } as Record<Actor, Client>;
  // Fixtures come from people who are not actors of the matrix (a creator sits in its own room).
  await gov.post('/api/v1/register', {
    name: 'Fixture maker',
    email: 'fixtures@example.org',
    password: 'a-long-enough-password',
    affiliation: 'expert',
  });
  setup = await signedIn(server.url, 'fixtures@example.org', 'a-long-enough-password');
  const target = new Client(server.url);
  await target.post('/api/v1/register', {
    name: 'Seated person',
    email: 'seated@example.org',
    password: 'a-long-enough-password',
    affiliation: 'civil_society',
  });
  await target.signIn('seated@example.org', 'a-long-enough-password');
  targetId = (await target.get('/api/v1/me')).body.id;
});
afterAll(async () => {
  await server?.stop();
});

async function freshRoom(): Promise<number> {
  const room = await setup.post('/api/v1/threads', { title: 'Fixture room', topic: 'trade', summary: '', states: ['KZ', 'UZ'] });
  return room.body.id;
}

async function freshInitiative(options: { consensus?: boolean } = {}): Promise<number> {
  const roomId = await freshRoom();
  const initiative = await setup.post(`/api/v1/threads/${roomId}/initiatives`, {
    title: 'Fixture',
    summary: 'Text',
    states: ['KZ', 'UZ'],
    openToJoin: true,
  });
  if (options.consensus) {
    const demo = { kz: await signedIn(server.url, 'delegate.kz@example.org'), uz: await signedIn(server.url, 'delegate.uz@example.org') };
    await demo.kz.put(`/api/v1/initiatives/${initiative.body.id}/stances/KZ`, { position: 'endorse' });
    await demo.uz.put(`/api/v1/initiatives/${initiative.body.id}/stances/UZ`, { position: 'endorse' });
  }
  return initiative.body.id;
}

const ACTIONS: Record<keyof typeof MATRIX, (c: Client) => Promise<{ status: number }>> = {
  listRooms: (c) => c.get('/api/v1/threads'),
  readInitiative: async (c) => c.get(`/api/v1/initiatives/${await freshInitiative()}`),
  createOpenRoom: (c) => c.post('/api/v1/threads', { title: 'A room', topic: 'water', summary: '', visibility: 'open' }),
  createDiscreetRoom: (c) => c.post('/api/v1/threads', { title: 'A quiet room', topic: 'security', summary: '', visibility: 'discreet' }),
  postMessage: async (c) => c.post(`/api/v1/threads/${await freshRoom()}/messages`, { body: 'Hello' }),
  takeSeat: async (c) => {
    const me = c.signedIn ? (await c.get('/api/v1/me')).body.id : 1;
    return c.post(`/api/v1/threads/${await freshRoom()}/members`, { userId: me });
  },
  seatSomeoneElse: async (c) => c.post(`/api/v1/threads/${await freshRoom()}/members`, { userId: targetId }),
  propose: async (c) => c.post(`/api/v1/threads/${await freshRoom()}/initiatives`, { title: 'Idea', summary: '', states: ['KZ', 'UZ'] }),
  setOwnStateStance: async (c) => c.put(`/api/v1/initiatives/${await freshInitiative()}/stances/KZ`, { position: 'endorse' }),
  setOtherStateStance: async (c) => c.put(`/api/v1/initiatives/${await freshInitiative()}/stances/UZ`, { position: 'endorse' }),
  joinForOwnState: async (c) => c.post(`/api/v1/initiatives/${await freshInitiative()}/join`),
  endorse: async (c) => c.post(`/api/v1/initiatives/${await freshInitiative()}/endorsements`),
  editOthersInitiative: async (c) => c.patch(`/api/v1/initiatives/${await freshInitiative()}`, { title: 'Edited' }),
  formalize: async (c) => c.post(`/api/v1/initiatives/${await freshInitiative({ consensus: true })}/formalize`),
  createInvite: (c) => c.post('/api/v1/invites', { state: 'TM' }),
  grantDelegation: (c) => c.post(`/api/v1/participants/${targetId}/delegation`, { state: null }),
  listParticipants: (c) => c.get('/api/v1/participants'),
  readEvents: (c) => c.get('/api/v1/events?since=0&limit=5'),
};

describe('authorization matrix (affiliation/role × action)', () => {
  for (const [action, row] of Object.entries(MATRIX)) {
    for (const [i, actor] of ACTORS.entries()) {
      const expected = row[i];
      it(`${actor} → ${action} → ${expected}`, async () => {
        const response = await ACTIONS[action](clients[actor]);
        expect(response.status).toBe(expected);
      });
    }
  }

  it('writes nothing on a refusal', async () => {
    const initiativeId = await freshInitiative();
    const before = databaseChecksum(server);
    expect((await clients.kg.put(`/api/v1/initiatives/${initiativeId}/stances/KZ`, { position: 'endorse' })).status).toBe(403);
    expect((await clients.facilitator.put(`/api/v1/initiatives/${initiativeId}/stances/KZ`, { position: 'endorse' })).status).toBe(403);
    expect((await clients.observer.post(`/api/v1/initiatives/${initiativeId}/endorsements`)).status).toBe(403);
    expect((await clients.expert.post(`/api/v1/initiatives/${initiativeId}/formalize`)).status).toBe(403);
    expect(databaseChecksum(server)).toEqual(before);
  });

  it('lets a delegation granted or revoked by a facilitator end the sessions it changes, and take effect at the next sign-in', async () => {
    const initiativeId = await freshInitiative();
    const target = clients.govNoDelegation;
    const stance = (position: string) => target.put(`/api/v1/initiatives/${initiativeId}/stances/UZ`, { position });
    const id = (await target.get('/api/v1/me')).body.id;
    expect((await stance('endorse')).status).toBe(403);
    expect((await clients.facilitator.post(`/api/v1/participants/${id}/delegation`, { state: 'UZ' })).body.state).toBe('UZ');
    expect((await stance('endorse')).status).toBe(401);
    expect(await target.signIn('gov.nodelegation@example.org', 'a-long-enough-password')).toBe(200);
    expect((await stance('endorse')).status).toBe(200);
    await clients.facilitator.post(`/api/v1/participants/${id}/delegation`, { state: null });
    expect((await stance('reservation')).status).toBe(401);
    expect(await target.signIn('gov.nodelegation@example.org', 'a-long-enough-password')).toBe(200);
    expect((await stance('reservation')).status).toBe(403);
  });

  it('refuses a cookie-authenticated write from another site', async () => {
    const response = await clients.kz.post(
      '/api/v1/threads',
      { title: 'Forged', topic: 'water', summary: '' },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    const nullOrigin = await clients.kz.post('/api/v1/threads', { title: 'Forged', topic: 'water', summary: '' }, { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const crossSite = await clients.kz.post(
      '/api/v1/threads',
      { title: 'Forged', topic: 'water', summary: '' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
  });
});

describe('personal API tokens', () => {
  it('carry exactly the participant’s rights, are stored hashed and can be revoked', async () => {
    const created = await clients.kz.post('/api/v1/me/tokens', { name: 'weekly export' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^chk_/);
    expect(server.query('SELECT COUNT(*) AS n FROM api_tokens WHERE token_hash = ?', token)[0].n).toBe(0);

    const script = new Client(server.url);
    script.bearer = token;
    expect((await script.get('/api/v1/me')).body).toMatchObject({ email: 'delegate.kz@example.org', state: 'KZ' });
    const initiativeId = await freshInitiative();
    expect((await script.put(`/api/v1/initiatives/${initiativeId}/stances/KZ`, { position: 'endorse' })).status).toBe(200);
    expect((await script.put(`/api/v1/initiatives/${initiativeId}/stances/UZ`, { position: 'endorse' })).status).toBe(403);
    expect((await script.post('/api/v1/invites', { state: 'KZ' })).status).toBe(403);

    expect((await clients.kz.delete(`/api/v1/me/tokens/${created.body.id}`)).status).toBe(200);
    expect((await script.get('/api/v1/me')).status).toBe(401);
    const forged = new Client(server.url);
    forged.bearer = 'chk_' + 'x'.repeat(32);
    expect((await forged.get('/api/v1/me')).status).toBe(401);
  });
});
