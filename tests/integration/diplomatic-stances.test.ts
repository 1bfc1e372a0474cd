import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { until } from '../helpers/wait';

/**
 * Stances as diplomats give them (PRODUCT.md Part 2): a reservation gives its reason and may carry
 * a condition; an endorsement ad referendum makes a consensus provisional until its capital
 * confirms, and lapses to pending at its date — on time, after a restart that missed it, once; a
 * note to the chair is read by the facilitators and that state's delegates only, at every entry point.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
let roomId: number;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  const room = await as.facilitator.post('/api/v1/threads', {
    title: 'Water allocation',
    topic: 'water',
    summary: 'The Syr Darya schedule.',
    states: ['KZ', 'KG', 'TJ', 'UZ'],
    partners: [],
  });
  roomId = room.body.id;
});
afterAll(async () => {
  await server?.stop();
});

const propose = async (states = ['KZ', 'UZ']) =>
  (
    await as.kz.post(`/api/v1/threads/${roomId}/initiatives`, {
      title: 'Release schedule',
      summary: 'Summer releases.',
      states,
      partners: [],
    })
  ).body.id as number;
const put = (by: Client, id: number, state: string, body: Record<string, unknown>) =>
  by.put(`/api/v1/initiatives/${id}/stances/${state}`, body);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const eventsOf = async (id: number) =>
  (
    await server.query<{ type: string; payload: string; actor: string | null }>(
      'SELECT type, payload, actor FROM events WHERE initiative_id = ? ORDER BY id',
      id,
    )
  ).map((e) => ({ type: e.type, payload: JSON.parse(e.payload), actor: e.actor }));
const stanceRow = async (id: number, state: string) =>
  (
    await server.query<{ position: string; ad_referendum: number }>(
      'SELECT position, ad_referendum FROM stances WHERE initiative_id = ? AND state_code = ?',
      id,
      state,
    )
  )[0];

describe('reasons and conditions', () => {
  it('refuses a reservation without its reason (400, fields.note), writing nothing', async () => {
    const id = await propose();
    const before = await eventsOf(id);
    const refused = await put(as.kz, id, 'KZ', { position: 'reservation' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.note).toBe('A reservation gives its reason');
    expect(await eventsOf(id)).toEqual(before);
    expect((await stanceRow(id, 'KZ')).position).toBe('pending');
  });

  it('keeps a reservation’s condition, shown in its view and its event; a condition on anything else is refused', async () => {
    const id = await propose();
    const held = await put(as.kz, id, 'KZ', {
      position: 'reservation',
      note: 'The annex first.',
      condition: 'would endorse if the annex is agreed',
    });
    expect(held.status).toBe(200);
    expect(held.body.stances.KZ).toMatchObject({
      position: 'reservation',
      note: 'The annex first.',
      condition: 'would endorse if the annex is agreed',
    });
    expect((await eventsOf(id)).at(-2)?.payload).toMatchObject({
      state: 'KZ',
      to: 'reservation',
      condition: 'would endorse if the annex is agreed',
    });
    const refused = await put(as.uz, id, 'UZ', { position: 'endorse', condition: 'nothing' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.condition).toBeTruthy();
    // Moving off the reservation drops its condition.
    expect((await put(as.kz, id, 'KZ', { position: 'endorse' })).body.stances.KZ.condition).toBeNull();
  });
});

describe('ad referendum', () => {
  it('refuses a confirmation date in the past, beyond 90 days, or missing, and ad referendum on anything but an endorsement', async () => {
    const id = await propose();
    const before = await eventsOf(id);
    for (const [body, field] of [
      [{ position: 'endorse', adReferendum: true, confirmBy: inDays(-1) }, 'confirmBy'],
      [{ position: 'endorse', adReferendum: true, confirmBy: inDays(91) }, 'confirmBy'],
      [{ position: 'endorse', adReferendum: true }, 'confirmBy'],
      [{ position: 'endorse', confirmBy: inDays(3) }, 'confirmBy'],
      [{ position: 'step_aside', adReferendum: true, confirmBy: inDays(3) }, 'adReferendum'],
    ] as const) {
      const refused = await put(as.kz, id, 'KZ', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.fields[field], JSON.stringify(body)).toBeTruthy();
    }
    expect(await eventsOf(id)).toEqual(before);
  });

  it('makes consensus provisional: not formalized until confirmed, confirmed only by the same state', async () => {
    const id = await propose();
    const confirmBy = inDays(10);
    const kz = await put(as.kz, id, 'KZ', { position: 'endorse', adReferendum: true, confirmBy });
    expect(kz.body.stances.KZ).toMatchObject({ position: 'endorse', adReferendum: true, confirmBy });
    const both = await put(as.uz, id, 'UZ', { position: 'endorse' });
    expect(both.body).toMatchObject({ status: 'consensus', provisional: true });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ type: 'status.changed', payload: { to: 'consensus', provisional: true } });

    expect((await as.facilitator.post(`/api/v1/initiatives/${id}/formalize`)).status).toBe(409);
    expect((await as.uz.post(`/api/v1/initiatives/${id}/stances/KZ/confirm`)).status).toBe(403);
    expect((await as.uz.post(`/api/v1/initiatives/${id}/stances/UZ/confirm`)).status).toBe(409);
    const confirmed = await as.kz.post(`/api/v1/initiatives/${id}/stances/KZ/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'consensus', provisional: false });
    expect(confirmed.body.stances.KZ).toMatchObject({ adReferendum: false, confirmBy: null });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ type: 'stance.confirmed', payload: { state: 'KZ', confirmBy } });
    // The lapse was cancelled with the confirmation.
    expect(await server.query(`SELECT 1 FROM jobs WHERE kind = 'stance.lapse' AND key = ? AND done_at IS NULL`, `${id}:KZ`)).toEqual([]);
    expect((await as.facilitator.post(`/api/v1/initiatives/${id}/formalize`)).status).toBe(200);
  });

  it('lapses an unconfirmed endorsement to pending at its date, by the system, and consensus with it', async () => {
    const id = await propose();
    await put(as.kz, id, 'KZ', { position: 'endorse', adReferendum: true, confirmBy: inSeconds(2) });
    expect((await put(as.uz, id, 'UZ', { position: 'endorse' })).body.provisional).toBe(true);
    await until(async () => (await stanceRow(id, 'KZ')).position === 'pending', 'the endorsement to lapse', 15_000, 200);
    const events = await eventsOf(id);
    const lapsed = events.filter((e) => e.type === 'stance.lapsed');
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toMatchObject({ actor: null, payload: { state: 'KZ', from: 'endorse', to: 'pending' } });
    expect(events.at(-1)).toMatchObject({ type: 'status.changed', payload: { from: 'consensus', to: 'consultation' } });
    expect((await as.uz.get(`/api/v1/initiatives/${id}`)).body).toMatchObject({ status: 'consultation', provisional: false });
  });

  it('lapses once after a restart that missed the date, and not at all when the text was edited meanwhile', async () => {
    const missed = await propose();
    const edited = await propose();
    await put(as.kz, missed, 'KZ', { position: 'endorse', adReferendum: true, confirmBy: inSeconds(3) });
    await put(as.kz, edited, 'KZ', { position: 'endorse', adReferendum: true, confirmBy: inSeconds(3) });
    // An edit of the text resets endorsements: the ad referendum one goes with them, its lapse too.
    expect((await as.kz.patch(`/api/v1/initiatives/${edited}`, { summary: 'Summer and autumn releases.' })).status).toBe(200);
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await server.restart();
    await until(async () => (await stanceRow(missed, 'KZ')).position === 'pending', 'the missed lapse to run', 15_000, 200);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // a second runner tick finds nothing more to do
    expect((await eventsOf(missed)).filter((e) => e.type === 'stance.lapsed')).toHaveLength(1);
    expect((await eventsOf(edited)).filter((e) => e.type === 'stance.lapsed')).toHaveLength(0);
    as = await signInAll(server.url);
  });
});

describe('a note to the chair', () => {
  const SECRET = 'Our minister may accept a later date — do not tell the others';

  it('is read by the facilitators and the state’s own delegates, and by nobody else at any entry point', async () => {
    const id = await propose();
    const set = await put(as.kz, id, 'KZ', { position: 'reservation', note: 'The dates.', chairNote: SECRET });
    expect(set.body.stances.KZ.chairNote).toBe(SECRET);
    expect((await as.facilitator.get(`/api/v1/initiatives/${id}`)).body.stances.KZ.chairNote).toBe(SECRET);
    // A chair note alone is no public event: changing it tells others nothing.
    const eventsBefore = (await eventsOf(id)).length;
    await put(as.kz, id, 'KZ', { position: 'reservation', note: 'The dates.', chairNote: `${SECRET}.` });
    expect((await eventsOf(id)).length).toBe(eventsBefore);

    for (const key of ['uz', 'kg', 'expert', 'civil', 'observer'] as const) {
      const reader = as[key];
      const answers = [
        await reader.get(`/api/v1/initiatives/${id}`),
        await reader.get(`/api/v1/initiatives?threadId=${roomId}&limit=100`),
        await reader.get(`/api/v1/dashboard?limit=100`),
        await reader.get(`/api/v1/events?since=0&limit=500`),
        await reader.get('/api/v1/export/initiatives.json'),
        await reader.get('/api/v1/export/initiatives.csv'),
        await reader.get(`/initiatives/${id}`),
      ];
      for (const answer of answers) {
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        expect(text, key).not.toContain('Our minister');
      }
      expect('chairNote' in answers[0].body.stances.KZ, key).toBe(false);
    }
    // Not in the log that every reader's events come from, nor in the exports of a facilitator.
    expect(JSON.stringify(await server.query('SELECT payload FROM events'))).not.toContain('Our minister');
    expect(JSON.stringify((await as.facilitator.get('/api/v1/export/initiatives.json')).body)).not.toContain('Our minister');
    const page = await as.kz.get(`/initiatives/${id}`);
    expect(page.body).toContain('Our minister');
  });
});

describe('versions', () => {
  it('records on each stance the version of the text it was set on', async () => {
    const id = await propose();
    expect((await put(as.kz, id, 'KZ', { position: 'endorse' })).body).toMatchObject({ version: 1, stances: { KZ: { version: 1 } } });
    const edited = await as.kz.patch(`/api/v1/initiatives/${id}`, { title: 'Release schedule, revised' });
    expect(edited.body.version).toBe(2);
    expect((await put(as.kz, id, 'KZ', { position: 'endorse' })).body.stances.KZ.version).toBe(2);
    expect((await eventsOf(id)).findLast((e) => e.type === 'stance.changed')?.payload).toMatchObject({
      state: 'KZ',
      to: 'endorse',
      version: 2,
    });
    expect(await server.query('SELECT version, title FROM initiative_versions WHERE initiative_id = ? ORDER BY version', id)).toEqual([
      { version: 1, title: 'Release schedule' },
      { version: 2, title: 'Release schedule, revised' },
    ]);
  });
});
