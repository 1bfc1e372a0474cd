import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, databaseChecksum } from '../helpers/db-state';
import { Client, signInAll, type DemoKey } from '../helpers/client';
import { facilitator } from '../helpers/people';
import { startServer, type TestServer } from '../helpers/server';

/**
 * Meetings and readouts (PRODUCT.md Part 2, "Meetings, readouts and implementation"): facilitators
 * convene meetings with a level, times and an agenda; the chair drafts a readout, every attending
 * state approves it, and then it is released — to the public when the meeting's room is open.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
let ids: Record<DemoKey, number>;
let openRoom: number;
let discreetRoom: number;
let chathamRoom: number;
let openInitiative: number;
let discreetInitiative: number;

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

const ministerial = (extra: Record<string, unknown> = {}) => ({
  title: 'Ministers of water, autumn round',
  level: 'ministerial',
  startsAt: hours(48),
  endsAt: hours(54),
  timezone: 'Asia/Tashkent',
  place: 'Tashkent, Palace of Forums',
  chairState: 'UZ',
  states: ['KZ', 'UZ'],
  agenda: [{ initiativeId: openInitiative }, { title: 'Any other business' }],
  ...extra,
});

async function room(by: Client, visibility: 'open' | 'discreet', attribution: 'named' | 'chatham', title: string) {
  const created = await by.post('/api/v1/threads', {
    title,
    topic: 'water',
    summary: '',
    states: ['KZ', 'UZ'],
    partners: [],
    visibility,
    attribution,
  });
  expect(created.status).toBe(201);
  return created.body.id as number;
}

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  ids = Object.fromEntries(
    await Promise.all(Object.entries(as).map(async ([key, client]) => [key, (await client.get('/api/v1/me')).body.id])),
  ) as Record<DemoKey, number>;
  openRoom = await room(as.facilitator, 'open', 'named', 'Syr Darya water sharing');
  discreetRoom = await room(as.facilitator, 'discreet', 'named', 'Border delimitation, discreet');
  chathamRoom = await room(as.facilitator, 'open', 'chatham', 'Migrants’ remittances, Chatham House');
  for (const key of ['kz', 'uz'] as const) {
    expect((await as.facilitator.post(`/api/v1/threads/${discreetRoom}/members`, { userId: ids[key] })).status).toBe(201);
  }
  for (const key of ['kz', 'uz'] as const) await as[key].post(`/api/v1/threads/${chathamRoom}/members`, { userId: ids[key] });
  const propose = async (by: Client, threadId: number, title: string) =>
    (await by.post(`/api/v1/threads/${threadId}/initiatives`, { title, summary: '', states: ['KZ', 'UZ'], partners: [], openToJoin: true }))
      .body.id as number;
  openInitiative = await propose(as.kz, openRoom, 'Shared gauging stations');
  discreetInitiative = await propose(as.kz, discreetRoom, 'Enclave corridor');
});
afterAll(async () => {
  await server?.stop();
});

describe('scheduling a meeting', () => {
  it('is a facilitator’s: level, times, zone, place, chair, states and an agenda whose initiatives show their live outcome', async () => {
    expect((await as.kz.post('/api/v1/meetings', ministerial())).status).toBe(403);
    const created = await as.facilitator.post('/api/v1/meetings', ministerial());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      threadId: null,
      level: 'ministerial',
      timezone: 'Asia/Tashkent',
      chairState: 'UZ',
      states: ['KZ', 'UZ'],
      readout: null,
      agenda: [
        {
          initiativeId: openInitiative,
          title: 'Shared gauging stations',
          initiative: { status: 'consultation', stances: { KZ: 'pending', UZ: 'pending' } },
        },
        { initiativeId: null, title: 'Any other business', initiative: null },
      ],
    });
    await as.kz.put(`/api/v1/initiatives/${openInitiative}/stances/KZ`, { position: 'endorse' });
    const seen = await as.observer.get(`/api/v1/meetings/${created.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.agenda[0].initiative.stances.KZ).toBe('endorse');
    const events = (await as.observer.get('/api/v1/events?limit=100')).body.items;
    expect(events.find((e: any) => e.type === 'meeting.scheduled' && e.payload.meetingId === created.body.id)).toBeTruthy();
  });

  it('takes times with their offset and keeps them as instants; a meeting is listed when it overlaps from–to', async () => {
    const created = (
      await as.facilitator.post(
        '/api/v1/meetings',
        ministerial({ title: 'Overlap check', startsAt: '2031-03-02T09:00:00+05:00', endsAt: '2031-03-02T12:00:00+05:00' }),
      )
    ).body;
    expect(created.startsAt).toBe('2031-03-02T04:00:00.000Z');
    const listed = async (from: string, to: string) =>
      (await as.kz.get(`/api/v1/meetings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).body.items.map((m: any) => m.id);
    expect(await listed('2031-03-02T06:00:00Z', '2031-03-02T07:00:00Z')).toContain(created.id);
    expect(await listed('2031-03-02T07:00:00Z', '2031-03-03T00:00:00Z')).not.toContain(created.id);
    expect(await listed('2031-03-01T00:00:00Z', '2031-03-02T04:00:00Z')).not.toContain(created.id);
    expect((await as.kz.get('/api/v1/meetings?level=summit')).body.items.map((m: any) => m.id)).not.toContain(created.id);
    expect((await as.kz.get('/api/v1/meetings?state=TJ')).body.items.map((m: any) => m.id)).not.toContain(created.id);
  });

  it.each([
    ['ends before it starts', { endsAt: hours(47) }, 'endsAt'],
    ['an unknown level', { level: 'bilateral' }, 'level'],
    ['an unknown state', { states: ['KZ', 'XX'] }, 'states'],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['an offset for a zone', { timezone: '+05:00' }, 'timezone'],
    ['a time without its offset', { startsAt: '2031-03-02T09:00:00' }, 'startsAt'],
    ['a chair that does not attend', { chairState: 'TJ' }, 'chairState'],
    ['an agenda initiative that does not exist', { agenda: [{ initiativeId: 999_999 }] }, 'agenda'],
    ['a free agenda item without a title', { agenda: [{ title: '' }] }, 'agenda'],
    ['a discreet room’s initiative on an open agenda', { agenda: [{ initiativeId: discreetInitiative }] }, 'agenda'],
  ])('refuses %s with 400 and writes nothing', async (_what, change, field) => {
    const before = await databaseChecksum(server);
    const refused = await as.facilitator.post('/api/v1/meetings', ministerial(change));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid');
    expect(refused.body.error.fields[field]).toBeTruthy();
    expect(changedTables(before, await databaseChecksum(server))).toEqual([]);
  });

  it('answers an agenda initiative or room the facilitator cannot see exactly as one that does not exist', async () => {
    const other = await facilitator(server, 'second.facilitator@example.org', 'Second Facilitator');
    const unseen = await other.client.post('/api/v1/meetings', ministerial({ agenda: [{ initiativeId: discreetInitiative }] }));
    const missing = await other.client.post('/api/v1/meetings', ministerial({ agenda: [{ initiativeId: 999_999 }] }));
    expect(unseen.status).toBe(400);
    expect(unseen.body).toEqual(missing.body);
    expect((await other.client.post('/api/v1/meetings', ministerial({ threadId: discreetRoom, agenda: [] }))).status).toBe(404);
    expect((await other.client.post('/api/v1/meetings', ministerial({ threadId: 999_999, agenda: [] }))).status).toBe(404);
  });

  it('is changed by a facilitator only; the room stays; meeting.updated is logged', async () => {
    const meeting = (await as.facilitator.post('/api/v1/meetings', ministerial({ title: 'To be moved' }))).body;
    expect((await as.uz.patch(`/api/v1/meetings/${meeting.id}`, { place: 'Samarkand' })).status).toBe(403);
    expect((await as.facilitator.patch(`/api/v1/meetings/${meeting.id}`, { threadId: openRoom })).status).toBe(400);
    expect((await as.facilitator.patch(`/api/v1/meetings/${meeting.id}`, { endsAt: meeting.startsAt })).status).toBe(400);
    const moved = await as.facilitator.patch(`/api/v1/meetings/${meeting.id}`, { place: 'Samarkand', states: ['KZ', 'TJ', 'UZ'] });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ place: 'Samarkand', states: ['KZ', 'TJ', 'UZ'], title: 'To be moved' });
    const events = (await as.kz.get('/api/v1/events?limit=200')).body.items;
    expect(events.find((e: any) => e.type === 'meeting.updated' && e.payload.meetingId === meeting.id)?.payload.changed).toEqual([
      'place',
      'states',
    ]);
  });
});

describe('a discreet room’s meeting', () => {
  it('is as discreet as its room: absent for outsiders in the meeting, the list, the .ics, the events and the public readouts', async () => {
    const meeting = (
      await as.facilitator.post(
        '/api/v1/meetings',
        ministerial({ threadId: discreetRoom, title: 'Delimitation talks', agenda: [{ initiativeId: discreetInitiative }] }),
      )
    ).body;
    expect(meeting.room).toMatchObject({ id: discreetRoom, visibility: 'discreet' });
    expect((await as.kz.get(`/api/v1/meetings/${meeting.id}`)).status).toBe(200);
    for (const outsider of [as.tj, as.observer, as.expert]) {
      expect((await outsider.get(`/api/v1/meetings/${meeting.id}`)).status).toBe(404);
      expect((await outsider.get(`/api/v1/meetings/${meeting.id}/calendar.ics`)).status).toBe(404);
      expect((await outsider.get('/api/v1/meetings?limit=100')).body.items.map((m: any) => m.id)).not.toContain(meeting.id);
      const events = (await outsider.get('/api/v1/events?limit=500')).body.items;
      expect(events.filter((e: any) => e.payload?.meetingId === meeting.id)).toEqual([]);
    }
    await as.uz.put(`/api/v1/meetings/${meeting.id}/readout`, { body: 'The corridor is agreed in principle.' });
    await as.kz.post(`/api/v1/meetings/${meeting.id}/readout/approve`, {});
    expect((await as.uz.post(`/api/v1/meetings/${meeting.id}/readout/approve`, {})).body.readout.status).toBe('released');
    const published = (await new Client(server.url).get('/api/v1/readouts?limit=100')).body.items;
    expect(published.map((r: any) => r.meetingId)).not.toContain(meeting.id);
    expect(JSON.stringify(published)).not.toContain('corridor');
    expect((await as.tj.get('/api/v1/events?limit=500')).body.items.filter((e: any) => e.payload?.meetingId === meeting.id)).toEqual([]);
  });
});

describe('the readout', () => {
  let meetingId: number;
  beforeAll(async () => {
    meetingId = (await as.facilitator.post('/api/v1/meetings', ministerial({ threadId: openRoom, title: 'Readout round' }))).body.id;
  });

  it('is drafted by the chair: a facilitator or the chair state’s delegate, nobody else', async () => {
    expect((await as.kz.put(`/api/v1/meetings/${meetingId}/readout`, { body: 'Draft by KZ' })).status).toBe(403);
    expect((await as.expert.put(`/api/v1/meetings/${meetingId}/readout`, { body: 'Draft by an expert' })).status).toBe(403);
    expect((await as.uz.put(`/api/v1/meetings/${meetingId}/readout`, { body: '' })).status).toBe(400);
    const drafted = await as.uz.put(`/api/v1/meetings/${meetingId}/readout`, { body: 'The ministers **agreed** to share gauging data.' });
    expect(drafted.status).toBe(200);
    expect(drafted.body.readout).toMatchObject({ status: 'draft', version: 1, approvals: [], awaiting: ['KZ', 'UZ'] });
  });

  it('is read at the table while a draft: others see that it exists, not its text', async () => {
    expect((await as.kz.get(`/api/v1/meetings/${meetingId}`)).body.readout.body).toContain('gauging data');
    expect((await as.facilitator.get(`/api/v1/meetings/${meetingId}`)).body.readout.body).toContain('gauging data');
    for (const other of [as.tj, as.expert, as.observer]) {
      const seen = (await other.get(`/api/v1/meetings/${meetingId}`)).body.readout;
      expect(seen).toMatchObject({ status: 'draft', body: null });
    }
    expect((await new Client(server.url).get('/api/v1/readouts?limit=100')).body.items.map((r: any) => r.meetingId)).not.toContain(
      meetingId,
    );
  });

  it('is approved by each attending state’s delegate; not by a state that does not attend, nor by anyone else', async () => {
    const before = await databaseChecksum(server);
    const notAttending = await as.tj.post(`/api/v1/meetings/${meetingId}/readout/approve`, {});
    expect(notAttending.status).toBe(403);
    expect(notAttending.body.error.message).toContain('TJ does not attend');
    expect((await as.facilitator.post(`/api/v1/meetings/${meetingId}/readout/approve`, {})).status).toBe(403);
    expect((await as.expert.post(`/api/v1/meetings/${meetingId}/readout/approve`, {})).status).toBe(403);
    expect((await as.kz.post(`/api/v1/meetings/${meetingId}/readout/approve`, { version: 7 })).status).toBe(409);
    expect((await as.kz.post(`/api/v1/meetings/${meetingId}/readout/approve`, { version: 'one' })).status).toBe(400);
    expect(changedTables(before, await databaseChecksum(server))).toEqual([]);
    const approved = await as.kz.post(`/api/v1/meetings/${meetingId}/readout/approve`, { version: 1 });
    expect(approved.body.readout).toMatchObject({ status: 'draft', approvals: ['KZ'], awaiting: ['UZ'] });
  });

  it('starts its approvals again when edited', async () => {
    const stale = await as.uz.put(`/api/v1/meetings/${meetingId}/readout`, { body: 'Edited on an old copy', version: 0 });
    expect(stale.status).toBe(409);
    const edited = await as.facilitator.put(`/api/v1/meetings/${meetingId}/readout`, {
      body: 'The ministers **agreed** to share gauging data every ten days.',
      version: 1,
    });
    expect(edited.body.readout).toMatchObject({ status: 'draft', version: 2, approvals: [], awaiting: ['KZ', 'UZ'] });
    expect((await as.kz.post(`/api/v1/meetings/${meetingId}/readout/approve`, { version: 1 })).status).toBe(409);
  });

  it('is released when every attending state approved it: an event, then public without sign-in; no longer edited', async () => {
    await as.kz.post(`/api/v1/meetings/${meetingId}/readout/approve`, { version: 2 });
    const released = await as.uz.post(`/api/v1/meetings/${meetingId}/readout/approve`, { version: 2 });
    expect(released.body.readout).toMatchObject({ status: 'released', approvals: ['KZ', 'UZ'], awaiting: [] });
    expect(released.body.readout.releasedAt).toBeTruthy();
    const events = (await as.observer.get('/api/v1/events?limit=500')).body.items.filter((e: any) => e.payload?.meetingId === meetingId);
    expect(events.map((e: any) => e.type)).toEqual([
      'meeting.scheduled',
      'readout.drafted',
      'readout.approved',
      'readout.drafted',
      'readout.approved',
      'readout.approved',
      'readout.released',
    ]);
    const anonymous = new Client(server.url);
    const published = (await anonymous.get('/api/v1/readouts')).body.items.find((r: any) => r.meetingId === meetingId);
    expect(published).toMatchObject({
      title: 'Readout round',
      level: 'ministerial',
      states: ['KZ', 'UZ'],
      body: 'The ministers **agreed** to share gauging data every ten days.',
      agenda: [
        { title: 'Shared gauging stations', initiativeId: openInitiative, status: expect.any(String) },
        { title: 'Any other business' },
      ],
    });
    expect(JSON.stringify(published)).not.toMatch(/Karimov|Nurlan|example\.org|"name"/);
    expect((await anonymous.get(`/api/v1/meetings/${meetingId}`)).status).toBe(401);
    expect((await as.uz.put(`/api/v1/meetings/${meetingId}/readout`, { body: 'After the fact' })).status).toBe(409);
    expect((await as.kz.post(`/api/v1/meetings/${meetingId}/readout/approve`, {})).status).toBe(409);
    expect((await as.facilitator.patch(`/api/v1/meetings/${meetingId}`, { states: ['KZ', 'TJ', 'UZ'] })).status).toBe(409);
  });

  it('cannot be approved before it is drafted', async () => {
    const fresh = (await as.facilitator.post('/api/v1/meetings', ministerial({ title: 'No readout yet' }))).body.id;
    expect((await as.kz.post(`/api/v1/meetings/${fresh}/readout/approve`, {})).status).toBe(409);
  });
});

describe('a Chatham House meeting’s readout', () => {
  it('names no one: a draft holding a participant’s name is refused, and no event of it carries a name', async () => {
    const meeting = (
      await as.facilitator.post('/api/v1/meetings', ministerial({ threadId: chathamRoom, title: 'Remittances round', agenda: [] }))
    ).body;
    const kzName = (await as.kz.get('/api/v1/me')).body.name as string;
    const named = await as.uz.put(`/api/v1/meetings/${meeting.id}/readout`, { body: `As ${kzName} put it, fees must fall.` });
    expect(named.status).toBe(400);
    expect(named.body.error.fields.body).toContain(kzName);
    expect((await as.uz.put(`/api/v1/meetings/${meeting.id}/readout`, { body: 'Participants agreed that fees must fall.' })).status).toBe(
      200,
    );
    await as.kz.post(`/api/v1/meetings/${meeting.id}/readout/approve`, {});
    await as.uz.post(`/api/v1/meetings/${meeting.id}/readout/approve`, {});
    const events = (await as.tj.get('/api/v1/events?limit=500')).body.items.filter((e: any) => e.payload?.meetingId === meeting.id);
    expect(events.map((e: any) => e.type)).toContain('readout.released');
    for (const event of events) expect(event.actor?.name).toBeUndefined();
    const published = (await new Client(server.url).get('/api/v1/readouts?limit=100')).body.items.find(
      (r: any) => r.meetingId === meeting.id,
    );
    expect(published.body).toBe('Participants agreed that fees must fall.');
  });
});

describe('calendars', () => {
  it('gives each meeting an .ics (RFC 5545) that reads back with its times, title, place and agenda', async () => {
    const meeting = (await as.facilitator.post('/api/v1/meetings', ministerial({ title: 'Calendar check' }))).body;
    const response = await as.kz.raw('GET', `/api/v1/meetings/${meeting.id}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const [event] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(event.summary).toBe('Calendar check');
    expect(event.location).toBe('Tashkent, Palace of Forums');
    expect(event.startDate.toJSDate().toISOString()).toBe(meeting.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(meeting.endsAt);
    expect(event.description).toContain('Shared gauging stations');
    expect(event.description).toContain('Asia/Tashkent');
    expect(event.uid).toBe(`meeting-${meeting.id}@chaikhana`);
  });

  it('gives a delegate a feed of their state’s meetings at a secret address, which they can retire', async () => {
    const forTajikistan = (
      await as.facilitator.post('/api/v1/meetings', ministerial({ title: 'Only TJ and UZ', states: ['TJ', 'UZ'], chairState: 'TJ' }))
    ).body;
    const discreet = (
      await as.facilitator.post('/api/v1/meetings', ministerial({ title: 'Secret agenda title', threadId: discreetRoom, agenda: [] }))
    ).body;
    const { url } = (await as.kz.get('/api/v1/me/calendar')).body;
    expect(url).toMatch(/\/api\/v1\/calendar\/\d+-\d+-[\w-]{32}\.ics$/);
    const path = new URL(url).pathname;
    const anonymous = new Client(server.url);
    const feed = await anonymous.raw('GET', path);
    expect(feed.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const uids = events.map((e) => e.uid);
    expect(uids).toContain(`meeting-${discreet.id}@chaikhana`);
    expect(uids).not.toContain(`meeting-${forTajikistan.id}@chaikhana`);
    // Calendar programs copy a feed to their servers: a discreet room's meeting is its time and link only.
    const hidden = events.find((e) => e.uid === `meeting-${discreet.id}@chaikhana`)!;
    expect(hidden.summary).not.toContain('Secret agenda title');
    expect((await anonymous.raw('GET', path.replace(/.{8}\.ics$/, 'AAAAAAAA.ics'))).status).toBe(404);
    const renewed = (await as.kz.post('/api/v1/me/calendar/reset')).body.url;
    expect(renewed).not.toBe(url);
    expect((await anonymous.raw('GET', path)).status).toBe(404);
    expect((await anonymous.raw('GET', new URL(renewed).pathname)).status).toBe(200);
  });
});
