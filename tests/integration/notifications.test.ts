import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signInAll, type DemoKey } from '../helpers/client';
import { changedTables, databaseChecksum } from '../helpers/db-state';
import { startServer, type TestServer } from '../helpers/server';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { connect } from '../helpers/socket';
import { until } from '../helpers/wait';

/**
 * Notifications and email (PRODUCT.md Part 2) on the real server with a real SMTP server started
 * here: every trigger and who it reaches (never the one who acted, never one who may not see the
 * room), follows and preferences, the bell's live `notification`, immediate emails and daily
 * digests in the reader's language, one-click unsubscribe, no discreet text and no Chatham name in
 * any email, and the outbox: a mail server down or refusing never touches the write; after a
 * `kill -9` mid-send every mail still arrives once.
 */
let server: TestServer;
let smtp: TestSmtp;
let as: Record<DemoKey, Client>;
let openRoom: number;

type Item = {
  id: number;
  type: string;
  title: string;
  url: string;
  readAt: string | null;
  initiativeId?: number;
  meetingId?: number;
  threadId?: number;
};

const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();
const idOf = async (who: DemoKey) => (await as[who].get('/api/v1/me')).body.id as number;
const inbox = async (who: DemoKey, query = '') => (await as[who].get(`/api/v1/notifications?limit=100${query}`)).body.items as Item[];
const about = async (who: DemoKey, key: 'initiativeId' | 'meetingId', id: number) => (await inbox(who)).filter((n) => n[key] === id);
const typesAbout = async (who: DemoKey, id: number) => (await about(who, 'initiativeId', id)).map((n) => n.type).sort();

async function room(by: Client, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await by.post('/api/v1/threads', {
    title: 'Syr Darya releases',
    topic: 'water',
    summary: 'Spring schedule.',
    states: ['KZ', 'KG', 'UZ'],
    partners: [],
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

async function propose(by: Client, threadId: number, states = ['KZ', 'KG', 'UZ'], title = 'Joint flood warnings'): Promise<number> {
  const r = await by.post(`/api/v1/threads/${threadId}/initiatives`, { title, summary: 'Gauges shared hourly.', states, partners: [] });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

const mentions = (text: string, initiativeId: number) => new RegExp(`/initiatives/${initiativeId}\\b`).test(text);
const stance = (who: DemoKey, id: number, state: string, body: Record<string, unknown>) =>
  as[who].put(`/api/v1/initiatives/${id}/stances/${state}`, body);

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Chaikhana <chaikhana@test.example>', OUTBOX_LEASE_SECONDS: '2', OUTBOX_RETRY_SECONDS: '1' },
  });
  as = await signInAll(server.url);
  openRoom = await room(as.facilitator);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe('triggers', () => {
  it('an initiative naming your state: its delegates are told, live and in the list, the proposer and other states are not', async () => {
    const kg = await connect(server.url, as.kg.cookieHeader());
    const live: Item[] = [];
    kg.socket.on('notification', (n: Item) => live.push(n));
    const id = await propose(as.kz, openRoom);
    await until(
      () => live.some((n) => n.initiativeId === id),
      () => `a live notification for KG, got ${JSON.stringify(live)}`,
    );
    kg.close();
    const [told] = live.filter((n) => n.initiativeId === id);
    expect(told).toMatchObject({ type: 'initiative_proposed', url: `/initiatives/${id}`, readAt: null, threadId: openRoom });
    expect(told.title).toBe('New initiative naming Kyrgyzstan: “Joint flood warnings”');
    expect(await typesAbout('kg', id)).toEqual(['initiative_proposed']);
    expect(await typesAbout('uz', id)).toEqual(['initiative_proposed']);
    expect(await typesAbout('kz', id)).toEqual([]);
    expect(await typesAbout('tj', id)).toEqual([]);
  });

  it('reservations, steps aside, consensus and formalization reach followers and the states taking part, never the actor', async () => {
    const id = await propose(as.kz, openRoom);
    expect((await as.civil.post('/api/v1/follows', { initiativeId: id })).body).toEqual({ initiativeId: id, following: true });
    await stance('kg', id, 'KG', { position: 'reservation', note: 'Quotas first.' });
    expect(await typesAbout('civil', id)).toEqual(['reservation']);
    expect(await typesAbout('uz', id)).toEqual(['initiative_proposed', 'reservation']);
    expect(await typesAbout('kg', id)).toEqual(['initiative_proposed']);
    expect(await typesAbout('observer', id)).toEqual([]);
    await stance('kg', id, 'KG', { position: 'step_aside' });
    await stance('kz', id, 'KZ', { position: 'endorse' });
    await stance('uz', id, 'UZ', { position: 'endorse' });
    expect(await typesAbout('civil', id)).toEqual(['consensus', 'reservation', 'step_aside']);
    const consensus = (await about('civil', 'initiativeId', id)).find((n) => n.type === 'consensus')!;
    expect(consensus.title).toBe('“Joint flood warnings” reached consensus (CA-2 minus KG)');
    expect((await as.facilitator.post(`/api/v1/initiatives/${id}/formalize`)).status).toBe(200);
    expect(await typesAbout('civil', id)).toEqual(['consensus', 'formalized', 'reservation', 'step_aside']);
    expect(await typesAbout('kz', id)).toEqual(['consensus', 'formalized', 'reservation', 'step_aside']);
  });

  it('an edit that resets your endorsement tells your state', async () => {
    const id = await propose(as.kz, openRoom);
    await stance('uz', id, 'UZ', { position: 'endorse' });
    expect((await as.kz.patch(`/api/v1/initiatives/${id}`, { summary: 'Gauges shared every 30 minutes.' })).status).toBe(200);
    const reset = (await about('uz', 'initiativeId', id)).find((n) => n.type === 'endorsement_reset');
    expect(reset?.title).toBe('An edit of “Joint flood warnings” reset Uzbekistan’s endorsement');
    expect((await typesAbout('kg', id)).includes('endorsement_reset')).toBe(false);
  });

  it('a silence procedure: told at its start, and reminded with under 24 hours left', async () => {
    const id = await propose(as.kz, openRoom);
    const deadline = hours(30);
    await as.facilitator.post(`/api/v1/initiatives/${id}/silence`, { deadline });
    expect(await typesAbout('kg', id)).toEqual(['initiative_proposed', 'silence_started']);
    // The reminder is due 24 hours before the deadline: brought forward here, as if that hour had come.
    const [job] = await server.query<{ runAt: string }>(
      `SELECT run_at AS "runAt" FROM jobs WHERE kind = 'notify.silence_ending' AND key = ? AND done_at IS NULL`,
      String(id),
    );
    expect(Date.parse(deadline) - Date.parse(job.runAt)).toBe(24 * 3600_000);
    await server.execute(
      `UPDATE jobs SET run_at = ? WHERE kind = 'notify.silence_ending' AND key = ?`,
      new Date(0).toISOString(),
      String(id),
    );
    await until(
      async () => (await typesAbout('kg', id)).includes('silence_ending'),
      () => 'the silence reminder',
    );
    expect(await typesAbout('kg', id)).toEqual(['initiative_proposed', 'silence_ending', 'silence_started']);
    // Under a day from the start: the start's notification says the deadline, no reminder is set.
    const soon = await propose(as.kz, openRoom);
    await as.facilitator.post(`/api/v1/initiatives/${soon}/silence`, { deadline: hours(2) });
    expect(await server.query(`SELECT 1 FROM jobs WHERE kind = 'notify.silence_ending' AND key = ?`, String(soon))).toEqual([]);
    const later = await propose(as.kz, openRoom);
    await as.facilitator.post(`/api/v1/initiatives/${later}/silence`, { deadline: hours(72) });
    // Broken: the reminder is cancelled.
    await stance('kg', later, 'KG', { position: 'reservation', note: 'Not yet.' });
    expect(
      await server.query(`SELECT 1 FROM jobs WHERE kind = 'notify.silence_ending' AND key = ? AND done_at IS NULL`, String(later)),
    ).toEqual([]);
  });

  it('an ad referendum endorsement: the state is reminded to confirm within 24 hours of its date', async () => {
    const id = await propose(as.kz, openRoom);
    await stance('uz', id, 'UZ', { position: 'endorse', adReferendum: true, confirmBy: hours(40) });
    await server.execute(
      `UPDATE jobs SET run_at = ? WHERE kind = 'notify.confirmation_due' AND key = ?`,
      new Date(0).toISOString(),
      `${id}:UZ`,
    );
    await until(
      async () => (await typesAbout('uz', id)).includes('confirmation_due'),
      () => 'the confirmation reminder',
    );
    expect((await about('uz', 'initiativeId', id)).find((n) => n.type === 'confirmation_due')!.title).toMatch(
      /^Uzbekistan must confirm its ad referendum endorsement of “Joint flood warnings” by /,
    );
    expect(await typesAbout('kg', id)).toEqual(['initiative_proposed']);
  });

  it('a meeting of your room, and a readout awaiting your state', async () => {
    const kzMember = await idOf('kz');
    await as.facilitator.post(`/api/v1/threads/${openRoom}/members`, { userId: kzMember });
    const meeting = await as.facilitator.post('/api/v1/meetings', {
      threadId: openRoom,
      title: 'Spring releases, experts',
      level: 'expert',
      startsAt: hours(30),
      endsAt: hours(32),
      timezone: 'Asia/Almaty',
      chairState: 'KZ',
      states: ['KZ', 'UZ'],
      agenda: [],
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const meetingId = meeting.body.id as number;
    expect((await about('kz', 'meetingId', meetingId)).map((n) => n.type)).toEqual(['meeting_scheduled']);
    expect((await about('kz', 'meetingId', meetingId))[0].url).toBe(`/meetings/${meetingId}`);
    expect(await about('tj', 'meetingId', meetingId)).toEqual([]);
    expect((await as.kz.put(`/api/v1/meetings/${meetingId}/readout`, { body: 'Agreed: hourly gauges.' })).status).toBe(200);
    expect((await about('uz', 'meetingId', meetingId)).map((n) => n.type)).toEqual(['readout_awaiting']);
    expect((await about('kz', 'meetingId', meetingId)).map((n) => n.type)).toEqual(['meeting_scheduled']);
    // Once Uzbekistan approved, what asked it to is read: the list shows what still needs the reader.
    expect((await as.uz.post(`/api/v1/meetings/${meetingId}/readout/approve`, {})).status).toBe(200);
    expect((await about('uz', 'meetingId', meetingId))[0].readAt).not.toBeNull();
  });

  it('a discreet room tells only who sits there, even a delegate of a state it names', async () => {
    const discreet = await room(as.facilitator, { visibility: 'discreet' });
    for (const who of ['kz', 'kg'] as const) await as.facilitator.post(`/api/v1/threads/${discreet}/members`, { userId: await idOf(who) });
    const id = await propose(as.kz, discreet);
    expect(await typesAbout('kg', id)).toEqual(['initiative_proposed']);
    expect(await typesAbout('uz', id)).toEqual([]);
  });
});

describe('follows, preferences, reading', () => {
  it('refuses bad input and what one cannot see (404, as for the thing itself), writing nothing', async () => {
    const discreet = await room(as.facilitator, { visibility: 'discreet' });
    const before = await databaseChecksum(server);
    const hidden = await as.civil.post('/api/v1/follows', { threadId: discreet });
    const missing = await as.civil.post('/api/v1/follows', { threadId: 999_999 });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    for (const body of [{}, { threadId: 'x' }, { threadId: 1, initiativeId: 1 }, { roomId: 1 }])
      expect((await as.civil.post('/api/v1/follows', body)).status).toBe(400);
    for (const body of [{ email: 'weekly' }, { types: { reservation: 'yes' } }, { types: { nonsense: false } }, { email: 'off', extra: 1 }])
      expect((await as.civil.put('/api/v1/me/notifications', body)).status).toBe(400);
    for (const body of [{}, { ids: [] }, { ids: ['a'] }, { all: 'yes' }])
      expect((await as.civil.post('/api/v1/notifications/read', body)).status).toBe(400);
    expect((await as.civil.patch('/api/v1/me', { locale: 'fr' })).status).toBe(400);
    expect((await as.civil.get('/api/v1/notifications?unread=yes')).status).toBe(400);
    expect(changedTables(before, await databaseChecksum(server))).toEqual([]);
    expect((await new Client(server.url).get('/api/v1/notifications')).status).toBe(401);
  });

  it('a kind turned off no longer comes; turned on, it does again', async () => {
    expect((await as.tj.put('/api/v1/me/notifications', { types: { initiative_proposed: false } })).body.types.initiative_proposed).toBe(
      false,
    );
    const first = await propose(as.kz, openRoom, ['KZ', 'TJ']);
    expect(await typesAbout('tj', first)).toEqual([]);
    await as.tj.put('/api/v1/me/notifications', { types: { initiative_proposed: true } });
    const second = await propose(as.kz, openRoom, ['KZ', 'TJ']);
    expect(await typesAbout('tj', second)).toEqual(['initiative_proposed']);
  });

  it('following a room brings its initiatives’ news; unfollowing stops it', async () => {
    expect((await as.expert.post('/api/v1/follows', { threadId: openRoom })).status).toBe(200);
    expect((await as.expert.get('/api/v1/follows')).body.items).toContainEqual({ threadId: openRoom, following: true });
    const id = await propose(as.kz, openRoom);
    await stance('kg', id, 'KG', { position: 'reservation', note: 'Costs.' });
    expect(await typesAbout('expert', id)).toEqual(['reservation']);
    expect((await as.expert.api('DELETE', '/api/v1/follows', { threadId: openRoom })).body).toEqual({
      threadId: openRoom,
      following: false,
    });
    await stance('kg', id, 'KG', { position: 'step_aside' });
    expect(await typesAbout('expert', id)).toEqual(['reservation']);
  });

  it('marks read: some (only one’s own), then all; unread=1 lists the rest', async () => {
    const unread = await inbox('uz', '&unread=1');
    expect(unread.length).toBeGreaterThan(1);
    const others = (await inbox('kg'))[0].id;
    const after = await as.uz.post('/api/v1/notifications/read', { ids: [unread[0].id, others] });
    expect(after.body.unread).toBe(unread.length - 1);
    expect((await inbox('kg')).find((n) => n.id === others)!.readAt).toBeNull();
    expect((await as.uz.post('/api/v1/notifications/read', { all: true })).body).toEqual({ unread: 0 });
    expect(await inbox('uz', '&unread=1')).toEqual([]);
  });

  it('titles come in the reader’s language (the switcher’s cookie, else the saved language)', async () => {
    const id = await propose(as.kz, openRoom, ['KZ', 'KG'], 'Общие паводковые сигналы');
    as.kg.cookies.set('NEXT_LOCALE', 'ru');
    const ru = await as.kg.get('/api/v1/notifications?limit=100');
    as.kg.cookies.delete('NEXT_LOCALE');
    const inRussian = ru.body.items.find((n: Item) => n.initiativeId === id).title;
    expect(inRussian).toContain('Общие паводковые сигналы');
    expect(inRussian).toMatch(/Кыргызстан/);
    expect(inRussian).not.toMatch(/New initiative/);
    expect((await as.kg.patch('/api/v1/me', { locale: 'ky' })).body).toEqual({ locale: 'ky' });
    const ky = (await about('kg', 'initiativeId', id))[0].title;
    expect(ky).not.toBe(inRussian);
    expect(ky).toContain('Общие паводковые сигналы');
    expect(ky).not.toMatch(/New initiative/);
    await as.kg.patch('/api/v1/me', { locale: 'en' });
  });
});

describe('email', () => {
  const kgMail = () => smtp.mailsTo(DEMO.kg);

  it('immediate: one email per notification, in the reader’s language, with one-click unsubscribe that works without a session', async () => {
    await as.kg.put('/api/v1/me/notifications', { email: 'immediate' });
    const before = kgMail().length;
    const id = await propose(as.kz, openRoom, ['KZ', 'KG'], 'Seed banks');
    await until(
      () => kgMail().length > before,
      () => 'the immediate email',
    );
    const mail = kgMail().at(-1)!;
    expect(mail.subject).toBe('Chaikhana: New initiative naming Kyrgyzstan: “Seed banks”');
    expect(mail.text).toContain(`/initiatives/${id}`);
    const unsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(mail.raw)![1];
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    // The text's link goes to a page that asks first (link scanners follow links); the header's is the one-click POST.
    expect(mail.text).toContain(unsubscribe.replace('/api/v1/unsubscribe/', '/unsubscribe/'));
    // RFC 8058: a POST with that body, no cookie, no JSON.
    const path = new URL(unsubscribe).pathname;
    const forged = await fetch(server.url + path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(404);
    const done = await fetch(server.url + path, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    expect((await as.kg.get('/api/v1/me/notifications')).body.email).toBe('off');
    const count = kgMail().length;
    const more = await propose(as.kz, openRoom, ['KZ', 'KG'], 'Seed banks, second round');
    expect(await typesAbout('kg', more)).toEqual(['initiative_proposed']);
    await new Promise((r) => setTimeout(r, 2500));
    expect(kgMail().length).toBe(count);
  });

  it('no discreet room’s text and no Chatham name in any email', async () => {
    await as.kg.put('/api/v1/me/notifications', { email: 'immediate' });
    const discreet = await room(as.facilitator, { visibility: 'discreet', attribution: 'chatham' });
    for (const who of ['kz', 'kg'] as const) await as.facilitator.post(`/api/v1/threads/${discreet}/members`, { userId: await idOf(who) });
    const before = kgMail().length;
    const id = await propose(as.kz, discreet, ['KZ', 'KG'], 'Quietwharf water swap');
    await until(
      () => kgMail().length > before,
      () => 'the discreet email',
    );
    const mail = kgMail().at(-1)!;
    expect(mail.raw).not.toMatch(/Quietwharf/i);
    expect(mail.subject).toBe('Chaikhana: There is news in a discreet room you sit in');
    expect(mail.text).toContain(`/initiatives/${id}`);
    const chatham = await room(as.facilitator, { attribution: 'chatham' });
    const before2 = kgMail().length;
    await propose(as.kz, chatham, ['KZ', 'KG'], 'Open chatham proposal');
    await until(
      () => kgMail().length > before2,
      () => 'the chatham email',
    );
    for (const m of smtp.mails) for (const account of ['Nurlan', 'Abenov', 'Aigerim', 'Sadykova']) expect(m.raw).not.toContain(account);
  });

  it('daily: what came while away goes in one digest, each notification mailed once', async () => {
    await as.kg.put('/api/v1/me/notifications', { email: 'off' });
    await as.kg.post('/api/v1/notifications/read', { all: true });
    const ids = [
      await propose(as.kz, openRoom, ['KZ', 'KG'], 'Digest one'),
      await propose(as.kz, openRoom, ['KZ', 'KG'], 'Digest two'),
      await propose(as.kz, openRoom, ['KZ', 'KG'], 'Digest three'),
    ];
    await as.kg.put('/api/v1/me/notifications', { email: 'daily' });
    const before = kgMail().length;
    // The digest job, as at its hour: pulled forward instead of waiting for 05:00 UTC.
    await server.execute(`UPDATE jobs SET run_at = ? WHERE kind = 'notify.daily_digest' AND done_at IS NULL`, new Date(0).toISOString());
    await until(
      () => kgMail().length > before,
      () => 'the digest',
    );
    const digest = kgMail().at(-1)!;
    expect(digest.subject).toBe('Chaikhana: 3 things since yesterday');
    for (const id of ids) expect(digest.text).toContain(`/initiatives/${id}`);
    expect(digest.text).toMatch(/Digest one[\s\S]*Digest two[\s\S]*Digest three/);
    // The next digest is on the schedule, and nothing goes twice.
    expect(await server.query(`SELECT 1 FROM jobs WHERE kind = 'notify.daily_digest' AND done_at IS NULL`)).toHaveLength(1);
    await server.execute(`UPDATE jobs SET run_at = ? WHERE kind = 'notify.daily_digest' AND done_at IS NULL`, new Date(0).toISOString());
    await until(
      async () =>
        (
          await server.query(
            `SELECT 1 FROM jobs WHERE kind = 'notify.daily_digest' AND done_at IS NULL AND run_at > ?`,
            new Date().toISOString(),
          )
        ).length === 1,
      () => 'the second digest run',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(kgMail().length).toBe(before + 1);
    await as.kg.put('/api/v1/me/notifications', { email: 'off' });
  });
});

describe('outbox', () => {
  it('a mail server that refuses: the write is not affected, the mail goes once it accepts, the outage logged once', async () => {
    await as.uz.put('/api/v1/me/notifications', { email: 'immediate' });
    smtp.mode = 'refuse';
    const before = smtp.mailsTo(DEMO.uz).length;
    const started = Date.now();
    const ids = [
      await propose(as.kz, openRoom, ['KZ', 'UZ'], 'Refused once'),
      await propose(as.kz, openRoom, ['KZ', 'UZ'], 'Refused twice'),
    ];
    expect(Date.now() - started).toBeLessThan(5000);
    await until(
      async () => (await server.query<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE attempts >= 2 AND sent_at IS NULL`))[0].n >= 1,
      () => 'retries',
    );
    expect(server.output().match(/Email: sending failed/g)).toHaveLength(1);
    smtp.mode = 'accept';
    await until(
      () => smtp.mailsTo(DEMO.uz).length >= before + 2,
      () => 'the mails once the server accepts',
      15_000,
    );
    expect(server.output()).toContain('Email: the mail server accepts mail again');
    for (const id of ids) expect(smtp.mailsTo(DEMO.uz).filter((m) => mentions(m.text, id))).toHaveLength(1);
    await as.uz.put('/api/v1/me/notifications', { email: 'off' });
  });

  it('kill -9 while a mail is being sent: after the restart it arrives once, and nothing sent before goes again', async () => {
    await as.tj.put('/api/v1/me/notifications', { email: 'immediate' });
    smtp.mode = 'stall';
    const id = await propose(as.kz, openRoom, ['KZ', 'TJ'], 'Sent across a crash');
    await until(
      () => smtp.stalled > 0,
      () => 'the mail in flight',
    );
    await server.kill();
    smtp.mode = 'accept';
    await server.restart();
    await until(
      () => smtp.mailsTo(DEMO.tj).some((m) => mentions(m.text, id)),
      () => 'the mail after the restart',
      15_000,
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.mailsTo(DEMO.tj).filter((m) => mentions(m.text, id))).toHaveLength(1);
    const messageIds = smtp.mails.map((m) => m.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(await server.query(`SELECT id FROM outbox WHERE sent_at IS NULL`)).toEqual([]);
  });
});
