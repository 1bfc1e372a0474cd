import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let as: Record<DemoKey, Client>;
let roomId: number;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  const room = await as.facilitator.post('/api/v1/threads', {
    title: 'Energy corridors',
    topic: 'energy',
    summary: 'CASA-1000 and the regional grid.',
    states: ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
    partners: ['EU', 'JP'],
  });
  roomId = room.body.id;
});
afterAll(async () => {
  await server?.stop();
});

const propose = (by: Client, states: string[], extra: Record<string, unknown> = {}) =>
  by.post(`/api/v1/threads/${roomId}/initiatives`, {
    title: 'Grid balancing',
    summary: 'Shared reserves.',
    states,
    partners: [],
    openToJoin: true,
    ...extra,
  });

const stance = (by: Client, id: number, state: string, position: string, note?: string) =>
  by.put(`/api/v1/initiatives/${id}/stances/${state}`, note === undefined ? { position } : { position, note });

const eventsOf = async (id: number) =>
  (await server.query<{ type: string; payload: string }>('SELECT type, payload FROM events WHERE initiative_id = ? ORDER BY id', id)).map(
    (e) => ({
      type: e.type,
      payload: JSON.parse(e.payload),
    }),
  );

describe('an initiative through the API', () => {
  it('starts as a consultation with every state pending, in the PRODUCT.md shape', async () => {
    const created = await propose(as.kz, ['KZ', 'UZ'], { partners: ['EU'] });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(
      expect.arrayContaining([
        'id',
        'threadId',
        'title',
        'summary',
        'states',
        'partners',
        'openToJoin',
        'status',
        'format',
        'minus',
        'plus',
        'label',
        'stances',
        'endorsements',
        'createdAt',
        'formalizedAt',
      ]),
    );
    expect(created.body).toMatchObject({
      threadId: roomId,
      states: ['KZ', 'UZ'],
      partners: ['EU'],
      status: 'consultation',
      format: 'CA-2',
      minus: [],
      plus: ['EU'],
      label: 'CA-2 + EU',
      endorsements: 0,
      formalizedAt: null,
      stances: { KZ: { position: 'pending', note: null, setAt: null }, UZ: { position: 'pending', note: null, setAt: null } },
    });
  });

  it('reaches consensus when both delegates endorse, then CA-3 with a pending stance when a third state joins', async () => {
    const { body: initiative } = await propose(as.kz, ['KZ', 'UZ']);
    await stance(as.kz, initiative.id, 'KZ', 'endorse');
    const agreed = await stance(as.uz, initiative.id, 'UZ', 'endorse', 'Ready from March.');
    expect(agreed.body).toMatchObject({ status: 'consensus', format: 'CA-2', label: 'CA-2' });
    expect(agreed.body.stances.UZ).toMatchObject({ position: 'endorse', note: 'Ready from March.' });

    const joined = await as.kg.post(`/api/v1/initiatives/${initiative.id}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ status: 'consultation', format: 'CA-3', label: 'CA-3', states: ['KZ', 'KG', 'UZ'] });
    expect(joined.body.stances.KG.position).toBe('pending');

    const types = (await eventsOf(initiative.id)).map((e) => e.type);
    expect(types).toEqual([
      'initiative.proposed',
      'stance.changed',
      'stance.changed',
      'status.changed',
      'initiative.joined',
      'status.changed',
    ]);
    const transitions = (await eventsOf(initiative.id)).filter((e) => e.type === 'status.changed').map((e) => e.payload);
    expect(transitions).toEqual([
      expect.objectContaining({ from: 'consultation', to: 'consensus', format: 'CA-2', label: 'CA-2' }),
      expect.objectContaining({ from: 'consensus', to: 'consultation', format: 'CA-3', label: 'CA-3' }),
    ]);
    const change = (await eventsOf(initiative.id)).find((e) => e.type === 'stance.changed')!.payload;
    expect(change).toEqual({
      state: 'KZ',
      from: 'pending',
      to: 'endorse',
      note: null,
      condition: null,
      adReferendum: false,
      confirmBy: null,
      version: 1,
    });
  });

  it('is not blocked by a state that steps aside: CA-4 minus TM + partners', async () => {
    const { body: initiative } = await propose(as.tj, ['KZ', 'KG', 'TJ', 'TM', 'UZ'], { partners: ['JP', 'EU'] });
    for (const [who, state] of [
      ['kz', 'KZ'],
      ['kg', 'KG'],
      ['tj', 'TJ'],
      ['uz', 'UZ'],
    ] as const)
      await stance(as[who], initiative.id, state, 'endorse');
    const result = await stance(as.tm, initiative.id, 'TM', 'step_aside', 'Neutrality: we follow, we do not sign.');
    expect(result.body).toMatchObject({
      status: 'consensus',
      format: 'CA-4',
      minus: ['TM'],
      plus: ['EU', 'JP'],
      label: 'CA-4 minus TM + EU, JP',
    });
  });

  it('holds consensus back with a reservation, and lets it go when the reservation is lifted', async () => {
    const { body: initiative } = await propose(as.kz, ['KZ', 'KG', 'UZ']);
    await stance(as.kz, initiative.id, 'KZ', 'endorse');
    await stance(as.uz, initiative.id, 'UZ', 'endorse');
    const held = await stance(as.kg, initiative.id, 'KG', 'reservation', 'The annex first.');
    expect(held.body.status).toBe('reservations');
    const lifted = await stance(as.kg, initiative.id, 'KG', 'endorse');
    expect(lifted.body.status).toBe('consensus');
  });

  it('formalizes only from consensus, and then accepts acceding states that count once they endorse', async () => {
    const { body: initiative } = await propose(as.kz, ['KZ', 'UZ']);
    expect((await as.facilitator.post(`/api/v1/initiatives/${initiative.id}/formalize`)).status).toBe(409);
    await stance(as.kz, initiative.id, 'KZ', 'endorse');
    await stance(as.uz, initiative.id, 'UZ', 'endorse');
    const formalized = await as.facilitator.post(`/api/v1/initiatives/${initiative.id}/formalize`);
    expect(formalized.status).toBe(200);
    expect(formalized.body.status).toBe('formalized');
    expect(formalized.body.formalizedAt).toBeTruthy();
    expect((await as.facilitator.post(`/api/v1/initiatives/${initiative.id}/formalize`)).status).toBe(409);

    const acceding = await as.tj.post(`/api/v1/initiatives/${initiative.id}/join`);
    expect(acceding.body).toMatchObject({ status: 'formalized', format: 'CA-2', label: 'CA-2' });
    expect(acceding.body.stances.TJ).toMatchObject({ position: 'pending', acceding: true });
    const acceded = await stance(as.tj, initiative.id, 'TJ', 'endorse');
    expect(acceded.body).toMatchObject({ status: 'formalized', format: 'CA-3', label: 'CA-3' });
    expect(acceded.body.stances.TJ.acceding).toBe(false);
    const types = (await eventsOf(initiative.id)).map((e) => e.type);
    expect(types).toContain('initiative.formalized');
  });

  it('resets endorsed states to pending when the text is edited, and says why in the timeline', async () => {
    const { body: initiative } = await propose(as.kz, ['KZ', 'UZ', 'KG']);
    await stance(as.kz, initiative.id, 'KZ', 'endorse');
    await stance(as.uz, initiative.id, 'UZ', 'endorse');
    await stance(as.kg, initiative.id, 'KG', 'reservation', 'Concerns');
    const edited = await as.kz.patch(`/api/v1/initiatives/${initiative.id}`, { summary: 'Shared reserves, with a technical annex.' });
    expect(edited.status).toBe(200);
    expect(edited.body.stances).toMatchObject({
      KZ: { position: 'pending' },
      UZ: { position: 'pending' },
      KG: { position: 'reservation' },
    });
    const events = await eventsOf(initiative.id);
    const edit = events.find((e) => e.type === 'initiative.edited')!;
    expect(edit.payload.resetStates).toEqual(['KZ', 'UZ']);
    const resets = events.filter((e) => e.type === 'stance.changed' && e.payload.reason === 'text_edited');
    expect(resets.map((r) => r.payload.state)).toEqual(['KZ', 'UZ']);

    const opened = await as.kz.patch(`/api/v1/initiatives/${initiative.id}`, { openToJoin: false });
    expect(opened.body.openToJoin).toBe(false);
    expect((await eventsOf(initiative.id)).filter((e) => e.type === 'stance.changed').length).toBe(resets.length + 3);
  });

  it('counts individual endorsements, once per person, and lets them be withdrawn', async () => {
    const { body: initiative } = await propose(as.civil, ['KG', 'TJ']);
    expect((await as.expert.post(`/api/v1/initiatives/${initiative.id}/endorsements`)).body.endorsements).toBe(1);
    expect((await as.partner.post(`/api/v1/initiatives/${initiative.id}/endorsements`)).body).toMatchObject({
      endorsements: 2,
      endorsedByMe: true,
    });
    expect((await as.partner.post(`/api/v1/initiatives/${initiative.id}/endorsements`)).status).toBe(409);
    expect((await as.partner.delete(`/api/v1/initiatives/${initiative.id}/endorsements`)).body.endorsements).toBe(1);
    expect((await as.partner.delete(`/api/v1/initiatives/${initiative.id}/endorsements`)).status).toBe(409);
    const refreshed = await as.kz.get(`/api/v1/initiatives/${initiative.id}`);
    expect(refreshed.body).toMatchObject({ endorsements: 1, status: 'consultation' });
  });

  it('refuses to join an initiative closed to joining, or twice', async () => {
    const { body: closed } = await propose(as.kz, ['KZ', 'UZ'], { openToJoin: false });
    expect((await as.kg.post(`/api/v1/initiatives/${closed.id}/join`)).status).toBe(409);
    const { body: open } = await propose(as.kz, ['KZ', 'UZ']);
    expect((await as.kz.post(`/api/v1/initiatives/${open.id}/join`)).status).toBe(409);
  });

  it('applies a stance write retried with the same Idempotency-Key once', async () => {
    const { body: initiative } = await propose(as.kz, ['KZ', 'UZ']);
    const key = { 'idempotency-key': 'retry-0123456789' };
    const first = await as.kz.put(`/api/v1/initiatives/${initiative.id}/stances/KZ`, { position: 'endorse' }, key);
    const retried = await as.kz.put(`/api/v1/initiatives/${initiative.id}/stances/KZ`, { position: 'endorse' }, key);
    expect(first.status).toBe(200);
    expect(retried.status).toBe(200);
    expect((await eventsOf(initiative.id)).filter((e) => e.type === 'stance.changed')).toHaveLength(1);
  });
});

describe('lists', () => {
  it('filters initiatives by status, state, topic and format, with keyset pagination', async () => {
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; next: string | null } } = await as.kz.get(
        `/api/v1/initiatives?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      all.push(...page.body.items.map((i) => i.id));
      cursor = page.body.next;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const visible = (
      await server.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE t.visibility = 'open'`,
      )
    )[0].n;
    expect(all.length).toBe(visible);

    const consensus = await as.kz.get('/api/v1/initiatives?status=consensus&limit=100');
    expect(consensus.body.items.length).toBeGreaterThan(0);
    expect(consensus.body.items.every((i: { status: string }) => i.status === 'consensus')).toBe(true);
    const tj = await as.kz.get('/api/v1/initiatives?state=TJ&limit=100');
    expect(tj.body.items.every((i: { states: string[] }) => i.states.includes('TJ'))).toBe(true);
    const water = await as.kz.get('/api/v1/initiatives?topic=water&format=CA-4&limit=100');
    expect(water.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Seasonal release schedule for the Toktogul and Nurek reservoirs',
      'Joint early-warning data exchange on river flows',
    ]);
  });

  it('filters rooms by topic, state, format and text', async () => {
    const water = await as.kz.get('/api/v1/threads?topic=water');
    expect(water.body.items.map((t: { topic: string }) => t.topic)).toEqual(['water']);
    const search = await as.kz.get(`/api/v1/threads?q=${encodeURIComponent('visa recognition')}`);
    expect(search.body.items.map((t: { title: string }) => t.title)).toEqual(['Kazakhstan–Uzbekistan mutual visa recognition']);
    const ca2 = await as.kz.get('/api/v1/threads?format=CA-2');
    expect(ca2.body.items.length).toBeGreaterThan(0);
    const noMatch = await as.kz.get('/api/v1/threads?q=%25%25nothing_like_this');
    expect(noMatch.body).toEqual({ items: [], next: null });
  });

  it('pages through messages newest first', async () => {
    for (let i = 0; i < 5; i++) await as.expert.post(`/api/v1/threads/${roomId}/messages`, { body: `Point ${i}` });
    const first = await as.kz.get(`/api/v1/threads/${roomId}/messages?limit=2`);
    expect(first.body.items.map((m: { body: string }) => m.body)).toEqual(['Point 4', 'Point 3']);
    const second = await as.kz.get(`/api/v1/threads/${roomId}/messages?limit=2&before=${first.body.next}`);
    expect(second.body.items.map((m: { body: string }) => m.body)).toEqual(['Point 2', 'Point 1']);
    expect(first.body.items[0].author).toMatchObject({ name: 'Dana Seitkali', affiliation: 'expert' });
  });
});
