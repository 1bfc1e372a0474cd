import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../helpers/client';
import { databaseChecksum, changedTables } from '../helpers/db-state';
import { delegate, facilitator, signInAgain, type Person } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';
import { callAction } from '../helpers/server-action';

/**
 * Authorization beyond the matrix (authorization-matrix.test.ts): delegations taking effect,
 * cross-site writes, personal API tokens, and ids guessed by an outsider.
 */
let server: TestServer;
let setup: Person;
let kz: Client;
let openRoom: number;

beforeAll(async () => {
  server = await startServer();
  setup = await facilitator(server, 'setup@example.org', 'Setup Facilitator');
  kz = await signedIn(server.url, DEMO.kz);
  openRoom = (await setup.client.post('/api/v1/threads', { title: 'Open room', topic: 'trade', summary: '', states: ['KZ', 'UZ'] })).body
    .id;
});
afterAll(async () => {
  await server?.stop();
});

async function freshInitiative(): Promise<number> {
  const made = await setup.client.post(`/api/v1/threads/${openRoom}/initiatives`, {
    title: 'Fixture',
    summary: 'Text',
    states: ['KZ', 'UZ'],
  });
  expect(made.status).toBe(201);
  return made.body.id;
}

describe('delegations', () => {
  it('end the sessions they change when a facilitator grants or revokes one, and count from the next sign-in', async () => {
    const initiativeId = await freshInitiative();
    let target = await delegate(server.url, setup.client, { name: 'Future delegate', email: 'future@example.org' }, 'KG');
    const stance = (position: string) =>
      target.client.put(`/api/v1/initiatives/${initiativeId}/stances/UZ`, {
        position,
        ...(position === 'reservation' ? { note: 'A reason' } : {}),
      });
    expect((await stance('endorse')).status).toBe(403);
    expect((await setup.client.post(`/api/v1/participants/${target.id}/delegation`, { state: 'UZ' })).body.state).toBe('UZ');
    expect((await stance('endorse')).status).toBe(401);
    target = await signInAgain(server.url, target);
    expect((await stance('endorse')).status).toBe(200);
    await setup.client.post(`/api/v1/participants/${target.id}/delegation`, { state: null });
    expect((await stance('reservation')).status).toBe(401);
    target = await signInAgain(server.url, target);
    expect((await stance('reservation')).status).toBe(403);
  });
});

describe('cross-site writes', () => {
  it('refuses a cookie-authenticated API write from another site and writes nothing', async () => {
    const before = await databaseChecksum(server);
    const body = { title: 'Forged', topic: 'water', summary: '' };
    const forged: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of forged) {
      const response = await kz.post('/api/v1/threads', body, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    }
    expect(changedTables(before, await databaseChecksum(server))).toEqual([]);
    // The same request from our own pages goes through.
    expect((await kz.post('/api/v1/threads', body, { origin: server.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
  });

  it('refuses a server action from another site with 403 before it runs, and writes nothing', async () => {
    const before = await databaseChecksum(server);
    for (const origin of ['https://evil.example', 'null']) {
      const answer = await callAction(kz, `/rooms/${openRoom}`, 'postMessageAction', [openRoom], { body: 'Forged' }, { origin });
      expect(answer.status, origin).toBe(403);
    }
    expect(changedTables(before, await databaseChecksum(server))).toEqual([]);
    const genuine = await callAction(kz, `/rooms/${openRoom}`, 'postMessageAction', [openRoom], { body: 'Genuine' });
    expect(genuine.result).toMatchObject({ ok: true });
    expect(changedTables(before, await databaseChecksum(server))).toContain('messages');
  });
});

describe('personal API tokens', () => {
  it('carry exactly the participant’s rights, are stored hashed and can be revoked', async () => {
    const created = await kz.post('/api/v1/me/tokens', { name: 'weekly export' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^chk_/);
    expect((await server.query('SELECT COUNT(*) AS n FROM api_tokens WHERE token_hash = ?', token))[0].n).toBe(0);

    const script = new Client(server.url);
    script.bearer = token;
    expect((await script.get('/api/v1/me')).body).toMatchObject({ email: DEMO.kz, state: 'KZ' });
    const initiativeId = await freshInitiative();
    expect((await script.put(`/api/v1/initiatives/${initiativeId}/stances/KZ`, { position: 'endorse' })).status).toBe(200);
    expect((await script.put(`/api/v1/initiatives/${initiativeId}/stances/UZ`, { position: 'endorse' })).status).toBe(403);
    expect((await script.post('/api/v1/invites', { state: 'KZ' })).status).toBe(403);

    expect((await kz.delete(`/api/v1/me/tokens/${created.body.id}`)).status).toBe(200);
    expect((await script.get('/api/v1/me')).status).toBe(401);
    const forged = new Client(server.url);
    forged.bearer = 'chk_' + 'x'.repeat(32);
    expect((await forged.get('/api/v1/me')).status).toBe(401);
  });
});

describe('id guessing', () => {
  it('answers an outsider the same for every room and initiative id it may not see as for ids that do not exist', async () => {
    const hidden = (await server.query<{ id: number }>(`SELECT id FROM threads WHERE visibility = 'discreet'`)).map((r) => r.id);
    const hiddenInitiatives = (
      await server.query<{ id: number }>(
        `SELECT i.id FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE t.visibility = 'discreet'`,
      )
    ).map((r) => r.id);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hiddenInitiatives.length).toBeGreaterThan(0);
    const outsider = await signedIn(server.url, DEMO.kz);
    const member = async (id: number) =>
      (
        await server.query(
          'SELECT 1 FROM memberships m JOIN participants p ON p.id = m.participant_id WHERE m.thread_id = ? AND p.email = ?',
          id,
          DEMO.kz,
        )
      ).length > 0;
    const max = (await server.query<{ id: number }>('SELECT MAX(id) AS id FROM threads'))[0].id;
    const missing = (await outsider.get(`/api/v1/threads/${max + 1000}`)).body;
    const unseen: number[] = [];
    for (const id of hidden) if (!(await member(id))) unseen.push(id);
    expect(unseen.length).toBeGreaterThan(0);
    for (const id of unseen) expect((await outsider.get(`/api/v1/threads/${id}`)).body).toEqual(missing);
    const missingInitiative = (await outsider.get('/api/v1/initiatives/987654')).body;
    const missingEndorsement = (await outsider.post('/api/v1/initiatives/987654/endorsements')).body;
    for (const id of hiddenInitiatives) {
      const room = (await server.query<{ thread: number }>('SELECT thread_id AS thread FROM initiatives WHERE id = ?', id))[0].thread;
      if (await member(room)) continue;
      expect((await outsider.get(`/api/v1/initiatives/${id}`)).body).toEqual(missingInitiative);
      expect((await outsider.post(`/api/v1/initiatives/${id}/endorsements`)).body).toEqual(missingEndorsement);
    }
  });
});
