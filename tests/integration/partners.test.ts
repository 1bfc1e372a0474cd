import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signInAll, signedIn, type DemoKey } from '../helpers/client';
import { register, signInAgain, type Person } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';

/**
 * Partners at the table (PRODUCT.md Part 2, "Partners and invitations"): a facilitator grants an
 * account the representation of a partner; its representative brings the partner into an
 * initiative open to join as +X — never a state's stance, never counted in A.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
let roomId: number;
let envoy: Person;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  roomId = (
    await as.facilitator.post('/api/v1/threads', {
      title: 'Aral Sea',
      topic: 'environment',
      summary: '',
      states: ['KZ', 'UZ'],
      partners: [],
    })
  ).body.id;
  envoy = await register(server.url, { name: 'Envoy of the EU', email: 'envoy@example.org', affiliation: 'expert' });
});
afterAll(async () => {
  await server?.stop();
});

const propose = async (openToJoin = true) =>
  (
    await as.kz.post(`/api/v1/threads/${roomId}/initiatives`, {
      title: 'Saxaul belts',
      summary: '',
      states: ['KZ', 'UZ'],
      partners: [],
      openToJoin,
    })
  ).body.id as number;

describe('granting a partner', () => {
  it('is a facilitator’s, for a known partner; it ends the sessions and makes the account the partner’s representative', async () => {
    expect((await as.kz.post(`/api/v1/participants/${envoy.id}/delegation`, { partner: 'EU' })).status).toBe(403);
    const unknown = await as.facilitator.post(`/api/v1/participants/${envoy.id}/delegation`, { partner: 'ZZ' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.partner).toBeTruthy();
    const granted = await as.facilitator.post(`/api/v1/participants/${envoy.id}/delegation`, { partner: 'EU' });
    expect(granted.body).toMatchObject({ affiliation: 'partner', partner: 'EU', state: null });
    expect((await envoy.client.get('/api/v1/me')).status).toBe(401);
    envoy = await signInAgain(server.url, envoy);
    expect((await envoy.client.get('/api/v1/me')).body).toMatchObject({ affiliation: 'partner', partner: 'EU' });
  });
});

describe('invites for a partner and for an affiliation', () => {
  it('registers a partner’s representative through a partner invite, and anyone else by the invite’s affiliation', async () => {
    expect((await as.facilitator.post('/api/v1/invites', { partner: 'ZZ' })).status).toBe(400);
    expect((await as.kz.post('/api/v1/invites', { partner: 'EU' })).status).toBe(403);
    const forJapan = (await as.facilitator.post('/api/v1/invites', { partner: 'JP' })).body;
    expect(forJapan).toMatchObject({ partner: 'JP', state: null, affiliation: null });
    const newcomer = { password: 'a-long-password-1', organization: '' };
    const mismatch = await new Client(server.url).post('/api/v1/register', {
      ...newcomer,
      name: 'Tokyo Envoy',
      email: 'tokyo@example.org',
      affiliation: 'expert',
      inviteCode: forJapan.code,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields.affiliation).toBeTruthy();
    const joined = await new Client(server.url).post('/api/v1/register', {
      ...newcomer,
      name: 'Tokyo Envoy',
      email: 'tokyo@example.org',
      affiliation: 'partner',
      inviteCode: forJapan.code,
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ affiliation: 'partner', partner: 'JP', state: null });
    const tokyo = await signedIn(server.url, 'tokyo@example.org', 'a-long-password-1');
    expect((await tokyo.get('/api/v1/me')).body).toMatchObject({ affiliation: 'partner', partner: 'JP' });

    const forCivil = (await as.facilitator.post('/api/v1/invites', { affiliation: 'civil_society' })).body;
    const civil = await new Client(server.url).post('/api/v1/register', {
      ...newcomer,
      name: 'NGO Lead',
      email: 'ngo@example.org',
      affiliation: 'civil_society',
      inviteCode: forCivil.code,
    });
    expect(civil.body).toMatchObject({ affiliation: 'civil_society', partner: null, state: null });
    expect((await as.facilitator.post('/api/v1/invites', { affiliation: 'government' })).status).toBe(400);
  });
});

describe('a partner at the table', () => {
  it('joins an initiative open to join as +X: the format says so, the states and A do not change', async () => {
    const id = await propose();
    const before = (await as.uz.get('/api/v1/dashboard')).body.totals.byPartner.EU ?? 0;
    const joined = await envoy.client.post(`/api/v1/initiatives/${id}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ partners: ['EU'], plus: ['EU'], states: ['KZ', 'UZ'], label: 'CA-2 + EU' });
    const events = await server.query<{ type: string; payload: string }>(
      "SELECT type, payload FROM events WHERE initiative_id = ? AND type IN ('initiative.partner_joined', 'status.changed') ORDER BY id",
      id,
    );
    expect(events.map((e) => [e.type, JSON.parse(e.payload).partner ?? JSON.parse(e.payload).label])).toEqual([
      ['initiative.partner_joined', 'EU'],
      ['status.changed', 'CA-2 + EU'],
    ]);
    expect((await as.uz.get('/api/v1/dashboard')).body.totals.byPartner.EU).toBe(before + 1);
    expect((await envoy.client.post(`/api/v1/initiatives/${id}/join`)).status).toBe(409);
    // A partner never takes a state's stance.
    expect((await envoy.client.put(`/api/v1/initiatives/${id}/stances/KZ`, { position: 'endorse' })).status).toBe(403);
  });

  it('does not join an initiative closed to joining, and nothing is written', async () => {
    const id = await propose(false);
    const refused = await envoy.client.post(`/api/v1/initiatives/${id}/join`);
    expect(refused.status).toBe(409);
    expect(await server.query('SELECT partner_code FROM initiative_partners WHERE initiative_id = ?', id)).toEqual([]);
  });

  it('is no longer a partner once granted a state, and revoking clears the partner', async () => {
    const other = await register(server.url, { name: 'Envoy of Japan', email: 'envoy.jp@example.org', affiliation: 'observer' });
    await as.facilitator.post(`/api/v1/participants/${other.id}/delegation`, { partner: 'JP' });
    const asState = await as.facilitator.post(`/api/v1/participants/${other.id}/delegation`, { state: 'TJ' });
    expect(asState.body).toMatchObject({ affiliation: 'government', state: 'TJ', partner: null });
    await as.facilitator.post(`/api/v1/participants/${other.id}/delegation`, { partner: 'JP' });
    const revoked = await as.facilitator.post(`/api/v1/participants/${other.id}/delegation`, { partner: null });
    expect(revoked.body).toMatchObject({ state: null, partner: null });
  });
});
