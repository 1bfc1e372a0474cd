import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { databaseChecksum } from '../helpers/db-state';
import { startServer, type TestServer } from '../helpers/server';

/**
 * Implementation of formalized initiatives (PRODUCT.md Part 2, "Meetings, readouts and
 * implementation"): each implementing state's delegate reports its status; a facilitator sets the
 * review date, which is no edit of the text; the dashboard filters and shows implementation beside
 * consensus, overdue reviews included; a discreet room's implementation stays in the room.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
let openRoom: number;
let discreetRoom: number;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let titles = 0;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  const room = (visibility: 'open' | 'discreet') =>
    as.facilitator.post('/api/v1/threads', {
      title: `Implementation ${visibility}`,
      topic: 'trade',
      summary: 'Carrying out what was agreed.',
      states: ['KZ', 'UZ', 'TJ'],
      visibility,
    });
  openRoom = (await room('open')).body.id;
  discreetRoom = (await room('discreet')).body.id;
  for (const who of ['kz', 'uz'] as const) {
    const me = (await as[who].get('/api/v1/me')).body;
    expect((await as.facilitator.post(`/api/v1/threads/${discreetRoom}/members`, { userId: me.id })).status).toBe(201);
  }
});
afterAll(async () => {
  await server?.stop();
});

const put = (by: Client, id: number, state: string, body: unknown) => by.put(`/api/v1/initiatives/${id}/implementation/${state}`, body);
const review = (by: Client, id: number, body: unknown) => by.patch(`/api/v1/initiatives/${id}`, body);

/** A proposed initiative with a title of its own (`Impl-<n> …`), so filters can single this test's rows out. */
async function propose(options: { states?: string[]; room?: number; openToJoin?: boolean } = {}): Promise<{ id: number; title: string }> {
  const title = `Impl-${++titles} customs window`;
  const made = await as.facilitator.post(`/api/v1/threads/${options.room ?? openRoom}/initiatives`, {
    title,
    summary: 'One window for traders.',
    states: options.states ?? ['KZ', 'UZ'],
    openToJoin: options.openToJoin ?? true,
  });
  expect(made.status).toBe(201);
  return { id: made.body.id, title };
}

/** Proposed, endorsed by every state in `endorse` (the others step aside) and formalized. */
async function formalized(options: { states?: string[]; stepAside?: string[]; room?: number } = {}) {
  const made = await propose(options);
  for (const state of options.states ?? ['KZ', 'UZ']) {
    const position = options.stepAside?.includes(state) ? 'step_aside' : 'endorse';
    const by = as[state.toLowerCase() as DemoKey];
    expect((await by.put(`/api/v1/initiatives/${made.id}/stances/${state}`, { position })).status).toBe(200);
  }
  const done = await as.facilitator.post(`/api/v1/initiatives/${made.id}/formalize`);
  expect(done.status).toBe(200);
  return made;
}

const eventsOf = async (id: number) =>
  (await server.query<{ type: string; payload: string }>('SELECT type, payload FROM events WHERE initiative_id = ? ORDER BY id', id)).map(
    (e) => ({ type: e.type, payload: JSON.parse(e.payload) }),
  );

/** The answer is the error shape with this status (and field), and not a row of the database changed. */
async function refusedWritingNothing(call: () => Promise<{ status: number; body: any }>, status: number, field?: string) {
  const before = await databaseChecksum(server);
  const answer = await call();
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (field) expect(answer.body.error.fields, JSON.stringify(answer.body)).toHaveProperty(field);
  expect(await databaseChecksum(server)).toEqual(before);
  return answer;
}

describe('a state reports its implementation', () => {
  it('is set by that state’s delegate, shown per state with the whole, and written with its event', async () => {
    const { id } = await formalized();
    const before = await as.kz.get(`/api/v1/initiatives/${id}`);
    expect(before.body).toMatchObject({
      status: 'formalized',
      implementation: {
        KZ: { status: 'not_started', note: null, setAt: null },
        UZ: { status: 'not_started', note: null, setAt: null },
      },
      implementationStatus: 'not_started',
      reviewAt: null,
      reviewOverdue: false,
    });

    const set = await put(as.kz, id, 'KZ', { status: 'in_progress', note: 'Customs code amended.' });
    expect(set.status).toBe(200);
    expect(set.body.implementation.KZ).toMatchObject({ status: 'in_progress', note: 'Customs code amended.', setAt: expect.any(String) });
    expect(set.body.implementation.UZ).toMatchObject({ status: 'not_started' });
    expect(set.body.implementationStatus).toBe('in_progress');
    expect((await eventsOf(id)).filter((e) => e.type === 'implementation.changed')).toEqual([
      {
        type: 'implementation.changed',
        payload: { state: 'KZ', from: 'not_started', to: 'in_progress', note: 'Customs code amended.' },
      },
    ]);
    const [row] = await server.query<{ status: string; set_by: number }>(
      'SELECT status, set_by FROM implementations WHERE initiative_id = ? AND state_code = ?',
      id,
      'KZ',
    );
    expect(row).toEqual({ status: 'in_progress', set_by: (await as.kz.get('/api/v1/me')).body.id });

    // The note is kept when not sent, cleared when sent empty.
    expect((await put(as.kz, id, 'KZ', { status: 'done' })).body.implementation.KZ).toMatchObject({
      status: 'done',
      note: 'Customs code amended.',
    });
    expect((await put(as.uz, id, 'UZ', { status: 'done', note: '' })).body).toMatchObject({
      implementation: { UZ: { status: 'done', note: null } },
      implementationStatus: 'done',
    });
    // The same again writes nothing, not even an event.
    const unchanged = await databaseChecksum(server);
    expect((await put(as.uz, id, 'UZ', { status: 'done' })).status).toBe(200);
    expect(await databaseChecksum(server)).toEqual(unchanged);
    expect((await eventsOf(id)).filter((e) => e.type === 'implementation.changed').map((e) => e.payload.to)).toEqual([
      'in_progress',
      'done',
      'done',
    ]);
  });

  it('is only for formalized initiatives (409), and their views carry no implementation before', async () => {
    const { id } = await propose();
    const view = (await as.kz.get(`/api/v1/initiatives/${id}`)).body;
    expect(view).toMatchObject({ implementation: {}, implementationStatus: null, reviewAt: null, reviewOverdue: false });
    const refused = await refusedWritingNothing(() => put(as.kz, id, 'KZ', { status: 'in_progress' }), 409);
    expect(refused.body.error.code).toBe('conflict');
  });

  it('is only by a delegate of that very state: another state, a facilitator and everyone else are refused (403)', async () => {
    const { id } = await formalized();
    for (const who of ['uz', 'tj', 'facilitator', 'expert', 'civil', 'partner', 'observer'] as const) {
      const refused = await refusedWritingNothing(() => put(as[who], id, 'KZ', { status: 'done' }), 403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    const facilitator = await put(as.facilitator, id, 'KZ', { status: 'done' });
    expect(facilitator.body.error.message).toMatch(/delegate/);
  });

  it('is only by implementing states: one outside the initiative, one stepped aside or acceding is told why (409)', async () => {
    const { id } = await formalized({ states: ['KZ', 'UZ', 'TJ'], stepAside: ['TJ'] });
    const kg = await as.kg.post(`/api/v1/initiatives/${id}/join`);
    expect(kg.status).toBe(200);
    expect(kg.body.stances.KG).toMatchObject({ acceding: true });
    // Only the states in A implement it: not TJ (stepped aside) nor KG (acceding, not yet endorsed).
    expect(Object.keys(kg.body.implementation).sort()).toEqual(['KZ', 'UZ']);

    expect((await refusedWritingNothing(() => put(as.tj, id, 'TJ', { status: 'done' }), 409)).body.error.message).toMatch(/stepped aside/);
    expect((await refusedWritingNothing(() => put(as.kg, id, 'KG', { status: 'done' }), 409)).body.error.message).toMatch(/acceded/);
    expect((await refusedWritingNothing(() => put(as.tm, id, 'TM', { status: 'done' }), 409)).body.error.message).toMatch(
      /does not take part/,
    );

    // Once KG endorses, it has acceded and implements the text like the others.
    expect((await as.kg.put(`/api/v1/initiatives/${id}/stances/KG`, { position: 'endorse' })).status).toBe(200);
    const acceded = await put(as.kg, id, 'KG', { status: 'in_progress' });
    expect(acceded.status).toBe(200);
    expect(Object.keys(acceded.body.implementation).sort()).toEqual(['KG', 'KZ', 'UZ']);
  });

  it('refuses every bad input with 400 and the field, writing nothing', async () => {
    const { id } = await formalized();
    const cases: [unknown, string | undefined][] = [
      [{ status: 'finished' }, 'status'],
      [{ status: 'DONE' }, 'status'],
      [{}, 'status'],
      [{ status: null }, 'status'],
      [{ status: 'done', note: 'n'.repeat(1001) }, 'note'],
      [{ status: 'done', note: 42 }, 'note'],
      [{ status: 'done', reviewAt: day(3) }, 'reviewAt'],
      [{ status: 'done', state: 'UZ' }, 'state'],
      [[{ status: 'done' }], undefined],
      ['done', undefined],
    ];
    for (const [body, field] of cases) await refusedWritingNothing(() => put(as.kz, id, 'KZ', body), 400, field);
    // A body that is not JSON at all.
    await refusedWritingNothing(async () => {
      const response = await as.kz.raw('PUT', `/api/v1/initiatives/${id}/implementation/KZ`, {
        body: '{"status": "do',
        headers: { 'content-type': 'application/json' },
      });
      return { status: response.status, body: await response.json() };
    }, 400);
  });

  it('answers an unknown state in the path as the stance route does (400), and an unknown or hidden initiative with 404', async () => {
    const { id } = await formalized();
    const stance = await as.kz.put(`/api/v1/initiatives/${id}/stances/XX`, { position: 'endorse' });
    for (const state of ['XX', 'kz', 'EU']) {
      const refused = await refusedWritingNothing(() => put(as.kz, id, state, { status: 'done' }), stance.status);
      expect(refused.body.error.code).toBe(stance.body.error.code);
    }
    await refusedWritingNothing(() => put(as.kz, 999_999, 'KZ', { status: 'done' }), 404);
    await refusedWritingNothing(() => put(as.kz, 0, 'KZ', { status: 'done' }), 404);
  });

  it('applies a retried write once (Idempotency-Key): a retry after a later change does not undo it', async () => {
    const { id } = await formalized();
    const headers = { 'idempotency-key': `impl-retry-${id}` };
    const first = await as.kz.put(`/api/v1/initiatives/${id}/implementation/KZ`, { status: 'in_progress' }, headers);
    expect(first.status).toBe(200);
    expect((await put(as.kz, id, 'KZ', { status: 'done' })).status).toBe(200);
    const retried = await as.kz.put(`/api/v1/initiatives/${id}/implementation/KZ`, { status: 'in_progress' }, headers);
    expect(retried.status).toBe(200);
    expect((await as.kz.get(`/api/v1/initiatives/${id}`)).body.implementation.KZ.status).toBe('done');
    expect((await eventsOf(id)).filter((e) => e.type === 'implementation.changed').map((e) => e.payload.to)).toEqual([
      'in_progress',
      'done',
    ]);
  });
});

describe('the review date', () => {
  it('is set by a facilitator without a new version, an edit or a reset of endorsements; null clears it', async () => {
    const { id } = await formalized();
    const before = (await as.facilitator.get(`/api/v1/initiatives/${id}`)).body;
    const eventsBefore = await eventsOf(id);
    const set = await review(as.facilitator, id, { reviewAt: day(30) });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ reviewAt: day(30), reviewOverdue: false, version: before.version, title: before.title });
    expect(set.body.stances).toEqual(before.stances);
    const added = (await eventsOf(id)).slice(eventsBefore.length);
    expect(added).toEqual([{ type: 'implementation.review_set', payload: { reviewAt: day(30), from: null } }]);
    expect((await as.kz.get(`/api/v1/initiatives/${id}/versions`)).body.items).toHaveLength(1);

    // The same date again writes nothing; null clears it.
    const same = await databaseChecksum(server);
    expect((await review(as.facilitator, id, { reviewAt: day(30) })).status).toBe(200);
    expect(await databaseChecksum(server)).toEqual(same);
    const cleared = await review(as.facilitator, id, { reviewAt: null });
    expect(cleared.body.reviewAt).toBeNull();
    expect((await eventsOf(id)).at(-1)).toEqual({ type: 'implementation.review_set', payload: { reviewAt: null, from: day(30) } });
    expect((await eventsOf(id)).some((e) => e.type === 'initiative.edited')).toBe(false);
  });

  it('is a facilitator’s only (403, the proposer included), on a formalized initiative only (409)', async () => {
    const { id } = await formalized();
    // The proposer of this one is a delegate, who may edit the text before formalization but never sets a review date.
    const own = await as.kz.post(`/api/v1/threads/${openRoom}/initiatives`, { title: 'Own proposal', summary: '', states: ['KZ', 'UZ'] });
    for (const who of ['kz', 'uz', 'expert', 'observer', 'partner'] as const) {
      expect((await refusedWritingNothing(() => review(as[who], id, { reviewAt: day(10) }), 403)).body.error.code).toBe('forbidden');
    }
    await refusedWritingNothing(() => review(as.kz, own.body.id, { reviewAt: day(10) }), 403);
    await refusedWritingNothing(() => review(as.facilitator, own.body.id, { reviewAt: day(10) }), 409);
  });

  it('leaves a running silence procedure alone (refused on the unformalized text, silence still running)', async () => {
    const { id } = await propose();
    const deadline = new Date(Date.now() + 2 * 3_600_000).toISOString();
    expect((await as.facilitator.post(`/api/v1/initiatives/${id}/silence`, { deadline })).status).toBe(200);
    await refusedWritingNothing(() => review(as.facilitator, id, { reviewAt: day(10) }), 409);
    expect((await as.kz.get(`/api/v1/initiatives/${id}`)).body.silence).toMatchObject({ deadline });
  });

  it('refuses a malformed date and a review date combined with an edit of the text (400 with fields.reviewAt), writing nothing', async () => {
    const { id } = await formalized();
    for (const reviewAt of ['2030-13-01', '2030-02-30', '15/01/2030', '2030-1-5', `${day(3)}T00:00:00Z`, '', 20300115, true, {}]) {
      await refusedWritingNothing(() => review(as.facilitator, id, { reviewAt }), 400, 'reviewAt');
    }
    await refusedWritingNothing(() => review(as.facilitator, id, { reviewAt: day(3), title: 'New title' }), 400, 'reviewAt');
    await refusedWritingNothing(() => review(as.facilitator, id, { reviewAt: day(3), openToJoin: false }), 400, 'reviewAt');
    await refusedWritingNothing(() => review(as.facilitator, id, { reviewAt: day(3), status: 'done' }), 400, 'status');
  });
});

describe('overdue reviews and the dashboard', () => {
  it('marks a review overdue once its date has passed with a state not done, and no longer once every state is done', async () => {
    const { id } = await formalized();
    expect((await review(as.facilitator, id, { reviewAt: day(-1) })).body).toMatchObject({ reviewAt: day(-1), reviewOverdue: true });
    // Today is not overdue yet.
    expect((await review(as.facilitator, id, { reviewAt: day(0) })).body.reviewOverdue).toBe(false);
    await review(as.facilitator, id, { reviewAt: day(-1) });
    await put(as.kz, id, 'KZ', { status: 'done' });
    expect((await as.uz.get(`/api/v1/initiatives/${id}`)).body.reviewOverdue).toBe(true);
    expect((await put(as.uz, id, 'UZ', { status: 'done' })).body).toMatchObject({ implementationStatus: 'done', reviewOverdue: false });
  });

  it('filters by implementation (not_started, in_progress, done, overdue) in the dashboard, the list and the exports, with the figures in each row', async () => {
    const notStarted = await formalized();
    const inProgress = await formalized();
    const done = await formalized();
    const overdue = await formalized();
    const consulting = await propose();
    await put(as.kz, inProgress.id, 'KZ', { status: 'in_progress' });
    await put(as.kz, done.id, 'KZ', { status: 'done' });
    await put(as.uz, done.id, 'UZ', { status: 'done' });
    await put(as.uz, overdue.id, 'UZ', { status: 'done' });
    await review(as.facilitator, overdue.id, { reviewAt: day(-3) });
    await review(as.facilitator, done.id, { reviewAt: day(-3) });
    const ours = new Set([notStarted, inProgress, done, overdue, consulting].map((i) => i.id));
    const expected: Record<string, number[]> = {
      not_started: [notStarted.id],
      in_progress: [inProgress.id, overdue.id],
      done: [done.id],
      overdue: [overdue.id],
    };
    for (const [filter, ids] of Object.entries(expected)) {
      const dashboard = await as.kz.get(`/api/v1/dashboard?implementation=${filter}&q=Impl-&limit=100`);
      expect(dashboard.status).toBe(200);
      const found = dashboard.body.items.filter((i: { id: number }) => ours.has(i.id)).map((i: { id: number }) => i.id);
      expect(found.sort(), filter).toEqual([...ids].sort());
      for (const item of dashboard.body.items) {
        if (filter === 'overdue') expect(item.reviewOverdue).toBe(true);
        else expect(item.implementationStatus).toBe(filter);
      }
      expect(dashboard.body.matching, filter).toBe(dashboard.body.items.length);
      const list = await as.kz.get(`/api/v1/initiatives?implementation=${filter}&q=Impl-&limit=100`);
      expect(list.body.items.map((i: { id: number }) => i.id).sort()).toEqual(dashboard.body.items.map((i: { id: number }) => i.id).sort());
      const exported = await as.kz.get(`/api/v1/export/initiatives.json?implementation=${filter}&q=Impl-`);
      expect(exported.body.items.map((i: { id: number }) => i.id).sort()).toEqual(
        dashboard.body.items.map((i: { id: number }) => i.id).sort(),
      );
    }
    const row = (await as.kz.get(`/api/v1/export/initiatives.json?q=${encodeURIComponent(overdue.title)}`)).body.items[0];
    expect(row).toMatchObject({
      implementation: 'in_progress',
      implementationKZ: 'not_started',
      implementationUZ: 'done',
      implementationTJ: '',
      reviewAt: day(-3),
      reviewOverdue: true,
    });
    const csv = await (await as.kz.raw('GET', `/api/v1/export/initiatives.csv?q=${encodeURIComponent(consulting.title)}`)).text();
    // Before formalization: no implementation, no review date (formalizedAt, the whole, five states, reviewAt), not overdue.
    expect(csv.split('\r\n')[1]).toMatch(/,"","","","","","","","","false"$/);

    await refusedWritingNothing(() => as.kz.get('/api/v1/dashboard?implementation=late'), 400, 'implementation');
    await refusedWritingNothing(() => as.kz.get('/api/v1/initiatives?implementation=late'), 400, 'implementation');
  });

  it('shows implementation beside consensus on the dashboard page: a column, a filter and "Review overdue" in words, and a map by implementation', async () => {
    const overdue = await formalized();
    await put(as.kz, overdue.id, 'KZ', { status: 'in_progress' });
    await review(as.facilitator, overdue.id, { reviewAt: day(-2) });
    const page = await (await as.uz.raw('GET', `/dashboard?implementation=overdue&q=${encodeURIComponent(overdue.title)}`)).text();
    expect(page).toContain('<th scope="col">Implementation</th>');
    expect(page).toMatch(/<select id="d-implementation" name="implementation"/);
    expect(page).toMatch(/data-implementation="in_progress"[^>]*>.*In progress.*Review overdue/s);
    expect(page).toContain('Colour the map by');

    const byImplementation = await (await as.uz.raw('GET', `/dashboard?focus=${overdue.id}&map=implementation`)).text();
    expect(byImplementation).toContain(`Implementation of “${overdue.title}”`);
    expect(byImplementation).toMatch(/Kazakhstan: In progress/);
    expect(byImplementation).toMatch(/Uzbekistan: Not started/);
    expect(byImplementation).toMatch(/Tajikistan: not implementing/);
    const all = await (await as.uz.raw('GET', `/dashboard?map=implementation`)).text();
    expect(all).toContain('Formalized initiatives carried out, by state');
    expect(all).toMatch(/Kazakhstan: \d+ of \d+ done/);

    as.uz.cookies.set('NEXT_LOCALE', 'ru');
    try {
      const russian = await (await as.uz.raw('GET', `/dashboard?implementation=overdue&q=${encodeURIComponent(overdue.title)}`)).text();
      expect(russian).toContain('Обзор просрочен');
      expect(russian).toContain('В процессе');
    } finally {
      as.uz.cookies.delete('NEXT_LOCALE');
    }
  });

  it('shows the implementation section on the initiative page: each state in words, the delegate’s form, the chair’s date, the overdue mark', async () => {
    const { id } = await formalized();
    await put(as.kz, id, 'KZ', { status: 'in_progress', note: 'Half the border posts ready.' });
    await review(as.facilitator, id, { reviewAt: day(-1) });
    const kz = await (await as.kz.raw('GET', `/initiatives/${id}`)).text();
    expect(kz).toContain('id="implementation-heading"');
    expect(kz).toContain('Half the border posts ready.');
    expect(kz).toContain('data-testid="implementation-form"');
    expect(kz).toContain('Save implementation by Kazakhstan');
    expect(kz).not.toContain('data-testid="review-date-form"');
    expect(kz).toContain('Review overdue');
    expect(kz).toMatch(/KZ: implementation Not started → In progress/);
    const chair = await (await as.facilitator.raw('GET', `/initiatives/${id}`)).text();
    expect(chair).toContain('data-testid="review-date-form"');
    expect(chair).not.toContain('data-testid="implementation-form"');
    const expert = await (await as.expert.raw('GET', `/initiatives/${id}`)).text();
    expect(expert).toContain('id="implementation-heading"');
    expect(expert).not.toContain('data-testid="implementation-form"');
    const tj = await (await as.tj.raw('GET', `/initiatives/${id}`)).text();
    expect(tj).not.toContain('data-testid="implementation-form"');
    const unformalized = await propose();
    expect(await (await as.kz.raw('GET', `/initiatives/${unformalized.id}`)).text()).not.toContain('id="implementation-heading"');
  });
});

describe('a discreet room', () => {
  it('keeps its initiatives’ implementation to its members: 404 for outsiders, absent from their dashboard, events and exports', async () => {
    const { id, title } = await formalized({ room: discreetRoom });
    const [{ last }] = await server.query<{ last: number }>('SELECT MAX(id) AS last FROM events');
    expect((await put(as.kz, id, 'KZ', { status: 'in_progress', note: 'Quiet progress.' })).status).toBe(200);
    expect((await review(as.facilitator, id, { reviewAt: day(-1) })).status).toBe(200);
    expect((await as.uz.get(`/api/v1/initiatives/${id}`)).body).toMatchObject({ implementationStatus: 'in_progress', reviewOverdue: true });

    for (const who of ['tj', 'expert', 'observer', 'partner'] as const) {
      await refusedWritingNothing(() => as[who].get(`/api/v1/initiatives/${id}`), 404);
      expect((await refusedWritingNothing(() => put(as[who], id, 'TJ', { status: 'done' }), 404)).body.error.code).toBe('not_found');
      await refusedWritingNothing(() => review(as[who], id, { reviewAt: day(5) }), 404);
      for (const filter of ['in_progress', 'overdue']) {
        const dashboard = await as[who].get(`/api/v1/dashboard?implementation=${filter}&limit=100`);
        expect(dashboard.body.items.map((i: { id: number }) => i.id)).not.toContain(id);
        const exported = await (await as[who].raw('GET', `/api/v1/export/initiatives.csv?implementation=${filter}`)).text();
        expect(exported).not.toContain(title);
      }
      const events = await as[who].get(`/api/v1/events?since=0&limit=100&initiativeId=${id}`);
      expect(events.status).toBe(200);
      expect(events.body.items).toEqual([]);
      const since = await as[who].get(`/api/v1/events?since=${Number(last)}&limit=100`);
      expect(since.body.items.filter((e: { type: string }) => e.type.startsWith('implementation.'))).toEqual([]);
      expect(JSON.stringify(since.body)).not.toContain('Quiet progress.');
      const page = await (await as[who].raw('GET', `/dashboard?map=implementation`)).text();
      expect(page).not.toContain(title);
    }
  });
});
