import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signInAll, signedIn, type Client, type DemoKey } from '../helpers/client';
import { databaseChecksum } from '../helpers/db-state';
import { startServer, type TestServer } from '../helpers/server';
import { findRoom, openNamedRoom } from '../helpers/demo';
import { connect, refusal, type LiveSocket, type Presence } from '../helpers/socket';
import { until } from '../helpers/wait';

let server: TestServer;
let as: Record<DemoKey, Client>;
/** An open, named room of the demo (looked up, not assumed). */
let openRoom: number;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  openRoom = (await findRoom(as.facilitator, openNamedRoom)).id;
});

const nameOf = async (client: Client): Promise<string> => (await client.get('/api/v1/me')).body.name;
afterAll(async () => {
  await server?.stop();
});

const ids = (events: { id: number }[]) => events.map((e) => e.id);
const lastId = async () => (await server.query<{ id: number }>('SELECT MAX(id) AS id FROM events'))[0].id;

async function proposeIn(roomId: number, by: Client, states = ['KZ', 'UZ']) {
  return (await by.post(`/api/v1/threads/${roomId}/initiatives`, { title: 'Live one', summary: '', states })).body;
}

describe('the handshake', () => {
  it('refuses a socket without a session, with a forged cookie, or from a foreign origin', async () => {
    expect(await refusal(server.url, null)).toBe('unauthorized');
    expect(await refusal(server.url, 'next-auth.session-token=forged')).toBe('unauthorized');
    expect(await refusal(server.url, as.kz.cookieHeader(), 'https://evil.example')).toBeTruthy();
    expect(await refusal(server.url, as.kz.cookieHeader(), `http://localhost:${server.port}`)).toBeNull();
  });

  it('caps the number of sockets one participant may open', async () => {
    const client = await signedIn(server.url, DEMO.observer);
    const sockets: LiveSocket[] = [];
    for (let i = 0; i < 20; i++) sockets.push(await connect(server.url, client.cookieHeader()));
    expect(await refusal(server.url, client.cookieHeader())).toBe('too_many_connections');
    sockets.forEach((s) => s.close());
  });
});

describe('channels', () => {
  it('delivers a stance change on the dashboard channel, after the commit, in id order', async () => {
    const live = await connect(server.url, as.expert.cookieHeader());
    expect(await live.call('subscribe', { channel: 'dashboard', since: await lastId() })).toEqual({ ok: true, missed: [] });
    const initiative = await proposeIn(openRoom, as.kz);
    await as.kz.put(`/api/v1/initiatives/${initiative.id}/stances/KZ`, { position: 'endorse' });
    await as.uz.put(`/api/v1/initiatives/${initiative.id}/stances/UZ`, { position: 'endorse' });
    await live.waitFor((events) => events.some((e) => e.type === 'status.changed' && e.initiativeId === initiative.id));
    const mine = live.events.filter((e) => e.initiativeId === initiative.id);
    expect(mine.map((e) => e.type)).toEqual(['initiative.proposed', 'stance.changed', 'stance.changed', 'status.changed']);
    expect(mine.at(-1)!.payload).toMatchObject({ from: 'consultation', to: 'consensus', label: 'CA-2' });
    expect(ids(live.events)).toEqual([...ids(live.events)].sort((a, b) => a - b));
    expect(new Set(ids(live.events)).size).toBe(live.events.length);
    live.close();
  });

  it('keeps room chatter on the room channel', async () => {
    const dashboard = await connect(server.url, as.expert.cookieHeader());
    await dashboard.call('subscribe', { channel: 'dashboard' });
    const room = await connect(server.url, as.kg.cookieHeader());
    await room.call('subscribe', { channel: `thread:${openRoom}` });
    await as.kz.post(`/api/v1/threads/${openRoom}/messages`, { body: 'Only for the room' });
    await room.waitFor((events) => events.some((e) => e.type === 'message.created'));
    // The broadcaster sent the event to every audience at once: a round trip on the dashboard
    // socket brings anything it was sent before.
    await dashboard.roundTrip();
    expect(dashboard.events.filter((e) => e.type === 'message.created')).toEqual([]);
    dashboard.close();
    room.close();
  });

  it('refuses invalid payloads with {ok:false, error:"invalid"}, keeps the socket and writes nothing', async () => {
    const live = await connect(server.url, as.kz.cookieHeader());
    const before = await databaseChecksum(server);
    const bad = [
      ['subscribe', { channel: 'everything' }],
      ['subscribe', { channel: 'thread:abc' }],
      ['subscribe', { channel: 'dashboard', since: -1 }],
      ['subscribe', { channel: 'dashboard', extra: 1 }],
      ['subscribe', 'dashboard'],
      ['message:send', { threadId: openRoom }],
      ['message:send', { threadId: String(openRoom), body: 'hi' }],
      ['message:send', { threadId: openRoom, body: '' }],
      ['message:send', { threadId: openRoom, body: 'x'.repeat(5000) }],
      ['message:send', { threadId: openRoom, body: 'hi', opId: 'short' }],
      ['message:send', { threadId: openRoom, body: 'hi', __proto__: { admin: true }, role: 'facilitator' }],
      ['unsubscribe', { channel: 42 }],
    ] as const;
    for (const [event, payload] of bad) {
      const answer = await live.call(event, payload);
      expect(answer).toMatchObject({ ok: false, error: 'invalid' });
    }
    expect(live.socket.connected).toBe(true);
    expect(await databaseChecksum(server)).toEqual(before);
    live.close();
  });

  it('answers not_found for a room one may not see, exactly as for one that does not exist', async () => {
    const room = await as.facilitator.post('/api/v1/threads', {
      title: 'Closed door',
      topic: 'security',
      summary: '',
      visibility: 'discreet',
    });
    const live = await connect(server.url, as.kz.cookieHeader());
    expect(await live.call('subscribe', { channel: `thread:${room.body.id}` })).toEqual({
      ok: false,
      error: 'not_found',
      message: 'Room not found',
    });
    expect(await live.call('subscribe', { channel: 'thread:999999' })).toEqual({
      ok: false,
      error: 'not_found',
      message: 'Room not found',
    });
    expect(await live.call('message:send', { threadId: room.body.id, body: 'Knock' })).toMatchObject({ ok: false, error: 'not_found' });
    live.close();
  });
});

describe('visibility on the live path and on replay', () => {
  it('never gives a non-member a discreet room’s events, live or replayed; members get them', async () => {
    const since = await lastId();
    const outsider = await connect(server.url, as.kz.cookieHeader());
    await outsider.call('subscribe', { channel: 'dashboard', since });
    const member = await connect(server.url, as.tj.cookieHeader());
    await member.call('subscribe', { channel: 'dashboard', since });

    const room = await as.facilitator.post('/api/v1/threads', {
      title: 'Border liaison',
      topic: 'drug-trafficking',
      summary: '',
      visibility: 'discreet',
    });
    await as.facilitator.post(`/api/v1/threads/${room.body.id}/members`, { userId: (await as.tj.get('/api/v1/me')).body.id });
    const initiative = await proposeIn(room.body.id, as.tj, ['TJ', 'KG']);
    await as.tj.put(`/api/v1/initiatives/${initiative.id}/stances/TJ`, { position: 'endorse' });
    // Something public afterwards, so we know the outsider's stream has moved past the secret ones.
    const marker = await proposeIn(openRoom, as.kz);
    await outsider.waitFor((events) => events.some((e) => e.initiativeId === marker.id));
    await member.waitFor((events) => events.some((e) => e.initiativeId === marker.id));

    expect(outsider.events.filter((e) => e.threadId === room.body.id)).toEqual([]);
    expect(member.events.filter((e) => e.threadId === room.body.id).map((e) => e.type)).toEqual(
      expect.arrayContaining(['initiative.proposed', 'stance.changed']),
    );

    const replayOutsider = await connect(server.url, as.kz.cookieHeader());
    const replay = await replayOutsider.call('subscribe', { channel: 'dashboard', since: 0 });
    expect(replay.missed.filter((e: { threadId: number }) => e.threadId === room.body.id)).toEqual([]);
    expect(JSON.stringify(replay.missed)).not.toContain('Border liaison');
    const replayMember = await connect(server.url, as.tj.cookieHeader());
    const memberReplay = await replayMember.call('subscribe', { channel: 'dashboard', since: 0 });
    expect(memberReplay.missed.some((e: { threadId: number }) => e.threadId === room.body.id)).toBe(true);
    [outsider, member, replayOutsider, replayMember].forEach((s) => s.close());
  });

  it('takes a removed member off the room at once: unsubscribed, then nothing more', async () => {
    const room = await as.facilitator.post('/api/v1/threads', {
      title: 'Short stay',
      topic: 'borders',
      summary: '',
      visibility: 'discreet',
    });
    const expertId = (await as.expert.get('/api/v1/me')).body.id;
    await as.facilitator.post(`/api/v1/threads/${room.body.id}/members`, { userId: expertId });
    const live = await connect(server.url, as.expert.cookieHeader());
    expect((await live.call('subscribe', { channel: `thread:${room.body.id}` })).ok).toBe(true);
    await live.call('subscribe', { channel: 'dashboard' });
    await as.facilitator.post(`/api/v1/threads/${room.body.id}/messages`, { body: 'Before' });
    await live.waitFor((events) => events.some((e) => e.type === 'message.created' && e.threadId === room.body.id));

    await as.facilitator.delete(`/api/v1/threads/${room.body.id}/members/${expertId}`);
    await until(() => live.unsubscribed.length > 0, 'the unsubscribed notice');
    expect(live.unsubscribed).toEqual([{ channel: `thread:${room.body.id}`, reason: 'membership_removed' }]);
    const count = live.events.length;
    await as.facilitator.post(`/api/v1/threads/${room.body.id}/messages`, { body: 'After' });
    await proposeIn(room.body.id, as.facilitator, ['KZ', 'KG']);
    // A public event written afterwards must arrive; nothing of the room may come before it.
    const marker = await proposeIn(openRoom, as.kz);
    await live.waitFor((events) => events.some((e) => e.initiativeId === marker.id));
    expect(live.events.slice(count).filter((e) => e.threadId === room.body.id)).toEqual([]);
    expect(await live.call('subscribe', { channel: `thread:${room.body.id}` })).toEqual({
      ok: false,
      error: 'not_found',
      message: 'Room not found',
    });
    live.close();
  });
});

describe('messages over the socket', () => {
  it('posts with an ack, delivers to the room, and applies a retried operation once', async () => {
    const sender = await connect(server.url, as.uz.cookieHeader());
    const reader = await connect(server.url, as.kg.cookieHeader());
    await reader.call('subscribe', { channel: `thread:${openRoom}` });
    const first = await sender.call('message:send', { threadId: openRoom, body: 'Uzbekistan agrees', opId: 'op-visa-0001' });
    const retry = await sender.call('message:send', { threadId: openRoom, body: 'Uzbekistan agrees', opId: 'op-visa-0001' });
    expect(first).toMatchObject({ ok: true, message: { body: 'Uzbekistan agrees', author: { name: await nameOf(as.uz) } } });
    expect(retry.message.id).toBe(first.message.id);
    expect((await server.query(`SELECT COUNT(*) AS n FROM messages WHERE body = 'Uzbekistan agrees'`))[0].n).toBe(1);
    await reader.waitFor((events) => events.some((e) => e.type === 'message.created'));
    // A later message must arrive; the retry may not have produced a second one before it.
    await as.kg.post(`/api/v1/threads/${openRoom}/messages`, { body: 'Marker' });
    await reader.waitFor((events) => events.filter((e) => e.type === 'message.created').length >= 2);
    expect(reader.events.filter((e) => e.type === 'message.created').map((e) => (e.payload as any).message.body)).toEqual([
      'Uzbekistan agrees',
      'Marker',
    ]);
    sender.close();
    reader.close();
  });

  it('limits messages per participant, whatever the transport', async () => {
    // A fresh participant: the demo seed's own messages count against the demo accounts' budget.
    await as.civil.post('/api/v1/register', {
      name: 'Fast typist',
      email: 'fast@example.org',
      password: 'a-long-enough-password',
      affiliation: 'expert',
    });
    const limited = await signedIn(server.url, 'fast@example.org', 'a-long-enough-password');
    const live = await connect(server.url, limited.cookieHeader());
    const answers = [];
    for (let i = 0; i < 22; i++) answers.push(await live.call('message:send', { threadId: openRoom, body: `Flood ${i}` }));
    expect(answers.filter((a) => a.ok)).toHaveLength(20);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: 'rate_limited', message: expect.stringMatching(/^Too many messages/) });
    expect((await limited.post(`/api/v1/threads/${openRoom}/messages`, { body: 'And over HTTP' })).status).toBe(429);
    expect(live.socket.connected).toBe(true);
    live.close();
  });

  it('shows presence across tabs and typing to the others', async () => {
    const [kzName, kgName] = [await nameOf(as.kz), await nameOf(as.kg)];
    const channel = { channel: `thread:${openRoom}` };
    const kz1 = await connect(server.url, as.kz.cookieHeader());
    const kz2 = await connect(server.url, as.kz.cookieHeader());
    const kg = await connect(server.url, as.kg.cookieHeader());
    const names = (p: Presence) => p.participants.map((x) => ('name' in x ? x.name : '')).sort();
    await kg.call('subscribe', channel);
    await kz1.call('subscribe', channel);
    await kz2.call('subscribe', channel);
    await until(() => kg.presence.length > 0 && names(kg.presence.at(-1)!).length === 2, 'both at the table');
    expect(names(kg.presence.at(-1)!)).toEqual([kgName, kzName].sort());

    kz1.socket.emit('typing', { threadId: openRoom });
    // The typist's round trip: the server handled it; the reader's: what it was sent has arrived.
    await kz1.roundTrip();
    await kg.roundTrip();
    expect(kg.typing).toEqual([
      { threadId: openRoom, who: { id: expect.any(Number), name: kzName, affiliation: 'government', state: 'KZ' } },
    ]);

    // One of two tabs closes: Kazakhstan is still at the table. The server has let go of the
    // closed tab once a socket can take its place under the per-participant cap.
    const extra = await fillToTheCap(as.kz.cookieHeader());
    const presenceBefore = kg.presence.length;
    kz1.close();
    let replacement: LiveSocket | null = null;
    await until(async () => {
      replacement = await connect(server.url, as.kz.cookieHeader()).catch(() => null);
      return replacement !== null;
    }, 'the closed tab to be let go');
    await kg.roundTrip();
    expect(kg.presence.slice(presenceBefore).every((p) => names(p).includes(kzName))).toBe(true);

    // The last tab closes: only Kyrgyzstan is left.
    for (const live of [kz2, replacement!, ...extra]) live.close();
    await until(() => names(kg.presence.at(-1)!).join() === kgName, 'Kazakhstan to leave the table');
    kg.close();
  });
});

/** Opens sockets for one participant until the server refuses another (the per-participant cap). */
async function fillToTheCap(cookie: string): Promise<LiveSocket[]> {
  const sockets: LiveSocket[] = [];
  for (;;) {
    // Every socket opened is kept (a probe closed at once could still hold its seat a moment).
    const opened = await connect(server.url, cookie).catch((error: Error) => error);
    if (opened instanceof Error) {
      expect(opened.message, 'a socket refused for another reason').toBe('too_many_connections');
      return sockets;
    }
    sockets.push(opened);
    expect(sockets.length, 'no cap on sockets per participant').toBeLessThan(1000);
  }
}

describe('sessions', () => {
  it('disconnects a participant’s sockets when they sign out', async () => {
    const client = await signedIn(server.url, DEMO.partner);
    const live = await connect(server.url, client.cookieHeader());
    const csrf = await client.get('/api/auth/csrf');
    await client.raw('POST', '/api/auth/signout', {
      body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, json: 'true' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await until(() => !live.socket.connected, 'the socket to be closed', 2000);
  });
});
