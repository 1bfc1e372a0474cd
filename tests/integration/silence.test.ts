import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { until } from '../helpers/wait';

/**
 * The silence procedure (PRODUCT.md Part 2) and text versions, on the real server with the
 * shortest procedure lowered to two seconds: adopted at the deadline unless a state in A breaks
 * silence — on time, after a restart that missed it, exactly once; broken by an objection, a
 * reservation or an edit, never by stepping aside; every refusal writes nothing.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
let roomId: number;

beforeAll(async () => {
  server = await startServer({ env: { SILENCE_MIN_SECONDS: '2' } });
  as = await signInAll(server.url);
  roomId = (
    await as.facilitator.post('/api/v1/threads', {
      title: 'Border crossings',
      topic: 'borders',
      summary: '',
      states: ['KZ', 'KG', 'TJ', 'UZ'],
      partners: [],
    })
  ).body.id;
});
afterAll(async () => {
  await server?.stop();
});

const propose = async (states = ['KZ', 'KG', 'UZ']) =>
  (
    await as.kz.post(`/api/v1/threads/${roomId}/initiatives`, {
      title: 'Green corridor',
      summary: 'Priority lanes for perishables.',
      states,
      partners: [],
    })
  ).body.id as number;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const start = (id: number, deadline: string, by: Client = as.facilitator) => by.post(`/api/v1/initiatives/${id}/silence`, { deadline });
const eventTypes = async (id: number) =>
  (await server.query<{ type: string }>('SELECT type FROM events WHERE initiative_id = ? ORDER BY id', id)).map((e) => e.type);
const eventsOf = async (id: number, type: string) =>
  (
    await server.query<{ payload: string; actor: string | null }>(
      'SELECT payload, actor FROM events WHERE initiative_id = ? AND type = ? ORDER BY id',
      id,
      type,
    )
  ).map((e) => ({ ...JSON.parse(e.payload), actor: e.actor }));
const statusOf = async (id: number) => (await as.uz.get(`/api/v1/initiatives/${id}`)).body;

describe('starting', () => {
  it('refuses, writing nothing: a delegate, a deadline too soon or beyond 30 days, a reservation present, twice', async () => {
    const id = await propose();
    const before = await eventTypes(id);
    expect((await start(id, inSeconds(60), as.kz)).status).toBe(403);
    const soon = await start(id, inSeconds(1));
    expect(soon.status).toBe(400);
    expect(soon.body.error.fields.deadline).toMatch(/At least 2 seconds/);
    expect((await start(id, inSeconds(31 * 86_400))).status).toBe(400);
    expect((await start(id, 'tomorrow')).status).toBe(400);
    await as.kg.put(`/api/v1/initiatives/${id}/stances/KG`, { position: 'reservation', note: 'Quotas first.' });
    const held = await start(id, inSeconds(60));
    expect(held.status).toBe(409);
    await as.kg.put(`/api/v1/initiatives/${id}/stances/KG`, { position: 'pending' });
    expect((await eventTypes(id)).filter((t) => t.startsWith('silence.'))).toEqual([]);
    expect((await start(id, inSeconds(60))).status).toBe(200);
    expect((await start(id, inSeconds(90))).status).toBe(409);
    expect((await eventTypes(id)).filter((t) => t.startsWith('silence.'))).toEqual(['silence.started']);
    expect(before.length).toBeGreaterThan(0);
  });
});

describe('breaking', () => {
  it('by a delegate of a state in A with a reason; not by a state outside A, not without a reason', async () => {
    const id = await propose(['KZ', 'KG', 'UZ']);
    await as.uz.put(`/api/v1/initiatives/${id}/stances/UZ`, { position: 'step_aside' });
    const started = await start(id, inSeconds(60));
    expect(started.body.silence).toMatchObject({ deadline: expect.any(String) });
    expect((await as.tj.post(`/api/v1/initiatives/${id}/silence/break`, { note: 'Not ours.' })).status).toBe(403);
    expect((await as.uz.post(`/api/v1/initiatives/${id}/silence/break`, { note: 'We stepped aside.' })).status).toBe(403);
    expect((await as.kg.post(`/api/v1/initiatives/${id}/silence/break`, {})).status).toBe(400);
    expect((await as.kg.post(`/api/v1/initiatives/${id}/silence/break`, { note: '' })).status).toBe(400);
    expect((await statusOf(id)).silence).not.toBeNull();
    const broken = await as.kg.post(`/api/v1/initiatives/${id}/silence/break`, { note: 'The quotas are not settled.' });
    expect(broken.status).toBe(200);
    expect(broken.body.silence).toBeNull();
    expect(await eventsOf(id, 'silence.broken')).toMatchObject([{ state: 'KG', note: 'The quotas are not settled.', reason: 'objection' }]);
    expect((await as.kg.post(`/api/v1/initiatives/${id}/silence/break`, { note: 'Again.' })).status).toBe(409);
  });

  it('by a reservation and by an edit of the text, never by stepping aside', async () => {
    const reserved = await propose();
    await start(reserved, inSeconds(60));
    await as.uz.put(`/api/v1/initiatives/${reserved}/stances/UZ`, { position: 'step_aside' });
    expect((await statusOf(reserved)).silence).not.toBeNull();
    await as.kg.put(`/api/v1/initiatives/${reserved}/stances/KG`, { position: 'reservation', note: 'Quotas.' });
    expect((await statusOf(reserved)).silence).toBeNull();
    expect(await eventsOf(reserved, 'silence.broken')).toMatchObject([{ state: 'KG', reason: 'reservation' }]);

    const edited = await propose();
    await start(edited, inSeconds(60));
    await as.kz.patch(`/api/v1/initiatives/${edited}`, { summary: 'Priority lanes for perishables and medicines.' });
    expect((await statusOf(edited)).silence).toBeNull();
    expect(await eventsOf(edited, 'silence.broken')).toMatchObject([{ reason: 'text_edited' }]);
    // A broken procedure's deadline does nothing.
    expect(
      await server.query(`SELECT 1 FROM jobs WHERE kind = 'silence.conclude' AND key = ? AND done_at IS NULL`, String(edited)),
    ).toEqual([]);
  });
});

describe('concluding', () => {
  it('at the deadline: pending states in A deemed to endorse, the initiative formalized, in that order, by the system', async () => {
    const id = await propose();
    await as.kz.put(`/api/v1/initiatives/${id}/stances/KZ`, { position: 'endorse' });
    await as.uz.put(`/api/v1/initiatives/${id}/stances/UZ`, { position: 'endorse', adReferendum: true, confirmBy: inSeconds(86_400) });
    expect((await start(id, inSeconds(3))).status).toBe(200);
    await until(async () => (await statusOf(id)).status === 'formalized', 'the procedure to conclude', 15_000, 200);
    const view = await statusOf(id);
    expect(view).toMatchObject({ status: 'formalized', silence: null, provisional: false });
    expect(view.stances.KG).toMatchObject({ position: 'endorse' });
    expect(view.stances.UZ).toMatchObject({ position: 'endorse', adReferendum: false });
    const types = (await eventTypes(id)).slice((await eventTypes(id)).indexOf('silence.started') + 1);
    expect(types).toEqual(['stance.changed', 'initiative.formalized', 'status.changed', 'silence.concluded']);
    expect(await eventsOf(id, 'initiative.formalized')).toMatchObject([{ via: 'silence', actor: null }]);
    expect((await eventsOf(id, 'stance.changed')).at(-1)).toMatchObject({ state: 'KG', to: 'endorse', via: 'silence' });
  });

  it('after a restart that missed the deadline, exactly once', async () => {
    const id = await propose();
    expect((await start(id, inSeconds(3))).status).toBe(200);
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await server.restart();
    as = await signInAll(server.url);
    await until(async () => (await statusOf(id)).status === 'formalized', 'the missed procedure to conclude', 15_000, 200);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await eventTypes(id)).filter((t) => t === 'silence.concluded' || t === 'initiative.formalized')).toEqual([
      'initiative.formalized',
      'silence.concluded',
    ]);
  });
});

describe('text versions', () => {
  it('lists every text, newest first, as visible as the initiative', async () => {
    const id = await propose();
    await as.kz.patch(`/api/v1/initiatives/${id}`, { title: 'Green lanes for perishables' });
    await as.kz.patch(`/api/v1/initiatives/${id}`, { openToJoin: false });
    const versions = await as.uz.get(`/api/v1/initiatives/${id}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([
      [2, 'Green lanes for perishables'],
      [1, 'Green corridor'],
    ]);
    expect(versions.body.items[0].editedBy).toMatchObject({ state: 'KZ' });
    expect((await as.uz.get(`/api/v1/initiatives/999999/versions`)).status).toBe(404);
    const page = await as.uz.get(`/initiatives/${id}?from=1&to=2`);
    expect(page.body).toContain('<del>');
    expect(page.body).toContain('<ins>');
  });
});
