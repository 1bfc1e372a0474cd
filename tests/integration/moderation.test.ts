import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { DatabaseWatch } from '../helpers/db-watch';
import { callAction } from '../helpers/server-action';
import { startServer, type TestServer } from '../helpers/server';
import { connect, type LiveSocket } from '../helpers/socket';

/**
 * Moderation and the life of a room (PRODUCT.md Part 2), against the real server on either
 * database: a room edited by its creator or a facilitator, archived (read-only: every write in it
 * answers 409 on every transport), messages edited within 15 minutes, retracted and hidden, reports
 * and their queue, the audit — and a retracted or hidden text absent from every entry point.
 * Every refusal is shown to write nothing (`DatabaseWatch`: a checksum of every table).
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
let watch: DatabaseWatch;
const ids: Record<string, number> = {};

async function room(client: Client, title: string, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await client.post('/api/v1/threads', { title, topic: 'water', summary: 'A room to moderate.', states: ['KZ', 'UZ'], ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

async function say(client: Client, threadId: number, body: string): Promise<number> {
  const r = await client.post(`/api/v1/threads/${threadId}/messages`, { body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/** The request is refused with this status and the error shape, and nothing at all is written. */
async function refused(request: () => Promise<{ status: number; body: any }>, status: number, code?: string): Promise<any> {
  await watch.mark();
  const r = await request();
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
  // Every table's checksum (rate-limit counters, kept in PostgreSQL, are bookkeeping and left out).
  expect((await watch.changes()).tables).toEqual([]);
  expect(await watch.unchangedContent()).toBe(true);
  return r.body;
}

async function events(client: Client, threadId: number): Promise<any[]> {
  const r = await client.get(`/api/v1/events?since=0&limit=1000&threadId=${threadId}`);
  expect(r.status).toBe(200);
  return r.body.items;
}

async function messages(client: Client, threadId: number): Promise<any[]> {
  const r = await client.get(`/api/v1/threads/${threadId}/messages?limit=100`);
  expect(r.status).toBe(200);
  return r.body.items;
}

async function search(client: Client, q: string): Promise<any[]> {
  const r = await client.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(r.status).toBe(200);
  return r.body.items;
}

async function page(client: Client, path: string): Promise<{ status: number; html: string }> {
  const r = await client.raw('GET', path);
  return { status: r.status, html: await r.text() };
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000' } });
  as = await signInAll(server.url);
  watch = new DatabaseWatch(server);
  ids.kz = (await as.kz.get('/api/v1/me')).body.id;
  ids.tj = (await as.tj.get('/api/v1/me')).body.id;
  ids.observer = (await as.observer.get('/api/v1/me')).body.id;
  ids.facilitator = (await as.facilitator.get('/api/v1/me')).body.id;
});
afterAll(async () => {
  await watch?.close();
  await server?.stop();
});

describe('a room’s life', () => {
  it('is edited by its creator or a facilitator: thread.updated, the search index follows in the same transaction', async () => {
    const id = await room(as.kz, 'Saxaul nurseries on the dry seabed');
    const r = await as.kz.patch(`/api/v1/threads/${id}`, { title: 'Tamarix nurseries on the dry seabed', partners: ['EU'] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ title: 'Tamarix nurseries on the dry seabed', partners: ['EU'] });
    const updated = (await events(as.uz, id)).filter((e) => e.type === 'thread.updated');
    expect(updated).toHaveLength(1);
    expect(updated[0].payload).toEqual({ title: 'Tamarix nurseries on the dry seabed', partners: ['EU'] });
    expect((await search(as.uz, 'tamarix')).some((i) => i.kind === 'thread' && i.id === id)).toBe(true);
    expect((await search(as.uz, 'saxaul')).some((i) => i.kind === 'thread' && i.id === id)).toBe(false);

    expect(
      (await as.facilitator.patch(`/api/v1/threads/${id}`, { summary: 'Planting on the Aralkum.', topic: 'environment' })).status,
    ).toBe(200);
    expect((await as.uz.get(`/api/v1/threads/${id}`)).body).toMatchObject({ summary: 'Planting on the Aralkum.', topic: 'environment' });
  });

  it('refuses others (403), bad input (400) and a room one may not see (404), writing nothing', async () => {
    const id = await room(as.kz, 'Glacier monitoring stations');
    await refused(() => as.uz.patch(`/api/v1/threads/${id}`, { title: 'Taken over' }), 403, 'forbidden');
    await refused(() => as.observer.patch(`/api/v1/threads/${id}`, { title: 'Taken over' }), 403, 'forbidden');
    const empty = await refused(() => as.kz.patch(`/api/v1/threads/${id}`, {}), 400, 'invalid');
    expect(empty.error.fields).toBeDefined();
    const blank = await refused(() => as.kz.patch(`/api/v1/threads/${id}`, { title: '  ' }), 400, 'invalid');
    expect(blank.error.fields).toHaveProperty('title');
    await refused(() => as.kz.patch(`/api/v1/threads/${id}`, { topic: 'no-such-topic' }), 400, 'invalid');
    await refused(() => as.kz.patch(`/api/v1/threads/${id}`, { states: ['XX'] }), 400, 'invalid');
    await refused(() => as.kz.patch(`/api/v1/threads/${id}`, { visibility: 'discreet' }), 400, 'invalid');
    const discreet = await room(as.facilitator, 'Closed consultations on glaciers', { visibility: 'discreet' });
    const hidden = await refused(() => as.kz.patch(`/api/v1/threads/${discreet}`, { title: 'x' }), 404, 'not_found');
    const missing = await refused(() => as.kz.patch(`/api/v1/threads/99999999`, { title: 'x' }), 404, 'not_found');
    expect(hidden).toEqual(missing);
  });

  it('a topic change moves the dashboard’s counts with it', async () => {
    const id = await room(as.kz, 'Counting by topic');
    const initiative = await as.kz.post(`/api/v1/threads/${id}/initiatives`, {
      title: 'Shared gauges',
      summary: 'x',
      states: ['KZ', 'UZ'],
    });
    expect(initiative.status).toBe(201);
    expect((await as.kz.put(`/api/v1/initiatives/${initiative.body.id}/stances/KZ`, { position: 'endorse' })).status).toBe(200);
    const before = (await as.kz.get('/api/v1/dashboard')).body.totals;
    expect((await as.kz.patch(`/api/v1/threads/${id}`, { topic: 'energy' })).status).toBe(200);
    const after = (await as.kz.get('/api/v1/dashboard')).body.totals;
    expect(after.byTopic.energy ?? 0).toBe((before.byTopic.energy ?? 0) + 1);
    expect(after.byTopic.water ?? 0).toBe((before.byTopic.water ?? 0) - 1);
    expect(after.endorsed['KZ:energy'] ?? 0).toBe((before.endorsed['KZ:energy'] ?? 0) + 1);
    expect(after.endorsed['KZ:water'] ?? 0).toBe((before.endorsed['KZ:water'] ?? 0) - 1);
  });

  it('is archived by a facilitator only: read-only from then on, 409 on every transport, and says so on its page', async () => {
    const id = await room(as.kz, 'Mudflow warnings');
    const message = await say(as.kz, id, 'The warning sirens were tested.');
    const initiative = await as.kz.post(`/api/v1/threads/${id}/initiatives`, {
      title: 'Sirens',
      summary: 'x',
      states: ['KZ', 'UZ'],
      openToJoin: true,
    });
    expect(initiative.status).toBe(201);
    const iid = initiative.body.id;
    await refused(() => as.kz.post(`/api/v1/threads/${id}/archive`), 403, 'forbidden');
    const socket = await connect(server.url, as.uz.cookieHeader());
    try {
      expect((await socket.call('subscribe', { channel: `thread:${id}` })).ok).toBe(true);
      const r = await as.facilitator.post(`/api/v1/threads/${id}/archive`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.archivedAt).toEqual(expect.any(String));
      await socket.waitFor((list) => list.some((e) => e.type === 'thread.archived' && e.threadId === id));

      await refused(() => as.facilitator.post(`/api/v1/threads/${id}/archive`), 409, 'conflict');
      await refused(() => as.kz.post(`/api/v1/threads/${id}/messages`, { body: 'Too late' }), 409, 'conflict');
      await refused(
        () => as.kz.post(`/api/v1/threads/${id}/initiatives`, { title: 'Late', summary: 'x', states: ['KZ', 'UZ'] }),
        409,
        'conflict',
      );
      await refused(() => as.kz.put(`/api/v1/initiatives/${iid}/stances/KZ`, { position: 'endorse' }), 409, 'conflict');
      await refused(() => as.tj.post(`/api/v1/initiatives/${iid}/join`), 409, 'conflict');
      await refused(() => as.expert.post(`/api/v1/initiatives/${iid}/endorsements`), 409, 'conflict');
      await refused(() => as.kz.patch(`/api/v1/initiatives/${iid}`, { title: 'Renamed' }), 409, 'conflict');
      await refused(() => as.kz.patch(`/api/v1/threads/${id}`, { title: 'Renamed' }), 409, 'conflict');
      await refused(() => as.kz.patch(`/api/v1/messages/${message}`, { body: 'Corrected' }), 409, 'conflict');
      await refused(() => as.kz.delete(`/api/v1/messages/${message}`), 409, 'conflict');

      await watch.mark();
      const ack = await socket.call('message:send', { threadId: id, body: 'Over the socket' });
      expect(ack).toMatchObject({ ok: false, error: 'conflict' });
      const action = await callAction(as.kz, `/rooms/${id}`, 'postMessageAction', [id], { body: 'Through the form' });
      expect(action.result).toMatchObject({ ok: false, code: 'conflict' });
      expect((await watch.changes()).tables).toEqual([]);
      expect(await watch.unchangedContent()).toBe(true);
    } finally {
      socket.close();
    }
    // Still read by whoever could read it, with a clear notice and no write form.
    const { status, html } = await page(as.uz, `/rooms/${id}`);
    expect(status).toBe(200);
    expect(html).toContain('data-testid="archived-notice"');
    expect(html).not.toContain('id="message-body"');
    expect((await messages(as.uz, id)).map((m) => m.id)).toContain(message);
    // Its initiative's page says so too, and offers no stance, support, joining or edit.
    const initiativePage = await page(as.kz, `/initiatives/${iid}`);
    expect(initiativePage.html).toContain('data-testid="archived-notice"');
    for (const control of ['data-testid="endorse"', 'name="position"', `href="/initiatives/${iid}/edit"`]) {
      expect(initiativePage.html).not.toContain(control);
    }
    // Reached by an old link, the proposal and edit pages say so instead of offering a form.
    for (const path of [`/rooms/${id}/propose`, `/initiatives/${iid}/edit`]) {
      const { status: pageStatus, html: formPage } = await page(as.facilitator, path);
      expect(pageStatus, path).toBe(200);
      expect(formPage, path).toContain('data-testid="archived-notice"');
      expect(formPage, path).not.toContain('name="title"');
    }
  });
});

describe('messages', () => {
  it('the author edits within 15 minutes: marked edited, the earlier text kept for facilitators only', async () => {
    const id = await room(as.facilitator, 'Edits');
    const mid = await say(as.kz, id, 'First draft of the quota figure: 12 cubic km');
    const r = await as.kz.patch(`/api/v1/messages/${mid}`, { body: 'Corrected quota figure: 14 cubic km' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: mid, body: 'Corrected quota figure: 14 cubic km', editedAt: expect.any(String), removed: null });
    const listed = (await messages(as.uz, id)).find((m) => m.id === mid);
    expect(listed).toMatchObject({ body: 'Corrected quota figure: 14 cubic km', editedAt: expect.any(String) });
    const edited = (await events(as.uz, id)).filter((e) => e.type === 'message.edited');
    expect(edited).toHaveLength(1);
    // The replay shows the message as it now stands: the first draft is for facilitators only.
    expect(JSON.stringify(await events(as.uz, id))).not.toContain('First draft');
    const history = await as.facilitator.get(`/api/v1/messages/${mid}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([expect.objectContaining({ body: 'First draft of the quota figure: 12 cubic km' })]);
    await refused(() => as.kz.get(`/api/v1/messages/${mid}/history`), 403, 'forbidden');
    await refused(() => as.uz.get(`/api/v1/messages/${mid}/history`), 403, 'forbidden');
    expect((await search(as.uz, 'corrected quota')).some((i) => i.kind === 'message' && i.id === mid)).toBe(true);
    expect((await search(as.uz, 'draft quota')).some((i) => i.kind === 'message' && i.id === mid)).toBe(false);
  });

  it('refuses an edit by another (403), after 15 minutes (409), and bad input (400), writing nothing', async () => {
    const id = await room(as.facilitator, 'Late edits');
    const mid = await say(as.kz, id, 'Said a while ago');
    await refused(() => as.uz.patch(`/api/v1/messages/${mid}`, { body: 'Not mine' }), 403, 'forbidden');
    await refused(() => as.facilitator.patch(`/api/v1/messages/${mid}`, { body: 'Not mine either' }), 403, 'forbidden');
    await refused(() => as.kz.patch(`/api/v1/messages/${mid}`, { body: '   ' }), 400, 'invalid');
    await refused(() => as.kz.patch(`/api/v1/messages/${mid}`, { body: 'x', extra: 1 }), 400, 'invalid');
    await refused(() => as.kz.patch(`/api/v1/messages/${mid}`, { body: 'x'.repeat(4001) }), 400, 'invalid');
    // Sixteen minutes ago, in the database itself.
    await server.execute(`UPDATE messages SET created_at = ? WHERE id = ?`, new Date(Date.now() - 16 * 60_000).toISOString(), mid);
    const late = await refused(() => as.kz.patch(`/api/v1/messages/${mid}`, { body: 'Too late to fix' }), 409, 'conflict');
    expect(late.error.message).toMatch(/15 minutes/);
    await refused(() => as.kz.patch(`/api/v1/messages/99999999`, { body: 'x' }), 404, 'not_found');
  });

  it('the author retracts: "retracted" for everyone, no text anywhere; others may not (403), and not twice (409)', async () => {
    const id = await room(as.facilitator, 'Retractions');
    const mid = await say(as.kz, id, 'Withdrawn words');
    await refused(() => as.uz.delete(`/api/v1/messages/${mid}`), 403, 'forbidden');
    await refused(() => as.facilitator.delete(`/api/v1/messages/${mid}`), 403, 'forbidden');
    const r = await as.kz.delete(`/api/v1/messages/${mid}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: mid, body: '', removed: 'retracted' });
    for (const who of [as.kz, as.uz, as.facilitator]) {
      expect((await messages(who, id)).find((m) => m.id === mid)).toMatchObject({ body: '', removed: 'retracted' });
    }
    await refused(() => as.kz.delete(`/api/v1/messages/${mid}`), 409, 'conflict');
    await refused(() => as.kz.patch(`/api/v1/messages/${mid}`, { body: 'Back again' }), 409, 'conflict');
  });

  it('a facilitator hides with a reason: kept for facilitators with the reason, gone for the others; no reason → 400', async () => {
    const id = await room(as.facilitator, 'Hiding');
    const mid = await say(as.kz, id, 'An insult to the delegation');
    const noReason = await refused(() => as.facilitator.post(`/api/v1/messages/${mid}/hide`, {}), 400, 'invalid');
    expect(noReason.error.fields).toHaveProperty('reason');
    await refused(() => as.facilitator.post(`/api/v1/messages/${mid}/hide`, { reason: '   ' }), 400, 'invalid');
    await refused(() => as.uz.post(`/api/v1/messages/${mid}/hide`, { reason: 'I do not like it' }), 403, 'forbidden');
    await refused(() => as.kz.post(`/api/v1/messages/${mid}/hide`, { reason: 'Mine' }), 403, 'forbidden');
    const r = await as.facilitator.post(`/api/v1/messages/${mid}/hide`, { reason: 'Personal attack' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ body: 'An insult to the delegation', removed: 'hidden', hiddenReason: 'Personal attack' });
    expect((await messages(as.facilitator, id)).find((m) => m.id === mid)).toMatchObject({
      body: 'An insult to the delegation',
      hiddenReason: 'Personal attack',
    });
    for (const who of [as.kz, as.uz, as.observer]) {
      const seen = (await messages(who, id)).find((m) => m.id === mid);
      expect(seen).toMatchObject({ body: '', removed: 'hidden' });
      expect(seen).not.toHaveProperty('hiddenReason');
    }
    await refused(() => as.facilitator.post(`/api/v1/messages/${mid}/hide`, { reason: 'Again' }), 409, 'conflict');
    await refused(() => as.kz.patch(`/api/v1/messages/${mid}`, { body: 'Softened' }), 409, 'conflict');
    const hidden = (await events(as.uz, id)).find((e) => e.type === 'message.hidden');
    expect(JSON.stringify(hidden)).not.toContain('Personal attack');
  });
});

describe('reports', () => {
  it('anyone who can read a message reports it once; facilitators see the queue and close reports', async () => {
    const id = await room(as.facilitator, 'Reports');
    const mid = await say(as.kz, id, 'A doubtful claim about the dam');
    const r = await as.observer.post(`/api/v1/messages/${mid}/reports`, { reason: 'Misleading' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await refused(() => as.observer.post(`/api/v1/messages/${mid}/reports`, { reason: 'Again' }), 409, 'conflict');
    await refused(() => as.uz.post(`/api/v1/messages/${mid}/reports`, {}), 400, 'invalid');
    const queue = await as.facilitator.get('/api/v1/reports');
    expect(queue.status).toBe(200);
    expect(queue.body).toHaveProperty('next');
    const item = queue.body.items.find((i: any) => i.id === r.body.id);
    expect(item).toMatchObject({ messageId: mid, threadId: id, reason: 'Misleading', resolution: null });
    expect(item.message.body).toBe('A doubtful claim about the dam');
    await refused(() => as.kz.get('/api/v1/reports'), 403, 'forbidden');
    await refused(() => as.observer.get('/api/v1/reports'), 403, 'forbidden');
    await refused(() => as.facilitator.get('/api/v1/reports?status=maybe'), 400, 'invalid');
    await refused(() => as.kz.post(`/api/v1/reports/${r.body.id}/resolve`, { resolution: 'dismissed' }), 403, 'forbidden');
    await refused(() => as.facilitator.post(`/api/v1/reports/${r.body.id}/resolve`, { resolution: 'maybe' }), 400, 'invalid');
    const closed = await as.facilitator.post(`/api/v1/reports/${r.body.id}/resolve`, { resolution: 'dismissed' });
    expect(closed.status).toBe(200);
    await refused(() => as.facilitator.post(`/api/v1/reports/${r.body.id}/resolve`, { resolution: 'resolved' }), 409, 'conflict');
    expect((await as.facilitator.get('/api/v1/reports')).body.items.some((i: any) => i.id === r.body.id)).toBe(false);
    expect((await as.facilitator.get('/api/v1/reports?status=dismissed')).body.items.some((i: any) => i.id === r.body.id)).toBe(true);
    // The report is not the room's business: its readers never receive it.
    expect((await events(as.uz, id)).some((e) => e.type.startsWith('report') || e.type === 'message.reported')).toBe(false);
  });

  it('reporting what one cannot see answers 404 exactly like a message that does not exist, writing nothing', async () => {
    const discreet = await room(as.facilitator, 'Closed talks on reports', { visibility: 'discreet' });
    expect((await as.facilitator.post(`/api/v1/threads/${discreet}/members`, { userId: ids.tj })).status).toBe(201);
    const mid = await say(as.tj, discreet, 'Only for the table');
    const missing = await refused(() => as.kz.post(`/api/v1/messages/99999999/reports`, { reason: 'x' }), 404, 'not_found');
    for (const who of [as.kz, as.observer, as.partner]) {
      expect(await refused(() => who.post(`/api/v1/messages/${mid}/reports`, { reason: 'x' }), 404, 'not_found')).toEqual(missing);
      expect(await refused(() => who.patch(`/api/v1/messages/${mid}`, { body: 'x' }), 404, 'not_found')).toEqual(missing);
      expect(await refused(() => who.post(`/api/v1/messages/${mid}/hide`, { reason: 'x' }), 404, 'not_found')).toEqual(missing);
      expect(await refused(() => who.delete(`/api/v1/messages/${mid}`), 404, 'not_found')).toEqual(missing);
    }
    expect((await as.tj.post(`/api/v1/messages/${mid}/reports`, { reason: 'A member may' })).status).toBe(201);
  });
});

describe('a retracted or hidden text is absent from every entry point', () => {
  for (const how of ['retracted', 'hidden'] as const) {
    it(`${how}: room page, messages API, search, events replay, socket replay and live events, exports`, async () => {
      const word = how === 'retracted' ? 'Zephyrglass' : 'Quillmoraine';
      const id = await room(as.facilitator, `Entry points, ${how}`, { attribution: 'chatham' });
      const live = await connect(server.url, as.uz.cookieHeader());
      let replayed: LiveSocket | null = null;
      try {
        expect((await live.call('subscribe', { channel: `thread:${id}` })).ok).toBe(true);
        const mid = await say(as.kz, id, `The ${word} figures for the basin`);
        await live.waitFor((list) => list.some((e) => e.type === 'message.created' && (e.payload.message as any).id === mid));
        const r =
          how === 'retracted'
            ? await as.kz.delete(`/api/v1/messages/${mid}`)
            : await as.facilitator.post(`/api/v1/messages/${mid}/hide`, { reason: 'Off topic' });
        expect(r.status).toBe(200);
        await live.waitFor((list) => list.some((e) => e.type === `message.${how}`));
        const change = live.events.find((e) => e.type === `message.${how}`)!;
        expect(JSON.stringify(change)).not.toContain(word);
        expect(change.payload).toMatchObject({ message: { id: mid, removed: how } });

        const readers = [as.uz, as.tj, as.observer, as.expert, ...(how === 'retracted' ? [as.facilitator, as.kz] : [as.kz])];
        for (const reader of readers) {
          const { html } = await page(reader, `/rooms/${id}`);
          expect(html).toContain(`data-removed="${how}"`);
          expect(html, 'room page').not.toContain(word);
          expect(JSON.stringify(await messages(reader, id)), 'messages API').not.toContain(word);
          expect(await search(reader, word), 'search').toEqual([]);
          expect(JSON.stringify(await events(reader, id)), 'events API').not.toContain(word);
          expect(JSON.stringify((await reader.get('/api/v1/events?since=0&limit=1000')).body), 'events API').not.toContain(word);
          for (const path of ['/api/v1/export/initiatives.csv', '/api/v1/export/initiatives.json', '/api/v1/dashboard']) {
            expect((await reader.raw('GET', path).then((res) => res.text())).includes(word), path).toBe(false);
          }
        }
        // A socket that comes back with `since` replays the message as it now stands.
        replayed = await connect(server.url, as.uz.cookieHeader());
        const ack = await replayed.call('subscribe', { channel: `thread:${id}`, since: 0 });
        expect(ack.ok).toBe(true);
        expect(ack.missed.some((e: any) => e.type === 'message.created' && e.payload.message.id === mid)).toBe(true);
        expect(JSON.stringify(ack.missed), 'socket replay').not.toContain(word);
        // Nor is it kept where a later reader could find it: the index and the event log.
        const stored = await server.query<{ payload: string }>(`SELECT payload FROM events WHERE thread_id = ?`, id);
        expect(JSON.stringify(stored)).not.toContain(word);
        if (server.dialect === 'sqlite') {
          expect(await server.query(`SELECT rowid FROM search_index WHERE search_index MATCH ?`, word.toLowerCase())).toEqual([]);
        } else {
          expect(await server.query(`SELECT ref_id FROM search_index WHERE kind = 3 AND ref_id = ?`, mid)).toEqual([]);
        }
        // Chatham House: no event of the room names anyone.
        expect(JSON.stringify(await events(as.uz, id))).not.toMatch(/"name"/);
        if (how === 'hidden') {
          const { html } = await page(as.facilitator, `/rooms/${id}`);
          expect(html).toContain(word);
          expect(html).toContain('Off topic');
        } else {
          const [{ body }] = await server.query<{ body: string }>(`SELECT body FROM messages WHERE id = ?`, mid);
          expect(body).toBe('');
        }
      } finally {
        live.close();
        replayed?.close();
      }
    });
  }
});

describe('audit', () => {
  it('lists facilitator actions, filterable by facilitator, action and days; others are refused', async () => {
    const id = await room(as.kz, 'Audited room');
    const mid = await say(as.kz, id, 'To be hidden for the audit');
    expect((await as.facilitator.post(`/api/v1/messages/${mid}/hide`, { reason: 'Audit reason' })).status).toBe(200);
    expect((await as.facilitator.post(`/api/v1/threads/${id}/archive`)).status).toBe(200);
    const all = await as.facilitator.get('/api/v1/audit');
    expect(all.status).toBe(200);
    expect(all.body).toHaveProperty('next');
    const mine = all.body.items.filter((e: any) => e.threadId === id);
    expect(mine.map((e: any) => e.type)).toEqual(['thread.archived', 'message.hidden']);
    expect(mine[1]).toMatchObject({ reason: 'Audit reason', facilitator: { id: ids.facilitator } });
    // The delegate's own acts are not facilitator actions.
    expect(all.body.items.some((e: any) => e.facilitator.id === ids.kz)).toBe(false);
    const hidden = (await as.facilitator.get('/api/v1/audit?type=message.hidden')).body.items;
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((e: any) => e.type === 'message.hidden')).toBe(true);
    expect((await as.facilitator.get(`/api/v1/audit?facilitator=${ids.kz}`)).body.items).toEqual([]);
    expect((await as.facilitator.get(`/api/v1/audit?facilitator=${ids.facilitator}`)).body.items.length).toBeGreaterThan(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await as.facilitator.get(`/api/v1/audit?from=${today}&to=${today}`)).body.items.some((e: any) => e.threadId === id)).toBe(true);
    expect((await as.facilitator.get(`/api/v1/audit?to=2000-01-01`)).body.items).toEqual([]);
    const paged = await as.facilitator.get('/api/v1/audit?limit=1');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.next).not.toBeNull();
    const second = await as.facilitator.get(`/api/v1/audit?limit=1&cursor=${paged.body.next}`);
    expect(second.body.items[0].id).toBeLessThan(paged.body.items[0].id);
    await refused(() => as.facilitator.get('/api/v1/audit?from=yesterday'), 400, 'invalid');
    await refused(() => as.facilitator.get('/api/v1/audit?type=nothing.happened'), 400, 'invalid');
    await refused(() => as.facilitator.get('/api/v1/audit?from=2026-12-02&to=2026-01-01'), 400, 'invalid');
    for (const who of [as.kz, as.observer, as.partner]) await refused(() => who.get('/api/v1/audit'), 403, 'forbidden');
    expect((await page(as.facilitator, '/facilitation/audit')).status).toBe(200);
    expect((await page(as.facilitator, '/facilitation/reports')).status).toBe(200);
    for (const who of [as.kz, as.observer]) {
      expect((await page(who, '/facilitation/audit')).status).toBe(404);
      expect((await page(who, '/facilitation/reports')).status).toBe(404);
    }
  });
});

describe('observers and discreet rooms', () => {
  it('an observer is never seated in a discreet room, archived or not', async () => {
    const id = await room(as.facilitator, 'Discreet and archived', { visibility: 'discreet' });
    await refused(() => as.facilitator.post(`/api/v1/threads/${id}/members`, { userId: ids.observer }), 403, 'forbidden');
    expect((await as.facilitator.post(`/api/v1/threads/${id}/archive`)).status).toBe(200);
    await refused(() => as.facilitator.post(`/api/v1/threads/${id}/members`, { userId: ids.observer }), 403, 'forbidden');
  });
});
