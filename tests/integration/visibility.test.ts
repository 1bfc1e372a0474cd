import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let as: Record<DemoKey, Client>;
let discreet: { roomId: number; initiativeId: number };

const SECRET_TITLE = 'Quiet talks on the Rogun cascade';

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  const room = await as.facilitator.post('/api/v1/threads', {
    title: SECRET_TITLE,
    topic: 'energy',
    summary: 'Members only.',
    states: ['TJ', 'UZ'],
    visibility: 'discreet',
  });
  const tj = (await as.tj.get('/api/v1/me')).body.id;
  await as.facilitator.post(`/api/v1/threads/${room.body.id}/members`, { userId: tj });
  const initiative = await as.tj.post(`/api/v1/threads/${room.body.id}/initiatives`, {
    title: 'Rogun water releases',
    summary: '',
    states: ['TJ', 'UZ'],
  });
  await as.tj.post(`/api/v1/threads/${room.body.id}/messages`, { body: 'A confidential point.' });
  discreet = { roomId: room.body.id, initiativeId: initiative.body.id };
});
afterAll(async () => {
  await server?.stop();
});

async function everythingVisibleTo(client: Client): Promise<string> {
  const paths = [
    '/api/v1/threads?limit=100',
    `/api/v1/threads?q=${encodeURIComponent('Rogun')}`,
    '/api/v1/threads?topic=energy',
    '/api/v1/initiatives?limit=100',
    '/api/v1/initiatives?q=Rogun',
    '/api/v1/initiatives?state=TJ&limit=100',
    '/api/v1/events?since=0&limit=1000',
    '/api/v1/search?q=Rogun',
    '/api/v1/search?q=confidential',
    '/api/v1/search?q=Rogun&kind=message',
  ];
  const bodies = await Promise.all(paths.map((p) => client.get(p)));
  return JSON.stringify(bodies.map((b) => b.body));
}

describe('discreet rooms', () => {
  for (const who of ['kz', 'uz', 'expert', 'observer', 'partner', 'civil'] as const) {
    it(`do not exist for a non-member (${who}): 404 and absent from every list, search and the event log`, async () => {
      const client = as[who];
      expect((await client.get(`/api/v1/threads/${discreet.roomId}`)).status).toBe(404);
      expect((await client.get(`/api/v1/threads/${discreet.roomId}/messages`)).status).toBe(404);
      expect((await client.get(`/api/v1/threads/${discreet.roomId}/members`)).status).toBe(404);
      expect((await client.get(`/api/v1/initiatives/${discreet.initiativeId}`)).status).toBe(404);
      expect((await client.post(`/api/v1/threads/${discreet.roomId}/messages`, { body: 'Knock knock' })).status).toBe(404);
      expect((await client.post(`/api/v1/initiatives/${discreet.initiativeId}/endorsements`)).status).toBe(404);
      const seen = await everythingVisibleTo(client);
      expect(seen).not.toContain('Rogun');
      expect(seen).not.toContain('confidential');
    });
  }

  it('answer a non-member exactly as a room that does not exist', async () => {
    const hidden = await as.kz.get(`/api/v1/threads/${discreet.roomId}`);
    const missing = await as.kz.get('/api/v1/threads/987654');
    expect(hidden.body).toEqual(missing.body);
    const hiddenInitiative = await as.kz.put(`/api/v1/initiatives/${discreet.initiativeId}/stances/UZ`, { position: 'endorse' });
    const missingInitiative = await as.kz.put('/api/v1/initiatives/987654/stances/UZ', { position: 'endorse' });
    expect(hiddenInitiative.status).toBe(404);
    expect(hiddenInitiative.body).toEqual(missingInitiative.body);
  });

  it('are visible to their members, and to a newly added member at once', async () => {
    expect((await as.tj.get(`/api/v1/threads/${discreet.roomId}`)).status).toBe(200);
    expect(await everythingVisibleTo(as.tj)).toContain('Rogun');
    // UZ takes part in the initiative but is not a member yet: it cannot even set its stance.
    expect((await as.uz.put(`/api/v1/initiatives/${discreet.initiativeId}/stances/UZ`, { position: 'endorse' })).status).toBe(404);
    await as.facilitator.post(`/api/v1/threads/${discreet.roomId}/members`, { userId: (await as.uz.get('/api/v1/me')).body.id });
    expect((await as.uz.put(`/api/v1/initiatives/${discreet.initiativeId}/stances/UZ`, { position: 'endorse' })).status).toBe(200);
    expect(await everythingVisibleTo(as.uz)).toContain('Rogun');
  });

  it('disappear for a member who is removed', async () => {
    const expertId = (await as.expert.get('/api/v1/me')).body.id;
    await as.facilitator.post(`/api/v1/threads/${discreet.roomId}/members`, { userId: expertId });
    expect((await as.expert.get(`/api/v1/threads/${discreet.roomId}`)).status).toBe(200);
    expect((await as.facilitator.delete(`/api/v1/threads/${discreet.roomId}/members/${expertId}`)).status).toBe(200);
    expect((await as.expert.get(`/api/v1/threads/${discreet.roomId}`)).status).toBe(404);
    expect(await everythingVisibleTo(as.expert)).not.toContain('Rogun');
  });

  it('cannot be opened by anyone but a facilitator', async () => {
    expect((await as.kz.post('/api/v1/threads', { title: 'Mine', topic: 'water', summary: '', visibility: 'discreet' })).status).toBe(403);
  });
});

// Chatham House rooms: tests/integration/chatham.test.ts looks for every name everywhere.
