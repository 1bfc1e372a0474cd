import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signInAll, type Client, type DemoKey } from '../helpers/client';
import { DatabaseWatch } from '../helpers/db-watch';
import { startServer, type TestServer } from '../helpers/server';

/**
 * Full-text search (PRODUCT.md, "Notifications and search"), against the real server on either
 * database: ranking, Russian and English word forms, highlighted snippets, only what the caller
 * may see (discreet rooms, observers), never a Chatham message by its author's name, bad queries
 * refused writing nothing, and the index following each change in the same transaction.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
let watch: DatabaseWatch;
const ids = { openRoom: 0, otherRoom: 0, discreetRoom: 0, chathamRoom: 0, titleInitiative: 0, bodyMessage: 0 };
const m: Record<string, number> = {};

interface Item {
  kind: 'thread' | 'initiative' | 'message';
  id: number;
  threadId: number;
  title: string;
  snippet: { text: string; match: boolean }[];
  createdAt: string;
}

async function find(client: Client, q: string, extra = ''): Promise<Item[]> {
  const response = await client.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body).toHaveProperty('next');
  return response.body.items;
}

const has = (items: Item[], kind: Item['kind'], id: number) => items.some((i) => i.kind === kind && i.id === id);

async function room(client: Client, title: string, summary: string, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await client.post('/api/v1/threads', { title, topic: 'water', summary, states: ['KZ', 'UZ'], ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

async function say(client: Client, threadId: number, body: string): Promise<number> {
  const r = await client.post(`/api/v1/threads/${threadId}/messages`, { body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000' } });
  as = await signInAll(server.url);
  watch = new DatabaseWatch(server);
  ids.openRoom = await room(as.facilitator, 'Tamarisk belts along the canals', 'Planting windbreaks on the Karakum canal.');
  ids.otherRoom = await room(as.facilitator, 'Irrigation scheduling', 'Who opens which gate, and when.');
  m.tamariskBody = await say(as.kz, ids.otherRoom, 'Our farmers asked about tamarisk again, as a side note.');
  m.rivers = await say(as.kz, ids.otherRoom, 'The rivers of the basin feed three reservoirs before the delta.');
  m.russian = await say(as.uz, ids.otherRoom, 'Предлагаем делиться водой по сезонным квотам, без новых бюрократий.');
  m.xss = await say(as.uz, ids.otherRoom, 'Hedgehogmarker <img src=x onerror=alert(1)> <b>bold</b>');
  const initiative = await as.kz.post(`/api/v1/threads/${ids.otherRoom}/initiatives`, {
    title: 'Sturgeon ladders at the dams',
    summary: 'Fish passes so that sturgeon reach the spawning grounds.',
    states: ['KZ', 'UZ'],
  });
  expect(initiative.status).toBe(201);
  ids.titleInitiative = initiative.body.id;

  ids.discreetRoom = await room(as.facilitator, 'Quietwharf consultations', 'Only for members.', { visibility: 'discreet' });
  const tj = (await as.tj.get('/api/v1/me')).body.id;
  expect((await as.facilitator.post(`/api/v1/threads/${ids.discreetRoom}/members`, { userId: tj })).status).toBe(201);
  m.discreet = await say(as.tj, ids.discreetRoom, 'A quietwharf proposal on the Vakhsh releases.');

  ids.chathamRoom = await room(as.facilitator, 'Remittance corridors', 'Under the Chatham House rule.', { attribution: 'chatham' });
  m.chatham = await say(as.kz, ids.chathamRoom, 'Remittance fees fell by half through the new corridor.');
});
afterAll(async () => {
  await watch?.close();
  await server?.stop();
});

describe('search', () => {
  it('ranks a title match above a body match, and answers kinds, rooms and snippets', async () => {
    const items = await find(as.expert, 'tamarisk');
    const room = items.findIndex((i) => i.kind === 'thread' && i.id === ids.openRoom);
    const message = items.findIndex((i) => i.kind === 'message' && i.id === m.tamariskBody);
    expect(room).toBeGreaterThanOrEqual(0);
    expect(message).toBeGreaterThan(room);
    expect(items[message]).toMatchObject({ threadId: ids.otherRoom, title: 'Irrigation scheduling' });
    expect(items[message].snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['tamarisk']);

    const sturgeon = await find(as.expert, 'sturgeon');
    expect(sturgeon[0]).toMatchObject({
      kind: 'initiative',
      id: ids.titleInitiative,
      threadId: ids.otherRoom,
      initiativeId: ids.titleInitiative,
    });
  });

  it('finds Russian and English word forms, and marks the words found in the snippet', async () => {
    for (const q of ['вода', 'водой', 'воды', 'ВОДУ']) {
      const items = await find(as.expert, q);
      expect(has(items, 'message', m.russian), q).toBe(true);
      const item = items.find((i) => i.id === m.russian && i.kind === 'message')!;
      expect(item.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['водой']);
      expect(item.snippet.map((s) => s.text).join('')).toBe('Предлагаем делиться водой по сезонным квотам, без новых бюрократий.');
    }
    for (const q of ['river', 'rivers', 'River']) expect(has(await find(as.expert, q), 'message', m.rivers), q).toBe(true);
    // Every word is required: a word that is nowhere finds nothing.
    expect(has(await find(as.expert, 'rivers zzyzxnowhere'), 'message', m.rivers)).toBe(false);
    expect(has(await find(as.expert, 'basin reservoirs'), 'message', m.rivers)).toBe(true);
  });

  it('filters by kind and pages with a cursor', async () => {
    const messages = await find(as.expert, 'tamarisk', '&kind=message');
    expect(messages.every((i) => i.kind === 'message')).toBe(true);
    expect(has(messages, 'message', m.tamariskBody)).toBe(true);
    const first = await as.expert.get('/api/v1/search?q=tamarisk&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.next).toBe('1');
    const second = await as.expert.get(`/api/v1/search?q=tamarisk&limit=1&cursor=${first.body.next}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]).not.toEqual(first.body.items[0]);
  });

  it("never shows a discreet room's content to outsiders or observers, and shows it to its members", async () => {
    for (const who of ['kz', 'uz', 'expert', 'civil', 'partner', 'observer'] as const) {
      const items = await find(as[who], 'quietwharf');
      expect(items, who).toEqual([]);
    }
    for (const who of ['tj', 'facilitator'] as const) {
      const items = await find(as[who], 'quietwharf');
      expect(has(items, 'thread', ids.discreetRoom), who).toBe(true);
      expect(has(items, 'message', m.discreet), who).toBe(true);
    }
  });

  it("never finds a Chatham room's message by its author's name, and names no author", async () => {
    const directory = (await as.facilitator.get('/api/v1/participants')).body.items as { name: string; email: string }[];
    const author = directory.find((p) => p.email === DEMO.kz)!;
    for (const part of [author.name, ...author.name.split(/\s+/), author.email]) {
      const items = await find(as.expert, part);
      expect(
        items.filter((i) => i.threadId === ids.chathamRoom),
        part,
      ).toEqual([]);
    }
    const items = await find(as.expert, 'remittance corridor');
    expect(has(items, 'message', m.chatham)).toBe(true);
    const text = JSON.stringify(items);
    expect(text).not.toContain(author.name);
    expect(text).not.toContain(author.email);
  });

  it('refuses an empty, blank, wordless or over-long query and a bad kind or cursor with 400, writing nothing', async () => {
    await watch.mark();
    for (const [query, field] of [
      ['', 'q'],
      ['q=', 'q'],
      ['q=%20%20%20', 'q'],
      ['q=%21%3F%20-%20%2A', 'q'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['q=river&kind=room', 'kind'],
      ['q=river&cursor=abc', 'cursor'],
      ['q=river&cursor=5000', 'cursor'],
      ['q=river&limit=0', 'limit'],
    ] as const) {
      const r = await as.expert.get(`/api/v1/search?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code, query).toBe('invalid');
      expect(typeof r.body.error.message).toBe('string');
      expect(Object.keys(r.body.error.fields), query).toEqual([field]);
    }
    expect((await new (as.expert.constructor as typeof Client)(server.url).get('/api/v1/search?q=river')).status).toBe(401);
    expect((await as.expert.get(`/api/v1/search?q=${'a'.repeat(200)}`)).status).toBe(200);
    expect((await watch.changes()).tables).toEqual([]);
    expect(await watch.unchangedContent()).toBe(true);
  });

  it('follows edits: an edited title is found by its new words and no longer by the old', async () => {
    const r = await as.kz.patch(`/api/v1/initiatives/${ids.titleInitiative}`, { title: 'Paddlefish corridors at the dams' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(has(await find(as.expert, 'paddlefish'), 'initiative', ids.titleInitiative)).toBe(true);
    expect(has(await find(as.expert, 'corridor', '&kind=initiative'), 'initiative', ids.titleInitiative)).toBe(true);
    // The old title's own word is in no text any more.
    const ladders = await find(as.expert, 'ladders');
    expect(has(ladders, 'initiative', ids.titleInitiative)).toBe(false);
    // A new message is found at once.
    const id = await say(as.uz, ids.otherRoom, 'Saxaul seedlings for the dried seabed.');
    expect(has(await find(as.expert, 'saxaul'), 'message', id)).toBe(true);
  });

  it('ranks a very common word among its newest 1,000 messages the caller may see, with every room, and pages without gaps or duplicates', async () => {
    // RANKED_MESSAGES_MAX in lib/services/search/search.ts, and results go 1,000 deep.
    const CAP = 1000;
    const titled = await room(as.facilitator, 'Zephyrine allocations', 'Quarterly shares.');
    const summarized = await room(as.facilitator, 'Gauging stations', 'Where the zephyrine gauges stand, and who reads them.');
    // The oldest message would rank best of all of them (the word three times): the cap leaves it out.
    const oldest = await say(as.kz, titled, 'zephyrine zephyrine zephyrine');
    const posted: number[] = [];
    for (let batch = 0; batch < 11; batch++) {
      // Every later message alike (three words, the word once): equal ranks, so the newest come first.
      const batchIds = await Promise.all(Array.from({ length: 100 }, (_, i) => say(as.uz, titled, `zephyrine note ${batch * 100 + i}`)));
      posted.push(...batchIds);
    }
    // The newest of all are in a discreet room the expert may not see: they do not take the expert's places.
    const hidden: number[] = [];
    for (let i = 0; i < 5; i++) hidden.push(await say(as.tj, ids.discreetRoom, `zephyrine note hidden${i}`));
    const newest = [...posted].sort((a, b) => b - a).slice(0, CAP);

    const seen: Item[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const r: { status: number; body: any } = await as.expert.get(
        `/api/v1/search?q=zephyrine&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      seen.push(...r.body.items);
      cursor = r.body.next;
      if (++pages > 30) throw new Error('paging did not end');
    }
    const keys = seen.map((i) => `${i.kind}:${i.id}`);
    expect(new Set(keys).size, 'no duplicates').toBe(keys.length);
    expect([...keys].sort(), 'no gaps: the rooms and the newest visible messages, nothing else').toEqual(
      [`thread:${titled}`, `thread:${summarized}`, ...newest.map((id) => `message:${id}`)].sort(),
    );
    expect(keys).not.toContain(`message:${oldest}`);
    for (const id of hidden) expect(keys).not.toContain(`message:${id}`);
    // The title match first; the messages, equal in rank, newest first.
    expect(seen[0]).toMatchObject({ kind: 'thread', id: titled });
    expect(seen.filter((i) => i.kind === 'message').map((i) => i.id)).toEqual(newest);

    // The same word with a kind, and for a member of the discreet room, whose newest messages these are.
    const messages = await as.expert.get('/api/v1/search?q=zephyrine&kind=message&limit=5');
    expect(messages.body.items.map((i: Item) => i.id)).toEqual(newest.slice(0, 5));
    const rooms = await as.expert.get('/api/v1/search?q=zephyrine&kind=thread');
    expect(rooms.body.items.map((i: Item) => i.id)).toEqual([titled, summarized]);
    const member = await as.tj.get('/api/v1/search?q=zephyrine&kind=message&limit=5');
    expect(member.body.items.map((i: Item) => i.id)).toEqual([...hidden].reverse());
  }, 120_000);

  it('renders the search page with marked words, user text escaped, and a count announced', async () => {
    const page = await as.expert.raw('GET', `/search?q=${encodeURIComponent('hedgehogmarker')}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<mark>Hedgehogmarker</mark>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toMatch(/role="status"[^>]*>1 result/);
    const bad = await (await as.expert.raw('GET', `/search?q=${'a'.repeat(300)}`)).text();
    expect(bad).toContain('data-testid="search-error"');
  });
});
